"""The events list of the API filtered by the event scorer's confidence."""
from __future__ import annotations

from dataclasses import replace

import pytest

from veille.store import filters, open_store, store_analyses

from web_samples import article_en, article_fr
from web_server import start_server, stop_server


@pytest.fixture(scope="module")
def scored_server(tmp_path_factory):
    """The French article's CONSULT sure (0.8), its other events doubtful (0.05); English ones unscored."""
    fr = article_fr()
    events = tuple(replace(e, confidence=0.8 if e.type == "CONSULT" else 0.05) for e in fr.events)
    path = tmp_path_factory.mktemp("webconf") / "kb.db"
    with open_store(path) as kb:
        store_analyses(kb, [(replace(fr, events=events), None), (article_en(), None)])
    s = start_server(path)
    yield s, fr, article_en()
    stop_server(s)


def test_min_confidence_filters_the_events_and_their_counts(scored_server):
    server, fr, en = scored_server
    status, body, _ = server.get("/api/events", min_confidence=0)
    assert status == 200
    assert body["total"] == len(fr.events) + len(en.events)
    assert {e["type"]: e["confidence"] for e in body["results"] if e["confidence"] is not None}["CONSULT"] == 0.8
    status, body, _ = server.get("/api/events", min_confidence=0.5)
    assert status == 200
    kept = sorted(e["type"] for e in body["results"])
    assert kept == sorted(["CONSULT", *(e.type for e in en.events)])  # the unscored stay
    _, counts, _ = server.get("/api/events", min_confidence=0.5, count_by="type")
    assert sum(r["count"] for r in counts["results"]) == len(kept)


def test_the_default_is_the_documented_threshold(scored_server):
    server, fr, en = scored_server
    _, body, _ = server.get("/api/events")
    least = filters.MIN_CONFIDENCE
    expected = [e for e in fr.events if (0.8 if e.type == "CONSULT" else 0.05) >= least] + list(en.events)
    assert body["total"] == len(expected)


@pytest.mark.parametrize("bad", ["1.5", "-1", "sure"])
def test_a_bad_min_confidence_is_a_422_naming_it(scored_server, bad):
    server, _, _ = scored_server
    status, body, _ = server.get("/api/events", min_confidence=bad)
    assert status == 422
    assert "min_confidence" in str(body)


def test_the_page_asks_for_a_confidence_in_both_languages(scored_server):
    import json
    import re
    from pathlib import Path
    server, _, _ = scored_server
    status, html, _ = server.get("/")
    assert status == 200
    field = re.search(r'<input id="events-min-confidence" name="min_confidence"[^>]*>', html)
    assert field and 'min="0"' in field.group(0) and 'max="1"' in field.group(0)
    strings = json.loads((Path(__file__).resolve().parents[2] / "src/veille/web/static/strings.json")
                         .read_text(encoding="utf-8"))
    tables = [v for v in strings.values() if isinstance(v, dict)]
    assert len(tables) >= 2
    for table in tables:
        assert {"events.min_confidence", "filter.min_confidence", "col.confidence"} <= set(table)
