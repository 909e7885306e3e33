#!/usr/bin/env python3
"""Build veille's office holders since 2008 (src/veille/who/kb/officials.json).

Sources, read from local copies given on the command line (nothing is downloaded here):

- ``--congress``: YAML files of unitedstates/congress-legislators (CC0 1.0):
  ``legislators-current.yaml``, ``legislators-historical.yaml`` or copies of the current file
  with a date YYYY-MM-DD in their name (a term missing from the next copy ended early, on that
  copy's date), and ``executive.yaml`` (presidents and vice-presidents);
- ``--deputes``: NosDéputés.fr lists of deputies of the French National Assembly, one JSON file
  per legislature (``https://20XX-20YY.nosdeputes.fr/deputes/json``);
- ``--senateurs``: a NosSénateurs.fr list of senators (JSON).

NosDéputés.fr and NosSénateurs.fr are made by Regards Citoyens from the data of the Assemblée
nationale, the Sénat and the Journal officiel, under the Open Database License (ODbL 1.0);
the file written here is a database derived from them and is distributed under ODbL 1.0.

People are kept with their roles ending on or after 2008-01-01 (or not ended). Each
row: [name, [other names], gender ("m", "f" or null), [[country, sector, start, end, office,
label], ...]]; legislators are sector LEG, presidents and vice-presidents GOV.

Usage: python scripts/build_officials.py --congress DIR/*.yaml --deputes deputes13.json ...
           --senateurs senateurs.json [--out src/veille/who/kb/officials.json]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("build_officials")

ROOT = Path(__file__).resolve().parents[1]
KEEP_FROM = "2008-01-01"
MERGE_GAP_DAYS = 45  # two spans of the same office this close are one (a term renewed after a recess)
# Legislatures of the National Assembly: a mandate still open in an archived list ends with
# the legislature it started in (the 16th ended with the dissolution of 9 June 2024).
LEGISLATURES = (("2007-06-20", "2012-06-19"), ("2012-06-20", "2017-06-20"),
                ("2017-06-21", "2022-06-21"), ("2022-06-22", "2024-06-09"))
US_LABELS = {"sen": ("sénateur", "sénatrice"), "rep": ("représentant", "représentante"),
             "prez": ("président des États-Unis", "présidente des États-Unis"),
             "viceprez": ("vice-président des États-Unis", "vice-présidente des États-Unis")}
SOURCES = [
    {"name": "unitedstates/congress-legislators", "licence": "CC0-1.0",
     "url": "https://github.com/unitedstates/congress-legislators"},
    {"name": "NosDéputés.fr and NosSénateurs.fr by Regards Citoyens, from the Assemblée nationale, "
             "the Sénat and the Journal officiel", "licence": "ODbL-1.0",
     "url": "https://www.nosdeputes.fr"},
]


@dataclass
class Person:
    name: str
    gender: str | None = None
    birth: str | None = None                          # to tell namesakes apart
    names: list[str] = field(default_factory=list)   # other forms
    roles: list[tuple] = field(default_factory=list)  # (country, sector, start, end, office, label)

    def add_name(self, name: str | None) -> None:
        name = " ".join((name or "").split())
        if name and len(name.split()) > 1 and name != self.name and name not in self.names:
            self.names.append(name)

    def row(self) -> list:
        return [self.name, [n for n in self.names if n != self.name], self.gender,
                [list(r) for r in merge_spans(self.roles) if (r[3] or "9999") >= KEEP_FROM]]


def fold(name: str) -> str:
    """Accents, case and punctuation aside: the key under which two sources' names meet."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", s))


def merge_spans(roles: list[tuple]) -> list[tuple]:
    """Roles sorted by start, the spans of one office that follow each other joined."""
    out: list[tuple] = []
    for r in sorted(set(roles), key=lambda r: (r[2] or "", r[3] or "9999")):
        if out and out[-1][:2] == r[:2] and out[-1][4:] == r[4:] and _follows(out[-1][3], r[2]):
            prev = out[-1]
            end = None if prev[3] is None or r[3] is None else max(prev[3], r[3])
            out[-1] = (*prev[:3], end, *prev[4:])
        else:
            out.append(r)
    return out


def _follows(end: str | None, start: str | None) -> bool:
    if end is None:
        return True
    if start is None:
        return False
    gap = (dt.date.fromisoformat(start) - dt.date.fromisoformat(end)).days
    return gap <= MERGE_GAP_DAYS


