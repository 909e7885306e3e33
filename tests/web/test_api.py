"""The JSON API against a real server over a small hand-built knowledge base."""
from __future__ import annotations

import base64
import hashlib
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from web_server import start_server, stop_server

from veille.records import EVENT_TYPES


def test_health_reports_a_readable_knowledge_base(server):
    status, body, _ = server.get("/api/health")
    assert status == 200
    assert body["status"] == "ok" and body["knowledge_base"] is True


def test_search_ignores_accents_and_marks_matches(server):
    status, body, _ = server.get("/api/search", q="PECHE")
    assert status == 200
    assert body["count"] == 1
    hit = body["results"][0]
    assert hit["doc_id"] == "web-fr" and "[pêche]" in hit["snippet"].lower()


def test_search_phrase_and_limit(server):
    _, body, _ = server.get("/api/search", q='"trade minister"')
    assert [r["doc_id"] for r in body["results"]] == ["web-en"]
    _, body, _ = server.get("/api/search", q="Hélène Roussel", limit=1)
    assert body["count"] == 1


@pytest.mark.parametrize("params, status, words", [
    ({}, 422, "'q'"),
    ({"q": "!!"}, 422, "nothing to search for"),
    ({"q": "accord", "limit": 0}, 422, "'limit'"),
    ({"q": "accord", "limit": 5000}, 422, "'limit'"),
    ({"q": "accord", "limit": "many"}, 422, "'limit'"),
])
def test_search_rejects_bad_input_with_a_clear_message(server, params, status, words):
    got, body, headers = server.get("/api/search", **params)
    assert got == status
    assert "json" in headers["content-type"]
    assert words in body["detail"]


def test_quotes_by_speaker_across_articles_and_by_content(server):
    _, body, _ = server.get("/api/quotes", speaker="roussel")
    assert [q["content"] for q in body["results"]] == ["Nous voulons un accord sur la pêche avant l'été"]
    assert body["results"][0]["speaker"] == "Hélène Roussel"
    _, body, _ = server.get("/api/quotes", contains="dumping")
    assert [q["speaker"] for q in body["results"]] == ["Priya Ndlovu"]
    _, body, _ = server.get("/api/quotes")
    assert body["count"] == 3


def test_events_filters(server):
    _, body, _ = server.get("/api/events", type="consult")  # the type is read in any case
    assert [(e["type"], e["source"], e["target"]) for e in body["results"]] == [
        ("CONSULT", "Hélène Roussel", "Duarte Falcão")]
    _, body, _ = server.get("/api/events", source="FRA")
    assert sorted(e["type"] for e in body["results"]) == ["ACCUSE", "CONSULT"]
    _, body, _ = server.get("/api/events", since="2021-04")  # an undated event counts on its article's day
    assert sorted(e["type"] for e in body["results"]) == ["ACCUSE", "THREATEN"]
    _, body, _ = server.get("/api/events", until="2021-03")
    assert [e["type"] for e in body["results"]] == ["CONSULT"]
    _, body, _ = server.get("/api/events", factuality="possible")
    assert [e["type"] for e in body["results"]] == ["THREATEN"]


# Every bad value the issue tracker met: a 422 naming the parameter, with the same words as the CLI.
BAD_VALUES = [
    ("/api/events", {"type": "INVADE"}, "'type'", "not a PLOVER event type"),
    ("/api/events", {"factuality": "maybe"}, "'factuality'", "actual, planned, possible, negated"),
    ("/api/events", {"since": "10/05/2019"}, "'since'", "YYYY-MM-DD"),
    ("/api/events", {"since": "2019-13-01"}, "'since'", "no month 13"),
    ("/api/events", {"since": "yesterday"}, "'since'", "YYYY-MM-DD"),
    ("/api/events", {"until": "2019-02-30"}, "'until'", "no day 30"),
    ("/api/events", {"quad": "war"}, "'quad'", "verbal-cooperation"),
    ("/api/events", {"order": "random"}, "'order'", "newest, oldest"),
    ("/api/events", {"count_by": "colour"}, "'count_by'", "target-country"),
    ("/api/events", {"cursor": "not-a-cursor"}, "'cursor'", "not a cursor this server gave"),
    ("/api/events", {"cursor": base64.urlsafe_b64encode(b'{"offset": 1e30}').decode()}, "'cursor'", "not a cursor"),
    ("/api/events", {"cursor": base64.urlsafe_b64encode(b'{"offset": %d}' % 10**24).decode()}, "'cursor'",
     "not a cursor"),
    ("/api/events", {"cursor": base64.urlsafe_b64encode(
        b'{"list":"events","order":"newest","after":["2021",1],"at":1}').decode()}, "'cursor'", "not a cursor"),
    ("/api/events", {"cursor": base64.urlsafe_b64encode(
        b'{"list":"events","order":"newest","after":["2021",1,0],"at":-1}').decode()}, "'cursor'", "not a cursor"),
    ("/api/actors", {"country": "fr"}, "'country'", "did you mean FRA?"),
    ("/api/actors", {"type": "person"}, "'type'", "PER, ORG, LOC, MISC"),
    ("/api/quotes", {"kind": "shouted"}, "'kind'", "direct, indirect, mixed"),
    ("/api/quotes", {"since": "2019/10/01"}, "'since'", "YYYY-MM-DD"),
    ("/api/timeline", {"actor": "Roussel", "until": "soon"}, "'until'", "YYYY-MM-DD"),
    ("/api/facets/events", {"facet": "colour"}, "'count_by'", "target-country"),
    ("/api/facets/events", {"since": "2019-00"}, "'since'", "no month 00"),
    ("/api/network", {"type": "FOO"}, "'type'", "not a PLOVER event type"),
]


