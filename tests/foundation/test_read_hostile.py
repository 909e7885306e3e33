"""Hostile inputs: each one is reported with its place, and the good articles around it are read."""
from __future__ import annotations

import gzip
import io
import json
import os

import pytest

from veille.errors import InputError
from veille.read import read_paths, read_stream, validate
from veille.read.decode import decode
from veille.read.files import lines
from veille.records import RawArticle, Source

GOOD = {"id": "g", "text": "Le ministre a annoncé jeudi un accord avec Berlin."}


def _items(*paths):
    return list(read_paths([str(p) for p in paths]))


def _errors(items):
    return [str(i) for i in items if isinstance(i, InputError)]


def _jsonl(path, *records):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


# -- record fields -------------------------------------------------------------------------------

@pytest.mark.parametrize("record, message", [
    ('{"id": "s", "text": "Il a dit \\ud800 jeudi."}', "field 'text' holds an unpaired surrogate"),
    ({"text": "x", "lang": 5}, "field 'lang' must be a string, not a number"),
    ({"text": "x", "title": 42}, "field 'title' must be a string, not a number"),
    ({"text": ["a", "b"]}, "field 'text' must be a string, not a list"),
    ({"text": "x", "id": {"a": 1}}, "field 'id' must be a string or an integer"),
    ({"text": "x", "published": 20190510}, "field 'published' must be a string"),
    ('["not", "an", "object"]', "must be an object, not a list"),
])
def test_a_record_of_the_wrong_shape_is_reported_and_the_next_one_read(tmp_path, record, message):
    items = _items(_jsonl(tmp_path / "d.jsonl", GOOD, record, {**GOOD, "id": "after"}))
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["g", "after"]
    (error,) = _errors(items)
    assert message in error and "d.jsonl:2" in error


def test_articles_built_in_python_are_checked_too():
    with pytest.raises(InputError, match="field 'language' must be a string"):
        validate(RawArticle(id="x", source=Source(), text="Un texte.", language=5))
    with pytest.raises(InputError, match="unpaired surrogate"):
        validate(RawArticle(id="x", source=Source(), text="Un \udc80 texte."))
    assert validate(RawArticle(id=7, source=Source(), text="Un texte.")).id == "7"


# -- special files and links ------------------------------------------------------------------------

def test_links_and_special_files_in_a_folder_are_reported_and_skipped(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text("Un texte ordinaire.", encoding="utf-8")
    os.symlink("/nonexistent/file", d / "dangling.txt")
    os.symlink("loop.txt", d / "loop.txt")
    os.mkfifo(d / "pipe.txt")            # reading it would block for ever
    os.symlink(d, d / "again")           # a link to a folder is not followed
    items = _items(d)
    assert [i.text for i in items if isinstance(i, RawArticle)] == ["Un texte ordinaire."]
    errors = " | ".join(_errors(items))
    assert "dangling.txt: broken symbolic link" in errors
    assert "loop.txt: symbolic link loop" in errors
    assert "pipe.txt: not a regular file (a FIFO)" in errors


def test_a_fifo_given_by_name_is_not_called_missing(tmp_path):
    os.mkfifo(tmp_path / "p.txt")
    (error,) = _errors(_items(tmp_path / "p.txt"))
    assert "FIFO" in error and "no such file" not in error


# -- compressed and cut files ----------------------------------------------------------------------

def test_a_gzip_cut_in_half_keeps_its_complete_lines(tmp_path):
    data = gzip.compress("".join(json.dumps({**GOOD, "id": i}) + "\n" for i in range(300)).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = _items(tmp_path / "cut.jsonl.gz")
    good = [i for i in items if isinstance(i, RawArticle)]
    assert good and [i.id for i in good] == [str(n) for n in range(len(good))]
    assert isinstance(items[-1], InputError) and "cannot read past line" in str(items[-1])


def test_a_file_named_gz_that_is_not_gzip(tmp_path):
    _jsonl(tmp_path / "plain.jsonl.gz", GOOD)
    (error,) = _errors(_items(tmp_path / "plain.jsonl.gz"))
    assert "plain.jsonl.gz" in error and "gzip" in error.lower()


def test_a_giant_line_is_refused_without_being_held(tmp_path, monkeypatch):
    import veille.read.files as files
    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    with gzip.open(tmp_path / "big.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps(GOOD) + "\n" + json.dumps({"text": "a" * 50_000}) + "\n" + json.dumps({**GOOD, "id": "b"}) + "\n")
    items = _items(tmp_path / "big.jsonl.gz")
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["g", "b"]
    assert "big.jsonl.gz:2: record over the" in _errors(items)[0]


def test_lines_never_hold_more_than_the_limit():
    class Recording(io.BytesIO):
        longest = 0

        def readline(self, size=-1):
            line = super().readline(size)
            Recording.longest = max(Recording.longest, len(line))
            return line

    stream = Recording(b"short\n" + b"x" * 100_000 + b"\nend\n")
    out = list(lines(stream, "s", limit=100))
    assert [o[1] for o in out if not isinstance(o, InputError)] == [b"short\n", b"end\n"]
    assert Recording.longest <= 1 << 20 and sum(isinstance(o, InputError) for o in out) == 1


@pytest.mark.parametrize("name, content", [("empty.jsonl", b""), ("blank.jsonl", b"\n \n"), ("zero.jsonl.gz", b""),
                                           ("empty.warc", b""), ("garbage.warc", b"garbage\n" * 20)])
def test_a_file_with_no_article_is_reported(tmp_path, name, content):
    (tmp_path / name).write_bytes(content)
    (error,) = _errors(_items(tmp_path / name))
    assert name in error


def _warc(tmp_path, gz: bool, n: int = 3) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(n):
        body = f"<html><body><p>Article {i}. " .encode() + "mot ".encode() * 300 + b"</p></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"http://x.example/{i}", "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buf.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_a_truncated_warc_says_its_last_record_is_lost(tmp_path, gz):
    data = _warc(tmp_path, gz)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[:-100])
    items = _items(path)
    assert [i.source.url for i in items if isinstance(i, RawArticle)] == ["http://x.example/0", "http://x.example/1"]
    (error,) = _errors(items)
    assert str(path) in error and ("cut short" in error)
    path.write_bytes(data)
    assert not _errors(_items(path))


# -- encodings --------------------------------------------------------------------------------------

def test_one_bad_byte_does_not_turn_utf8_into_mojibake(tmp_path):
    (tmp_path / "a.txt").write_bytes("Le ministère des Affaires étrangères a parlé.".encode() + b"\xff")
    (item,) = _items(tmp_path / "a.txt")
    assert item.text.startswith("Le ministère des Affaires étrangères") and "Ã" not in item.text
    assert item.warnings == ("1 invalid UTF-8 byte replaced by U+FFFD",)


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", True), ("utf-16-be", True), ("utf-16-le", False),
                                           ("utf-32-le", True)])
