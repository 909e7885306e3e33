"""Language resources as data files: ``resources/<lang>/<name>.toml`` (or .txt/.tsv).

``load(lang, name)`` reads and caches one TOML file. Stages never hard-code word lists.
"""
from __future__ import annotations

import functools
import tomllib
from importlib import resources as _res
from typing import Any

from ..errors import ConfigError


def path(lang: str, name: str):
    return _res.files(__package__).joinpath(lang, name)


@functools.lru_cache(maxsize=None)
def load(lang: str, name: str) -> dict[str, Any]:
    """The TOML resource ``<lang>/<name>.toml`` as a dict ({} when the file does not exist)."""
    p = path(lang, f"{name}.toml")
    if not p.is_file():
        return {}
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"resource {lang}/{name}.toml is invalid: {exc}") from exc


@functools.lru_cache(maxsize=None)
def lines(lang: str, name: str) -> tuple[str, ...]:
    """A one-item-per-line resource (``#`` comments and blank lines skipped)."""
    p = path(lang, name)
    if not p.is_file():
        return ()
    out = []
    for line in p.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


def read_model(p) -> dict[str, Any] | None:
    """A learned model's JSON file (written by ``veille train``), or None when absent; a damaged
    file is a ConfigError that names it."""
    import json
    if not p.is_file():
        return None
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"model file {p} is invalid: {exc}") from exc


@functools.lru_cache(maxsize=None)
def load_model(name: str) -> dict[str, Any] | None:
    """Learned weights ``models/<name>.json``, or None when absent."""
    return read_model(path("models", f"{name}.json"))