@pytest.mark.parametrize("path, params, name, words", BAD_VALUES)
def test_bad_values_are_422_naming_the_parameter(server, path, params, name, words):
    status, body, headers = server.get(path, **params)
    assert status == 422 and "json" in headers["content-type"]
    assert f"query parameter {name}" in body["detail"] and words in body["detail"]
    if params.get("type") in ("INVADE", "FOO"):
        assert all(t in body["detail"] for t in EVENT_TYPES)


def test_pages_have_a_total_and_a_cursor_to_the_next(server):
    _, first, _ = server.get("/api/events", limit=2)
    assert first["count"] == 2 and first["total"] == 3 and first["next"]
    assert [e["date"] for e in first["results"]] == ["2021-04-03", "2021-04-03"]  # newest first
    _, second, _ = server.get("/api/events", limit=2, cursor=first["next"])
    assert second["count"] == 1 and second["next"] is None
    assert second["results"][0]["type"] == "CONSULT"
    _, oldest, _ = server.get("/api/events", limit=1, order="oldest")
    assert oldest["results"][0]["type"] == "CONSULT"
    _, counted, _ = server.get("/api/events", count_by="quad")
    assert counted["results"] == [{"quad": "verbal-conflict", "count": 2}, {"quad": "verbal-cooperation", "count": 1}]


def test_pages_follow_their_cursors_and_an_offset_cursor_still_gives_its_page(server):
    for path, extra in (("/api/events", {"min_confidence": 0}), ("/api/quotes", {}), ("/api/actors", {}),
                        ("/api/events", {"min_confidence": 0, "order": "oldest"})):
        _, whole, _ = server.get(path, limit=1000, **extra)
        assert len(whole["results"]) >= 2 and whole["next"] is None
        rows, cursor = [], None
        while True:
            _, page, _ = server.get(path, limit=1, **extra, **({"cursor": cursor} if cursor else {}))
            assert page["offset"] == len(rows) and page["count"] == 1
            rows += page["results"]
            cursor = page["next"]
            if not cursor:
                assert page["total"] == len(rows)
                break
        assert rows == whole["results"], path
        # a cursor of an earlier version held an offset: it still gives its page, and the next
        old = base64.urlsafe_b64encode(b'{"offset": 1}').decode()
        _, page, _ = server.get(path, limit=1, cursor=old, **extra)
        assert page["results"] == whole["results"][1:2] and page["offset"] == 1
        if len(rows) > 2:
            _, after, _ = server.get(path, limit=1, cursor=page["next"], **extra)
            assert after["results"] == whole["results"][2:3] and after["offset"] == 2
    _, first, _ = server.get("/api/events", limit=1, min_confidence=0)
    status, body, _ = server.get("/api/events", limit=1, min_confidence=0, order="oldest", cursor=first["next"])
    assert status == 422 and "'cursor'" in body["detail"] and "order newest" in body["detail"]
    status, body, _ = server.get("/api/quotes", limit=1, cursor=first["next"])
    assert status == 422 and "of the events list" in body["detail"]


