"""Shared fixtures: real spaCy pipelines (loaded once) and a way to build a Work by hand."""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from veille import nlp
from veille.options import Options
from veille.records import Source
from veille.work import Work

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The shared development data; gate tests skip when it is absent."""
    if not DATA.is_dir():
        pytest.skip(f"development data not found at {DATA}")
    return DATA


@pytest.fixture
def repo_script():
    """Import one of the repository's scripts (``bench/``, ``scripts/``) by its path, afresh at
    each call, under its file name in ``sys.modules`` (a script's dataclasses look their module
    up there) until the test ends."""
    names = []

    def load(relative: str):
        path = ROOT / relative
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        names.append(spec.name)
        spec.loader.exec_module(module)
        return module

    yield load
    for name in names:
        sys.modules.pop(name, None)


@pytest.fixture(autouse=True, scope="session")
def _kb_cache_dir(tmp_path_factory):
    """The store's on-disk indexes (``VEILLE_CACHE_DIR``) in a temporary directory, never the
    user's cache; the commands the tests run in subprocesses inherit it."""
    old = os.environ.get("VEILLE_CACHE_DIR")
    os.environ["VEILLE_CACHE_DIR"] = str(tmp_path_factory.mktemp("veille-cache"))
    yield
    if old is None:
        os.environ.pop("VEILLE_CACHE_DIR", None)
    else:
        os.environ["VEILLE_CACHE_DIR"] = old


def make_work(text: str, lang: str = "fr", published: str | None = None, parse: bool = True) -> Work:
    """A Work for ``text`` as the pipeline would build it, parsed by the real model, no stage run."""
    options = Options(language=lang, published=published)
    w = Work(id="t", source=Source(), text=text, language=lang, options=options, published=published)
    if parse:
        w.doc = nlp.load(lang, options.models[lang])(text)
    return w


@pytest.fixture
def work():
    """Factory fixture: ``work(text, lang="fr", published=None)`` -> parsed Work."""
    return make_work
