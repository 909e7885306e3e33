"""Which way a clause points in time: past, future, present, or unknown (None).

"jeudi" in "a déclaré jeudi" is the previous Thursday, in "se rendra jeudi" the next one.
With a parse, the verb governing the expression decides (spaCy morphology of the verb and its
auxiliaries); without one, the tense cues of the language file are searched in the clause.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from .lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PAST, FUTURE, PRESENT = "past", "future", "present"
_CLAUSE_END = regex.compile(r"[.;!?\n«»\"“”()]")
_QUOTES = "«»\"“”"
_FUTURE_AUX = {"aller", "devoir", "will", "shall", "going"}
_VERB_TAGS = {"VERB", "AUX"}
_NOUN_ATTACHED = {"nmod", "compound", "appos"}


# A third person plural in -ent that is neither a simple past (-èrent, -irent, -urent, -inrent) nor
# an imperfect (-aient): a present, whatever the tagger says.
_PRESENT_PLURAL = regex.compile(r"(?<!èr|ir|ur|inr|ai)ent$")


def _morph(token: "Token", key: str) -> str:
    vals = token.morph.get(key)
    return vals[0] if vals else ""


_CONDITIONAL_ENDINGS = ("ait", "aient", "ais", "ions", "iez")


def _mood(verb: "Token") -> str:
    """The verb's mood, with a conditional the tagger read as an imperfect put right: a regular
    conditional is the infinitive (less the -e of -re) with an imperfect ending ("commencer" ->
    "commencerait", "prendre" -> "prendrait"), which no imperfect is ("commençait", "prenait")."""
    mood = _morph(verb, "Mood")
    if mood == "Cnd" or _morph(verb, "Tense") != "Imp":
        return mood
    lemma, form = verb.lemma_.lower(), verb.lower_
    stem = lemma[:-1] if lemma.endswith("re") else lemma
    if lemma.endswith(("er", "ir", "re")) and any(form == stem + e for e in _CONDITIONAL_ENDINGS):
        return "Cnd"
    return mood


def _verb_tense(verb: "Token", etre: frozenset[str] = frozenset()) -> str | None:
    if _dependent(verb):
        return None  # the tense of the clause it hangs on
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    # a past participle (not the English present one of "is meeting")
    part = _morph(verb, "VerbForm") == "Part" and _morph(verb, "Tense") != "Pres"
    if part and verb.lemma_.lower() in etre and any(a.dep_ == "aux:pass" and a.lemma_.lower() == "être"
                                                     and _morph(a, "Tense") == "Pres" for a in auxes):
        return PAST  # "il est décédé vendredi": a past tense with "être", not a passive
    for aux in auxes:
        if aux.lemma_.lower() in _FUTURE_AUX and aux.lemma_.lower() != "devoir":
            return FUTURE
        if aux.lemma_.lower() == "devoir":
            # "devait se tenir en octobre": a plan told in the imperfect may lie either side
            return PAST if _morph(aux, "Tense") == "Past" else PRESENT if _morph(aux, "Tense") == "Imp" else FUTURE
    tense_aux = [a for a in auxes if a.dep_ != "aux:pass"] or auxes
    if tense_aux:
        aux = tense_aux[0]
        t, mood = _morph(aux, "Tense"), _morph(aux, "Mood")
        if t == "Fut":
            return FUTURE
        if part and aux.dep_ != "aux:pass":
            return PAST
        if t in ("Imp", "Past"):
            return PAST
        if mood == "Cnd":
            return FUTURE
        return PRESENT
    t, mood = _morph(verb, "Tense"), _mood(verb)
    if t == "Fut" or mood == "Cnd":
        return FUTURE
    if t == "Past" and not part and _PRESENT_PLURAL.search(verb.lower_):
        return PRESENT  # "se réunissent mercredi" read as a simple past: no simple past ends so
    if t in ("Imp", "Past") or part:
        return PAST
    if t == "Pres":
        return PRESENT
    return None


_UNDATED = "undated"


def _finite_tense(token: "Token") -> str | None:
    """The tense of a finite copula or verb form on its own ("est", "sera", "était")."""
    if _morph(token, "VerbForm") != "Fin":
        return None
    t, mood = _morph(token, "Tense"), _morph(token, "Mood")
    if t == "Fut" or mood == "Cnd":
        return FUTURE
    if t in ("Imp", "Past"):
        return PAST
    return PRESENT


def _governing_tense(token: "Token", forward: frozenset[str], planned: frozenset[str] = frozenset(),
                     etre: frozenset[str] = frozenset(), revised: frozenset[str] = frozenset()) -> str | None:
    """The tense a verb, or a predicate with its copula, gives the words it governs."""
    cop = next((c for c in token.children if c.dep_ == "cop"), None)
    if cop is not None:
        tense = _finite_tense(cop)  # "il est aujourd'hui ministre"; None for "d'être maire"
        if tense is None and token.dep_ == "xcomp" and _is_verb(token.head):
            # "qui doit être opérationnelle en décembre": the tense of the verb it completes
            head = token.head
            if head.lemma_.lower() == "devoir":
                return PAST if _morph(head, "Tense") == "Past" else PRESENT if _morph(head, "Tense") == "Imp" else FUTURE
            return FUTURE if head.lemma_.lower() in _FUTURE_AUX else _verb_tense(head, etre)
        return tense
    if _is_verb(token) and token.lemma_.lower() in planned and _morph(token, "VerbForm") == "Part" \
            and _morph(token, "Tense") != "Pres" and not any(c.dep_.startswith("aux") for c in token.children):
        if any(c.dep_ == "advmod" and c.lower_ in revised for c in token.children):
            return PRESENT  # a plan since changed ("initialement prévu en février") may lie either side
        return FUTURE  # a plan without auxiliary: "le combat prévu fin novembre" lies ahead
    if _is_verb(token):
        tense = _verb_tense(token, etre)
        if tense is None and _dependent(token):
            head = token.head
            lemma = head.lemma_.lower()
            if lemma in _FUTURE_AUX and lemma != "devoir" or _morph(token, "VerbForm") == "Inf" and lemma in forward:
                return FUTURE  # "vont choisir aujourd'hui", "a appelé à manifester jeudi"
            if _morph(token, "VerbForm") == "Inf" and token.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") \
                    and any(c.dep_ == "mark" and c.lower_ == "à" for c in token.children):
                return FUTURE  # what is to be done: "une liste à présenter dimanche"
            if lemma == "devoir":
                return PAST if _morph(head, "Tense") == "Past" else PRESENT if _morph(head, "Tense") == "Imp" else FUTURE
        return tense
    return None


def _is_verb(token: "Token") -> bool:
    return token.pos_ in _VERB_TAGS and token.dep_ not in ("aux", "aux:tense", "aux:pass", "cop")


def _text(doc: "Doc") -> str:
    """``doc.text``, which spaCy joins anew from the tokens at each call, kept with the doc."""
    text = doc.user_data.get("veille.text")
    if text is None:
        text = doc.user_data["veille.text"] = doc.text
    return text


def _across_quote(text: str, a: int, b: int) -> bool:
    return any(c in _QUOTES for c in text[a:b])


def _dependent(token: "Token") -> bool:
    """A verb form that takes the tense of the clause it hangs on: an infinitive, or a present
    participle without auxiliary ("a-t-il précisé, évoquant ... vendredi")."""
    form = _morph(token, "VerbForm")
    return (form == "Inf" or form == "Part" and _morph(token, "Tense") == "Pres") \
        and not any(c.dep_.startswith("aux") for c in token.children)


def _governor(doc: "Doc", start: int, end: int, forward: frozenset[str] = frozenset(),
              planned: frozenset[str] = frozenset(), etre: frozenset[str] = frozenset(),
              revised: frozenset[str] = frozenset()) -> tuple["Token | None", str | None]:
    """(the verb or predicate that dates the expression, its tense); (None, _UNDATED) when the
    expression hangs on a noun, (None, None) when the parse is no guide."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0 or span.start_char != start:
        return None, None  # tokens glued across the expression ("Sophie.Jeudi"): the parse is no guide
    token = span.root
    if token.pos_ in _VERB_TAGS and token.head is not token:
        token = token.head  # a weekday misread as a verb ("une réunion dimanche"): not its own tense
    if token.dep_ in _NOUN_ATTACHED and token.head.pos_ not in _VERB_TAGS:
        noun = token.head
        if noun.head.pos_ in _VERB_TAGS and noun.head.lemma_.lower() in forward and _planned_thing(noun):
            return noun.head, FUTURE  # "a annoncé une grève jeudi": the strike is ahead
        return None, _UNDATED  # "la venue d'Auxerre samedi": the verb of the clause does not date it
    for _ in range(8):
        # the reporting verb outside a quotation does not date what is said inside it
        if _across_quote(_text(doc), min(token.idx, start), max(token.idx + len(token), end)):
            return None, None
        tense = _governing_tense(token, forward, planned, etre, revised)
        if tense is not None or _is_verb(token) and not _dependent(token):
            return token, tense
        if token.head is token:
            return None, None
        token = token.head
    return None, None


