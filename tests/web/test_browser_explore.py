"""Exploring a corpus in a real headless Chromium: facets, pages, the three charts, the jump to evidence."""
from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest

from veille.store import open_store, queries, store_analyses
from web_browser import css, visible_text, wait
from web_corpus import corpus
from web_server import start_server, stop_server


@pytest.fixture(scope="module")
def explore_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("explore") / "kb.db"
    with open_store(path) as kb:
        store_analyses(kb, [(a, None) for a in corpus()])
    return path


@pytest.fixture(scope="module")
def site(explore_db):
    s = start_server(explore_db)
    yield s
    stop_server(s)


def hash_params(chrome) -> dict[str, str]:
    raw = chrome.execute_script("return location.hash")
    return {k: v[0] for k, v in parse_qs(raw.split("?", 1)[1] if "?" in raw else "").items()}


def rows(chrome, view="events"):
    return css(chrome, f"#{view}-results tbody tr")


def open_view(chrome, site, hash_: str, ready: str):
    chrome.get("about:blank")  # a fresh page: no element of the previous view is left to wait on
    chrome.get(f"{site.url}/#{hash_}")
    wait(chrome, lambda c: css(c, ready))


def test_events_open_on_the_whole_corpus_with_counts_charts_and_pages(chrome, site):
    open_view(chrome, site, "events", "#events-facets .facet-type li")
    wait(chrome, lambda c: css(c, "#events-over-time svg .bar") and css(c, "#events-network svg .node"))
    assert len(rows(chrome)) == 50
    assert "Rows 1–50 of 60" in visible_text(chrome, "#events-pager")
    dates = [r.find_elements("css selector", "td")[0].text for r in rows(chrome)]
    assert dates == sorted(dates, reverse=True)  # newest first
    types = {e.text: int(e.find_element("xpath", "..").text.split()[-1]) for e in css(chrome, "#events-facets .facet-type a")}
    assert types == {"ACCUSE": 10, "AGREE": 10, "AID": 10, "CONSULT": 10, "PROTEST": 10, "THREATEN": 10}
    assert len(css(chrome, "#events-network svg .node")) == 4
    assert "One bar per week" in visible_text(chrome, "#events-over-time .chart-note")
    assert [e for e in chrome.get_log("browser") if e["level"] == "SEVERE"] == []
    chrome.save_screenshot("/tmp/veille-web-events.png")


def test_a_facet_value_filters_and_its_chip_removes_the_filter(chrome, site):
    open_view(chrome, site, "events", "#events-facets .facet-country a")
    link = next(a for a in css(chrome, "#events-facets .facet-country a") if a.text == "SEN")
    expected = int(link.find_element("xpath", "..").text.split()[-1])
    link.click()
    wait(chrome, lambda c: hash_params(c).get("source") == "SEN" and f"of {expected}" in visible_text(c, "#events-pager"))
    assert {r.find_elements("css selector", "td")[2].text for r in rows(chrome)} == {"Amina Diallo (SEN)"}
    assert css(chrome, "#events-facets .facet-country li.on a")[0].text == "SEN"
    chip = css(chrome, "#events-filters li")[0]
    assert chip.text.startswith("source: SEN")
    chip.find_element("css selector", "a.remove").click()
    wait(chrome, lambda c: "source" not in hash_params(c) and "of 60" in visible_text(c, "#events-pager"))


def test_next_page_and_back_to_the_first(chrome, site):
    open_view(chrome, site, "events", "#events-pager a.next")
    first_page = [r.text for r in rows(chrome)]
    css(chrome, "#events-pager a.next")[0].click()
    wait(chrome, lambda c: "Rows 51–60 of 60" in visible_text(c, "#events-pager"))
    second_page = [r.text for r in rows(chrome)]
    assert len(second_page) == 10 and not set(second_page) & set(first_page)
    assert not css(chrome, "#events-pager a.next")
    css(chrome, "#events-pager a.first")[0].click()
    wait(chrome, lambda c: "Rows 1–50 of 60" in visible_text(c, "#events-pager"))


def test_a_bar_of_the_chart_lists_its_events(chrome, site):
    open_view(chrome, site, "events", "#events-over-time svg .bar rect")
    bar = css(chrome, "#events-over-time svg .bar")[3]
    count = int(re.search(r": (\d+)$", bar.find_element("css selector", "title").get_attribute("textContent")).group(1))
    bar.find_element("css selector", "rect").click()
    wait(chrome, lambda c: "quad" in hash_params(c) and "since" in hash_params(c))
    p = hash_params(chrome)
    wait(chrome, lambda c: f"{count} result" in visible_text(c, "#panel-events > .status"))
    assert len(rows(chrome)) == count
    assert all(p["since"] <= r.find_elements("css selector", "td")[0].text <= p["until"] for r in rows(chrome))


