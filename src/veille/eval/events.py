"""Event figures: PLOVER events on events-fr, PLOVER GSR sentences in English.

events-fr (same conventions as the project's scorer): per article, the set of
(type, source country, target country) tuples against the gold set; micro P/R/F1 over all
articles; the same for the set of types alone; both F1 on the first and the second half of the
articles apart; and factuality and date accuracy over system events matched to a gold event of
the same tuple (date: among those whose gold has a date).

English (PLOVER_GSR_CAMEO.txt): each example sentence is analysed alone; the first event found
is compared with the gold category, mapped from PLOVER 0.5 to the 16 current types, and its
source and target countries with the gold codes where the gold gives them. A fixed part of
the sentences is held (``resources/en/gsr_split.toml``, a hash of the id): rules are written from
the other part (train) only; the held figures are the headline. Each line of the file is one
sentence, even when two lines share an id.
"""
from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from .. import resources
from ..errors import ConfigError
from ..options import Options
from .common import analyse_records, prf, read_jsonl, require

# PLOVER 0.5 categories of the GSR file -> current PLOVER types (manual, CAMEO translation table).
GSR_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# The PLOVER manual codes cooperative actions reported in the future as AGREE (an intention);
# the project, following the events-fr guideline, codes them as the action with factuality planned.
INTENT_AS_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
# CAMEO country codes of the GSR file that differ from ISO 3166 alpha-3.
CAMEO_CODES = {"JAP": "JPN", "IGO": None, "NGO": None, "UAF": None, "REB": None, "GOV": None, "MIL": None,
               "ROM": "ROU", "SER": "SRB", "BOS": "BIH", "PSE": "PSE", "PAL": "PSE", "KOS": "XKX"}


def _tuple(e: dict, full: bool | str) -> tuple:
    """The scored tuple of an event: (type, source country, target country) when ``full`` is
    True, (type,) when False; "source" / "target" keep the type and that side's country only."""
    src = (e.get("source") or {}).get("country")
    tgt = (e.get("target") or {}).get("country")
    if full == "source":
        return (e.get("type"), src)
    if full == "target":
        return (e.get("type"), tgt)
    return (e.get("type"), src, tgt) if full else (e.get("type"),)


def _counts(records, results, gold, full: bool | str, least: float = 0.0) -> tuple[int, int, int]:
    """System tuples, gold tuples and matches summed over articles; with ``least``, only the
    events the scorer gives at least that confidence (an unscored event always counts)."""
    ns = ng = tp = 0
    for r in records:
        system = [e.to_dict() for e in results[r["id"]].events
                  if e.confidence is None or e.confidence >= least] if r["id"] in results else []
        G = {_tuple(e, full) for e in gold.get(r["id"], [])}
        S = {_tuple(e, full) for e in system}
        ns += len(S)
        ng += len(G)
        tp += len(G & S)
    return ns, ng, tp


def run(data: Path, limit: int | None = None, name: str = "events-fr") -> dict[str, Any]:
    """events-fr: per-article (type, source country, target country) P/R/F1, type F1, factuality;
    the tuple figures again over the events at or above the queries' default confidence."""
    folder = require(data / name)
    docs = list(read_jsonl(folder / "docs.jsonl"))[: limit or None]
    gold = {str(g["id"]): g["events"] for g in read_jsonl(folder / "gold.jsonl")}
    records = [{"id": str(d["id"]), "text": d["text"], "title": d.get("title"),
                "published": (d.get("published") or "")[:10] or None} for d in docs]
    return _scored(records, gold)


def run_more(data: Path, limit: int | None = None, name: str = "events-fr-more") -> dict[str, Any]:
    """events-fr-more, the project's own annotations (``annotations/events-fr-more``; texts
    rebuilt from OrangeSum by id), a tuning set: the figures of ``run``."""
    from ..train.data import tuning_docs
    annotations = Path(__file__).resolve().parents[3] / "annotations"
    docs = tuning_docs(Path(data), annotations, (), (name,), "events")[: limit or None]
    if not docs:
        raise ConfigError(f"{name}: no annotations under {annotations} or no OrangeSum "
                          f"articles under {data}")
    records = [{"id": d.id, "text": d.text, "title": d.title, "published": d.published} for d in docs]
    return _scored(records, {d.id: d.gold for d in docs})


