"""/api/analyze with the real French model, through the API and through the page's form."""
from __future__ import annotations

import pytest

# Invented people and facts.
TEXT = ("Le ministre de l'Intérieur Paul Verdier a rencontré jeudi à Lyon les maires de la région. "
        "« Nous ne céderons rien sur la sécurité », a déclaré Paul Verdier devant la presse.")

pytestmark = pytest.mark.model


def test_analyze_returns_the_contract_json(server):
    status, d, _ = server.post("/api/analyze", {"text": TEXT, "published": "2022-10-14", "language": "fr",
                                                "title": "Sécurité", "url": "https://example.org/s"})
    assert status == 200
    assert d["schema"] == 1 and d["language"] == "fr" and d["title"] == "Sécurité"
    assert d["source"]["url"] == "https://example.org/s"
    assert d["text"] == TEXT
    names = {e["name"] for e in d["entities"]}
    assert any("Verdier" in n for n in names)
    assert any("Nous ne céderons rien sur la sécurité" in q["content"]["text"] for q in d["quotes"])
    for t in d["times"]:
        assert d["text"][t["start"]:t["end"]] == t["text"]
    assert any(t["value"] == "2022-10-13" for t in d["times"])  # "jeudi" before Friday 14 October


def test_analyze_does_not_store_the_article(server):
    before = server.get("/api/stats")[1]["articles"]
    assert server.post("/api/analyze", {"text": TEXT})[0] == 200
    assert server.get("/api/stats")[1]["articles"] == before


def test_the_analyse_form_shows_the_highlighted_result(server):
    from web_browser import quit_chromium, start_chromium

    chrome = start_chromium()
    try:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select, WebDriverWait

        chrome.get(server.url + "/#analyze")
        box = WebDriverWait(chrome, 15).until(lambda c: c.find_element(By.ID, "analyze-text"))
        box.send_keys(TEXT)
        chrome.find_element(By.ID, "analyze-title").send_keys("Sécurité")
        Select(chrome.find_element(By.ID, "analyze-language")).select_by_value("fr")
        chrome.execute_script("document.getElementById('analyze-published').value = '2022-10-14'")
        chrome.find_element(By.CSS_SELECTOR, "#analyze-form button[type=submit]").click()
        WebDriverWait(chrome, 120).until(lambda c: c.find_elements(By.CSS_SELECTOR, "#analyze-result .hl-quote"))
        quoted = "".join(e.text for e in chrome.find_elements(By.CSS_SELECTOR, "#analyze-result .hl-quote"))
        assert "Nous ne céderons rien sur la sécurité" in quoted
        assert chrome.find_element(By.CSS_SELECTOR, "#analyze-result h2").text == "Sécurité"
        status = chrome.find_element(By.CSS_SELECTOR, "#panel-analyze > .status").text
        assert status.startswith("Analysed:")
        chrome.save_screenshot("/tmp/veille-web-analyze.png")
    finally:
        quit_chromium(chrome)


def test_analyze_reads_html(server):
    page = ("<html><head><title>Sécurité à Lyon</title></head><body><nav>Accueil | Politique</nav>"
            f"<article><h1>Sécurité à Lyon</h1><p>{TEXT}</p></article></body></html>")
    status, d, _ = server.post("/api/analyze", {"html": page, "language": "fr", "published": "2022-10-14"})
    assert status == 200
    assert "Nous ne céderons rien sur la sécurité" in d["text"]
    assert any("Verdier" in e["name"] for e in d["entities"])
