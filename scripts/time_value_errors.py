#!/usr/bin/env python3
"""The value errors of the open time sets (right extent, wrong value), pooled and sorted by cause.

Usage: time_value_errors.py [--data ../shared/data] [--sets frtimebank,more,indep,fresh,unseen,new]
                            [--cache DIR] [--show CAUSE] [--score] [--type TIME] [--missed]

The open sets only: FR-TimeBank and the project's own annotations/times-fr-*; never the check set.
Each article is prepared and parsed once (the parse is kept in --cache as a spaCy DocBin), then the
`when` stage alone runs on it, so a change to `when/` or `time.toml` is measured in seconds; the
figures are those of `veille eval` when the parse has not changed (`--score` prints them per set).

A value error is a gold expression matched by a system one (overlapping, an exact span preferred)
whose value differs. Its cause is read from the values: which anchor the gold value implies (the
publication date, the last day named before it in the text, a day named before in the same
paragraph, none of them) against the one veille took, and what differs (the day by a week: a
weekday's direction; by one day: the day a part of day or clock time falls on; the year; the month;
the granularity or the kind of value).

With ``--missed`` it lists, pooled over the sets and sorted by class with counts, the gold expressions
veille does not find at all (no overlap), the ones it finds with another extent, and its expressions
that overlap no gold one: the form of the expression (a deictic word, a set, a vague duration, an
ordinal or anaphoric stretch, a named period, a bare number, ...), and for a missed one whether a
pattern of ``time.toml`` matches it (then a filter, a rule or a longer match dropped it) or none does.

With ``--type TYPE`` (DATE, TIME, DURATION, SET) it prints, pooled over the sets, the value precision
(by system type) and recall (by gold type) of each type, then every error of a gold expression of
that type, missed, found with another extent or with another value, sorted by the form of the
expression (a part of day, a clock time, both, a deictic word) and by what differs (the day it
belongs to and which anchor the gold implies, a time of day against a day, the granularity).
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from veille.eval import times as evt  # noqa: E402
from veille.eval.common import locate  # noqa: E402

SETS = {"frtimebank": None, "more": evt.MORE_SET, "indep": evt.INDEP_SET, "fresh": evt.FRESH_SET,
        "unseen": evt.UNSEEN_SET, "new": evt.NEW_SET}
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def read_set(data: Path, name: str) -> dict:
    if name == "frtimebank":
        return {f.name: evt.read_tml(f) for f in sorted((data / "frtimebank").glob("*.tml"))}
    return evt.read_more_set(data, SETS[name])


def parsed(data: Path, name: str, cache: Path):
    """[(key, input text, work text, published, doc, gold)] of one set; parses kept in ``cache``."""
    from spacy.tokens import DocBin
    from veille import nlp
    from veille.options import Options
    from veille.pipeline import prepare
    from veille.records import RawArticle, Source

    docs = read_set(data, name)
    options = Options(language="fr")
    works = [prepare(RawArticle(id=k, source=Source(), text=t, published=p), options) for k, (t, p, _) in docs.items()]
    model = nlp.load("fr", options.models["fr"])
    path = cache / f"{name}.spacy"
    meta = cache / f"{name}.json"
    texts = [w.text for w in works]
    if path.exists() and meta.exists() and json.loads(meta.read_text()) == texts:
        parses = list(DocBin().from_disk(path).get_docs(model.vocab))
    else:
        parses = list(nlp.parse(model, texts))
        DocBin(store_user_data=False, docs=parses).to_disk(path)
        meta.write_text(json.dumps(texts))
    return [(w.id, docs[w.id][0], w.text, w.published, d, docs[w.id][2]) for w, d in zip(works, parses)]


def full_day(value: str | None) -> dt.date | None:
    m = DAY.match(value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def days_named_before(gold: list[dict], g: dict) -> list[tuple[int, dt.date]]:
    """The gold days named before ``g`` (offset, day), nearest last."""
    return [(x["start"], d) for x in gold if x["start"] < g["start"] and (d := full_day(x["value"]))]


def cause(text: str, published: str | None, gold: list[dict], g: dict, value: str) -> tuple[str, str]:
    """(class, anchor the gold implies) of one value error."""
    gv = str(g["value"])
    gd, sd = full_day(gv), full_day(value)
    pub = full_day(published)
    if gd and sd:
        diff = (gd - sd).days
        if diff == 0:
            what = "same day, other time or part of day"
        elif abs(diff) == 7:
            what = "a week off (weekday direction)"
        elif abs(diff) in (1, 2):
            what = f"{abs(diff)} day(s) off"
        elif gd.year != sd.year and (gd.month, gd.day) == (sd.month, sd.day):
            what = "year off"
        elif gd.year == sd.year and gd.month != sd.month:
            what = "month off"
        else:
            what = "other day"
        before = days_named_before(gold, g)
        para = text.rfind("\n", 0, g["start"])
        anchors = []
        if pub and gd == pub:
            anchors.append("publication")
        if before and before[-1][1] == gd:
            anchors.append("last day named")
        elif any(d == gd and s > para for s, d in before):
            anchors.append("a day of the paragraph")
        elif any(d == gd for _, d in before):
            anchors.append("an earlier day")
        return what, "+".join(anchors) or "none"
    if gv[:4] != value[:4] and re.match(r"^\d{4}", gv) and re.match(r"^\d{4}", value) and gv[4:] == value[4:]:
        return "year off", "-"
    if re.match(r"^\d{4}-\d{2}$", gv) and re.match(r"^\d{4}-\d{2}$", value):
        return ("year off" if gv[5:] == value[5:] else "month off"), "-"
    kind = lambda v: ("REF" if v.endswith("_REF") else "P" if v.startswith("P") else
                      "X" if v.startswith("X") else "date" if re.match(r"^\d", v) else "T" if v.startswith("T") else "?")
    if kind(gv) != kind(value):
        return f"kind {kind(value)} for {kind(gv)}", "-"
    if kind(gv) == "date":
        return "granularity or other", "-"
    return f"other {kind(gv)}", "-"


_POD = re.compile(r"\b(matin\w*|soir\w*|nuit|apr[eè]s-?midi|aube|journ[ée]e|midi|minuit|aurore|cr[ée]puscule)\b", re.I)
_CLOCK = re.compile(r"\d\s*(?:h|heures?)(?:\d|\b)|\b(midi|minuit)\b", re.I)
_TIMEPART = re.compile(r"T(\d\d(:\d\d)?|MO|MI|AF|EV|NI|DT)")


def form(text: str, value: str) -> str:
    """What a time expression is made of: a clock time, a part of day, both, a deictic word."""
    clock, pod = bool(_CLOCK.search(text)), bool(_POD.search(text))
    if value.endswith("_REF"):
        return "deictic (*_REF)"
    return "clock + part of day" if clock and pod else "clock time" if clock else "part of day" if pod else "other"


def time_cause(text: str, published: str | None, gold: list[dict], g: dict, value: str) -> str:
    """What differs between a gold TIME value and veille's."""
    gv = str(g["value"])
    gt, st = _TIMEPART.search(gv), _TIMEPART.search(value)
    if gv.endswith("_REF") or value.endswith("_REF"):
        return "deictic: " + ("*_REF for a time" if value.endswith("_REF") else "a time for *_REF" if gv.endswith("_REF") else "other *_REF")
    if gv.startswith("X") != value.startswith("X"):
        return "generic hour vs dated" if gv.startswith("X") else "dated hour left generic"
    if gt and not st:
        return "a day (DATE) for a time of day"
    if st and not gt:
        return "a time of day for a day"
    gd, sd = full_day(gv), full_day(value)
    if gd and sd and gd != sd:
        what, anchor = cause(text, published, gold, g, value)
        return f"the day it belongs to ({what}; gold anchor {anchor})"
    if gt and st and gt.group(1) != st.group(1):
        return "same day, other time of day or granularity (" + st.group(1) + " for " + gt.group(1) + ")"
    return "other"