def test_stacking_by_type_redraws_the_chart(chrome, site):
    open_view(chrome, site, "events", "#events-over-time svg .legend")
    assert "verbal-cooperation" in visible_text(chrome, "#events-over-time svg")
    button = next(b for b in css(chrome, "#events-over-time .stack button") if b.text == "type")
    button.click()
    wait(chrome, lambda c: "CONSULT" in c.find_element("css selector", "#events-over-time svg").get_attribute("textContent"))


def test_a_node_of_the_network_lists_the_events_of_its_actor(chrome, site):
    open_view(chrome, site, "events", "#events-network svg .node circle")
    node = next(n for n in css(chrome, "#events-network svg .node") if "Yusuf Ekin" in n.get_attribute("textContent"))
    title = node.find_element("css selector", "title").get_attribute("textContent")
    assert title.startswith("Yusuf Ekin (TUR): ")
    count = int(title.rsplit(": ", 1)[1])  # every event of his has a target: the node counts them all
    node.find_element("css selector", "circle").click()
    wait(chrome, lambda c: hash_params(c).get("actor") == "Yusuf Ekin")
    wait(chrome, lambda c: f"{count} results" in visible_text(c, "#panel-events > .status"))
    for r in rows(chrome):
        cells = r.find_elements("css selector", "td")
        assert "Yusuf Ekin" in cells[2].text + cells[3].text
    chrome.save_screenshot("/tmp/veille-web-network.png")


def test_a_row_opens_its_article_scrolled_to_the_evidence(chrome, site, explore_db):
    chrome.set_window_size(1280, 500)  # a short window: the evidence must be scrolled to
    try:
        open_view(chrome, site, "events?type=PROTEST", "#events-results tbody tr")
        row = rows(chrome)[0]
        evidence = row.find_elements("css selector", "td")[5].text
        link = row.find_elements("css selector", "td")[6].find_element("css selector", "a")
        assert link.text.startswith("Dépêche ")  # the title, not "article 12"
        assert re.search(r"#article/\d+\?event=\d$", link.get_attribute("href"))
        link.click()
        wait(chrome, lambda c: css(c, "#article-body .hl-focus"))
        focus = css(chrome, "#article-body .hl-focus")
        assert "".join(e.text for e in focus) == evidence
        # the page scrolls smoothly: wait for the evidence to come to rest inside the window
        visible = "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight"
        wait(chrome, lambda c: c.execute_script(visible, focus[0]))
    finally:
        chrome.set_window_size(1280, 1000)


def test_quote_rows_mark_the_words_searched_and_open_at_the_quote(chrome, site):
    open_view(chrome, site, "quotes?contains=FRAGILE", "#quotes-results tbody tr")
    assert {m.text for m in css(chrome, "#quotes-results mark")} == {"fragile"}
    link = rows(chrome, "quotes")[0].find_elements("css selector", "td")[4].find_element("css selector", "a")
    assert "?quote=0" in link.get_attribute("href")
    link.click()
    wait(chrome, lambda c: css(c, "#article-body .hl-focus"))
    assert "reste fragile" in "".join(e.text for e in css(chrome, "#article-body .hl-focus"))


def test_actors_open_with_their_counts_and_filter_by_country(chrome, site):
    open_view(chrome, site, "actors", "#actors-facets .facet-country a")
    assert len(css(chrome, "#actors-results tbody tr")) == 4
    next(a for a in css(chrome, "#actors-facets .facet-country a") if a.text == "TUR").click()
    wait(chrome, lambda c: len(css(c, "#actors-results tbody tr")) == 1)
    assert "Yusuf Ekin" in css(chrome, "#actors-results tbody tr")[0].text


def test_an_actors_timeline_has_its_chart(chrome, site, explore_db):
    open_view(chrome, site, "timeline?actor=Lena%20Kovar", "#timeline-over-time svg .bar")
    legend = visible_text(chrome, "#timeline-over-time svg")
    assert "quote" in legend
    with open_store(explore_db, readonly=True) as kb:
        total = queries.total(kb, "timeline", actor="Lena Kovar")
    assert f"of {total}" in visible_text(chrome, "#timeline-pager") or len(css(chrome, "#timeline-results > li")) == total
    quote_bar = next(b for b in css(chrome, "#timeline-over-time svg .bar")
                     if "· quote:" in b.find_element("css selector", "title").get_attribute("textContent"))
    quote_bar.find_element("css selector", "rect").click()
    wait(chrome, lambda c: hash_params(c).get("speaker") == "Lena Kovar" and css(c, "#quotes-results tbody tr"))
    chrome.save_screenshot("/tmp/veille-web-timeline-chart.png")


def test_a_bad_value_in_the_address_says_what_is_wrong(chrome, site):
    chrome.get(f"{site.url}/#events?since=2022-13")
    wait(chrome, lambda c: "no month 13" in visible_text(c, "#panel-events > .status"))
    assert css(chrome, "#panel-events > .status")[0].get_attribute("role") == "alert"
