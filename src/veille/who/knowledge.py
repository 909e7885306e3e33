"""The actor knowledge base: countries, actors with dated roles, and offices by date.

Layers, indexed once per process:

- ``kb/actors.json``: built by ``scripts/build_kb.py`` from pycountry, babel (CLDR) and the
  PETRARCH2/Phoenix dictionaries (to early 2014);
- ``kb/roles.toml``: hand-kept office holders since 2000 (heads of state and government,
  foreign and defence ministers, EU institution heads), with French and English names;
- ``kb/france.toml``: hand-kept French parties, unions, institutions and politicians, which
  French news names without a country; ``kb/media.toml``: news outlets and agencies;
- ``kb/officials.json``: built by ``scripts/build_officials.py``: members of the US Congress,
  US presidents and vice-presidents, French deputies and senators in office since 2008, with
  their gender; a person already known by full name gets these roles added;
- user files (``Options.kb_paths``) in the roles format (docs/kb.md), read last so they win.

An index built from the shipped files (the store's actor index) can be kept on disk between
processes with ``cached_index``, keyed by the SHA-256 of the files and of the code that shape it.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import marshal
import os
import re
import sys
import tempfile
import tomllib
import unicodedata
from dataclasses import dataclass
from importlib import resources as _res
from pathlib import Path

from ..errors import ConfigError
from ..clean import normalize as _normalize
from ..clean.normalize import plain
from ..records import SECTORS

log = logging.getLogger(__name__)

_WORD = re.compile(r"[a-z0-9]+")
INTERNATIONAL = ("EUR", "UNO", "NAT")


DICTIONARIES_END = "2014-12-31"


@functools.lru_cache(maxsize=1 << 16)  # called on every token by several stages
def norm(text: str) -> str:
    """Lower case, no accents, words joined by single spaces ("l'Élysée" -> "l elysee")."""
    s = unicodedata.normalize("NFKD", plain(text)).encode("ascii", "ignore").decode().lower()
    return " ".join(_WORD.findall(s))


@dataclass(frozen=True, slots=True)
class Role:
    country: str | None
    sector: str | None
    start: str | None = None   # ISO date, None = since ever
    end: str | None = None     # ISO date, None = still
    office: str | None = None  # head_of_state, head_of_government, foreign, defence, ...
    label: str | None = None   # a human label ("président", "secrétaire d'État")

    def active(self, day: str | None) -> bool:
        if day is None:
            return self.end is None and self.start is not None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    kb_id: str
    name: str
    type: str                  # PER or ORG
    names: tuple[str, ...]     # every known form, name first
    roles: tuple[Role, ...]
    gender: str | None = None  # "f" or "m" when a source gives it

    def role_at(self, day: str | None) -> Role | None:
        """The role held on ``day``: a dated role first, else the latest one, else an undated one."""
        dated = [r for r in self.roles if (r.start or r.end)]
        live = [r for r in dated if r.active(day)]
        if live:
            return max(live, key=lambda r: (r.office is not None, r.sector is not None, r.start or ""))
        undated = [r for r in self.roles if not (r.start or r.end) and (r.country or r.sector)]
        if undated:
            return undated[0]
        if dated:
            return max(dated, key=lambda r: r.end or "9999")
        return None


def _kb_id(name: str) -> str:
    return norm(name).replace(" ", "_")


class KnowledgeBase:
    def __init__(self) -> None:
        self.actors: list[Actor] = []
        self.by_name: dict[str, list[int]] = {}
        self.countries: dict[str, dict] = {}
        self.country_by_name: dict[str, str] = {}
        self.regions: dict[str, str] = {}
        self.offices: dict[tuple[str, str], list[tuple[Role, int]]] = {}

    # -- building ------------------------------------------------------------------------
    def add_actor(self, actor: Actor, priority: bool = False) -> int:
        idx = len(self.actors)
        self.actors.append(actor)
        for n in actor.names:
            key = norm(n)
            if not key:
                continue
            slot = self.by_name.setdefault(key, [])
            if priority:
                slot.insert(0, idx)
            else:
                slot.append(idx)
        for r in actor.roles:
            if r.office and r.country:
                self.offices.setdefault((r.country, r.office), []).append((r, idx))
        return idx

    def add_country(self, iso: str, names: list[str]) -> None:
        self.countries.setdefault(iso, {"names": []})["names"].extend(names)
        for n in names:
            key = norm(n)
            if key and key not in self.country_by_name:
                self.country_by_name[key] = iso

    # -- queries -------------------------------------------------------------------------
    def find(self, name: str) -> list[Actor]:
        return [self.actors[i] for i in self.by_name.get(norm(name), ())]

    def holder(self, country: str, office: str, day: str | None) -> tuple[Actor, Role] | None:
        """Who held ``office`` of ``country`` on ``day`` (the latest holder without a date)."""
        rows = self.offices.get((country, office), ())
        if day is None:
            live = [(r, i) for r, i in rows if r.end is None]
        else:
            live = [(r, i) for r, i in rows if r.active(day)]
        if not live:
            return None
        r, i = max(live, key=lambda x: x[0].start or "")
        return self.actors[i], r

    def person(self, forms, day: str | None, article_names=()) -> Actor | None:
        """The known person an entity named by ``forms`` is, on ``day``.

        A full name (first and last name) is enough. A surname alone ("Macron", "Le Drian")
        names only a person whose office on that day makes the press call them so (heads of
        state and government, ministers: an office or the government sector), never a
        legislator, and never when the entity or the article (``article_names``) gives that
        surname with another first name ("Brigitte Macron").
        """
        for form in sorted(set(forms), key=len, reverse=True):
            key = norm(form)
            people = [self.actors[i] for i in dict.fromkeys(self.by_name.get(key, ()))
                      if self.actors[i].type == "PER"]
            full = [a for a in people if not _is_surname(key, map(norm, a.names))]
            if full:
                return next((a for a in full if _live(a, day)), full[0])
            for a in people:
                if _famous(a, day) and not _other_first_name(a, key, (*forms, *article_names)):
                    return a
        return None

    def country_name(self, iso: str, lang: str) -> str:
        c = self.countries.get(iso) or {}
        return c.get(lang) or (c.get("names") or [iso])[0]


def _live(actor: Actor, day: str | None) -> Role | None:
    """The dated role ``actor`` holds on ``day``, if any."""
    role = actor.role_at(day)
    return role if role is not None and (role.start or role.end) and role.active(day) else None


def _famous(actor: Actor, day: str | None) -> bool:
    role = _live(actor, day)
    return role is not None and role.sector != "LEG" and (role.office is not None or role.sector == "GOV")


def _is_surname(key: str, keys) -> bool:
    """Whether the name ``key`` is one word or the last words of a longer name among ``keys``
    (all normalised): "le drian" of "jean yves le drian"."""
    return " " not in key or any(k.endswith(" " + key) for k in keys)


def _other_first_name(actor: Actor, surname: str, names) -> bool:
    """Whether one of ``names`` is ``surname`` after a first name ``actor`` never bears."""
    firsts = {norm(n).split()[0] for n in actor.names if norm(n).endswith(" " + surname)}
    return any(k.endswith(" " + surname) and k.split()[0] not in firsts for k in map(norm, names))


def _role_rows(data: dict, where: str) -> list[Actor]:
    """Actors of a roles file (the hand-kept one or a user's; format in docs/kb.md)."""
    out: list[Actor] = []
    groups: dict[str, dict] = {}
    for country, offices in (data.get("offices") or {}).items():
        for office, rows in offices.items():
            for row in rows:
                parts = [p.strip() for p in row.split("|")]
                if len(parts) < 3:
                    raise ConfigError(f"{where}: bad office row {row!r} (want 'name | start | end')")
                name, start, end = parts[0], parts[1] or None, parts[2] or None
                names = [n.strip() for n in name.split("/") if n.strip()]
                sector = "IGO" if country in INTERNATIONAL else "GOV"
                g = groups.setdefault(norm(names[0]), {"names": [], "roles": []})
                g["names"].extend(n for n in names if n not in g["names"])
                g["roles"].append(Role(country, sector, start, end, office))
    for row in data.get("actor") or ():
        names = [row["name"], *row.get("aliases", [])]
        sector = row.get("sector")
        if sector is not None and sector not in SECTORS:
            raise ConfigError(f"{where}: unknown sector {sector!r} for {row['name']!r}")
        g = groups.setdefault(norm(names[0]), {"names": [], "roles": [], "type": row.get("type")})
        g["names"].extend(n for n in names if n not in g["names"])
        g["type"] = row.get("type", g.get("type"))
        roles = row.get("roles") or [{}]
        for r in roles:
            g["roles"].append(Role(r.get("country", row.get("country")), r.get("sector", sector),
                                   r.get("start"), r.get("end"), r.get("office"), r.get("role", row.get("role"))))
    for g in groups.values():
        out.append(Actor(_kb_id(g["names"][0]), g["names"][0], g.get("type") or "PER", tuple(g["names"]), tuple(g["roles"])))
    return out


def _read_toml(p) -> dict:
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"knowledge-base file {p} is invalid: {exc}") from exc


