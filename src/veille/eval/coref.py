"""Coreference of person chains on POPCORN (pronouns included): MUC and B³ F1.

Gold chains are the POPCORN entities of person types (civilians, military, criminals); the
system chains are the PER entities of the analysis. A system mention stands for the gold
mention it overlaps with the same last word (so "Mme Adams" meets "Adams"), else for itself.
B³ counts a mention missing on one side as a singleton there, so a correct mention the gold
leaves out (an apposition "présidente de l'association" beside the name) costs precision;
the "gold_mentions_*" figures score only the system mentions that meet a gold mention. The
baseline groups spaCy's person names by surname (last word), with no pronouns and no nominals.
The "held_out" figures score only the fifth of POPCORN the pronoun ranker is not trained on
(``veille.train.coref.split``).
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from .. import nlp
from ..errors import ConfigError
from ..options import Options
from ..pipeline import Failure, analyze_many
from ..records import RawArticle, Source
from ..who.knowledge import norm

PERSON_TYPES = {"CIVILIAN", "MILITARY", "TERRORIST_OR_CRIMINAL"}


def b_cubed(key: list[set], response: list[set]) -> tuple[float, float, float, int, int]:
    kc = {m: c for c in key for m in c}
    rc = {m: c for c in response for m in c}
    r_sum = sum(len(kc[m] & rc.get(m, {m})) / len(kc[m]) for m in kc)
    p_sum = sum(len(rc[m] & kc.get(m, {m})) / len(rc[m]) for m in rc)
    return p_sum, r_sum, 0.0, len(rc), len(kc)


def _align(mentions: list[tuple[int, int, str]], gold: list[tuple[int, int, str]]) -> list:
    out = []
    for s, e, t in mentions:
        last = (norm(t).split() or [""])[-1]
        hit = next(((gs, ge) for gs, ge, gt in gold
                     if gs < e and s < ge and (norm(gt).split() or [""])[-1] == last), None)
        out.append(hit or (s, e))
    return out


class _Totals:
    def __init__(self) -> None:
        self.muc = [0, 0, 0, 0]   # p num, p den, r num, r den
        self.b3 = [0.0, 0, 0.0, 0]

    def add(self, key: list[set], response: list[set]) -> None:
        def part(a, b):
            where = {m: i for i, c in enumerate(b) for m in c}
            num = den = 0
            for c in a:
                num += len(c) - len({where.get(m, ("solo", m)) for m in c})
                den += len(c) - 1
            return num, den
        rn, rd = part(key, response)
        pn, pd = part(response, key)
        self.muc = [self.muc[0] + pn, self.muc[1] + pd, self.muc[2] + rn, self.muc[3] + rd]
        ps, r_sum, _, nr, nk = b_cubed(key, response)
        self.b3 = [self.b3[0] + ps, self.b3[1] + nr, self.b3[2] + r_sum, self.b3[3] + nk]

    def figures(self) -> dict[str, float]:
        def f(p, r):
            return 2 * p * r / (p + r) if p + r else 0.0
        mp = self.muc[0] / self.muc[1] if self.muc[1] else 0.0
        mr = self.muc[2] / self.muc[3] if self.muc[3] else 0.0
        bp = self.b3[0] / self.b3[1] if self.b3[1] else 0.0
        br = self.b3[2] / self.b3[3] if self.b3[3] else 0.0
        return {"muc_p": mp, "muc_r": mr, "muc_f1": f(mp, mr), "b3_p": bp, "b3_r": br, "b3_f1": f(bp, br)}


def run(data: Path, limit: int | None = None) -> dict[str, Any]:
    path = Path(data) / "popcorn" / "train.json"
    if not path.is_file():
        raise ConfigError(f"POPCORN not found at {path}")
    corpus = json.loads(path.read_text(encoding="utf-8"))
    items = list(corpus.items())[: limit or None]
    options = Options(language="fr")
    t0 = time.time()
    raws = (RawArticle(id=k, source=Source(path=k), text=v["text"]) for k, v in items)
    results = {a.id: a for a in analyze_many(raws, options) if not isinstance(a, Failure)}
    seconds = time.time() - t0
    model = nlp.load("fr", options.models["fr"])
    from ..train.coref import split
    held = set(split(corpus)[1])
    ours, base, on_gold, held_out = _Totals(), _Totals(), _Totals(), _Totals()
    chains = 0
    for (k, v), doc in zip(items, model.pipe((v["text"] for _, v in items), batch_size=16)):
        text = v["text"]
        gold_m = [(m["start"], m["end"], m["value"]) for e in v["entities"] if e["type"] in PERSON_TYPES
                  for m in e["mentions"]]
        key = [{(m["start"], m["end"]) for m in e["mentions"]} for e in v["entities"] if e["type"] in PERSON_TYPES]
        key = [c for c in key if c]
        chains += len(key)
        a = results.get(k)
        response = []
        if a is not None:
            shift = text.find(a.text[:50]) if a.text and a.text != text else 0
            shift = max(shift, 0)
            for e in a.entities:
                if e.type != "PER":
                    continue
                ms = [(m.start + shift, m.end + shift, m.text) for m in e.mentions]
                response.append(set(_align(ms, gold_m)))
        ours.add(key, response)
        if k in held:
            held_out.add(key, response)
        golden = {m for c in key for m in c}
        on_gold.add(key, [c & golden for c in response if c & golden])
        groups: dict[str, set] = {}
        for ent in doc.ents:
            if ent.label_ == "PER":
                last = (norm(ent.text).split() or [""])[-1]
                groups.setdefault(last, set()).add((ent.start_char, ent.end_char, ent.text))
        base.add(key, [set(_align(sorted(g), gold_m)) for g in groups.values()])
    o, b, g, h = ours.figures(), base.figures(), on_gold.figures(), held_out.figures()
    return {"headline": "b3_f1", "b3_f1": round(o["b3_f1"], 4), "muc_f1": round(o["muc_f1"], 4),
            "held_out_b3_f1": round(h["b3_f1"], 4), "held_out_muc_f1": round(h["muc_f1"], 4),
           "b3_p": round(o["b3_p"], 4), "b3_r": round(o["b3_r"], 4),
           "muc_p": round(o["muc_p"], 4), "muc_r": round(o["muc_r"], 4),
           "baseline_b3_f1": round(b["b3_f1"], 4), "baseline_muc_f1": round(b["muc_f1"], 4),
           "gold_mentions_b3_f1": round(g["b3_f1"], 4), "gold_mentions_muc_f1": round(g["muc_f1"], 4),
           "docs": len(items), "gold_chains": chains, "seconds": round(seconds, 1)}