def recent(roles: list[tuple]) -> bool:
    return any((r[3] or "9999") >= KEEP_FROM for r in roles)


# -- the United States ------------------------------------------------------------------------
def _gendered(labels: tuple[str, str], gender: str | None) -> str:
    return labels[1] if gender == "f" else labels[0]


def _us_person(entry: dict) -> Person:
    n = entry["name"]
    first, last = n.get("first", ""), n.get("last", "")
    nick = n.get("nickname")
    suffix = f" {n['suffix']}" if n.get("suffix") else ""
    gender = {"M": "m", "F": "f"}.get((entry.get("bio") or {}).get("gender"))
    p = Person(f"{nick or first} {last}", gender)
    middle = n.get("middle") or ""
    for form in (n.get("official_full"), f"{first} {last}", f"{first} {last}{suffix}", f"{first} {middle} {last}",
                 f"{first} {middle[:1]}. {last}" if middle else None, f"{nick} {last}" if nick else None):
        p.add_name(form)
    for other in entry.get("other_names") or ():
        p.add_name(f"{other.get('first', first)} {other.get('last', last)}")
    for t in entry.get("terms") or ():
        kind = t.get("type")
        if kind in US_LABELS:
            p.roles.append(("USA", "LEG" if kind in ("sen", "rep") else "GOV", t.get("start"), t.get("end"),
                            "head_of_state" if kind == "prez" else None, _gendered(US_LABELS[kind], gender)))
    return p


def _snapshot_date(path: Path) -> str | None:
    m = re.search(r"(\d{4}-\d{2}-\d{2})", path.name)
    return m.group(1) if m else None


def _ids(entry: dict) -> list[str]:
    ids = entry.get("id") or {}
    return [f"{k}:{ids[k]}" for k in ("bioguide", "govtrack") if ids.get(k)]


def _same_ids(entries) -> dict[str, str]:
    """Each id -> one id of its person: entries sharing an id are one person (a member-elect is
    listed with a govtrack id before having a bioguide id, and an id may change)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for e in entries:
        first, *others = _ids(e)
        root(first)
        for other in others:
            parent[root(other)] = root(first)
    return {x: root(x) for x in parent}


def read_congress(paths: list[Path]) -> list[Person]:
    """Legislators and executives from congress-legislators YAML files, one person per id.

    A dated copy of the current file (a date YYYY-MM-DD in its name) lists the terms being
    served on that date, with their scheduled end; a term missing from the next dated copies
    ended early (a resignation, a death, an appointment), on the date of the first copy after
    its last listing. Undated files (the historical file, executive.yaml) are taken as they are.
    """
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dated = sorted((d, p) for p in paths if (d := _snapshot_date(p)))
    order = [p for _, p in dated] + [p for p in paths if not _snapshot_date(p)]
    files = []
    for path in order:
        try:
            entries = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or ()
        except yaml.YAMLError as exc:
            raise SystemExit(f"{path}: not a congress-legislators YAML file ({exc.problem})") from exc
        # a member-elect still being filled in has TODO in place of some ids and names
        files.append([e for e in entries if "TODO" not in repr(e) and _ids(e)])
    person = _same_ids(e for entries in files for e in entries)
    people: dict[str, Person] = {}
    last_listed: dict[tuple, int] = {}   # (person, role) -> index of the last dated copy listing it
    for k, entries in enumerate(files):
        for entry in entries:
            key = person[_ids(entry)[0]]
            p = _us_person(entry)
            if k < len(dated):
                for r in p.roles:
                    last_listed[key, r] = k
                p.roles = []
            old = people.setdefault(key, p)
            if old is not p:   # the newest name first (a name changes with a marriage)
                old.roles.extend(p.roles)
                old.name, former = p.name, old.name
                for form in [former, *p.names]:
                    old.add_name(form)
    for (key, r), k in last_listed.items():
        gone = dated[k + 1][0] if k + 1 < len(dated) else None
        if gone is not None and (r[3] or "9999") > gone:
            r = (*r[:3], gone, *r[4:])
        people[key].roles.append(r)
    return [p for p in people.values() if recent(p.roles)]


# -- France ----------------------------------------------------------------------------------
def _fr_date(s: str) -> str | None:
    """"21/06/2017" -> "2017-06-21"."""
    m = re.fullmatch(r"\s*(\d{2})/(\d{2})/(\d{4})\s*", s or "")
    return f"{m.group(3)}-{m.group(2)}-{m.group(1)}" if m else None


def _legislature_end(start: str | None) -> str | None:
    for first, last in LEGISLATURES:
        if start and first <= start <= last:
            return last
    return None


def _records(path: Path, key: str) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SystemExit(f"{path}: not a NosDéputés.fr / NosSénateurs.fr JSON list ({exc.msg})") from exc
    rows = data.get(key + "s", []) if isinstance(data, dict) else data
    return [r.get(key, r) for r in rows]


def _fr_person(r: dict) -> Person:
    p = Person(" ".join(r["nom"].split()), {"H": "m", "F": "f"}.get(r.get("sexe")), r.get("date_naissance"))
    p.add_name(f"{r.get('prenom', '')} {r.get('nom_de_famille', '')}")
    return p


def read_deputes(paths: list[Path]) -> list[Person]:
    """Deputies of the National Assembly from NosDéputés.fr lists, with each mandate's dates."""
    people: list[Person] = []
    for path in paths:
        for r in _records(path, "depute"):
            p = _fr_person(r)
            label = _gendered(("député", "députée"), p.gender)
            spans = []
            for m in r.get("anciens_mandats") or ():
                parts = [x.strip() for x in (m.get("mandat") if isinstance(m, dict) else m).split("/ ")]
                start = _fr_date(parts[0]) if parts else None
                end = _fr_date(parts[1]) if len(parts) > 1 else None
                if start:
                    spans.append((start, end))
            spans.append((r.get("mandat_debut"), r.get("mandat_fin") or None))
            for start, end in spans:
                if not start:
                    continue
                if end is None and start == r.get("mandat_debut") and r.get("mandat_fin"):
                    end = r["mandat_fin"]
                end = end or _legislature_end(start)
                p.roles.append(("FRA", "LEG", start, end, None, label))
            people.append(p)
    return people


