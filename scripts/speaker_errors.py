#!/usr/bin/env python3
"""Pool the wrong speakers of the open quote sets and count them by cause.

Every article of the tuning sets (quotes-fr, quotes-fr-extra, annotations/quotes-fr-more) and of
the open unseen set (annotations/quotes-fr-unseen) is analysed as at run time, with the shipped
speaker weights; each quote matched to a gold quote with a speaker whose chosen candidate is not
the gold speaker is put in one class (``classify``) and, with ``--out``, written with its source
words, its context and its candidates by score. Check sets are never read (``tuning_docs``
refuses them).

A second table counts the same quotes by whether the cue stage found the gold's cue
(``cue_relation``): a wrong speaker is three times as likely where it read another cue. A third
sorts the wrong pronouns and incises by why (``pronoun_cause``), a fourth the descriptions tied
to no entity (``description_cause``).

Usage: python scripts/speaker_errors.py [--data ../shared/data] [--out errors.txt]
"""
from __future__ import annotations

import argparse
import math
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ("quotes-fr", "quotes-fr-extra", "quotes-fr-more", "quotes-fr-unseen")
DESCRIPTIONS = ("definite", "demonstrative", "indefinite", "plural")
# features that tie a description to a person: its head noun, office or complement written
# next to the person's name, or given to them by the knowledge base
LINKS = ("office_holder", "head_described", "complement_described", "words_described", "head_distinct")
_DETERMINERS = ("le", "la", "les", "l'", "un", "une", "des")


def shares(group: dict, weights: dict[str, float]) -> list[float]:
    """Each candidate's softmax share under ``weights``."""
    from veille.quotes import ranker
    scores = [ranker.score(weights, f) for f in group["features"]]
    if not scores:
        return []
    top = max(scores)
    z = sum(math.exp(s - top) for s in scores)
    return [math.exp(s - top) / z for s in scores]


def classify(group: dict, weights: dict[str, float]) -> str:
    """The cause of a wrong speaker, from the kind of source words and the candidates' features."""
    share = shares(group, weights)
    rights = [i for i, y in enumerate(group["labels"]) if y]
    kind = group["source"]
    if not rights:
        gold = group["gold"] or ""
        named = gold[:1].isupper() and gold.split()[0].lower() not in _DETERMINERS
        return "no candidate: a named speaker" if named else "no candidate: an unnamed speaker"
    right = max(rights, key=share.__getitem__)
    chosen = max(range(len(share)), key=share.__getitem__)
    fr, fc = group["features"][right], group["features"][chosen]
    if kind == "name":
        return "name: the words name someone else"
    if kind in DESCRIPTIONS:
        if fr.get("self"):
            return "description: its own words were right"
        if any(fr.get(x) for x in LINKS):
            return "description: the person linked, outweighed"
        return "description: the person not linked"
    if kind in ("pronoun", "plural_pronoun"):
        if fr.get("gender_agrees") and fc.get("gender_agrees"):
            return "pronoun: both genders agree"
        return "pronoun: a gender unknown or wrong"
    if kind == "none":
        return "no cue: right share < 0.1" if share[right] < 0.1 else "no cue: right share >= 0.1"
    return "other words (refused, 'on', bare nouns)"


PRONOUNS = ("pronoun", "plural_pronoun")


def pronoun_cause(group: dict, weights: dict[str, float], before: dict | None, before_wrong: bool) -> str:
    """Why a wrong pronoun or incise ("a-t-il dit", "elle") got its speaker: the right person no
    candidate, or outranked by whom (the previous quote's speaker carried on, the last person
    named, the person the quotation talks about, the last subject, the pronoun's own words);
    "after a wrong quote" when the quote before it in the article was wrong with the same
    choice (a run carried on from an earlier error), else "first"."""
    share = shares(group, weights)
    if not any(group["labels"]):
        by = "the right person no candidate"
    else:
        fc = group["features"][max(range(len(share)), key=share.__getitem__)]
        if set(fc) <= {"rule_words"} or not any(k for k in fc if "|" not in k and k != "rule_words"):
            by = "outranked by the pronoun's own words"
        elif fc.get("previous_speaker"):
            by = "outranked by the previous speaker carried on"
        elif fc.get("talked_about"):
            by = "outranked by the person the quotation talks about"
        elif fc.get("recency_first") or fc.get("recent_person_first"):
            by = "outranked by the last person named"
        elif fc.get("recent_subject_first"):
            by = "outranked by the last subject"
        else:
            by = "outranked by another"
    chained = before is not None and before_wrong and _chosen(before, weights) == _chosen(group, weights)
    return f"{by} ({'after a wrong quote' if chained else 'first'})"


