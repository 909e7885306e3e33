"""Actor coding of entities, and the linking of nominal mentions to them.

What the text says comes first (an apposition "la chancelière allemande Angela Merkel", a
country adjective in an organisation's name), then the knowledge base (a person's role on
the publication date), then the article's main country for national institutions named
without one ("le gouvernement", "la police").
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..records import Mention
from ..work import Work
from .actors import ActorCode, Lexicon
from .entities import Group, is_subject
from .knowledge import INTERNATIONAL, norm
from .nominals import Nominal

NATIONAL_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP"}


def merge(first: ActorCode | None, second: ActorCode | None) -> ActorCode | None:
    if first is None or second is None:
        return first or second
    return ActorCode(first.name, first.country or second.country, first.sector or second.sector,
                     first.role or second.role, first.kb_id or second.kb_id, first.type or second.type)


def main_country(work: Work, lex: Lexicon, groups: list[Group]) -> str | None:
    """The country the article is mostly about: country names, seats and adjectives counted."""
    votes: Counter = Counter()
    for g in groups:
        iso = lex.country_of_name(g.name) or lex.seat(g.name)
        if iso and iso not in INTERNATIONAL:
            votes[iso] += len(g.mentions)
    for t in work.doc:
        if t.pos_ == "ADJ" or (t.pos_ in ("NOUN", "PROPN") and t.text[:1].isupper()):
            iso = lex.adjectives.get(norm(t.text))
            if iso and iso not in INTERNATIONAL:
                votes[iso] += 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def _same_person(g: Group, name: str) -> bool:
    words = norm(name).split()
    return bool(words) and (words[-1] in g.words or set(g.words) >= set(words))


def attach_nominals(work: Work, lex: Lexicon, groups: list[Group], noms: list[Nominal]) -> None:
    doc, text = work.doc, work.text
    named = sorted(((m.start, m.end, g) for g in groups for m in g.mentions), key=lambda x: x[0])
    starts = {s: g for s, _, g in named}
    ends = {e: g for _, e, g in named}
    home = main_country(work, lex, groups)
    by_key: dict[tuple, Group] = {}
    for nm in noms:
        s, e = doc[nm.start].idx, doc[nm.end - 1].idx + len(doc[nm.end - 1].text)
        det = doc[nm.start - 1].idx if nm.determined else s
        phrase = text[det:e]
        code = lex.lookup(phrase, work.published)
        overlapping = [g for a, b, g in named if a < e and s < b]
        if overlapping:
            g = overlapping[0]
            if g.type != "PER":
                g.code = merge(g.code, code and replace(code, name=g.name))
            continue
        mention = Mention(s, e, text[s:e], "nominal", 0.9)
        head = doc[nm.start]
        # apposition: "le président russe Vladimir Poutine" / "Vladimir Poutine, le président russe"
        appos = None
        nxt = doc[nm.end].idx if nm.end < len(doc) else None
        if nxt is not None and nxt in starts and starts[nxt].type == "PER":
            appos = starts[nxt]
        elif nm.start >= 2 and doc[nm.start - 1 - int(nm.determined)].text == ",":
            k = nm.start - 1 - int(nm.determined)
            prev_end = doc[k - 1].idx + len(doc[k - 1].text) if k >= 1 else None
            if prev_end in ends and ends[prev_end].type == "PER":
                appos = ends[prev_end]
        if appos is not None and nm.kind == "title":
            local = ActorCode(appos.name, code.country if code else None, nm.spec.get("sector"),
                              code.role if code else nm.key, None, "PER")
            appos.code = merge(appos.code, local)
            appos.title_keys.add(nm.key)
            if nm.feminine:
                appos.gender = "f"
            appos.add(replace(mention, confidence=0.95))
            if is_subject(head):
                appos.subject_at.add(s)
            continue
        if nm.kind == "title":
            if nm.plural:
                continue
            target = None
            if code is not None and code.kb_id:
                target = next((g for g in groups if g.type == "PER" and (
                    (g.code and g.code.kb_id == code.kb_id) or _same_person(g, code.name))), None)
            if target is None:
                earlier = [g for g in groups if g.type == "PER" and g.first < s and nm.key in g.title_keys
                           and (code is None or not code.country or not g.code or g.code.country in (None, code.country))]
                target = max(earlier, key=lambda g: max(m.start for m in g.mentions if m.start < s), default=None)
            if target is not None:
                target.add(replace(mention, confidence=0.8))
                if is_subject(head):
                    target.subject_at.add(s)
                continue
            if not nm.determined or code is None:
                continue
            if code.kb_id or code.country:
                g = Group("PER", name=code.name if code.kb_id else text[s:e], gender="f" if nm.feminine else "m")
                g.code = code
                g.words = set(norm(g.name).split())
                g.title_keys.add(nm.key)
                g.add(replace(mention, confidence=0.7 if code.kb_id else 0.8))
                groups.append(g)
            continue
        # a group or institution
        if code is None:
            code = ActorCode(text[s:e], None, nm.spec.get("sector"), None, None, "ORG")
        if code.country is None and code.sector in NATIONAL_SECTORS and home:
            code = replace(code, country=home)
        key = (nm.key, code.country, text[s:e].lower() if nm.end - nm.start > len(nm.key.split()) else None)
        g = by_key.get(key)
        if g is None:
            g = Group("ORG", name=text[s:e])
            g.code = replace(code, name=text[s:e])
            g.words = set(norm(g.name).split())
            by_key[key] = g
            groups.append(g)
        g.add(mention)


def code_groups(work: Work, lex: Lexicon, groups: list[Group]) -> None:
    home = None
    for g in groups:
        if g.type == "PER":
            kb = _person_in_kb(lex, g, work.published)
            g.code = merge(g.code, kb)
            if g.code is not None and g.code.name != g.name:
                g.code = replace(g.code, name=g.name)
            continue
        if g.code is not None and (g.code.country or g.code.sector):
            continue
        code = lex.lookup(g.name, work.published)
        if code is None:
            toks = norm(g.name).split()
            sector = None
            for i in range(len(toks)):
                found = lex.group_at(toks[i:])
                if found:
                    sector = found[1].get("sector")
                    break
            country = lex.country_in(toks)
            if sector in NATIONAL_SECTORS and country is None and g.type == "ORG":
                home = home or main_country(work, lex, groups)
                country = home
            if sector or country:
                code = ActorCode(g.name, country, sector, None, None, g.type)
        if code is not None and g.type == "LOC" and not (lex.country_of_name(g.name) or lex.seat(g.name)):
            code = replace(code, sector=None)
        g.code = merge(g.code, code and replace(code, name=g.name))


def _person_in_kb(lex: Lexicon, g: Group, published: str | None) -> ActorCode | None:
    names = sorted({m.text for m in g.mentions if m.kind == "name"}, key=len, reverse=True)
    for n in names:
        found = lex.kb.find(n)
        if not found:
            continue
        actor = next((a for a in found if a.type == "PER"), None)
        if actor is None:
            continue
        if len(norm(n).split()) == 1:
            role = actor.role_at(published)
            if role is None or not (role.start or role.end) or not role.active(published):
                continue
        return lex.actor_code(actor, published, g.name)
    return None
