"""Property-based tests of the readers and the decoder: whatever the bytes, an article or an
InputError comes out, never an exception, and text that was valid comes back unchanged.

Bounded (few examples, no deadline) so that the whole suite stays fast."""
from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.errors import InputError
from veille.read import read_paths
from veille.read.decode import decode
from veille.records import RawArticle

BOUNDED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text of the kind articles hold: letters of any script, punctuation, spaces and newlines.
ARTICLE_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
                       | st.sampled_from("\n\t "), min_size=1, max_size=300)
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=12)
RECORDS = st.dictionaries(st.sampled_from(["id", "text", "html", "title", "url", "lang", "language", "published",
                                           "date", "outlet", "other"]), JSON_VALUES | ARTICLE_TEXT, max_size=6)


def _valid_unicode(s: str | None) -> bool:
    return s is None or s.encode("utf-8") is not None


@BOUNDED
@given(st.binary(max_size=2000))
def test_decode_gives_text_or_an_input_error(data):
    try:
        d = decode(data, "x")
    except InputError:
        return
    assert d.text.strip() and _valid_unicode(d.text)


@BOUNDED
@given(ARTICLE_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_valid_text_comes_back_unchanged(text, encoding):
    try:
        d = decode(text.encode(encoding), "x")
    except InputError as exc:  # blank, or control-like text refused as binary
        assert not text.strip() or "binary" in str(exc)
        return
    assert d.text == text
    assert d.warnings == () if encoding.startswith("utf-8") else d.warnings


@BOUNDED
@given(st.lists(st.one_of(RECORDS.map(json.dumps), st.text(max_size=60), st.binary(max_size=60).map(repr)),
                max_size=8),
       st.booleans())
def test_any_jsonl_dump_gives_articles_or_errors(lines, gz):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d, "dump.jsonl.gz" if gz else "dump.jsonl")
        data = "\n".join(lines).encode("utf-8", "surrogatepass")
        path.write_bytes(gzip.compress(data) if gz else data)
        items = list(read_paths([path]))
    assert items and all(isinstance(i, (RawArticle, InputError)) for i in items)
    for i in items:
        if isinstance(i, RawArticle):
            assert (i.text is None) != (i.html is None)
            for v in (i.id, i.text, i.html, i.title, i.published, i.language, i.source.url, i.source.outlet):
                assert v is None or (isinstance(v, str) and _valid_unicode(v))


@BOUNDED
@given(st.binary(max_size=3000), st.sampled_from(["a.txt", "a.html", "a.htm.gz", "a.jsonl", "a.warc", "a.warc.gz"]))
def test_any_file_gives_articles_or_errors(data, name):
    with tempfile.TemporaryDirectory() as d:
        Path(d, name).write_bytes(data)
        items = list(read_paths([d]))
    assert items and all(isinstance(i, (RawArticle, InputError)) for i in items)
