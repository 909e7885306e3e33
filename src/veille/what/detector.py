"""A learned event detector over sentences: the PLOVER types a sentence reports.

The trigger lexicon finds an event only where one of its words stands; many events are told in
other words ("s'est dit scandalisé", "a voté une motion contre", "maintient toute sa
confiance"). The detector reads a whole sentence (its content lemmas, verb-object pairs, the
lexicon words of each type it holds even when the checks would drop them, negation, modality,
quotation, the parse's root and the mean of its content lemmas' vectors) and gives, per type, the
probability that the annotators code an event of that type whose evidence lies in the sentence:
one logistic regression per type (``veille train detector``, seed 0), shipped as JSON in
``resources/models/detector.json`` and applied here in plain Python.

Where it gives a type with at least ``[options] detector_min`` and no event of that type stands in
the sentence, the extraction proposes one (``what.extract``: the sentence's word most weighted for
the type as trigger, the participants the parse gives it, else the actor under discussion as
doer), marked ``proposed=detector``; the event scorer decides whether it is kept. With
``detector_min = 0`` (the default) nothing is proposed and the output is that of the rules.
"""
from __future__ import annotations

import contextlib
import functools
import math
from pathlib import Path
from typing import Any, Iterator

import numpy

from .. import resources

MODEL = Path(__file__).resolve().parents[1] / "resources" / "models" / "detector.json"

CONTENT = ("VERB", "NOUN", "ADJ")
NEGATION = frozenset({"ne", "pas", "jamais", "aucun", "rien", "ni", "guère"})
MODALS = frozenset({"pouvoir", "devoir", "vouloir", "falloir", "envisager", "menacer", "tenter", "chercher",
                    "souhaiter", "espérer"})
CONDITION = frozenset({"si"})
QUOTE_MARKS = ("«", "»", "“", "”", '"')
PAIR_DEPS = frozenset({"obj", "obl", "obl:arg", "obl:mod", "nmod", "xcomp", "iobj"})


def _content(tok) -> bool:
    return tok.pos_ in CONTENT and not tok.is_stop and tok.lemma_.isalpha() and len(tok.lemma_) > 2


def _lexicon_types(lex) -> dict[tuple[str, str], frozenset[str]]:
    """(pos, lemma) -> the types of the lexicon's entries for it, constraints ignored."""
    key = id(lex)
    if key not in _LEX_TYPES:
        out: dict[tuple[str, str], set[str]] = {}
        for pos, table in (("verb", lex.verbs), ("noun", lex.nouns)):
            for lemma, entries in table.items():
                out.setdefault((pos, lemma), set()).update(e.type for e in entries)
        _LEX_TYPES[key] = (lex, {k: frozenset(v) for k, v in out.items()})
    return _LEX_TYPES[key][1]


_LEX_TYPES: dict[int, tuple] = {}


def sentence_features(sent, lex=None) -> dict[str, float]:
    """The features of one sentence (a spaCy span), without its vector."""
    f: dict[str, float] = {"bias_detector": 1.0}
    types = _lexicon_types(lex) if lex is not None else {}
    text = sent.text
    if any(m in text for m in QUOTE_MARKS):
        f["quote_marks"] = 1.0
    if sent.start <= 1 or sent[0].i == 0:
        f["first_sentence"] = 1.0
    root = sent.root
    f[f"root={root.lemma_.lower()}"] = 1.0
    f[f"root_pos={root.pos_}"] = 1.0
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in NEGATION:
            f["negation"] = 1.0
        if lemma in MODALS:
            f["modal"] = 1.0
        if lemma in CONDITION:
            f["condition"] = 1.0
        if tok.pos_ in ("VERB", "NOUN"):
            pos = "verb" if tok.pos_ == "VERB" else "noun"
            for t in types.get((pos, lemma), ()):
                f[f"lex={t}"] = 1.0
        if not _content(tok):
            continue
        f[f"w={lemma}"] = 1.0
        if tok.pos_ == "VERB":
            for c in tok.children:
                if c.dep_ in PAIR_DEPS and _content(c):
                    f[f"p={lemma}_{c.lemma_.lower()}"] = 1.0
    return f


def sentence_vector(sent) -> list[float] | None:
    """The mean of the sentence's content lemmas' vectors (None when none has one)."""
    vocab = sent.doc.vocab
    acc = None
    n = 0
    for tok in sent:
        if not _content(tok):
            continue
        lx = vocab[tok.lemma_.lower()]
        if not lx.has_vector:
            continue
        v = lx.vector
        acc = v.copy() if acc is None else acc + v
        n += 1
    if acc is None:
        return None
    return (acc.astype(numpy.float64) / n).tolist()  # float(x) / n for each x, in one go