_MISSED_FORMS = [  # (class, test on the gold text and value), the first that holds names the class
    ("deictic word (*_REF)", lambda t, v: v.endswith("_REF")),
    ("set", lambda t, v: v.startswith("XXXX-WXX") or bool(re.match(r"(?i)(tou[st]|chaque|par)\b", t))),
    ("clock time or part of day", lambda t, v: bool(_CLOCK.search(t) or _POD.search(t))),
    ("vague duration (PX.)", lambda t, v: v.startswith("PX") or v.startswith("PTX")),
    ("season, feast or named period", lambda t, v: bool(re.search(r"-(SU|WI|SP|FA|WE)$", v)) or bool(
        re.search(r"(?i)\b(rentr[ée]e|saison|f[êe]te|to(ussaint)|no[ëe]l|p[âa]ques|a[ïi]d|ramadan|confinement|vacances"
                  r"|quinquennat|mandat|[ée]t[ée]|hiver|printemps|automne)\b", t))),
    ("a bare number (an elided unit)", lambda t, v: bool(re.fullmatch(
        r"(?i)\d+|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt", t.strip()))),
    ("ordinal or anaphoric stretch", lambda t, v: bool(re.search(
        r"(?i)\b(premi[eè]re?s?|derni[eè]re?s?|suivante?s?|prochaine?s?|pr[ée]c[ée]dente?s?|\d+e|\w+i[eè]me|m[êe]me|lendemain|veille|jour)\b", t))),
    ("duration", lambda t, v: v.startswith("P")),
    ("date", lambda t, v: bool(re.match(r"^\d", v))),
]