def test_utf16_and_utf32_are_read(tmp_path, encoding, bom):
    text = "Le ministre a dit jeudi à l'Élysée : « Non. »"
    (tmp_path / "u.txt").write_bytes(("\ufeff" if bom else "").encode(encoding) + text.encode(encoding))
    (item,) = _items(tmp_path / "u.txt")
    assert item.text == text and "UTF-" in item.warnings[0]


def test_a_utf16_jsonl_dump_is_read(tmp_path):
    (tmp_path / "d.jsonl").write_bytes(("\ufeff" + json.dumps(GOOD, ensure_ascii=False) + "\n").encode("utf-16"))
    (item,) = _items(tmp_path / "d.jsonl")
    assert item.text == GOOD["text"]


def test_a_legacy_encoding_is_detected_and_said():
    d = decode("Le ministre des Affaires étrangères a déclaré jeudi que l'été serait chaud.".encode("cp1252"))
    assert d.text.startswith("Le ministre des Affaires étrangères") and "cp1252" in d.warnings[0]
    assert decode("Déjà vu".encode()).warnings == ()


def test_a_jsonl_line_in_a_legacy_encoding_is_decoded_with_a_warning(tmp_path):
    line = json.dumps({"text": "La coopération économique était à l'ordre du jour."}, ensure_ascii=False)
    (tmp_path / "d.jsonl").write_bytes(line.encode("cp1252") + b"\n")
    (item,) = _items(tmp_path / "d.jsonl")
    assert item.text.startswith("La coopération économique") and item.warnings


def test_stdin_bytes_are_decoded_like_files():
    (item,) = read_stream(io.BytesIO("Été à l'Élysée, ministère des Affaires étrangères.".encode("cp1252")))
    assert item.text.startswith("Été à l'Élysée") and item.warnings
    items = list(read_stream(io.BytesIO(b'{"id": "a", "text": "x"}\n{"id": "b", "text": "\\ud800"}\n')))
    assert [type(i).__name__ for i in items] == ["RawArticle", "InputError"]


@pytest.mark.parametrize("line", ["[" * 100_000, '{"text": "x", "n": ' + "9" * 5000 + "}"])
def test_json_that_python_cannot_parse_is_one_bad_record(tmp_path, line):
    items = _items(_jsonl(tmp_path / "d.jsonl", GOOD, line, {**GOOD, "id": "after"}))
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["g", "after"]
    assert "d.jsonl:2: not readable JSON" in _errors(items)[0]


def test_a_file_name_that_is_not_utf8_is_read_and_named_printably(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("Un texte ordinaire.", encoding="utf-8")
    (item,) = _items(tmp_path)
    assert item.text == "Un texte ordinaire." and item.source.path.endswith("caf\\udce9.txt")
    item.source.path.encode("utf-8")


def test_article_text_nested_300_elements_deep_is_found():
    from veille.clean.html import extract
    body = "<p>" + "Le ministre a annoncé jeudi un accord important avec Berlin sur le commerce. " * 5 + "</p>"
    page = "<html><body>" + "<div>" * 300 + body + "</div>" * 300 + "</body></html>"
    assert "accord important avec Berlin" in extract(page).text