def test_facets_count_each_value_and_follow_the_filters(server):
    status, body, _ = server.get("/api/facets/events")
    assert status == 200 and body["total"] == 3
    assert {f["value"]: f["count"] for f in body["facets"]["type"]} == {"ACCUSE": 1, "CONSULT": 1, "THREATEN": 1}
    assert set(body["facets"]) == {"type", "quad", "factuality", "country", "target_country", "sector", "month"}
    _, body, _ = server.get("/api/facets/events", source="FRA", facet="month")
    assert body == {"total": 2, "facets": {"month": [{"value": "2021-03", "count": 1}, {"value": "2021-04", "count": 1}]}}
    _, body, _ = server.get("/api/facets/actors")
    assert {f["value"]: f["count"] for f in body["facets"]["type"]} == {"PER": 3, "ORG": 1, "LOC": 1}
    status, _, _ = server.get("/api/facets/articles")
    assert status == 422


def test_the_network_of_the_events(server):
    status, body, _ = server.get("/api/network")
    assert status == 200
    assert body["edges"] == [{"source": "Hélène Roussel", "target": "Duarte Falcão", "count": 1, "cooperation": 1,
                              "conflict": 0}]
    assert [n["name"] for n in body["nodes"]] == ["Duarte Falcão", "Hélène Roussel"]
    _, body, _ = server.get("/api/network", type="ACCUSE")
    assert body == {"nodes": [], "edges": []}


def test_actors_ranked_and_filtered(server):
    _, body, _ = server.get("/api/actors")
    top = body["results"][0]
    assert top["name"] == "Hélène Roussel" and top["articles"] == 2 and top["quotes"] == 1
    _, body, _ = server.get("/api/actors", type="loc")
    assert [a["name"] for a in body["results"]] == ["Lisbonne"]
    status, body, _ = server.get("/api/actors", country="FRANCE")
    assert status == 422 and "'country'" in body["detail"]


def test_timeline_of_one_actor_by_date(server):
    _, body, _ = server.get("/api/timeline", actor="Hélène Roussel")
    rows = body["results"]
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    assert {(r["kind"], r["what"]) for r in rows} == {("event", "CONSULT"), ("quote", "direct"), ("event", "ACCUSE")}
    status, body, _ = server.get("/api/timeline")
    assert status == 422 and "'actor'" in body["detail"]


def test_article_by_row_id_analysis_id_or_url(server):
    status, by_row, _ = server.get("/api/articles/1")
    assert status == 200
    assert by_row["schema"] == 1 and by_row["kb"]["article"] == 1
    _, by_id, _ = server.get("/api/articles/web-en")
    assert by_id["title"] == "Tariff threat"
    q = by_id["quotes"][0]["content"]
    assert by_id["text"][q["start"]:q["end"]] == q["text"]
    from urllib.parse import quote
    _, by_url, _ = server.get("/api/articles/" + quote("https://example.org/fr/peche", safe=""))
    assert by_url["id"] == by_row["id"]


def test_unknown_article_is_404_with_a_message(server):
    status, body, _ = server.get("/api/articles/no-such-article")
    assert status == 404
    assert "no-such-article" in body["detail"]


def test_stats(server):
    _, body, _ = server.get("/api/stats")
    assert (body["articles"], body["quotes"], body["events"]) == (2, 3, 3)
    assert (body["first"], body["last"]) == ("2021-03-10", "2021-04-03")


@pytest.mark.parametrize("payload, status, words", [
    ({}, 400, "exactly one of 'text' and 'html'"),
    ({"text": "a", "html": "<p>a</p>"}, 400, "exactly one"),
    ({"text": "   \n "}, 400, "empty"),
    ({"text": "x" * 6000}, 413, "at most 5000"),
    ({"text": "Bonjour.", "published": "10/05/2019"}, 422, "'published'"),
    ({"text": "Bonjour.", "published": "2019-02-30"}, 400, "published"),
    ({"text": "Bonjour.", "language": "de"}, 422, "'language'"),
    ({"text": "Bonjour.", "lang": "fr"}, 422, "'lang'"),
    ({"text": 42}, 422, "'text'"),
])
def test_analyze_rejects_bad_input_before_any_analysis(server, payload, status, words):
    got, body, _ = server.post("/api/analyze", payload)
    assert got == status
    assert words in body["detail"]


def test_analyze_rejects_a_body_that_is_not_json(server):
    status, body, _ = server.post("/api/analyze", raw=b"text=Bonjour")
    assert status == 400
    assert "not valid JSON" in body["detail"]


def test_openapi_describes_every_route(server):
    status, spec, _ = server.get("/api/openapi.json")
    assert status == 200
    assert {"/api/analyze", "/api/search", "/api/quotes", "/api/events", "/api/actors", "/api/timeline",
            "/api/articles/{ident}", "/api/stats"} <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"source", "target", "type", "since", "until", "limit"} <= params
    assert "AnalyzeRequest" in spec["components"]["schemas"]