def read_senateurs(paths: list[Path]) -> list[Person]:
    """Senators from a NosSénateurs.fr list (its current or last mandate)."""
    people: list[Person] = []
    for path in paths:
        for r in _records(path, "senateur"):
            p = _fr_person(r)
            if r.get("mandat_debut"):
                p.roles.append(("FRA", "LEG", r["mandat_debut"], r.get("mandat_fin") or None, None,
                                _gendered(("sénateur", "sénatrice"), p.gender)))
            people.append(p)
    return people


def merge_french(people: list[Person]) -> list[Person]:
    """One person per name and date of birth across legislatures and chambers."""
    out: dict[tuple, Person] = {}
    for p in people:
        key = (fold(p.name), p.birth)
        if key in out:
            out[key].roles.extend(p.roles)
            for form in p.names:
                out[key].add_name(form)
        else:
            out[key] = p
    return [p for p in out.values() if recent(p.roles)]


def build(congress: list[Path], deputes: list[Path], senateurs: list[Path]) -> dict:
    people = read_congress(congress) + merge_french(read_deputes(deputes) + read_senateurs(senateurs))
    people.sort(key=lambda p: fold(p.name))
    rows = [p.row() for p in people]
    log.info("%d people, %d roles", len(rows), sum(len(r[3]) for r in rows))
    return {"sources": SOURCES, "licence": "ODbL-1.0", "keep_from": KEEP_FROM,
            "columns": ["name", "other_names", "gender", "roles: country, sector, start, end, office, label"],
            "people": rows}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--congress", type=Path, nargs="*", default=[], help="congress-legislators YAML files")
    ap.add_argument("--deputes", type=Path, nargs="*", default=[], help="NosDéputés.fr deputies JSON files")
    ap.add_argument("--senateurs", type=Path, nargs="*", default=[], help="NosSénateurs.fr senators JSON files")
    ap.add_argument("--out", type=Path, default=ROOT / "src/veille/who/kb/officials.json")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    missing = [p for p in [*args.congress, *args.deputes, *args.senateurs] if not p.is_file()]
    if missing:
        ap.error(f"not a file: {missing[0]}")
    data = build(args.congress, args.deputes, args.senateurs)
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    log.info("wrote %s (%d bytes)", args.out, args.out.stat().st_size)


if __name__ == "__main__":
    main()