def _planned_thing(noun: "Token") -> bool:
    """Is ``noun`` what a verb of ``forward_verbs`` plans ("a annoncé une grève", "a appelé à une
    grève"), not an inverted subject read as the object ("..., a annoncé la police mardi") nor a place
    ("était invité dans une émission mardi")?"""
    verb = noun.head
    if not any(c.dep_.startswith("nsubj") for c in verb.children):
        return False
    if noun.dep_ == "obj":
        return True
    return noun.dep_ == "obl:arg" and any(c.dep_ == "case" and c.lower_ in _PLAN_CASES for c in noun.children)


_PLAN_CASES = {"à", "au", "aux", "pour", "to", "for"}


def _from_doc(doc: "Doc", start: int, end: int, forward: frozenset[str] = frozenset(),
              planned: frozenset[str] = frozenset(), etre: frozenset[str] = frozenset(),
              revised: frozenset[str] = frozenset()) -> str | None:
    return _governor(doc, start, end, forward, planned, etre, revised)[1]


def imperfect(doc: "Doc | None", start: int, end: int) -> bool:
    """Is the verb the expression hangs on in the imperfect (a state, not an event)?"""
    if doc is None:
        return False
    token = _governor(doc, start, end)[0]
    if token is None:
        return False
    auxes = [c for c in token.children if c.dep_.startswith("aux")]
    return not auxes and _morph(token, "Tense") == "Imp"