def missed_form(text: str, value: str) -> str:
    return next((name for name, test in _MISSED_FORMS if test(text, value)), "other")


def pattern_matches(lex, text: str, start: int, end: int) -> bool:
    """Does any pattern of the language file match a span overlapping [start, end)?"""
    lo, hi = max(0, start - 80), min(len(text), end + 80)
    return any(lo + m.start() < end and start < lo + m.end() and m.end() > m.start()
               for pat in lex.patterns for m in pat.regex.finditer(text[lo:hi]))


def missed_table(rows: list[dict]) -> None:
    """The missed gold expressions, the other extents and the expressions of no gold, by class."""
    for kind in ("missed", "extent", "no gold"):
        some = [r for r in rows if r["kind"] == kind]
        print(f"\n{len(some)} {kind}" + {"missed": " (gold expressions overlapping no expression of veille)",
                                         "extent": " (overlapping, another span)",
                                         "no gold": " (veille's expressions overlapping no gold one)"}[kind])
        classes = collections.Counter(r["class"] for r in some)
        for c, n in classes.most_common():
            sets = collections.Counter(r["set"] for r in some if r["class"] == c)
            print(f"{n:4d}  {c:<62} sets: {dict(sets)}")
    for r in sorted(rows, key=lambda r: (r["kind"], r["class"], r["text"].lower())):
        print(f"\n[{r['kind']}: {r['class']}] [{r['set']} {r['id']}] {r['text']!r} gold {r['gold']}"
              f" veille {r['system']}\n  {r['context']}")