def _with_officials(actors: list[Actor], rows: list) -> list[Actor]:
    """``actors`` and the office holders of officials.json: a person already known under one of
    their full names keeps that entry, with the new roles, names and gender added; a namesake
    already taken gets a numbered kb_id."""
    out = list(actors)
    known: dict[str, int] = {}
    for i, a in enumerate(actors):
        if a.type == "PER":
            keys = [norm(n) for n in a.names]
            for key in keys:
                if not _is_surname(key, keys):
                    known.setdefault(key, i)
    ids = {a.kb_id for a in actors}
    for name, others, gender, roles in rows:
        names = (name, *others)
        new = tuple(Role(*r) for r in roles)
        i = next((known[k] for k in map(norm, names) if k in known), None)
        if i is not None:
            a = out[i]
            if any(r.sector == "PTY" and not (r.start or r.end) for r in a.roles):
                new = ()   # a party figure of the hand-kept files stays one (docs/kb.md)
            out[i] = Actor(a.kb_id, a.name, a.type, a.names + tuple(n for n in names if n not in a.names),
                           a.roles + new, a.gender or gender)
            continue
        kb_id, k = _kb_id(name), 1
        while kb_id in ids:
            k += 1
            kb_id = f"{_kb_id(name)}_{k}"
        ids.add(kb_id)
        out.append(Actor(kb_id, name, "PER", names, new, gender))
    return out


