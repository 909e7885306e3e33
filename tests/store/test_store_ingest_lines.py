"""A line of contract JSON prepared from its parsed dict (``store/lines.py``) is what the records'
path prepares (``Analysis.from_dict``, then ``prepare``), field for field; and a line that path
cannot take gets what the records' path gives it (a failure, or the analysis the writer refuses)."""
from __future__ import annotations

import copy
import json

import pytest

from veille.pipeline import Failure
from veille.records import Analysis
from veille.store import lines
from veille.store.prepare import Prepared, from_line, prepare

from kb_corpus import corpus
from kb_samples import article_a, article_b


def _records_path(d: dict):
    return prepare(Analysis.from_dict(d))


def _all() -> list[dict]:
    return [a.to_dict() for a in [article_a(), article_b(), *corpus()]]


@pytest.mark.parametrize("i", range(len(_all())))
def test_a_contract_line_prepares_as_its_records(i):
    d = _all()[i]
    assert lines.prepared(copy.deepcopy(d)) == _records_path(d)


def _sparse() -> dict:
    """A line with every optional key left out or given an odd but accepted value."""
    d = article_a().to_dict()
    for k in ("source", "language", "warnings", "schema", "title", "published"):
        d.pop(k, None)
    d["id"] = 42
    d["warnings"] = "odd"  # a string: its characters, as ``from_dict`` takes it
    for e in d["entities"]:
        for k in ("country", "sector", "role", "kb_id"):
            e.pop(k, None)
        for m in e["mentions"]:
            m.pop("kind", None)
            m["confidence"] = 1  # an int stays an int
    d["entities"][0]["mentions"][0].pop("confidence")
    for q in d["quotes"]:
        q.pop("cue", None)
        if q.get("speaker"):
            q["speaker"].pop("mention", None)
            q["speaker"].pop("entity", None)
    d["quotes"].append({"kind": "direct", "content": dict(d["quotes"][0]["content"])})  # no speaker
    for e in d["events"]:
        for k in ("factuality", "mode", "date", "location", "trigger", "target", "confidence"):
            e.pop(k, None)
        e["source"] = {"country": "FRA"}  # a side with no name
    if d["events"]:
        d["events"][0]["confidence"] = 0.123456
    return d


def test_a_sparse_line_prepares_as_its_records():
    d = _sparse()
    p = lines.prepared(copy.deepcopy(d))
    assert p == _records_path(d)
    assert p.id == "42" and p.language == "und"


def _line(d: dict) -> bytes:
    return json.dumps(d, ensure_ascii=False).encode("utf-8")


def _broken(change) -> dict:
    d = article_a().to_dict()
    change(d)
    return d


BROKEN = {
    "no text": lambda d: d.pop("text"),
    "a mention without its end": lambda d: d["entities"][0]["mentions"][0].pop("end"),
    "a speaker that is a list": lambda d: d["quotes"][0].update(speaker=["x"]),
    "a quote without content": lambda d: d["quotes"][0].update(content=None),
    "a confidence that is not a number": lambda d: d["entities"][0]["mentions"][0].update(confidence="high"),
    "a text that is a number": lambda d: d.update(text=7),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_line_the_dict_path_cannot_take_gets_what_the_records_path_gives(name):
    d = _broken(BROKEN[name])
    got, ihash = from_line("f.jsonl:1", _line(d))
    with pytest.raises(Exception):
        lines.prepared(copy.deepcopy(d))
    try:
        a = Analysis.from_dict(copy.deepcopy(d))
    except Exception as exc:  # the records' path: not an analysis
        assert isinstance(got, Failure) and ihash is None
        assert got.message == f"f.jsonl:1: not an analysis: {type(exc).__name__}: {exc}"
        return
    with pytest.raises(Exception):
        prepare(a)
    assert got == a and ihash  # an analysis the writer refuses with its reason
    assert not isinstance(got, Prepared)