def background(doc: "Doc | None", start: int, end: int) -> bool:
    """Does the expression name the date of a thing rather than a time of the narrative: hanging
    on a noun ("les commandos du 13 novembre 2015") or on the verb of a relative clause ("qui ont
    fait 130 morts le 13 novembre 2015")?"""
    if doc is None:
        return False
    token, tense = _governor(doc, start, end)
    if tense == _UNDATED:
        return True
    return token is not None and token.dep_ == "acl:relcl"


def governing_lemma(doc: "Doc | None", start: int, end: int) -> str | None:
    """The lemma of the verb the expression at text[start:end] hangs on directly ("annoncer" for
    "a annoncé lundi", "évoquer" for "a précisé, évoquant ... lundi"), or None."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(4):
        if _is_verb(token):
            return token.lemma_.lower()
        if token.head is token:
            return None
        token = token.head
    return None


def _from_text(lex: Lexicon, text: str, start: int, end: int) -> str | None:
    left = text[max(0, start - 150):start]
    cuts = list(_CLAUSE_END.finditer(left))
    left = left[cuts[-1].end():] if cuts else left
    right = text[end:end + 150]
    cuts = [c.start() for c in (_CLAUSE_END.search(right), *(b.search(right) for b in lex.clause_breaks)) if c]
    right = right[:min(cuts)] if cuts else right
    clause = f"{left} {right}"
    here = len(left)
    # the cue nearest the expression speaks for it ("met on Tuesday and will meet again")
    best: tuple[int, str] | None = None
    for tense, patterns in ((FUTURE, lex.future), (PAST, lex.past)):
        for p in patterns:
            for m in p.finditer(clause):
                # verbs mostly come before their time adverbial: a cue after it counts double
                distance = here - m.end() if m.end() <= here else 2 * (m.start() - here)
                if best is None or distance < best[0]:
                    best = (distance, tense)
    return best[1] if best else None


def clause_tense(lex: Lexicon, text: str, start: int, end: int, doc: "Doc | None" = None) -> str | None:
    """The tense of the clause holding text[start:end]: "past", "future", "present" or None."""
    left = text[max(0, start - 30):start]
    if any(p.search(left) for p in lex.past_before):
        return PAST
    if any(p.search(left) for p in lex.future_before):
        return FUTURE
    if doc is not None:
        tense = _from_doc(doc, start, end, lex.forward_verbs, lex.planned_participles, lex.etre_verbs,
                          lex.plan_revisions)
        if tense in (PAST, FUTURE):
            return tense
        if tense == _UNDATED:
            return _from_text(lex, text, start, end)
        return tense if tense is not None else _from_text(lex, text, start, end)
    return _from_text(lex, text, start, end)