HAND_KEPT = ("roles.toml", "france.toml", "media.toml", "international.toml")


@functools.lru_cache(maxsize=8)
def load(extra: tuple[Path, ...] = ()) -> KnowledgeBase:
    """The knowledge base with the shipped files and ``extra`` user files (cached per process)."""
    kb = KnowledgeBase()
    base = _res.files(__package__).joinpath("kb")
    for p in reversed(extra):
        for a in _role_rows(_read_toml(Path(p)), str(p)):
            kb.add_actor(a, priority=True)
    # the hand-kept files read as one, so that a person in two of them keeps all their rows
    shipped: dict = {"offices": {}, "actor": []}
    for name in HAND_KEPT:
        part = _read_toml(base.joinpath(name))
        shipped["offices"].update(part.get("offices", {}))
        shipped["actor"].extend(part.get("actor", ()))
    actors = _role_rows(shipped, "kb/" + ", kb/".join(HAND_KEPT))
    raw = json.loads(base.joinpath("actors.json").read_text(encoding="utf-8"))
    for iso, c in raw["countries"].items():
        kb.countries[iso] = {"fr": c["fr"], "en": c["en"], "names": [c["fr"], c["en"], *c["aliases"]]}
        for n in kb.countries[iso]["names"]:
            kb.country_by_name.setdefault(norm(n), iso)
    places = base.joinpath("places.tsv")
    if places.is_file():
        for line in places.read_text(encoding="utf-8").splitlines():
            name, _, iso = line.partition("\t")
            if iso:
                kb.regions.setdefault(norm(name), iso)
    # the dictionaries are current to early 2014: a role they give without an end was held
    # then, and is not known to go on after
    actors += [Actor(_kb_id(name), name, typ, (name, *aliases),
                     tuple(Role(c, s, a, b if b or not a else DICTIONARIES_END) for c, s, a, b in roles))
               for name, aliases, typ, roles in raw["actors"]]
    officials = base.joinpath("officials.json")
    if officials.is_file():
        actors = _with_officials(actors, json.loads(officials.read_text(encoding="utf-8"))["people"])
    for a in actors:
        kb.add_actor(a)
    log.debug("knowledge base: %d actors, %d countries", len(kb.actors), len(kb.countries))
    return kb


