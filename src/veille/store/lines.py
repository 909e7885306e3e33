"""A line of contract JSON prepared for the writer without building its records.

``prepare.prepare`` works on an ``Analysis``: reading a line that way parses the JSON, builds
the nested frozen records (``Analysis.from_dict``), then turns them back into the contract's
dict (``to_dict``) to pack it. ``prepared`` computes the same ``Prepared`` from the parsed dict
directly: the contract dict as ``from_dict`` then ``to_dict`` make it (``contract``), and the
rows, quotes and forms as ``prepare.annotation_rows`` and ``prepare.entity_forms`` compute them
from the records (their values unrounded, as the records hold them). About 0.2 ms less per
article in the preparing worker (docs/scale.md, the ingest rate). Whatever this path cannot
take raises, and ``prepare.from_line`` then takes the records' path, which fails or refuses as
it always did; ``tests/store/test_store_ingest_lines.py`` compares the two paths.
"""
from __future__ import annotations

from typing import Any

from ..records import SCHEMA_VERSION, Source
from . import neardup
from .prepare import Prepared, _entity_form_keys, _last, event_day
from .queries import pack
from .text import name_key, sha256


def _span(x: Any) -> dict | None:
    return {"start": x["start"], "end": x["end"], "text": x["text"]} if x else None


def _actor(x: Any) -> dict | None:
    return {"entity": x.get("entity"), "name": x.get("name") or "", "country": x.get("country"),
            "sector": x.get("sector")} if x else None


def _mention(m: dict) -> dict:
    return {"start": m["start"], "end": m["end"], "text": m["text"], "kind": m.get("kind", "name"),
            "confidence": m.get("confidence", 1.0)}


def _entity(e: dict) -> dict:
    return {"id": e["id"], "name": e["name"], "type": e["type"], "country": e.get("country"),
            "sector": e.get("sector"), "role": e.get("role"), "kb_id": e.get("kb_id"),
            "mentions": [_mention(m) for m in e.get("mentions") or ()]}


def _quote(q: dict) -> dict:
    sp = q.get("speaker")
    return {"kind": q["kind"], "content": _span(q["content"]),
            "speaker": {"entity": sp.get("entity"), "name": sp["name"], "mention": _span(sp.get("mention"))}
            if sp else None,
            "cue": _span(q.get("cue"))}


def _event(e: dict) -> dict:
    return {"type": e["type"], "mode": e.get("mode"), "source": _actor(e["source"]),
            "target": _actor(e.get("target")), "factuality": e.get("factuality", "actual"), "date": e.get("date"),
            "location": e.get("location"), "trigger": _span(e.get("trigger")), "evidence": _span(e["evidence"]),
            "confidence": e.get("confidence")}


def records(d: dict) -> dict:
    """The dict of ``Analysis.from_dict(d)``'s fields as its records hold them: the contract's
    keys in its order, every default filled in, the confidences unrounded."""
    src = d.get("source") or {}
    return {"schema": d.get("schema", SCHEMA_VERSION), "id": str(d["id"]),
            "source": {"path": src.get("path"), "url": src.get("url"), "outlet": src.get("outlet")},
            "title": d.get("title"), "published": d.get("published"), "language": d.get("language") or "und",
            "text": d["text"],
            "removed": [{"text": r["text"], "reason": r["reason"]} for r in d.get("removed") or ()],
            "entities": [_entity(e) for e in d.get("entities") or ()],
            "quotes": [_quote(q) for q in d.get("quotes") or ()],
            "times": [{"start": t["start"], "end": t["end"], "text": t["text"], "type": t["type"], "value": t["value"]}
                      for t in d.get("times") or ()],
            "events": [_event(e) for e in d.get("events") or ()],
            "warnings": list(d.get("warnings") or ())}