def test_page_is_served_with_a_strict_content_policy(server):
    status, html, headers = server.get("/")
    assert status == 200 and "text/html" in headers["content-type"]
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        got, _, h = server.get(asset)
        assert got == 200, asset


def test_page_loads_nothing_from_elsewhere():
    static = Path(__file__).resolve().parents[2] / "src" / "veille" / "web" / "static"
    files = list(static.iterdir())
    assert {f.name for f in files} >= {"index.html", "app.js", "style.css"}
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert not re.search(r"(?:src|href|url\()\s*=?\s*[\"']?(?:https?:)?//", text), f.name
        assert "@import" not in text and "innerHTML" not in text, f.name


def test_labels_for_every_field():
    html = (Path(__file__).resolve().parents[2] / "src/veille/web/static/index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html))
    labelled = set(re.findall(r'<label for="([^"]+)"', html))
    assert ids and ids <= labelled


def test_queries_do_not_change_the_knowledge_base(server, kb_path):
    before = hashlib.sha256(kb_path.read_bytes()).hexdigest()
    for path, params in (("/api/search", {"q": "accord"}), ("/api/actors", {}), ("/api/articles/1", {}),
                         ("/api/stats", {})):
        assert server.get(path, **params)[0] == 200
    assert hashlib.sha256(kb_path.read_bytes()).hexdigest() == before


def test_concurrent_requests_each_get_their_answer(server):
    calls = [("/api/search", {"q": "accord"}), ("/api/quotes", {"speaker": "Ndlovu"}),
             ("/api/events", {"type": "ACCUSE"}), ("/api/articles/web-en", {})] * 10
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda c: server.get(c[0], **c[1]), calls))
    assert all(a[0] == 200 for a in answers)
    assert {a[1]["results"][0]["speaker"] for a, c in zip(answers, calls) if c[0] == "/api/quotes"} == {"Priya Ndlovu"}


def test_without_a_knowledge_base_queries_are_503_and_the_page_still_loads(tmp_path):
    s = start_server(tmp_path / "missing.db")
    try:
        status, body, _ = s.get("/api/search", q="accord")
        assert status == 503 and "no such knowledge base" in body["detail"]
        assert s.get("/api/health")[1]["knowledge_base"] is False
        assert s.get("/")[0] == 200
        assert not (tmp_path / "missing.db").exists()
    finally:
        stop_server(s)


def test_a_huge_body_is_refused_before_it_is_parsed(server):
    status, body, _ = server.post("/api/analyze", {"text": "mot " * 40_000})
    assert status == 413
    assert "at most 5000 characters" in body["detail"]


def test_a_busy_analyser_asks_to_retry(kb_path):
    s = start_server(kb_path, analysis_wait=0.2)
    lock = s.server.config.app.state.settings.analysis_lock
    lock.acquire()
    try:
        status, body, headers = s.post("/api/analyze", {"text": "Le ministre a parlé."})
        assert status == 503 and "busy" in body["detail"]
        assert headers["retry-after"] == "60"
    finally:
        lock.release()
        stop_server(s)


def test_lists_download_as_csv(server):
    status, text, headers = server.get("/api/quotes", speaker="roussel", format="csv")
    assert status == 200
    assert headers["content-type"].startswith("text/csv")
    assert 'filename="veille-quotes.csv"' in headers["content-disposition"]
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["content"] for r in rows] == ["Nous voulons un accord sur la pêche avant l'été"]
    assert server.get("/api/events", format="xml")[0] == 422


def test_csv_cells_never_start_like_a_formula():
    from veille.web.routes import _csv
    text = _csv([{"a": "=HYPERLINK(\"x\")", "b": "-5 %", "c": "+33 1", "d": "@cmd", "e": "-cmd", "f": 3}])
    assert text.splitlines()[1] == "\"'=HYPERLINK(\"\"x\"\")\",-5 %,'+33 1,'@cmd,'-cmd,3"


def test_an_unexpected_failure_is_a_json_500(kb_path, monkeypatch):
    from veille.store import queries

    def broken(*args, **kwargs):
        raise TypeError("stored annotations in an unknown format")

    monkeypatch.setattr(queries, "stats", broken)
    s = start_server(kb_path)
    try:
        status, body, headers = s.get("/api/stats")
        assert status == 500
        assert "json" in headers["content-type"] and "TypeError" in body["detail"]
        assert s.get("/api/quotes")[0] == 200  # the server goes on
    finally:
        stop_server(s)


