"""Time expressions: FR-TimeBank (``run``), the check set (``run_check``), the project's own
French annotations (``run_more``) and its own English set (``run_en``).

Scoring follows the project's conventions: each gold TIMEX3 is matched to one system
expression overlapping it (an exact span preferred); strict = same span, relaxed = overlap,
value = relaxed match with exactly the gold value; P/R/F1 over all expressions. Plain
``dateparser.search.search_dates`` is scored in the same run as a baseline.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import logging
import re
import time
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..options import Options
from .common import analyse_records, locate, prf, read_jsonl, require

log = logging.getLogger(__name__)

_TIMEX = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = (re.compile(r'<DCT>.*?value="([^"]+)".*?</DCT>', re.S),
        re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"'),
        re.compile(r'<TIMEX3[^>]*value="([^"]+)"[^>]*functionInDocument="CREATION_TIME"'))
_TAG = re.compile(r"<[^>]+>")

_ROOT = Path(__file__).resolve().parents[3]
EN_SET = _ROOT / "tests" / "when" / "en_times.jsonl"
MORE_SET = _ROOT / "annotations" / "times-fr-more" / "gold.jsonl"
INDEP_SET = _ROOT / "annotations" / "times-fr-indep" / "gold.jsonl"
FRESH_SET = _ROOT / "annotations" / "times-fr-fresh" / "gold.jsonl"
UNSEEN_SET = _ROOT / "annotations" / "times-fr-unseen" / "gold.jsonl"
NEW_SET = _ROOT / "annotations" / "times-fr-new" / "gold.jsonl"


def read_tml(path: Path) -> tuple[str, str | None, list[dict[str, Any]]]:
    """(text, creation date, gold TIMEX3 spans) of one TimeML file."""
    raw = path.read_text(encoding="utf-8")
    dct = next((m for m in (p.search(raw) for p in _DCT) if m), None)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
    text, gold, pos = "", [], 0
    for m in _TIMEX.finditer(body):
        text += html.unescape(_TAG.sub("", body[pos:m.start()]))
        inner = html.unescape(_TAG.sub("", m.group(2)))
        attrs = dict(_ATTR.findall(m.group(1)))
        gold.append({"start": len(text), "end": len(text) + len(inner), "text": inner,
                     "type": attrs.get("type"), "value": attrs.get("value")})
        text += inner
        pos = m.end()
    text += html.unescape(_TAG.sub("", body[pos:]))
    return text, (dct.group(1)[:10] if dct else None), gold


def score(docs: dict[str, tuple[str, list[dict]]], system: dict[str, list[tuple[int, int, dict]]]) -> dict[str, float]:
    """Strict, relaxed and value P/R/F1 of system spans (in input offsets) against gold."""
    n_sys = n_gold = strict = relaxed = value = 0
    by_type: dict[str, list[int]] = {}
    for key, (_, gold) in docs.items():
        spans = system.get(key, [])
        n_sys += len(spans)
        n_gold += len(gold)
        used: set[int] = set()
        for g in gold:
            best = None
            for j, (s0, s1, _x) in enumerate(spans):
                if j in used or not (s0 < g["end"] and g["start"] < s1):
                    continue
                if best is None:
                    best = j
                if s0 == g["start"] and s1 == g["end"]:
                    best = j
                    break
            t = by_type.setdefault(g.get("type") or "?", [0, 0])
            t[1] += 1
            if best is None:
                continue
            used.add(best)
            relaxed += 1
            s0, s1, x = spans[best]
            strict += s0 == g["start"] and s1 == g["end"]
            ok = str(x.get("value")) == str(g["value"])
            value += ok
            t[0] += ok
    sp, sr, sf = prf(strict, n_sys, strict, n_gold)
    rp, rr, rf = prf(relaxed, n_sys, relaxed, n_gold)
    vp, vr, vf = prf(value, n_sys, value, n_gold)
    out = {"value_f1": vf, "strict_f1": sf, "relaxed_f1": rf, "strict_p": sp, "strict_r": sr,
           "relaxed_p": rp, "relaxed_r": rr, "value_p": vp, "value_r": vr,
           "gold": n_gold, "system": n_sys}
    for t, (ok, n) in sorted(by_type.items()):
        out[f"value_recall_{t}"] = ok / n if n else 0.0
    return out


def _dateparser_spans(text: str, published: str | None, lang: str) -> list[tuple[int, int, dict]]:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(published)
    try:
        found = search_dates(text, languages=[lang], settings=settings) or []
    except Exception as exc:  # the baseline library fails on some inputs; count it as nothing found
        log.debug("dateparser failed: %s", exc)
        found = []
    out, cur = [], 0
    for sub, when in found:
        k = text.find(sub, cur)
        if k < 0:
            continue
        out.append((k, k + len(sub), {"text": sub, "value": when.date().isoformat()}))
        cur = k + len(sub)
    return out


def _evaluate(docs: dict[str, tuple[str, str | None, list[dict]]], lang: str, baseline: bool) -> dict[str, Any]:
    records = [{"id": k, "text": text, "published": dct} for k, (text, dct, _) in docs.items()]
    t0 = time.perf_counter()
    analyses = analyse_records(records, Options(language=lang))
    seconds = time.perf_counter() - t0
    system = {k: locate(a.text, docs[k][0], [t.to_dict() for t in a.times]) for k, a in analyses.items()}
    gold = {k: (text, g) for k, (text, _, g) in docs.items()}
    figures: dict[str, Any] = {"headline": None, **score(gold, system)}
    figures["headline"] = figures["value_f1"]
    figures.update(documents=len(docs), analysed=len(analyses), seconds=round(seconds, 1))
    if baseline:
        base = {k: _dateparser_spans(text, dct, lang) for k, (text, dct, _) in docs.items()}
        b = score(gold, base)
        figures.update(dateparser_value_f1=b["value_f1"], dateparser_strict_f1=b["strict_f1"],
                       dateparser_relaxed_f1=b["relaxed_f1"])
    return figures


def run(data: Path, limit: int | None = None) -> dict[str, Any]:
    """FR-TimeBank: strict, relaxed and value figures, with plain dateparser beside them."""
    folder = require(Path(data) / "frtimebank")
    files = sorted(folder.glob("*.tml"))[: limit or None]
    docs = {f.name: read_tml(f) for f in files}
    return _evaluate(docs, "fr", baseline=True)


def run_check(data: Path, limit: int | None = None) -> dict[str, Any]:
    """The check set: scored only, so only aggregate figures come back (no document, no error)."""
    folder = require(Path(data) / "times-fr-check")
    files = sorted(folder.glob("*.tml"))[: limit or None]
    return _evaluate({f.name: read_tml(f) for f in files}, "fr", baseline=False)


def read_more_set(data: Path, path: Path = MORE_SET) -> dict[str, tuple[str, str | None, list[dict]]]:
    """The project's own OrangeSum annotations: gold offsets into heading + "\n" + article."""
    gold = {str(r["id"]): r for r in read_jsonl(require(path))}
    docs = {}
    for a in read_jsonl(require(Path(data) / "orangesum" / "articles-dev.jsonl.gz")):
        r = gold.get(str(a["id"]))
        if r is not None:
            text = (a.get("heading") or "") + "\n" + a["article"]
            docs[str(a["id"])] = (text, r["published"], r["times"])
    missing = set(gold) - set(docs)
    if missing:
        raise ConfigError(f"{path}: articles not in orangesum/articles-dev: {sorted(missing)[:5]}")
    return {k: docs[k] for k in gold}