def contract(r: dict) -> dict:
    """``to_dict`` of the records ``r`` (``records``) without their text: the confidences
    rounded as the records' ``to_dict`` rounds them, in new dicts (``r`` is left as it is)."""
    out = dict(r, text=None)
    out["entities"] = [dict(e, mentions=[dict(m, confidence=round(m["confidence"], 3)) for m in e["mentions"]])
                       for e in r["entities"]]
    out["events"] = [dict(e, confidence=round(e["confidence"], 3) if e["confidence"] is not None else None)
                     for e in r["events"]]
    return out


def annotation_rows(r: dict) -> tuple[dict[str, list[tuple]], list[tuple[int, str]]]:
    """``prepare.annotation_rows`` of the records ``r`` (``records``)."""
    published = r["published"]
    rows: dict[str, list[tuple]] = {}
    ents = r["entities"]
    rows["entities"] = [(e["id"], e["name"], e["type"], e["country"], e["sector"], e["role"], e["kb_id"],
                         len(e["mentions"])) for e in ents]
    rows["mentions"] = [(e["id"], m["start"], m["end"], m["text"], m["kind"], m["confidence"])
                        for e in ents for m in e["mentions"]]
    quotes = []
    for i, q in enumerate(r["quotes"]):
        sp, cue, content = q["speaker"], q["cue"], q["content"]
        mention = sp["mention"] if sp else None
        key = name_key(sp["name"]) if sp else None
        quotes.append((
            i, q["kind"], content["start"], content["end"], content["text"],
            sp["name"] if sp else None, key, _last(key) if sp else None, sp["entity"] if sp else None,
            mention["start"] if mention else None, mention["end"] if mention else None,
            mention["text"] if mention else None,
            cue["start"] if cue else None, cue["end"] if cue else None, cue["text"] if cue else None, published))
    rows["quotes"] = quotes
    rows["times"] = [(i, t["start"], t["end"], t["text"], t["type"], t["value"]) for i, t in enumerate(r["times"])]
    events = []
    for i, ev in enumerate(r["events"]):
        sides = []
        for actor in (ev["source"], ev["target"]):
            sides.extend([None] * 5 if actor is None else
                         [actor["name"], name_key(actor["name"]), actor["country"], actor["sector"], actor["entity"]])
        tr, evidence = ev["trigger"], ev["evidence"]
        events.append((i, ev["type"], ev["mode"], ev["factuality"], event_day(ev["date"], published),
                       ev["date"], ev["location"], *sides, tr["start"] if tr else None, tr["end"] if tr else None,
                       tr["text"] if tr else None, evidence["start"], evidence["end"], evidence["text"],
                       ev["confidence"]))
    rows["events"] = events
    rows["removed"] = [(i, x["text"], x["reason"]) for i, x in enumerate(r["removed"])]
    return rows, [(i, q["content"]["text"]) for i, q in enumerate(r["quotes"])]


def entity_forms(r: dict) -> tuple[list[tuple | None], list[tuple]]:
    """``prepare.entity_forms`` of the records ``r`` (``records``)."""
    forms: list[tuple | None] = []
    values: dict[tuple, int] = {}
    for e in r["entities"]:
        t, given = _entity_form_keys(e["name"], e["type"], e["kb_id"], e["country"], e["sector"])
        forms.append(t)
        for k in given:
            values[k] = values.get(k, 0) + 1
    return forms, [(*k, n) for k, n in values.items()]


def prepared(d: dict) -> Prepared:
    """``prepare.prepare(Analysis.from_dict(d))``, from the parsed line ``d``; raises whatever it
    cannot take."""
    r = records(d)
    text = r["text"]
    chash = sha256(text)
    sig = neardup.signature(text)
    rows, quotes = annotation_rows(r)
    forms, values = entity_forms(r)
    layout = neardup.bands(neardup.DEFAULT_THRESHOLD)
    src = r["source"]
    return Prepared(r["id"], Source(src["path"], src["url"], src["outlet"]), text, r["language"], r["title"],
                    r["published"], r["schema"], chash, neardup.to_bytes(sig), pack(contract(r)), rows, quotes,
                    forms, values, (layout, neardup.band_keys(sig, *layout)))
