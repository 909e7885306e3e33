"""The page in a real headless Chromium against the real server: search, open, read, navigate."""
from __future__ import annotations

from web_browser import css, visible_text, wait
from web_samples import TEXT_EN

TITLES = {"web-fr": "Pêche : Lisbonne et Paris veulent un accord", "web-en": "Tariff threat"}


def open_article(chrome, server, ident: str) -> None:
    """Go to an article and wait for it, not for the one the page showed before."""
    chrome.get(f"{server.url}/#article/{ident}")
    wait(chrome, lambda c: [h.text for h in css(c, "#article-body h2")] == [TITLES[ident]])


def test_page_loads_with_the_corpus_figures_and_no_script_errors(chrome, server):
    chrome.get(server.url + "/")
    wait(chrome, lambda c: "2 articles" in visible_text(c, "#kb-status"))
    assert chrome.title == "veille"
    assert css(chrome, "#panel-search")[0].is_displayed()
    severe = [e for e in chrome.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def test_start_view_offers_the_most_mentioned_actors(chrome, server):
    chrome.get(server.url + "/")
    wait(chrome, lambda c: css(c, "#search-start .chips a"))
    names = [a.text for a in css(chrome, "#search-start .chips a")]
    assert names[0] == "Hélène Roussel"
    css(chrome, "#search-start .chips a")[0].click()
    wait(chrome, lambda c: css(c, "#timeline-results li"))
    assert len(css(chrome, "#timeline-results > li")) == 3
    chrome.save_screenshot("/tmp/veille-web-timeline.png")


def test_search_then_open_an_article_shows_highlighted_quotes(chrome, server):
    from selenium.webdriver.common.keys import Keys

    chrome.get(server.url + "/#search")
    box = wait(chrome, lambda c: css(c, "#search-q")[0])
    box.clear()
    box.send_keys("peche", Keys.ENTER)  # no accent typed: the search ignores accents
    wait(chrome, lambda c: "1 result" in visible_text(c, "#panel-search > .status"))
    results = css(chrome, "#search-results > li")
    assert len(results) == 1
    assert "Pêche" in results[0].text
    assert css(chrome, "#search-results mark")[0].text.lower() == "pêche"
    results[0].find_element("css selector", "a").click()

    wait(chrome, lambda c: css(c, "#article-body h2"))
    assert "Pêche : Lisbonne" in css(chrome, "#article-body h2")[0].text
    quote = "".join(e.text for e in css(chrome, "#article-body .hl-quote"))
    assert "Nous voulons un accord sur la pêche avant l'été" in quote
    assert "les discussions reprendront le 14 juin" in quote
    assert css(chrome, "#article-body .hl-event")[0].text == "a rencontré"
    assert "mardi" in [e.text for e in css(chrome, "#article-body .hl-time")]
    items = [e.text for e in css(chrome, "#article-body .quote-item")]
    assert items[0].startswith("Hélène Roussel") and "Nous voulons un accord" in items[0]
    assert css(chrome, "#article-body .doc-text")[0].get_attribute("lang") == "fr"
    chrome.save_screenshot("/tmp/veille-web-article.png")

    chrome.back()
    wait(chrome, lambda c: css(c, "#panel-search")[0].is_displayed())
    assert css(chrome, "#search-q")[0].get_attribute("value") == "peche"


def test_offsets_count_code_points_past_an_emoji(chrome, server):
    open_article(chrome, server, "web-en")
    assert "".join(e.text for e in css(chrome, "#article-body .hl-quote")) == "We will not accept dumping,"
    mentions = [e.text for e in css(chrome, '#article-body .hl-ent[data-entity~="e1"]')]
    assert mentions == ["Priya Ndlovu", "Ndlovu"]
    assert css(chrome, "#article-body .doc-text")[0].text.replace("\n", " ") == TEXT_EN


def test_entity_button_marks_its_mentions(chrome, server):
    open_article(chrome, server, "web-fr")
    button = next(b for b in css(chrome, "#article-body .facet-entities button") if b.text == "Duarte Falcão")
    button.click()
    marked = [e.text for e in css(chrome, "#article-body .hl-ent.focus")]
    assert marked == ["Duarte Falcão", "Duarte Falcão"]
    assert button.get_attribute("aria-pressed") == "true"


def test_tabs_work_from_the_keyboard_and_quotes_link_to_the_timeline(chrome, server):
    from selenium.webdriver.common.keys import Keys

    chrome.get(server.url + "/#search")
    tab = wait(chrome, lambda c: css(c, "#tab-search")[0])
    tab.send_keys(Keys.ARROW_RIGHT)
    wait(chrome, lambda c: css(c, "#panel-quotes")[0].is_displayed())
    assert chrome.switch_to.active_element.get_attribute("id") == "tab-quotes"
    assert css(chrome, "#tab-quotes")[0].get_attribute("aria-selected") == "true"

    field = css(chrome, "#quotes-speaker")[0]
    field.send_keys("Ndlovu", Keys.ENTER)
    wait(chrome, lambda c: "We will not accept dumping" in visible_text(c, "#quotes-results tbody"))
    link = css(chrome, "#panel-quotes .download a")[0]
    assert "format=csv" in link.get_attribute("href") and "speaker=Ndlovu" in link.get_attribute("href")
    row = css(chrome, "#quotes-results tbody tr")[0]
    assert "We will not accept dumping" in row.text
    row.find_element("link text", "Priya Ndlovu").click()
    wait(chrome, lambda c: "We will not accept dumping" in visible_text(c, "#timeline-results"))
    assert css(chrome, "#timeline-actor")[0].get_attribute("value") == "Priya Ndlovu"


def test_events_filter_and_error_message(chrome, server):
    chrome.get(server.url + "/#events?type=ACCUSE")
    wait(chrome, lambda c: "criticised" in visible_text(c, "#events-results tbody"))
    rows = css(chrome, "#events-results tbody tr")
    assert len(rows) == 1 and "criticised" in rows[0].text
    chrome.get(server.url + "/#article/404-nothing")
    wait(chrome, lambda c: "no article" in visible_text(c, "#article-view .status"))
    assert css(chrome, "#article-view .status")[0].get_attribute("role") == "alert"


def test_the_interface_switches_to_french_and_back(chrome, server):
    open_article(chrome, server, "web-fr")
    switch = css(chrome, "#lang-switch")[0]
    assert switch.text == "Français" and switch.get_attribute("lang") == "fr"
    switch.click()
    try:
        wait(chrome, lambda c: css(c, "#tab-search")[0].text == "Recherche")
        assert chrome.find_element("css selector", "html").get_attribute("lang") == "fr"
        wait(chrome, lambda c: css(c, "#article-body .facet-quotes h3")[0].text == "Citations (2)")
        assert "voir dans le texte" in visible_text(chrome, "#article-body .quote-item")
        assert visible_text(chrome, "#kb-status").startswith("2 articles, 5 acteurs, 3 citations, 3 événements")
        assert css(chrome, "label[for=search-q]")[0].get_attribute("textContent") == "Rechercher dans les articles"
        chrome.refresh()  # the choice is remembered
        wait(chrome, lambda c: css(c, "#tab-quotes")[0].text == "Citations")
        chrome.save_screenshot("/tmp/veille-web-fr.png")
    finally:
        chrome.execute_script("localStorage.removeItem('veille.lang')")


def test_the_tabs_stay_reachable_from_an_article(chrome, server):
    chrome.get(server.url + "/#events")
    wait(chrome, lambda c: css(c, "#panel-events")[0].is_displayed())
    open_article(chrome, server, "web-en")
    reachable = [t.get_attribute("id") for t in css(chrome, '[role="tab"]') if t.get_attribute("tabindex") == "0"]
    assert reachable == ["tab-events"]
    assert not any(t.get_attribute("aria-selected") == "true" for t in css(chrome, '[role="tab"]'))
