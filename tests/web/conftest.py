"""A small knowledge base built from hand-made analyses, and a real server on a free port."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'veille[web]'")
pytest.importorskip("uvicorn", reason="the web extra is not installed: pip install 'veille[web]'")

from veille.store import open_store, store_analyses  # noqa: E402

from web_browser import quit_chromium, start_chromium  # noqa: E402
from web_samples import article_en, article_fr  # noqa: E402
from web_server import start_server, stop_server  # noqa: E402


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web") / "kb.db"
    with open_store(path) as kb:
        store_analyses(kb, [(article_fr(), None), (article_en(), None)])
    return path


@pytest.fixture(scope="session")
def server(kb_path):
    s = start_server(kb_path, max_chars=5000)
    yield s
    stop_server(s)


@pytest.fixture(scope="module")
def chrome():
    """A headless Chromium for the browser tests of one module (skips when there is none)."""
    c = start_chromium()
    yield c
    quit_chromium(c)
