#!/usr/bin/env python3
"""Check a TIMEX3 gold file against its docs: same ids and order, offsets give the text, known types, value shapes.

Usage: check_times.py GOLD.jsonl DOCS.jsonl
Gold line: {"id", "published" (YYYY-MM-DD), "times": [{"start","end","text","type","value"}]} (offsets into doc text)."""
import json, re, sys
gold = [json.loads(l) for l in open(sys.argv[1])]
docs = [json.loads(l) for l in open(sys.argv[2])]
VAL = re.compile(r"^(PRESENT_REF|PAST_REF|FUTURE_REF|"
                 r"P(\d+(\.\d+)?|X)+(Y|M|W|D|DE|CE|ML|Q|H|TM|TS)?(T(\d+|X)+[HMS])*|PT(\d+|X)+[HMS]|P(\d+|X)+[YMWD]T(\d+|X)+[HMS]|"
                 r"(\d{2}|\d{4}|XXXX|\d{3}X|\d{2}XX)(-(\d{2}|XX|W\d{2}|WXX|Q[1-4]|SP|SU|FA|WI|H[12])(-(\d{2}|XX|WE|[1-7]))?)?"
                 r"(T(\d{2}(:\d{2})?|MO|AF|EV|NI|DT|MI))?(-(\d|WE|[1-7]))?|"
                 r"XXXX-WXX-[1-7](T(MO|AF|EV|NI|\d{2}(:\d{2})?))?|T\d{2}(:\d{2})?|TMO|TAF|TEV|TNI|TMI)$")
bad = 0
if [d["id"] for d in docs] != [g["id"] for g in gold]:
    print("ids/order differ from docs"); bad += 1
for d, g in zip(docs, gold):
    t = d["text"]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(g.get("published", ""))): print(g["id"], "published must be YYYY-MM-DD"); bad += 1
    last = -1
    for k, x in enumerate(g.get("times", [])):
        s, e = x.get("start"), x.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(t)) or t[s:e] != x.get("text"):
            print(g["id"], k, "offsets do not give the text:", repr(x.get("text"))); bad += 1
        elif s < last: print(g["id"], k, "not in text order or overlapping"); bad += 1
        else: last = e
        if x.get("type") not in ("DATE", "TIME", "DURATION", "SET"): print(g["id"], k, "bad type", x.get("type")); bad += 1
        if not VAL.match(str(x.get("value", ""))): print(g["id"], k, "value not a TIMEX3 value:", x.get("value")); bad += 1
        if x.get("text", "") != x.get("text", "").strip(): print(g["id"], k, "span has outer spaces"); bad += 1
print("problems:", bad, "| docs:", len(gold), "| items:", sum(len(g.get("times", [])) for g in gold))
