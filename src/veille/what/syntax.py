"""Dependency labels and small readings of the parse shared by the event stage's modules.

UD labels of the French model and ClearNLP labels of the English one are both handled.
"""
from __future__ import annotations

from .lexicon import Lexicon

SUBJECT = {"nsubj", "csubj"}
PASSIVE_SUBJECT = {"nsubj:pass", "nsubjpass"}
AGENT = {"obl:agent", "agent"}
OBJECT = {"obj", "dobj", "iobj", "dative", "obl:arg", "attr"}
OBLIQUE = {"obl", "obl:mod", "obl:arg", "nmod", "prep", "iobj"}
# Heads whose subject a trigger without its own subject shares ("is willing to send": the
# adjectival complement of a copula, English parse).
SHARED_SUBJECT = {"xcomp", "conj", "advcl", "ccomp", "acl", "acl:relcl", "acomp"}


def children_with(token, deps: set[str]):
    return [c for c in token.children if c.dep_ in deps]

def with_conjuncts(token) -> list:
    """The token and its conjuncts. An enumeration "A, B et C" is often parsed as an apposition
    B holding the conjunct C: an apposition that has conjuncts of its own is a conjunct too."""
    out = [token]
    stack = [token]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.pos_ not in ("PROPN", "NOUN", "PRON") or c in out:
                continue
            if c.dep_ == "conj" or c.dep_ == "appos" and any(x.dep_ == "conj" for x in c.children) \
                    or listed_name(c, t):
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)

def indefinite_thing(token) -> bool:
    """"Ils réclament une commission", "proposer un comité": a single body introduced by "un",
    "une" as what is asked for or set up, not an existing actor the event is aimed at."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return False
    return any(c.dep_ == "det" and "Ind" in c.morph.get("Definite") and "Sing" in c.morph.get("Number")
               for c in token.children)

def listed_name(c, head) -> bool:
    """A name after a comma hung on the name before it without a preposition ("L'Ukraine, la
    Géorgie et le Kazakhstan"): a member of an enumeration, not a modifier."""
    if c.dep_ not in ("nmod", "appos") or not c.ent_type_ or c.ent_type_ != head.ent_type_ or c.i < head.i:
        return False
    if any(x.dep_ == "case" for x in c.children):
        return False
    doc = c.doc
    left = c.left_edge.i - 1
    return left >= 0 and doc[left].text == ","

def case_of(token) -> str | None:
    for c in token.children:
        if c.dep_ in ("case", "mark"):
            return c.lemma_.lower()
    if token.dep_ == "pobj":
        return token.head.lemma_.lower()
    return None

def pobj(token):
    """English: the object of a preposition attached to a verb."""
    for c in token.children:
        if c.dep_ == "pobj":
            return c
    return None

def through_quantity(token, lex: Lexicon):
    """"Des milliers de manifestants", "tens of thousands of students": the people, not the number."""
    if token is None or token.lemma_.lower() not in lex.arguments.get("quantity_nouns", ()):
        return token
    for _ in range(3):
        nxt = next((c for c in token.children if c.dep_ in ("nmod", "prep", "pobj") and c.pos_ in ("NOUN", "PROPN", "ADP")), None)
        if nxt is None:
            return token
        nxt = pobj(nxt) if nxt.pos_ == "ADP" else nxt
        if nxt is None:
            return token
        token = nxt
        if token.lemma_.lower() not in lex.arguments.get("quantity_nouns", ()):
            return token
    return token


def clause_of(token):
    """The verb heading the clause a token belongs to: its nearest verbal ancestor (or itself)."""
    t = token
    for _ in range(40):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t

def same_clause(a, b) -> bool:
    """Whether two tokens belong to the same clause of their sentence."""
    return clause_of(a).i == clause_of(b).i
