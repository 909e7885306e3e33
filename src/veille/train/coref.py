"""Training of the pronoun ranker of the entity stage (``veille.who.coref``).

POPCORN's person chains give, for each pronoun the entity stage finds, which of its candidate
person groups is right: the group with a mention in the pronoun's gold chain. Every fifth
document (in key order) is held out: never trained on, it is where ``veille eval coref``
reports coreference on unseen texts. The pronoun joins its right group as the text goes on
(at run time, the chosen one). A conditional logit over the candidates' features learns the
weights, as for the speakers.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from .. import pipeline
from ..errors import ConfigError
from ..options import Options
from ..records import Mention, RawArticle, Source
from ..who import coref, named_and_nominal
from ..who.actors import lexicon
from .speakers import conditional_logit, pick_right
from .data import write_model

log = logging.getLogger(__name__)

PERSON_TYPES = {"CIVILIAN", "MILITARY", "TERRORIST_OR_CRIMINAL"}
HELD_OUT = 5  # every fifth POPCORN document is held out
FOLDS = 5
L2 = 0.01


def split(corpus: dict) -> tuple[list[str], list[str]]:
    """(training keys, held-out keys), in key order."""
    keys = sorted(corpus)
    return [k for i, k in enumerate(keys) if i % HELD_OUT], [k for i, k in enumerate(keys) if not i % HELD_OUT]


def popcorn(data: Path) -> dict:
    path = Path(data) / "popcorn" / "train.json"
    if not path.is_file():
        raise ConfigError(f"POPCORN not found at {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def groups_of(corpus: dict, keys: list[str], batch: int = 32) -> list[dict]:
    options = Options(language="fr")
    out: list[dict] = []
    for k in range(0, len(keys), batch):
        part = keys[k:k + batch]
        works = [pipeline.prepare(RawArticle(id=key, source=Source(), text=corpus[key]["text"], language="fr"), options)
                 for key in part]
        model = pipeline.nlp.load("fr", options.models["fr"])
        for w, doc in zip(works, pipeline.nlp.parse(model, (w.text for w in works), batch)):
            w.doc = doc
            out.extend(_groups(key_of(w), w, corpus[key_of(w)]))
        log.info("coref: %d/%d documents", min(k + batch, len(keys)), len(keys))
    return out


def key_of(w) -> str:
    return w.id


def _groups(key: str, w, gold: dict) -> list[dict]:
    lex = lexicon("fr")
    if w.text != gold["text"]:
        return []  # cleaning changed the text: offsets would not meet
    chains = [[(m["start"], m["end"]) for m in e["mentions"]] for e in gold["entities"] if e["type"] in PERSON_TYPES]
    groups = named_and_nominal(w, lex)
    sent_of = coref.sentence_of(w.doc)
    out = []
    for pro in coref.pronouns(w, lex):
        if pro.plural:
            continue
        chain = next((c for c in chains if any(s < pro.end and pro.start < e for s, e in c)), None)
        if chain is None:
            continue  # a pronoun no gold person chain holds ("il" of "il faut", a thing)
        cands = coref.candidates(w, groups, pro, sent_of)
        labels = [any(m.kind != "pronoun" and any(s < m.end and m.start < e for s, e in chain) for m in c.group.mentions)
                  for c in cands]
        out.append({"doc": key, "features": [c.features for c in cands], "labels": labels})
        right = next((c for c, y in zip(cands, labels) if y), None)
        if right is not None:
            right.group.add(Mention(pro.start, pro.end, pro.text, "pronoun", 1.0))
    return out


QUOTE_SETS = (("quotes-fr", "quotes-fr-extra"), ("quotes-fr-more",))
PRONOUN_MENTIONS = {"il", "elle", "ce dernier", "cette dernière", "celui-ci", "celle-ci", "lui"}


def quote_groups(data: Path, annotations: Path, batch: int = 16) -> list[dict]:
    """Pronouns that designate the speaker of an annotated quote ("a-t-il ajouté"): the right
    group is the one named as the gold speaker."""
    from ..eval.common import same_speaker
    from .data import tuning_docs
    docs = tuning_docs(data, annotations, *QUOTE_SETS, "quotes")
    options = Options(language="fr")
    lex = lexicon("fr")
    out: list[dict] = []
    for k in range(0, len(docs), batch):
        part = docs[k:k + batch]
        works = [pipeline.prepare(RawArticle(id=d.id, source=Source(), text=d.text, language="fr"), options) for d in part]
        model = pipeline.nlp.load("fr", options.models["fr"])
        for d, w, doc in zip(part, works, pipeline.nlp.parse(model, (w.text for w in works), batch)):
            w.doc = doc
            groups = named_and_nominal(w, lex)
            sent_of = coref.sentence_of(doc)
            by_start = {p.start: p for p in coref.pronouns(w, lex) if not p.plural}
            for q in d.gold:
                mention, speaker = (q.get("speaker_mention") or "").lower().lstrip("-"), q.get("speaker")
                c0 = w.text.find(q["content"])
                if mention not in PRONOUN_MENTIONS or not speaker or c0 < 0:
                    continue
                near = [p for p in by_start.values() if w.text[p.start:p.end].lower() == mention
                        and c0 - 250 <= p.start <= c0 + len(q["content"]) + 80]
                if not near:
                    continue
                pro = min(near, key=lambda p: abs(p.start - c0))
                cands = coref.candidates(w, groups, pro, sent_of)
                labels = [any(same_speaker(speaker, m.text) for m in c.group.mentions if m.kind == "name") for c in cands]
                out.append({"doc": d.id, "features": [c.features for c in cands], "labels": labels})
        log.info("coref from quotes: %d/%d articles", min(k + batch, len(docs)), len(docs))
    return out


def evaluate(groups: list[dict], seed: int) -> dict[str, Any]:
    docs = sorted({g["doc"] for g in groups})
    random.Random(seed).shuffle(docs)
    fold = {d: k % FOLDS for k, d in enumerate(docs)}
    hand = right = n = 0
    for k in range(FOLDS):
        w = conditional_logit([g for g in groups if fold[g["doc"]] != k], L2)
        for g in groups:
            if fold[g["doc"]] != k:
                continue
            n += 1
            right += pick_right(g, w)
            hand += pick_right(g, coref.DEFAULT_WEIGHTS)
    return {"pronouns": n, "hand-set weights: right antecedent": round(hand / n, 4) if n else 0.0,
            "learned weights, out of fold: right antecedent": round(right / n, 4) if n else 0.0}


def run(data: Path, annotations: Path, out: Path | None, seed: int) -> dict[str, Any]:
    corpus = popcorn(data)
    train, held = split(corpus)
    groups = groups_of(corpus, train)
    figures = {f"popcorn {k}": v for k, v in evaluate(groups, seed).items()}
    quoted = quote_groups(data, annotations)
    figures.update({f"quotes {k}": v for k, v in evaluate(quoted, seed).items()})
    groups += quoted
    figures.update({f"both {k}": v for k, v in evaluate(groups, seed).items()})
    weights = conditional_logit(groups, L2)
    model = {"model": "coref", "kind": "conditional logit over the candidates of each pronoun",
             "trained": dt.date.today().isoformat(), "seed": seed, "l2": L2,
             "sets": ["popcorn (four fifths: every document but each fifth in key order)",
                      "pronouns designating the speaker of quotes: " + ", ".join(QUOTE_SETS[0] + QUOTE_SETS[1])],
             "documents": len(train), "held_out": len(held), "figures": figures, "weights": dict(sorted(weights.items()))}
    path = out or Path(coref.__file__).resolve().parents[1] / "resources" / "models" / "coref.json"
    write_model(path, model)
    figures["written"] = str(path)
    return figures