def project(projection: dict[str, Any] | None, v: list[float] | None) -> dict[str, float]:
    """The vector's coordinates on the projection's components, centred on its mean.

    Each coordinate is the sum, left to right, of the products ``(x - mean) * component``, as
    ``sum()`` adds them: ``numpy.cumsum`` adds in that order (``numpy.dot`` would not), so the
    same floats, bit for bit, without a Python loop over the 300 dimensions.
    """
    if not projection or v is None or len(v) != len(projection["mean"]):
        return {}
    mean, components = _projection_arrays(projection)
    if not len(v) or not len(components):
        return {f"svec{k}": 0 for k in range(len(components))}
    sums = numpy.cumsum(components * (numpy.asarray(v, dtype=numpy.float64) - mean), axis=1)[:, -1]
    return {f"svec{k}": s for k, s in enumerate(sums.tolist())}


def _projection_arrays(projection: dict[str, Any]):
    key = id(projection)
    if key not in _ARRAYS:
        if len(_ARRAYS) >= 8:  # training fits many projections: keep the last ones
            _ARRAYS.clear()
        _ARRAYS[key] = (projection, numpy.asarray(projection["mean"], dtype=numpy.float64),
                        numpy.asarray(projection["components"], dtype=numpy.float64))
    return _ARRAYS[key][1:]


_ARRAYS: dict[int, tuple] = {}


@functools.lru_cache(maxsize=4)
def _load(path: str) -> dict[str, Any] | None:
    return resources.read_model(Path(path))


_OVERRIDE: list[dict[str, Any] | None] = []


def load() -> dict[str, Any] | None:
    """The detector model in use: the shipped one, or the one ``using()`` sets."""
    if _OVERRIDE:
        return _OVERRIDE[-1]
    return _load(str(MODEL))


@contextlib.contextmanager
def using(model: dict[str, Any] | None):
    """Within this block the detector applies ``model`` (training: weights that did not see the
    article being analysed)."""
    _OVERRIDE.append(model)
    try:
        yield
    finally:
        _OVERRIDE.pop()


def probabilities(model: dict[str, Any], features: dict[str, float]) -> dict[str, float]:
    """Per type, the probability that the sentence reports an event of that type.

    The weighted features of each type are added in the order of ``features``, as a sum over
    them all would; a feature the type does not weigh would add 0.0, which changes no sum.
    """
    postings = _postings(model)
    z = dict.fromkeys(model["weights"], 0.0)
    for k, v in features.items():
        for t, w in postings.get(k, ()):
            z[t] += w * v
    bias = model["bias"]
    return {t: 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, bias[t] + s)))) for t, s in z.items()}


def _postings(model: dict[str, Any]) -> dict[str, list[tuple[str, float]]]:
    """feature -> (type, weight) for each type that weighs it."""
    key = id(model)
    if key not in _POSTINGS:
        if len(_POSTINGS) >= 8:  # training fits many models: keep the last ones
            _POSTINGS.clear()
        out: dict[str, list[tuple[str, float]]] = {}
        for t, w in model["weights"].items():
            for k, x in w.items():
                out.setdefault(k, []).append((t, x))
        _POSTINGS[key] = (model, out)
    return _POSTINGS[key][1]


_POSTINGS: dict[int, tuple] = {}


def detect(sent, lex, model: dict[str, Any]) -> dict[str, float]:
    f = sentence_features(sent, lex)
    f.update(project(model.get("projection"), sentence_vector(sent)))
    return probabilities(model, f)


def _verb_of(tok):
    """The verb a word belongs to: itself, else its nearest verbal ancestor in the sentence."""
    while tok.pos_ != "VERB":
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return tok


def trigger_for(sent, etype: str, model: dict[str, Any], usable) -> Any:
    """The verb that stands for an event of ``etype`` in the sentence: the verb of the word (or
    verb-object pair) that weighs most for the type, else the sentence's root verb. A verb, so
    that the participants are its subject and object, the sentence's doer and whom it acts on."""
    w = model["weights"].get(etype, {})
    best, best_w = None, 0.0
    for tok in sent:
        if not _content(tok):
            continue
        lemma = tok.lemma_.lower()
        score = w.get(f"w={lemma}", 0.0)
        if tok.pos_ == "VERB":
            score = max([score] + [w.get(f"p={lemma}_{c.lemma_.lower()}", 0.0) for c in tok.children])
        verb = _verb_of(tok)
        if score > best_w and verb is not None and usable(verb):
            best, best_w = verb, score
    if best is None and sent.root.pos_ == "VERB" and usable(sent.root):
        best = sent.root
    return best


def proposals(doc, lex, stated: dict[int, set[str]], usable, least: float) -> Iterator[tuple[Any, str, float]]:
    """(trigger token, type, probability) for each sentence and type the detector gives with at
    least ``least`` and that no event of the sentence (``stated``: sentence start -> types) has."""
    model = load()
    if model is None or least <= 0:
        return
    for sent in doc.sents:
        probs = detect(sent, lex, model)
        have = stated.get(sent.start, set())
        for t, p in sorted(probs.items(), key=lambda x: (-x[1], x[0])):
            if p < least or t in have:
                continue
            tok = trigger_for(sent, t, model, usable)
            if tok is not None:
                yield tok, t, p
