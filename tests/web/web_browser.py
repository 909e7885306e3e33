"""A real headless Chromium driven by selenium, or a skip saying what is missing."""
from __future__ import annotations

import shutil
import tempfile

import pytest

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,1000", "--lang=en")


def find_browser() -> tuple[str, str]:
    """Paths of the browser and its driver; skips the test when either is absent."""
    browser = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.skip("browser tests need chromium and chromedriver (run .ci/browser.sh, "
                    "or apt-get install chromium chromium-driver)")
    return browser, driver


def start_chromium():
    """A fresh headless Chromium with its own profile folder; the caller quits it."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="browser tests need selenium: pip install selenium")
    from selenium.webdriver.chrome.service import Service

    browser, driver = find_browser()
    options = webdriver.ChromeOptions()
    # Both paths are given, so selenium never looks for (or downloads) a driver of its own.
    options.binary_location = browser
    profile = tempfile.mkdtemp(prefix="veille-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    chrome = webdriver.Chrome(options=options, service=Service(executable_path=driver))
    chrome.profile_dir = profile
    return chrome


def quit_chromium(chrome) -> None:
    chrome.quit()
    shutil.rmtree(chrome.profile_dir, ignore_errors=True)


WAIT = 20  # seconds a page may take to show what a test waits for


def wait(chrome, condition, timeout: float = WAIT):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(chrome, timeout).until(condition)


def css(node, selector):
    from selenium.webdriver.common.by import By
    return node.find_elements(By.CSS_SELECTOR, selector)


def visible_text(chrome, selector) -> str:
    """The text shown by the elements; empty while the page is replacing them (the wait retries)."""
    from selenium.common.exceptions import StaleElementReferenceException
    try:
        return " ".join(e.text for e in css(chrome, selector) if e.is_displayed())
    except StaleElementReferenceException:
        return ""