def run_more(data: Path, limit: int | None = None, path: Path = MORE_SET) -> dict[str, Any]:
    """The project's own French annotations on OrangeSum articles (annotations/times-fr-more)."""
    docs = read_more_set(data, path)
    if limit:
        docs = dict(list(docs.items())[:limit])
    return _evaluate(docs, "fr", baseline=True)


def run_indep(data: Path, limit: int | None = None) -> dict[str, Any]:
    """OrangeSum articles annotated by annotators who never wrote a rule (annotations/times-fr-indep):
    a measure of unseen text that may be read, unlike the check set."""
    return run_more(data, limit, INDEP_SET)


def run_fresh(data: Path, limit: int | None = None) -> dict[str, Any]:
    """OrangeSum articles annotated without veille's output and before any rule was written from
    them (annotations/times-fr-fresh): unseen text that may be read, unlike the check set."""
    return run_more(data, limit, FRESH_SET)


def run_unseen(data: Path, limit: int | None = None) -> dict[str, Any]:
    """48 OrangeSum articles annotated by two annotators from the guide and the texts alone, scored
    before any rule was written from them (annotations/times-fr-unseen)."""
    return run_more(data, limit, UNSEEN_SET)


def run_new(data: Path, limit: int | None = None) -> dict[str, Any]:
    """48 more OrangeSum articles annotated by two annotators from the guide and the texts alone,
    scored before any rule was written from them (annotations/times-fr-new)."""
    return run_more(data, limit, NEW_SET)


def read_en_set(path: Path = EN_SET) -> dict[str, tuple[str, str | None, list[dict]]]:
    """The English set: JSON lines {id, published, text, times: [{text, type, value}]} in order."""
    docs = {}
    for line in require(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text, gold, cur = rec["text"], [], 0
        for t in rec["times"]:
            k = text.index(t["text"], cur)
            gold.append({"start": k, "end": k + len(t["text"]), **t})
            cur = k + len(t["text"])
        docs[str(rec["id"])] = (text, rec.get("published"), gold)
    return docs


def run_en(data: Path, limit: int | None = None) -> dict[str, Any]:
    """The project's own English sentences (tests/when/en_times.jsonl); ``data`` is not used."""
    docs = read_en_set()
    if limit:
        docs = dict(list(docs.items())[:limit])
    return _evaluate(docs, "en", baseline=True)