def by_type(rows: list[tuple[dict, dict | None]]) -> None:
    """Value precision (system type) and recall (gold type), pooled."""
    types = ("DATE", "TIME", "DURATION", "SET")
    for t in types:
        gold_n = sum(1 for g, _ in rows if g and g.get("type") == t)
        rec = sum(1 for g, x in rows if g and x and g.get("type") == t and str(x.get("value")) == str(g["value"]))
        sys_n = sum(1 for g, x in rows if x and x.get("type") == t)
        prec = sum(1 for g, x in rows if g and x and x.get("type") == t and str(x.get("value")) == str(g["value"]))
        print(f"{t:<9} value P {prec / max(sys_n, 1):.3f} ({prec}/{sys_n})  R {rec / max(gold_n, 1):.3f} ({rec}/{gold_n})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--cache", default="/tmp/veille-time-parses")
    ap.add_argument("--show", help="print the errors of the classes whose name contains this")
    ap.add_argument("--score", action="store_true", help="print value / strict F1 per set")
    ap.add_argument("--json", help="write every value error here")
    ap.add_argument("--missed", action="store_true", help="the gold expressions missed or found with another extent, by class")
    ap.add_argument("--type", help="per-type value P/R, and every error of gold expressions of this type")
    args = ap.parse_args()
    from veille.when import extract
    from veille.when.lexicon import for_language

    lex = for_language("fr")
    missed: list[dict] = []

    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    errors, classes = [], collections.Counter()
    pairs: list[tuple[dict | None, dict | None]] = []
    typed: list[dict] = []
    for name in args.sets.split(","):
        system, gold_docs = {}, {}
        for key, text, wtext, published, doc, gold in parsed(Path(args.data), name, cache):
            found = [t.to_dict() for t in extract(wtext, "fr", published, doc)]
            system[key] = locate(wtext, text, found)
            gold_docs[key] = (text, gold)
            matched = set()
            for g in gold:
                match = None
                for s0, s1, x in system[key]:
                    if s0 < g["end"] and g["start"] < s1:
                        if match is None or (s0, s1) == (g["start"], g["end"]):
                            match = (s0, s1, x)
                pairs.append((g, match[2] if match else None))
                if match:
                    matched.add((match[0], match[1]))
                if args.missed and (match is None or (match[0], match[1]) != (g["start"], g["end"])):
                    ctx = re.sub(r"\s+", " ", text[max(0, g["start"] - 100):g["start"]] + "[" + g["text"] + "]"
                                 + text[g["end"]:g["end"] + 60])
                    form_ = missed_form(g["text"], str(g["value"]))
                    if match is None:
                        how = "a pattern matches, dropped" if pattern_matches(lex, text, g["start"], g["end"]) else "no pattern"
                        row = {"kind": "missed", "class": f"{form_}: {how}", "system": None}
                    else:
                        s0, s1 = match[0], match[1]
                        side = ("wider" if s0 <= g["start"] and s1 >= g["end"] else
                                "narrower" if s0 >= g["start"] and s1 <= g["end"] else "shifted")
                        row = {"kind": "extent", "class": f"{form_}: {side}",
                               "system": f"{text[s0:s1]!r} {match[2].get('value')}"}
                    missed.append({**row, "set": name, "id": key, "text": g["text"], "gold": g["value"], "context": ctx})
                if args.type and g.get("type") == args.type:
                    ctx = re.sub(r"\s+", " ", text[max(0, g["start"] - 160):g["start"]] + "[" + g["text"] + "]"
                                 + text[g["end"]:g["end"] + 80])
                    v = str(match[2].get("value")) if match else None
                    if match is None:
                        kind = "missed"
                    elif (match[0], match[1]) != (g["start"], g["end"]):
                        kind = "extent: " + ("wider" if match[0] <= g["start"] and match[1] >= g["end"] else
                                             "narrower" if match[0] >= g["start"] and match[1] <= g["end"] else "shifted")
                        kind += "" if v == str(g["value"]) else " + value"
                    elif v != str(g["value"]):
                        kind = "value: " + time_cause(text, published, gold, g, v)
                    else:
                        kind = None
                    if kind:
                        typed.append({"set": name, "id": key, "published": published, "text": g["text"],
                                      "gold": g["value"], "system": v, "system_text": text[match[0]:match[1]] if match else None,
                                      "form": form(g["text"], str(g["value"])), "kind": kind, "context": ctx})
                if match is None or (match[0], match[1]) != (g["start"], g["end"]):
                    continue  # an extent error, not a value error
                if str(match[2].get("value")) == str(g["value"]):
                    continue
                what, anchor = cause(text, published, gold, g, str(match[2].get("value")))
                classes[(what, anchor)] += 1
                errors.append({"set": name, "id": key, "published": published, "text": g["text"],
                               "gold": g["value"], "system": match[2].get("value"), "class": what,
                               "gold_anchor": anchor,
                               "context": text[max(0, g["start"] - 160):g["start"]] + "[" + g["text"] + "]"
                               + text[g["end"]:g["end"] + 80]})
            pairs.extend((None, x) for s0, s1, x in system[key] if (s0, s1) not in matched)
            if args.missed:
                for s0, s1, x in system[key]:
                    if not any(s0 < g["end"] and g["start"] < s1 for g in gold):
                        ctx = re.sub(r"\s+", " ", text[max(0, s0 - 100):s0] + "{" + text[s0:s1] + "}" + text[s1:s1 + 60])
                        missed.append({"kind": "no gold", "class": f"{missed_form(text[s0:s1], str(x.get('value')))}",
                                       "set": name, "id": key, "text": text[s0:s1], "gold": None,
                                       "system": f"{x.get('type')} {x.get('value')}", "context": ctx})
        if args.score:
            f = evt.score(gold_docs, system)
            print(f"{name:<11} value {f['value_f1']:.4f}  strict {f['strict_f1']:.4f} (P {f['strict_p']:.3f} R {f['strict_r']:.3f})"
                  f"  gold {f['gold']}  system {f['system']}")
    if args.missed:
        missed_table(missed)
        return 0
    if args.type:
        print()
        by_type(pairs)
        print(f"\n{len(typed)} errors of gold {args.type} expressions, by kind and form")
        kinds = collections.Counter(e["kind"].split(" (")[0] for e in typed)
        for k, n in kinds.most_common():
            forms = collections.Counter(e["form"] for e in typed if e["kind"].split(" (")[0] == k)
            print(f"{n:4d}  {k:<48} {dict(forms.most_common())}")
        for e in sorted(typed, key=lambda e: (e["kind"], e["form"])):
            print(f"\n[{e['kind']}] [{e['set']} {e['id']} pub {e['published']}] {e['text']!r} gold {e['gold']}"
                  f" veille {e['system_text']!r} {e['system']}\n  {e['context']}")
        return 0
    print(f"\n{len(errors)} value errors (right extent, wrong value)")
    by_class = collections.Counter(e["class"] for e in errors)
    for what, n in by_class.most_common():
        anchors = collections.Counter(e["gold_anchor"] for e in errors if e["class"] == what)
        sets = collections.Counter(e["set"] for e in errors if e["class"] == what)
        print(f"{n:4d}  {what:<38} gold anchor: {dict(anchors.most_common())}  sets: {dict(sets)}")
    if args.show:
        for e in errors:
            if args.show in e["class"] or args.show in e["gold_anchor"]:
                ctx = re.sub(r"\s+", " ", e["context"])
                print(f"\n[{e['set']} {e['id']} pub {e['published']}] {e['text']!r} gold {e['gold']} veille {e['system']} ({e['gold_anchor']})\n  {ctx}")
    if args.json:
        Path(args.json).write_text(json.dumps(errors, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
