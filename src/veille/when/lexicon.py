"""The time vocabulary and patterns of one language, compiled once per process.

Everything language-specific lives in ``resources/<lang>/time.toml``: word tables (months,
weekdays, units, parts of day, ...) and ``[[pattern]]`` regular expressions that refer to
those tables as ``{table}``. This module turns the file into compiled patterns and lookup
tables; it knows nothing of any particular language.
"""
from __future__ import annotations

import functools
import logging
import unicodedata
from dataclasses import dataclass
from typing import Any

import regex

from .. import resources
from ..clean.normalize import plain
from ..errors import ConfigError
from ..firstchar import gate

log = logging.getLogger(__name__)

FLAGS = regex.IGNORECASE | regex.UNICODE | regex.V0
_PLACEHOLDER = regex.compile(r"\{([a-z_]+)\}")
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DIGITS = r"\d+(?:[.,]\d+)?"
# An expression starts at a word boundary, or at a capital glued to a lower-case letter (a
# paragraph break lost by the source: "un retour en politiqueSamedi, elle ...").
_WORD_START = r"(?:(?<!\w)|(?-i:(?<=\p{Ll})(?=\p{Lu})))"
# and it ends at a word boundary, or before a capital glued to it that starts the next paragraph
# ("EN 2020L'organisation estime", "jeudiLe ministre"), or, for a number, before a word of the
# language file's `glued_after_number` ("- 28/08/2018par CNEWS": the credit of a video caption).
_WORD_END = r"(?:(?!\w)|(?-i:(?<=[\p{Ll}\d])(?=\p{Lu}(?:\p{Ll}|'))))"


def fold(s: str) -> str:
    """Lookup key of a word: lower case, no accents, plain apostrophes, single spaces."""
    s = plain(s).lower()
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return " ".join(s.split())


def _word_regex(word: str) -> str:
    """A table word as a regex: any run of spaces matches, both apostrophes match."""
    parts = []
    for ch in word:
        if ch == " ":
            parts.append(r"\s+")
        elif ch in "'’":
            parts.append("['’]")
        else:
            parts.append(regex.escape(ch))
    return "".join(parts)