def run_unseen(data: Path, limit: int | None = None) -> dict[str, Any]:
    """events-fr-unseen, the project's own annotations kept out of every training set: the
    figures of ``run``."""
    return run_more(data, limit, "events-fr-unseen")


def _scored(records: list[dict], gold: dict[str, list[dict]]) -> dict[str, Any]:
    t0 = time.perf_counter()
    results = analyse_records(records, Options(language="fr"))
    seconds = time.perf_counter() - t0
    figures: dict[str, Any] = {}
    for full in (True, False):
        ns, ng, tp = _counts(records, results, gold, full)
        p, rcl, f = prf(tp, ns, tp, ng)
        name = "tuple" if full else "type"
        figures.update({f"{name}_f1": f, f"{name}_precision": p, f"{name}_recall": rcl,
                        f"{name}_gold": ng, f"{name}_system": ns})
    # Each side apart (type and one country): which side of the tuples goes wrong.
    for side in ("source", "target"):
        ns, ng, tp = _counts(records, results, gold, side)
        figures[f"{side}_f1"] = prf(tp, ns, tp, ng)[2]
    least = _query_threshold()
    if least > 0:
        ns, ng, tp = _counts(records, results, gold, True, least)
        p, rcl, f = prf(tp, ns, tp, ng)
        figures.update({"query_threshold": least, "tuple_f1_at_query": f, "tuple_precision_at_query": p,
                        "tuple_recall_at_query": rcl})
    # The two halves of the set apart, to see whether a change helps beyond the articles studied.
    half = len(records) // 2
    for part, chunk in (("first_half", records[:half]), ("second_half", records[half:])):
        for full in (True, False):
            ns, ng, tp = _counts(chunk, results, gold, full)
            figures[f"{'tuple' if full else 'type'}_f1_{part}"] = prf(tp, ns, tp, ng)[2]
    fact_ok = fact_n = date_ok = date_n = 0
    for r in records:
        if r["id"] not in results:
            continue
        by_tuple: dict[tuple, list[dict]] = {}
        for g in gold.get(r["id"], []):
            by_tuple.setdefault(_tuple(g, True), []).append(g)
        for e in results[r["id"]].events:
            golds = by_tuple.get(_tuple(e.to_dict(), True))
            if not golds:
                continue
            fact_n += 1
            fact_ok += e.factuality in {g.get("factuality") or "actual" for g in golds}
            dated = {g["date"] for g in golds if g.get("date")}
            if dated:
                date_n += 1
                date_ok += e.date in dated
    headline = figures.pop("tuple_f1")
    return {"headline": headline, "tuple_f1": headline, **figures,
            "factuality_accuracy": fact_ok / fact_n if fact_n else 0.0, "factuality_matched": fact_n,
            "date_accuracy": date_ok / date_n if date_n else 0.0, "date_matched": date_n,
            "documents": len(records), "seconds": round(seconds, 1)}


def _query_threshold() -> float:
    # the figures "at query" are those of the lists' default (``store.filters.MIN_CONFIDENCE``)
    from ..store import filters
    return filters.MIN_CONFIDENCE


def run_extra(data: Path, limit: int | None = None) -> dict[str, Any]:
    """events-fr-extra, a tuning set: the figures of ``run``."""
    return run(data, limit, "events-fr-extra")


CHECK_FIGURES = ("tuple_f1", "tuple_precision", "tuple_recall", "type_f1", "type_precision", "type_recall",
                 "source_f1", "target_f1",
                 "query_threshold", "tuple_f1_at_query", "tuple_precision_at_query", "tuple_recall_at_query",
                 "documents", "seconds")


def run_check(data: Path, limit: int | None = None) -> dict[str, Any]:
    """The check set events-fr-check: scored only, aggregate figures only (never its errors)."""
    figures = run(data, limit, "events-fr-check")
    return {"headline": figures["headline"], **{k: figures[k] for k in CHECK_FIGURES if k in figures}}


def _gsr(data: Path) -> list[dict]:
    path = require(data / "plover" / "PLOVER_GSR_CAMEO.txt")
    items = json.loads(path.read_text(encoding="utf-8"))
    return [x for x in items if x.get("text") and x.get("event") not in (None, "DOCUMENT")]