@pytest.mark.parametrize("published, ok", [
    ("2020-07-02T19:09:00+02:00", True), ("2020-07-02 19:09", True), ("2020-07-02T19:09:00Z", True),
    ("2020-07-02T", False), ("2020-07-02 noon", False)])
def test_published_may_be_a_date_time(published, ok):
    from pydantic import ValidationError

    from veille.web.routes import AnalyzeRequest
    if ok:
        assert AnalyzeRequest(text="x", published=published).published == published
    else:
        with pytest.raises(ValidationError):
            AnalyzeRequest(text="x", published=published)


def test_charts_are_svg_whose_marks_link_to_the_filtered_lists(server):
    import xml.etree.ElementTree as ET
    ns = {"svg": "http://www.w3.org/2000/svg"}
    status, body, headers = server.get("/api/charts/events.svg", source="FRA")
    assert status == 200 and headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(body)
    hrefs = [a.get("href") for a in root.findall(".//svg:a[@class='bar']", ns)]
    assert hrefs and all(h.startswith("#events?source=FRA&quad=") and "since=" in h for h in hrefs)
    _, body, _ = server.get("/api/charts/events.svg", stack="type")
    assert "THREATEN" in body
    _, body, _ = server.get("/api/charts/timeline.svg", actor="Priya Ndlovu")
    quote = [a.get("href") for a in ET.fromstring(body).findall(".//svg:a[@class='bar']", ns)
             if "· quote:" in a.find("svg:title", ns).text]
    assert quote and quote[0].startswith("#quotes?speaker=Priya+Ndlovu")
    _, body, _ = server.get("/api/charts/network.svg")
    nodes = ET.fromstring(body).findall(".//svg:a[@class='node']", ns)
    assert sorted(a.get("href") for a in nodes) == ["#events?actor=Duarte+Falc%C3%A3o", "#events?actor=H%C3%A9l%C3%A8ne+Roussel"]
    status, body, _ = server.get("/api/charts/events.svg", since="2021-13")
    assert status == 422 and "no month 13" in body["detail"]
    status, _, _ = server.get("/api/charts/events.svg", stack="colour")
    assert status == 422


def test_a_long_total_is_counted_up_to_a_bound_then_given_as_more_than(server, monkeypatch):
    from veille.web import routes
    monkeypatch.setattr(routes, "TOTAL_COUNTED", 1)
    _, first, _ = server.get("/api/events", limit=1, source="FRA")  # two events; a source is not precounted
    assert first["count"] == 1 and first["total"] is None and first["more_than"] == 1 and first["next"]
    _, second, _ = server.get("/api/events", limit=1, source="FRA", cursor=first["next"])
    assert second["count"] == 1 and second["total"] == 2 and second["more_than"] is None  # counted to the page's end
    assert second["next"] is None
    _, whole, _ = server.get("/api/events", limit=1, source="FRA", **{"min_confidence": 0})
    assert whole["more_than"] == 1
    monkeypatch.setattr(routes, "TOTAL_COUNTED", 2)
    _, exact, _ = server.get("/api/events", limit=1, source="FRA")
    assert exact["total"] == 2 and exact["more_than"] is None and exact["next"]


def test_a_search_total_is_counted_up_to_its_own_lower_bound(server, monkeypatch):
    from veille.web import routes
    _, whole, _ = server.get("/api/search", q="Roussel")
    assert whole["total"] == 2 and whole["next"] is None  # both articles of the test base
    monkeypatch.setattr(routes, "SEARCH_COUNTED", 1)  # a search is counted up to its own bound
    _, first, _ = server.get("/api/search", q="Roussel", limit=1)
    assert first["count"] == 1 and first["total"] is None and first["more_than"] == 1 and first["next"]
    _, events, _ = server.get("/api/events", limit=1, source="FRA")  # the other lists up to TOTAL_COUNTED
    assert events["total"] == 2 and events["more_than"] is None
    _, second, _ = server.get("/api/search", q="Roussel", limit=1, cursor=first["next"])
    assert second["total"] == 2 and second["next"] is None  # the last page: where it ends
    monkeypatch.setattr(routes, "SEARCH_COUNTED", 2)  # counted to the bound: the exact total
    _, exact, _ = server.get("/api/search", q="Roussel", limit=1)
    assert exact["total"] == 2 and exact["more_than"] is None and exact["next"]