def _alternation(words: list[str]) -> str:
    variants = set()
    for w in words:
        variants.add(w)
        # capitals often lose their accents ("Eté", "DECEMBRE"); the case itself is the pattern's
        variants.add("".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c)))
    return "(?:" + "|".join(_word_regex(w) for w in sorted(variants, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class Pattern:
    rule: str
    type: str
    regex: Any
    priority: int = 0


@dataclass(frozen=True)
class Lexicon:
    """Compiled patterns and folded lookup tables of one language."""

    lang: str
    tables: dict[str, dict[str, Any]]
    patterns: tuple[Pattern, ...]
    past: tuple[Any, ...]
    future: tuple[Any, ...]
    past_before: tuple[Any, ...]
    future_before: tuple[Any, ...]
    clause_breaks: tuple[Any, ...]
    exclude: tuple[Any, ...]
    clock_duration: tuple[Any, ...]
    clock_duration_after: tuple[Any, ...]
    # context rules: (before, after) regexes of the left and right context, either may be None
    ages: tuple[tuple[Any | None, Any | None], ...] = ()
    ages_months: tuple[tuple[Any | None, Any | None], ...] = ()
    not_ages: tuple[tuple[Any | None, Any | None], ...] = ()
    not_ages_one: tuple[tuple[Any | None, Any | None], ...] = ()
    nowadays: tuple[tuple[Any | None, Any | None], ...] = ()
    story_framing: tuple[tuple[Any | None, Any | None], ...] = ()
    forward_verbs: frozenset[str] = frozenset()
    planned_participles: frozenset[str] = frozenset()
    etre_verbs: frozenset[str] = frozenset()
    plan_revisions: frozenset[str] = frozenset()
    here_present: tuple[tuple[Any | None, Any | None], ...] = ()
    specific_pod: tuple[tuple[Any | None, Any | None], ...] = ()
    clock_generic: tuple[tuple[Any | None, Any | None], ...] = ()
    rule_start: tuple[tuple[Any | None, Any | None], ...] = ()
    # a noun for a person, read on the parse, whose "de" + number of years is an age (`[age_head]`)
    person_endings: tuple[str, ...] = ()
    not_person_endings: tuple[str, ...] = ()
    age_of: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    not_person_nouns: frozenset[str] = frozenset()
    child_nouns: frozenset[str] = frozenset()
    age_verbs: frozenset[str] = frozenset()
    age_verb_purposes: frozenset[str] = frozenset()

    def get(self, table: str, word: str | None, default: Any = None) -> Any:
        if word is None:
            return default
        return self.tables.get(table, {}).get(fold(word), default)

    def has(self, table: str, word: str | None) -> bool:
        return word is not None and fold(word) in self.tables.get(table, {})


def _expand(template: str, tables: dict[str, dict[str, Any]], where: str) -> str:
    def sub(m: regex.Match) -> str:
        name = m.group(1)
        if name == "year":
            return _YEAR
        if name == "num":
            return f"(?:{_DIGITS}|{_alternation(list(tables.get('numbers', {})))})"
        if name not in tables:
            raise ConfigError(f"{where}: unknown table {{{name}}} in pattern")
        return _alternation(list(tables[name]))

    # spaces and apostrophes of the template itself: any whitespace run, either apostrophe
    literal = template.replace(" ?", r"\s*").replace(" ", r"\s+").replace("'", "['’]")
    return _PLACEHOLDER.sub(sub, literal)


def _compile(source: str, where: str) -> Any:
    try:
        return regex.compile(source, FLAGS)
    except regex.error as exc:
        raise ConfigError(f"{where}: invalid pattern: {exc}") from exc


@functools.lru_cache(maxsize=None)
def for_language(lang: str) -> Lexicon:
    """The compiled time lexicon of ``lang`` (an empty one when the language has no file)."""
    data: dict[str, Any] = resources.load(lang, "time")
    where = f"resources/{lang}/time.toml"
    raw_tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    tables = {name: {fold(k): v for k, v in table.items()} for name, table in raw_tables.items()}
    glued = [regex.escape(w) for w in data.get("glued_after_number", [])]
    word_end = _WORD_END if not glued else \
        _WORD_END[:-1] + rf"|(?<=\d)(?=(?:{'|'.join(glued)})\s))"
    patterns = []
    for i, p in enumerate(data.get("pattern", [])):
        try:
            rule, type_, template = p["rule"], p["type"], p["re"]
        except KeyError as exc:
            raise ConfigError(f"{where}: pattern {i + 1} lacks {exc}") from exc
        body = _expand(template, raw_tables, where)
        # gate(): the characters a match starts with, so the engine skips to them (same matches)
        patterns.append(Pattern(rule, type_, _compile(gate(body) + _WORD_START + rf"(?:{body})" + word_end, where),
                                int(p.get("priority", 0))))
    tense = data.get("tense", {})
    past = tuple(_compile(_expand(t, raw_tables, where), where) for t in tense.get("past", []))
    future = tuple(_compile(_expand(t, raw_tables, where), where) for t in tense.get("future", []))
    past_before = tuple(_compile(_expand(t, raw_tables, where), where) for t in tense.get("past_before", []))
    future_before = tuple(_compile(_expand(t, raw_tables, where), where) for t in tense.get("future_before", []))
    clause_breaks = tuple(_compile(_expand(t, raw_tables, where), where) for t in tense.get("clause_breaks", []))
    exclude = tuple(_compile(gate(body) + rf"(?<!\w)(?:{body})(?!\w)", where)
                    for body in (_expand(x["re"], raw_tables, where) for x in data.get("exclude", [])))
    clock_duration = tuple(_compile(_expand(t, raw_tables, where), where)
                           for t in data.get("clock_duration", {}).get("before", []))
    clock_duration_after = tuple(_compile(_expand(t, raw_tables, where), where)
                                 for t in data.get("clock_duration", {}).get("after", []))
    heads = data.get("age_head", {})
    log.debug("time lexicon %s: %d patterns", lang, len(patterns))
    return Lexicon(lang, tables, tuple(patterns), past, future, past_before, future_before, clause_breaks, exclude,
                   clock_duration, clock_duration_after, ages=_contexts(data, "age", raw_tables, where),
                   ages_months=_contexts(data, "age_months", raw_tables, where),
                   not_ages=_contexts(data, "not_age", raw_tables, where),
                   not_ages_one=_contexts(data, "not_age_one", raw_tables, where),
                   nowadays=_contexts(data, "nowadays", raw_tables, where),
                   story_framing=_contexts(data, "story_framing", raw_tables, where),
                   forward_verbs=frozenset(v.lower() for v in tense.get("forward_verbs", [])),
                   planned_participles=frozenset(v.lower() for v in tense.get("planned_participles", [])),
                   etre_verbs=frozenset(v.lower() for v in tense.get("etre_verbs", [])),
                   plan_revisions=frozenset(v.lower() for v in tense.get("plan_revisions", [])),
                   here_present=_contexts(data, "here_present", raw_tables, where),
                   specific_pod=_contexts(data, "specific_pod", raw_tables, where),
                   clock_generic=_contexts(data, "clock_generic_range", raw_tables, where),
                   rule_start=_contexts(data, "rule_start", raw_tables, where),
                   person_endings=tuple(fold(w) for w in heads.get("endings", [])),
                   not_person_endings=tuple(fold(w) for w in heads.get("not_endings", [])),
                   age_of=frozenset(fold(w) for w in heads.get("of", [])),
                   person_nouns=frozenset(fold(w) for w in heads.get("nouns", [])),
                   not_person_nouns=frozenset(fold(w) for w in heads.get("not_nouns", [])),
                   child_nouns=frozenset(fold(w) for w in heads.get("children", [])),
                   age_verbs=frozenset(fold(w) for w in heads.get("verbs", [])),
                   age_verb_purposes=frozenset(fold(w) for w in heads.get("purposes", [])))


def _contexts(data: dict[str, Any], key: str, tables: dict[str, dict[str, Any]], where: str) -> tuple:
    """``[[key]]`` entries: (before, after) regexes of the left and right context, either may be None."""
    def one(source: str | None) -> Any:
        return _compile(_expand(source, tables, where), where) if source else None

    return tuple((one(c.get("before")), one(c.get("after"))) for c in data.get(key, []))