def _codes(actors) -> set[str]:
    out = set()
    for a in actors or ():
        if not isinstance(a, dict):
            continue
        code = (a.get("code") or "")[:3].upper()
        code = CAMEO_CODES.get(code, code)
        if code:
            out.add(code)
    return out


def gsr_held(sentence_id: str) -> bool:
    """Whether a GSR sentence is in the held part (the rule and salt of resources/en/gsr_split.toml)."""
    split = resources.load("en", "gsr_split")
    digest = hashlib.sha256(f"{split['salt']}:{sentence_id}".encode()).hexdigest()
    return int(digest[: int(split["hex_digits"])], 16) % int(split["modulus"]) < int(split["held_below"])


def _en_figures(rows: list[dict]) -> dict[str, float]:
    n = len(rows)
    src = [r for r in rows if r["src_gold"]]
    tgt = [r for r in rows if r["tgt_gold"]]
    return {"type_accuracy": sum(r["type_ok"] for r in rows) / n if n else 0.0,
            "type_accuracy_intent_as_agree": sum(r["intent_ok"] for r in rows) / n if n else 0.0,
            "type_found": sum(r["type_any"] for r in rows) / n if n else 0.0,
            "coverage": sum(r["found"] for r in rows) / n if n else 0.0,
            "source_country_accuracy": sum(r["src_ok"] for r in src) / len(src) if src else 0.0,
            "target_country_accuracy": sum(r["tgt_ok"] for r in tgt) / len(tgt) if tgt else 0.0,
            "sentences": n, "source_gold": len(src), "target_gold": len(tgt)}


def en_rows(data: Path, limit: int | None = None) -> list[dict]:
    """One row per GSR sentence (per line of the file, ids may repeat): gold, events found, scores."""
    items = _gsr(data)[: limit or None]
    # Keyed by position: the file repeats an id for two different sentences.
    records = [{"id": f"{i}", "text": x["text"]} for i, x in enumerate(items)]
    results = analyse_records(records, Options(language="en"))
    rows = []
    for i, x in enumerate(items):
        want = GSR_TYPES.get(x["event"], x["event"])
        a = results.get(f"{i}")
        events = list(a.events) if a else []
        first = events[0] if events else None
        as_manual = None
        if first is not None:
            as_manual = "AGREE" if first.type in INTENT_AS_AGREE and first.factuality == "planned" else first.type
        # Actors are compared on the event of the gold type when there is one, else the first.
        match = next((e for e in events if e.type == want), first)
        src, tgt = _codes(x.get("source")), _codes(x.get("target"))
        rows.append({
            "id": x["id"], "held": gsr_held(x["id"]), "text": x["text"], "want": want,
            "got": first.type if first is not None else None, "types": [e.type for e in events],
            "found": bool(events), "type_ok": first is not None and first.type == want,
            "intent_ok": as_manual == want, "type_any": any(e.type == want for e in events),
            "src_gold": bool(src), "tgt_gold": bool(tgt),
            "src_ok": bool(src) and match is not None and match.source.country in src,
            "tgt_ok": bool(tgt) and match is not None and match.target is not None
            and match.target.country in tgt})
    return rows


def run_en(data: Path, limit: int | None = None) -> dict[str, Any]:
    """PLOVER GSR sentences: type accuracy of the first event (and the gold type among all events
    found); source/target country accuracy; on the held part (headline), the train part and all."""
    t0 = time.perf_counter()
    rows = en_rows(data, limit)
    seconds = time.perf_counter() - t0
    held = _en_figures([r for r in rows if r["held"]])
    train = _en_figures([r for r in rows if not r["held"]])
    whole = _en_figures(rows)
    out: dict[str, Any] = {"headline": held["type_accuracy"], "type_accuracy_held": held["type_accuracy"],
                           "source_country_accuracy_held": held["source_country_accuracy"],
                           "target_country_accuracy_held": held["target_country_accuracy"],
                           "sentences_held": held["sentences"],
                           "type_accuracy_train": train["type_accuracy"],
                           "source_country_accuracy_train": train["source_country_accuracy"],
                           "target_country_accuracy_train": train["target_country_accuracy"],
                           "sentences_train": train["sentences"]}
    out.update(whole)
    out["seconds"] = round(seconds, 1)
    return out
