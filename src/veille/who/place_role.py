"""Whether a name is only where something happens ("à Marseille", "in Vilnius", "les rues de
Lyon"), read from the parse with the words of ``[place_role]`` in ``resources/<lang>/who.toml``."""
from __future__ import annotations

from ..records import Mention
from .actors import Lexicon
from .knowledge import norm

__all__ = ["place_role"]


def place_role(doc, m: Mention, lex: Lexicon) -> bool:
    """A name mention where something happens: a complement with a place preposition ("à
    Marseille"; not the destination of a visit, "une visite à Washington"), the complement of a
    part of a place ("les rues de Paris") or of a title or group noun ("le procureur de Dijon",
    "la mairie de Paris": the office acts), or of a noun for the place itself that is one ("dans
    la ville de Londres"; "la ville de Londres a indiqué" is not)."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    for _ in range(4):
        if tok.head is tok:
            return False
        if tok.dep_ == "conj":   # "à Lyon et Marseille": the first conjunct's role
            tok = tok.head
            continue
        dep, cases, governor = _attachment(tok)
        head = governor.lower_
        if (dep.startswith("obl") or dep.startswith("nmod")) and cases & lex.place_cases:
            # the destination of a visit is the government visited ("une visite à Washington")
            return not ({head, governor.lemma_.lower()} & lex.place_visits)
        if dep.startswith(("nmod", "appos", "flat")) and head in lex.place_nouns:
            return True
        if dep.startswith("nmod") and cases & lex.place_of and (norm(head) in lex.titles or lex.group_at([norm(head)])):
            return True   # "le procureur de Dijon", "la mairie de Paris": the office acts
        if dep.startswith(("nmod", "appos", "flat")) and head in lex.place_areas:
            tok = governor   # "la ville de Londres": the role of "la ville"
            continue
        return False
    return False


def _attachment(tok) -> tuple[str, set[str], object]:
    """A noun's relation, prepositions and governor, in Universal Dependencies' terms whatever
    the parser's scheme: the French model hangs the preposition under the noun ("à" a ``case``
    of "Marseille", an ``obl`` of the verb); the English one hangs the noun under the
    preposition ("Vilnius" the ``pobj`` of "in", a ``prep`` of "met")."""
    if tok.dep_ == "pobj" and tok.head.pos_ == "ADP" and tok.head.head is not tok.head:
        prep, governor = tok.head, tok.head.head
        return ("obl" if governor.pos_ in ("VERB", "AUX") else "nmod"), {prep.lower_}, governor
    return tok.dep_, {c.lower_ for c in tok.children if c.dep_ == "case"}, tok.head
