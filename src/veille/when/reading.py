"""A learned choice between two readings of "aujourd'hui": nowadays (``PRESENT_REF``) or this very
day (the publication date).

The hand rule (``rules._nowadays``: the clause's tense, the imperfect, the words of
``[[nowadays]]``) gives one reading; the model weighs it with what else the context tells: the
tense of the governing verb, a reporting verb, a quotation, the place in the sentence and the
article, the words next to it, a day named nearby. Weights: ``resources/models/times.json``,
rebuilt by ``veille train times`` (a logistic regression, out-of-fold figures in the file). When
no weights are shipped, or the language is not one the model was trained on, the rule decides.
"""
from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from .. import resources
from .tense import governing_lemma, imperfect

if TYPE_CHECKING:
    from .rules import Ctx

MODEL = Path(__file__).resolve().parents[1] / "resources" / "models" / "times.json"
_QUOTE_OPEN, _QUOTE_CLOSE = "«“", "»”"
_SENTENCE_START = regex.compile(r"(?:^|[.!?:]\s*[\"»”]?\s*|\n\s*|[«\"“]\s*)$")
_WORD = regex.compile(r"[\w'’-]+")
# a day or a date written in the same sentence ("aujourd'hui lundi", "ce 12 mars")
_DAY_NEAR = regex.compile(r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|demain|\d{1,2}(?:er)? "
                          r"(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
                          r"|ce matin|ce soir|cet après-midi)\b", regex.I)
_SENTENCE_CUT = regex.compile(r"[.!?\n]")
# words around the expression that lean one way or the other: nowadays ("encore", "désormais",
# "depuis", "plus") or a day ("dès", "à partir d'", "jusqu'à", "ici")
_LEFT_WORDS = ("encore", "toujours", "déjà", "même", "jusqu'à", "jusqu'", "d'", "dès", "partir", "depuis",
               "désormais", "et", "mais", "comme", "qu'", "que", "c'est", "est", "sont", "a", "ont", "il", "elle")
_RIGHT_WORDS = ("encore", "toujours", "déjà", "plus", "même", "désormais", "en", "à", "au", "avec", "pour",
                "de", "des", "le", "la", "les", "un", "une", "on", "nous", "il", "elle", "ils", "je", "c'est")


@functools.lru_cache(maxsize=1)
def model() -> dict[str, Any] | None:
    """The shipped weights, or None."""
    return resources.read_model(MODEL)


def _left_word(text: str, start: int) -> str:
    words = _WORD.findall(text[max(0, start - 30):start])
    return words[-1].lower().replace("’", "'") if words else ""


def _right_word(text: str, end: int) -> str:
    words = _WORD.findall(text[end:end + 30])
    return words[0].lower().replace("’", "'") if words else ""


def _in_quotation(text: str, start: int) -> bool:
    """Inside a quotation: an opening mark not closed before, or an odd number of straight
    double quotes, in the paragraph."""
    para = text[text.rfind("\n", 0, start) + 1:start]
    opened = max(para.rfind(c) for c in _QUOTE_OPEN)
    closed = max(para.rfind(c) for c in _QUOTE_CLOSE)
    return opened > closed or para.count('"') % 2 == 1


def _neighbours(doc: Any, start: int, end: int) -> tuple[str, str]:
    """The parts of speech of the tokens just before and just after the expression ("PUNCT",
    "NOUN" for "aujourd'hui président", "ADJ" or "VERB" for "aujourd'hui âgé"); "" without a parse."""
    if doc is None:
        return "", ""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "", ""
    before = doc[span.start - 1].pos_ if span.start > 0 else "START"
    after = doc[span.end].pos_ if span.end < len(doc) else "END"
    return before, after


def features(ctx: "Ctx", rule: bool) -> dict[str, float]:
    """What the context tells of the reading of the expression at ``ctx.start:ctx.end``; ``rule``
    is the hand rule's reading (True: nowadays)."""
    text, start, end = ctx.text, ctx.start, ctx.end
    tense = ctx.tense()
    left, right = _left_word(text, start), _right_word(text, end)
    cut = [m.start() for m in _SENTENCE_CUT.finditer(text, max(0, start - 200), start)]
    sent_start = cut[-1] + 1 if cut else max(0, start - 200)
    after = _SENTENCE_CUT.search(text, end, end + 200)
    sentence = text[sent_start:after.start() if after else end + 200]
    f = {
        "rule": float(rule),
        f"tense={tense or 'none'}": 1.0,
        "imperfect": float(imperfect(ctx.doc, start, end)),
        "reporting": float(ctx.reporting(start, end)),
        "quotation": float(_in_quotation(text, start)),
        "sentence_start": float(bool(_SENTENCE_START.search(text[max(0, start - 4):start]))),
        "heading": float("\n" not in text[:start].strip()),
        "comma_after": float(text[end:end + 1] == ","),
        "day_in_sentence": float(bool(_DAY_NEAR.search(sentence.replace(text[start:end], " ", 1)))),
        "lemma_etre_avoir": float(governing_lemma(ctx.doc, start, end) in ("être", "avoir")),
    }
    before, after_tok = _neighbours(ctx.doc, start, end)
    if before:
        f[f"pos_before={before}"] = 1.0
    if after_tok:
        f[f"pos_after={after_tok}"] = 1.0
    if left in _LEFT_WORDS:
        f[f"left={left}"] = 1.0
    if right in _RIGHT_WORDS:
        f[f"right={right}"] = 1.0
    return f


def probability(weights: dict[str, Any], feats: dict[str, float]) -> float:
    """The probability of the nowadays reading."""
    w = weights["weights"]
    z = weights.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def nowadays(ctx: "Ctx", rule: bool) -> bool:
    """The reading chosen: the model's when weights for this language are shipped, else the rule's.
    A training run (``ctx.readings`` a list) records the features and the rule's reading."""
    m = model()
    record = ctx.readings is not None
    if not record and (m is None or ctx.lex.lang not in m.get("languages", ())):
        return rule
    feats = features(ctx, rule)
    if record:
        ctx.readings.append((ctx.start, ctx.end, feats))
        return rule
    return probability(m, feats) >= m.get("threshold", 0.5)


__all__ = ["features", "model", "nowadays", "probability"]
