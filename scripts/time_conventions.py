#!/usr/bin/env python3
"""How the tuning sets annotate each construction of times of day, against FR-TimeBank and veille.

For every construction (a regex over the text: "mardi soir", "la nuit de ... à ...", a clock time
with its day, "vers 15 h", a zone, ...), each tuning set's occurrences are sorted by what the gold
marks there (its type and kind of value, the span against the match) and by whether veille gives
the gold's span and value. FR-TimeBank is the reference convention; a construction the sets code
otherwise is a convention split, one veille gets wrong in every set an error. With --orangesum N,
each construction is also counted in the first N OrangeSum articles outside the check sets, to
weigh it by how often news use it. The check set is never read.

    python scripts/time_conventions.py --data ../shared/data [--orangesum 10000] [--show CONSTRUCTION]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

from orangesum_sample import check_ids  # noqa: E402
from veille.eval import times as T  # noqa: E402
from veille.eval.common import analyse_records, locate  # noqa: E402
from veille.options import Options  # noqa: E402

WD = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
CLOCK = r"\d{1,2} ?[hH](?:eures?)?(?: ?\d\d)?"
CONSTRUCTIONS = {
    "weekday + part of day": rf"\b{WD} (?:matin|soir|après-midi|midi)\b",
    "deictic day + part of day": r"\b(?:hier|demain|avant-hier|ce) (?:matin|soir|après-midi)\b|\bcette nuit\b|\bla nuit dernière\b",
    "la nuit de X à Y": rf"\bnuit (?:de|du) {WD}\b",
    "fin / début / milieu de journée": r"\b(?:fin|début|milieu) (?:de |d')(?:journée|matinée|soirée|après-midi|nuit)\b|\bmi-journée\b",
    "bare part of day": r"\b(?:dans|en|pendant|durant|au cours de) (?:la |l')?(?:matinée|soirée|après-midi|nuit)\b",
    "clock time": rf"\b{CLOCK}\b(?! ?(?:par|sur) )",
    "weekday or date + à + clock": rf"\b(?:{WD}|\d{{1,2}}(?:er)? \w+),? (?:vers|à) {CLOCK}",
    "deictic day + clock": rf"\b(?:hier|demain|aujourd'hui|avant-hier|ce soir|ce matin),? (?:vers|à) {CLOCK}",
    "clock before its day": rf"\b{CLOCK},? (?:{WD}|hier|demain)\b",
    "vers + clock": rf"\bvers (?:{CLOCK}|midi|minuit)\b",
    "clock + zone": rf"{CLOCK} ?(?:GMT|locales?|heure (?:de Paris|française|locale)|en France)\b",
    "midi / minuit": r"\b(?:midi|minuit)\b",
    "le + weekday + part of day": rf"\ble {WD} (?:matin|soir|après-midi)\b",
    "time of the telling (en ces temps de)": r"\ben (?:ces temps|temps|cette période) (?:de |d')",
    "aujourd'hui": r"\baujourd'hui\b",
    "actuellement / désormais / maintenant": r"\b(?:actuellement|désormais|maintenant|à présent)\b",
    "à / de l'époque": r"\b(?:à|de) l'époque\b",
    "actuel (adjective)": r"\bactuel(?:le)?s?\b",
    "prochain before a noun": r"\b(?:la|le|les|leur|sa|son|ses) prochaine?s? (?!(?:fois|semaine|mois|année|an|jours?|semaines|années)\b)\w",
}
SETS = [("more", T.MORE_SET), ("indep", T.INDEP_SET), ("fresh", T.FRESH_SET),
        ("unseen", T.UNSEEN_SET), ("new", T.NEW_SET)]


def kind(items: list[dict], start: int, end: int) -> str:
    """What an annotation (gold or veille) makes of a match: none, a reference word, or its type
    with '=' when the span is the match, '+' when it is wider."""
    if not items:
        return "none"
    x = items[0]
    if str(x["value"]).endswith("_REF"):
        return x["value"]
    extent = "=" if (x["start"], x["end"]) == (start, end) else "+" if x["start"] <= start and x["end"] >= end else "~"
    return x["type"] + extent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--orangesum", type=int, default=0, help="count each construction in this many articles")
    ap.add_argument("--show", default=None, help="print every occurrence of this construction")
    args = ap.parse_args()
    sets = {"FR-TimeBank": {f.name: T.read_tml(f) for f in sorted((args.data / "frtimebank").glob("*.tml"))}}
    for name, path in SETS:
        sets[name] = T.read_more_set(args.data, path)
    table: dict[str, dict[str, Counter]] = {c: {s: Counter() for s in sets} for c in CONSTRUCTIONS}
    for name, docs in sets.items():
        records = [{"id": k, "text": text, "published": dct} for k, (text, dct, _) in docs.items()]
        analyses = analyse_records(records, Options(language="fr"))
        for k, (text, dct, gold) in docs.items():
            a = analyses.get(k)
            found = [{"start": s, "end": e, **x} for s, e, x in
                     (locate(a.text, text, [t.to_dict() for t in a.times]) if a else [])]
            for c, pattern in CONSTRUCTIONS.items():
                for m in re.finditer(pattern, text, re.I):
                    gs = [g for g in gold if g["start"] < m.end() and g["end"] > m.start()]
                    ss = [s for s in found if s["start"] < m.end() and s["end"] > m.start()]
                    same = [(g["start"], g["end"], g["value"]) for g in gs] == \
                           [(s["start"], s["end"], s["value"]) for s in ss]
                    cell = table[c][name]
                    cell["n"] += 1
                    cell["veille right" if same else "veille wrong"] += 1
                    cell["gold " + kind(gs, m.start(), m.end())] += 1
                    if args.show == c:
                        print(name, dct, "ok " if same else "XX ", text[max(0, m.start() - 60):m.end() + 40].replace("\n", " "),
                              "|| gold:", "; ".join(f"[{g['text']}] {g['type']} {g['value']}" for g in gs),
                              "|| veille:", "; ".join(f"[{s['text']}] {s['type']} {s['value']}" for s in ss))
    counts = Counter()
    if args.orangesum:
        skip, n = check_ids(args.data), 0
        with gzip.open(args.data / "orangesum" / "articles-dev.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                if n >= args.orangesum:
                    break
                a = json.loads(line)
                if str(a["id"]) in skip:
                    continue
                n += 1
                text = (a.get("heading") or "") + "\n" + a["article"]
                for c, pattern in CONSTRUCTIONS.items():
                    counts[c] += len(re.findall(pattern, text, re.I))
    print("| construction |" + (" per 1,000 articles |" if args.orangesum else "") + " " + " | ".join(sets) + " |")
    print("|---|" + ("---|" if args.orangesum else "") + "---|" * len(sets))
    for c in CONSTRUCTIONS:
        cells = []
        for name in sets:
            x = table[c][name]
            golds = ", ".join(f"{k[5:]} {v}" for k, v in x.most_common() if k.startswith("gold "))
            cells.append(f"{x['n']}: {golds}; veille wrong {x['veille wrong']}" if x["n"] else "-")
        freq = f" {1000 * counts[c] / args.orangesum:.1f} |" if args.orangesum else ""
        print(f"| {c} |{freq} " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