# -- indexes of the shipped knowledge base kept on disk ------------------------------------------

def cache_dir() -> Path:
    """``$VEILLE_CACHE_DIR``, else ``$XDG_CACHE_HOME/veille``, else ``~/.cache/veille``."""
    if os.environ.get("VEILLE_CACHE_DIR"):
        return Path(os.environ["VEILLE_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "veille"
    return Path.home() / ".cache" / "veille"


def cache_key(sources=()) -> str:
    """SHA-256 of the shipped knowledge-base files, of the code that reads them (this module and
    the normalisation its keys use), of ``sources`` (the code that builds an index from them)
    and of the Python version (the cache format is ``marshal``'s)."""
    h = hashlib.sha256(f"{sys.implementation.cache_tag} {sys.version} {marshal.version}".encode())
    base = _res.files(__package__).joinpath("kb")
    files = [(f"kb/{p.name}", p) for p in sorted(base.iterdir(), key=lambda p: p.name) if p.is_file()]
    files += [(Path(p).name, Path(p)) for p in (__file__, _normalize.__file__, *sources)]
    for name, p in files:
        data = p.read_bytes()
        h.update(f"{name} {len(data)}\n".encode())
        h.update(data)
    return h.hexdigest()


def _drop_stale(current: Path, name: str) -> None:
    """Remove the files of ``name`` built from other files or code: each change of the knowledge
    base would otherwise leave one more index behind."""
    for old in current.parent.glob(f"{name}-{'?' * 32}.marshal"):
        if old != current:
            try:
                old.unlink()
            except OSError:
                pass


def cached_index(name: str, build, sources=(), valid=None):
    """``build()``, read from the disk cache when a process has built it from the same files and
    code (``cache_key``), else built and written there (a temporary file, then ``os.replace``).
    ``build`` returns plain values ``marshal`` keeps (dicts, tuples, frozensets, strings);
    ``valid(value)`` checks the shape of a value read back. A cache that cannot be read or
    written, or a file that is damaged, is built in memory as without a cache."""
    try:
        key = cache_key(sources)
    except OSError as exc:
        log.debug("index %s: no cache key (%s); built in memory", name, exc)
        return build()
    path = cache_dir() / f"{name}-{key[:32]}.marshal"
    try:
        blob = path.read_bytes()
        digest, payload = blob[:32], blob[32:]
        if hashlib.sha256(payload).digest() != digest:
            raise ValueError("checksum")
        stored_key, value = marshal.loads(payload)
        if stored_key != key or (valid is not None and not valid(value)):
            raise ValueError("another index")
        return value
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError) as exc:
        log.debug("index %s: cache file %s unreadable (%s); built again", name, path, exc)
    value = build()
    tmp = None
    try:
        payload = marshal.dumps((key, value))
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{name}-", suffix=".tmp", delete=False) as f:
            tmp = f.name
            f.write(hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
        tmp = None
        _drop_stale(path, name)
    except (OSError, ValueError) as exc:
        log.debug("index %s: cache %s not written (%s); built in memory", name, path, exc)
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return value