def description_cause(group: dict, weights: dict[str, float]) -> str:
    """Why a description was not tied to the right entity (the class "description: the person
    not linked"): the right one named only after the description (a lede's description, the name
    in the next paragraph), another candidate holding the description's head, words or office,
    the description's own words chosen (the right one named before, no word of it next to the
    name), or another chosen by position or discourse (the previous speaker, the last named);
    with whether the right one is a person or an organisation."""
    share = shares(group, weights)
    rights = [i for i, y in enumerate(group["labels"]) if y]
    if not rights or not share:
        return "the right entity no candidate"
    fr = group["features"][max(rights, key=share.__getitem__)]
    fc = group["features"][max(range(len(share)), key=share.__getitem__)]
    if fr.get("only_after"):
        why = "the right one named only after the description"
    elif any(fc.get(x) for x in LINKS):
        why = "another candidate holds its head, words or office"
    elif fc.get("self"):
        why = "its own words chosen, the right one named before"
    else:
        why = "another chosen by position or discourse"
    return f"{why} ({'an organisation' if fr.get('is_org') else 'a person'})"


def _chosen(group: dict, weights: dict[str, float]) -> str | None:
    share = shares(group, weights)
    return group["names"][max(range(len(share)), key=share.__getitem__)] if share else None


def cue_relation(group: dict) -> str:
    """Whether the quote's cue is the gold's: the same words (one holds the other, or they end
    with the same word: "a-t-il dit" / "dit"), another cue, no cue where the gold has one, a
    cue where the gold has none, or neither has one."""
    from veille.quotes.lexicon import norm
    mine, gold = (" ".join(norm(x or "").split()) for x in (group.get("cue"), group.get("gold_cue")))
    if not mine and not gold:
        return "neither has a cue"
    if not gold:
        return "a cue, the gold none"
    if not mine:
        return "no cue, the gold's missed"
    last = mine.split()[-1].split("-")[0] == gold.split()[-1].split("-")[0]
    return "the gold's cue" if gold in mine or mine in gold or last else "another cue than the gold's"


def describe(group: dict, weights: dict[str, float], top: int = 6) -> str:
    """A wrong quote for reading: set, article, source words, gold, context, best candidates."""
    share = shares(group, weights)
    order = sorted(range(len(share)), key=lambda k: -share[k])
    lines = [f"== {group['set']} {group['doc']} [{group['source']}] gold={group['gold']!r} words={group['words']!r}"
             f" cue={group.get('cue')!r} gold cue={group.get('gold_cue')!r}",
             f"   class: {classify(group, weights)}",
             "   " + group["context"].replace("\n", " / ")]
    for k in order[:top]:
        feats = ", ".join(sorted(n for n in group["features"][k] if "|" not in n))
        lines.append(f"   {'*' if group['labels'][k] else ' '} {share[k]:.3f} {group['names'][k]!r}: {feats}")
    return "\n".join(lines)


def main() -> int:
    from veille.quotes import ranker
    from veille.train import speakers
    from veille.train.data import tuning_docs
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, help="write every wrong quote with its candidates there")
    args = ap.parse_args()
    docs = tuning_docs(args.data, ROOT / "annotations", SETS[:2], SETS[2:], "quotes")
    weights = ranker.weights() or {}
    groups = [g for g in speakers.groups_of(speakers.analysed(docs), weights) if g["scored"]]
    # a quote with no candidate keeps the rules' choice
    wrong = [g for g in groups if not (speakers.pick_right(g, weights) if g["features"] else g["rule_ok"])]
    counts = Counter((classify(g, weights), g["set"]) for g in wrong)
    classes = sorted({c for c, _ in counts})
    print("| class | " + " | ".join(SETS) + " | all |")
    for c in classes:
        row = [counts[(c, s)] for s in SETS]
        print(f"| {c} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    total = Counter(g["set"] for g in groups)
    print("| wrong / quotes | " + " | ".join(f"{sum(counts[(c, s)] for c in classes)} / {total[s]}" for s in SETS)
          + f" | {len(wrong)} / {len(groups)} |")
    # the same quotes by whether the cue stage found the gold's cue: wrong / all of each kind
    print()
    print("| cue | wrong | quotes | wrong share |")
    every, bad = Counter(cue_relation(g) for g in groups), Counter(cue_relation(g) for g in wrong)
    for c in sorted(every, key=lambda c: -every[c]):
        print(f"| {c} | {bad[c]} | {every[c]} | {bad[c] / every[c]:.2f} |")
    # the wrong pronouns and incises by why, and whether an earlier wrong quote of the article
    # made the choice they carry on
    print()
    print("| pronoun or incise, wrong | quotes |")
    wrong_ids = {id(g) for g in wrong}
    causes: Counter = Counter()
    for k, g in enumerate(groups):
        if id(g) in wrong_ids and g["source"] in PRONOUNS:
            before = groups[k - 1] if k and groups[k - 1]["doc"] == g["doc"] else None
            causes[pronoun_cause(g, weights, before, before is not None and id(before) in wrong_ids)] += 1
    for c in sorted(causes, key=lambda c: -causes[c]):
        print(f"| {c} | {causes[c]} |")
    # the descriptions tied to no entity by any feature, by why
    print()
    print("| description, the right one not linked | quotes |")
    unlinked = Counter(description_cause(g, weights) for g in wrong
                       if classify(g, weights) == "description: the person not linked")
    for c in sorted(unlinked, key=lambda c: -unlinked[c]):
        print(f"| {c} | {unlinked[c]} |")
    if args.out:
        args.out.write_text("\n".join(describe(g, weights) for g in wrong) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
