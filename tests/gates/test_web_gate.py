"""Web gate: real OrangeSum articles, really analysed and ingested, served and shown in a browser."""
from __future__ import annotations

import gzip
import itertools
import json
import statistics
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'veille[web]'")

from veille.options import Options  # noqa: E402
from veille.records import RawArticle, Source  # noqa: E402
from veille.store import ingest, open_store  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from web_server import start_server, stop_server  # noqa: E402

N = 12
FIRST = 40  # not the articles the knowledge-base gate uses

pytestmark = [pytest.mark.gate, pytest.mark.model]


@pytest.fixture(scope="module")
def real_server(data_dir, tmp_path_factory):
    with gzip.open(data_dir / "orangesum" / "articles-dev.jsonl.gz", "rt", encoding="utf-8") as f:
        recs = [json.loads(x) for x in itertools.islice(f, FIRST, FIRST + N)]
    articles = [RawArticle(id=str(r["id"]), source=Source(url=r["url"]), title=r["title"], published=r["published"],
                           text="\n\n".join(x for x in (r["heading"], r["article"]) if x)) for r in recs]
    path = tmp_path_factory.mktemp("webgate") / "kb.db"
    with open_store(path) as kb:
        assert ingest(kb, articles, Options(language="fr")).stored == N
    s = start_server(path)
    yield s, articles
    stop_server(s)


def _spans(d: dict) -> list[dict]:
    out = [m for e in d["entities"] for m in e["mentions"]] + list(d["times"])
    for q in d["quotes"]:
        out += [q["content"]] + [x for x in (q.get("cue"), (q.get("speaker") or {}).get("mention")) if x]
    for e in d["events"]:
        out += [x for x in (e.get("trigger"), e.get("evidence")) if x]
    return out


def test_every_served_annotation_points_at_its_text(real_server):
    server, articles = real_server
    spans = good = 0
    for a in articles:
        status, d, _ = server.get(f"/api/articles/{a.id}")
        assert status == 200
        for s in _spans(d):
            spans += 1
            good += d["text"][s["start"]:s["end"]] == s["text"]
    print(f"\nweb gate: {good} of {spans} served annotations point at their text")
    assert spans > 50 * N
    assert good == spans


def test_every_route_answers_quickly_on_real_data(real_server):
    server, articles = real_server
    _, actors, _ = server.get("/api/actors", limit=3)
    name = actors["results"][0]["name"]
    word = max(articles[0].title.split(), key=len)
    calls = [("/api/search", {"q": word}), ("/api/quotes", {"speaker": name}), ("/api/events", {}),
             ("/api/actors", {}), ("/api/timeline", {"actor": name}), (f"/api/articles/{articles[0].id}", {}),
             ("/api/stats", {})]
    took: dict[str, list[float]] = {}
    for path, params in calls * 20:
        t = time.perf_counter()
        status, body, _ = server.get(path, **params)
        took.setdefault(path.rsplit("/", 1)[0] if path.startswith("/api/articles/") else path, []).append(
            time.perf_counter() - t)
        assert status == 200, (path, body)
    medians = {p: statistics.median(t) for p, t in took.items()}
    print("\nweb gate: median answer times: " + ", ".join(f"{p} {m * 1000:.1f} ms" for p, m in medians.items()))
    assert articles[0].id in {r["doc_id"] for r in server.get("/api/search", q=word)[1]["results"]}
    assert server.get("/api/timeline", actor=name)[1]["count"] >= 1
    assert max(medians.values()) < 0.25


def test_the_page_highlights_real_quotes(real_server):
    from web_browser import quit_chromium, start_chromium

    server, articles = real_server
    chrome = start_chromium()
    try:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
        shown = 0
        for a in articles[:6]:
            d = server.get(f"/api/articles/{a.id}")[1]
            chrome.get(f"{server.url}/#article/{a.id}")
            WebDriverWait(chrome, 15).until(lambda c: c.find_elements(By.CSS_SELECTOR, "#article-body .doc-text"))
            text = chrome.execute_script("return document.querySelector('#article-body .doc-text').textContent")
            assert text == d["text"]
            marked = chrome.execute_script(
                "return Array.from(document.querySelectorAll('#article-body .hl-quote')).map(n => n.textContent).join('')")
            for q in d["quotes"]:
                assert q["content"]["text"] in marked or not q["content"]["text"].strip()
                shown += 1
        assert shown >= 6
    finally:
        quit_chromium(chrome)


def test_analyze_a_real_article(real_server):
    server, articles = real_server
    a = articles[2]
    server.post("/api/analyze", {"text": "Le ministre a parlé.", "language": "fr"})  # the model is loaded
    t = time.perf_counter()
    status, d, _ = server.post("/api/analyze", {"text": a.text, "language": "fr", "published": a.published})
    took = time.perf_counter() - t
    print(f"\nweb gate: /api/analyze on {len(a.text)} characters: {took:.2f} s")
    assert status == 200
    assert d["text"] and len(d["entities"]) >= 5
    stored = server.get(f"/api/articles/{a.id}")[1]
    # The same article analysed now and at ingestion gives the same annotations.
    assert [e["name"] for e in d["entities"]] == [e["name"] for e in stored["entities"]]
    assert took < 20
