"""Factuality of an event from its trigger: actual, planned, possible or negated.

Cues come from ``[factuality]`` in the language's events.toml: governing verbs ("doit
rencontrer", "prévoit de rouvrir", "will visit"), modal auxiliaries, future and conditional
morphology, negation words, and nouns announcing what is to come ("l'annonce de la réouverture").
"""
from __future__ import annotations

from .lexicon import Lexicon

# Links from a clause to the verb or noun that governs it.
GOVERNED = {"xcomp", "ccomp", "obj", "obl:arg", "acl", "nmod", "advcl", "dobj", "pobj", "prep", "csubj", "obl"}


def clause_verb(token):
    """The verb a (possibly nominal) trigger belongs to."""
    t = token
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head is t:
            break
        t = t.head
    return token


FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont")
CONDITIONAL_ENDINGS = ("ais", "ait", "ions", "iez", "aient")


def french_future_form(token) -> str | None:
    """Future or conditional of a regular French verb, read from its form when the tagger missed it.

    Both are built on the infinitive ("manifester" -> "manifesteraient", "rendre" -> "rendra"),
    which tells them apart from an imperfect of the same ending ("déclarait").
    """
    if token.pos_ not in ("VERB", "AUX") or "Inf" in token.morph.get("VerbForm"):
        return None
    lemma, form = token.lemma_.lower(), token.lower_
    if lemma.endswith(("er", "ir")):
        stem = lemma
    elif lemma.endswith("re"):
        stem = lemma[:-1]
    else:
        return None
    if not form.startswith(stem):
        return None
    ending = form[len(stem):]
    if ending in CONDITIONAL_ENDINGS:
        return "Cnd"
    if ending in FUTURE_ENDINGS:
        return "Fut"
    return None


def _negated(verb, lex: Lexicon) -> bool:
    words = lex.factuality.get("negation_words", frozenset())
    for c in verb.children:
        if c.dep_ == "neg":
            return True
        low = c.text.lower()
        if c.dep_.startswith("advmod") and low in words:
            if low == "plus" and not any(x.lower_ in ("ne", "n'") for x in verb.children):
                continue
            return True
    return False


def _own_cue(verb, lex: Lexicon) -> str | None:
    """Cues carried by the verb itself: negation, auxiliaries, tense, mood, a condition."""
    f = lex.factuality
    if _negated(verb, lex):
        return "negated"
    for c in verb.children:
        if c.dep_.startswith("aux"):
            lemma = c.lemma_.lower()
            if lemma in f.get("planned_aux", ()):
                return "planned"
            if lemma in f.get("possible_aux", ()):
                return "possible"
        if c.dep_ == "mark" and c.lemma_.lower() in f.get("conditional_marks", ()):
            return "possible"
    morph = verb.morph
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    moods = set(morph.get("Mood")) | {m for a in auxes for m in a.morph.get("Mood")}
    tenses = set(morph.get("Tense")) | {m for a in auxes for m in a.morph.get("Tense")}
    if lex.lang == "fr":
        for t in [verb, *auxes]:
            form = french_future_form(t)
            if form == "Cnd":
                moods.add("Cnd")
            elif form == "Fut":
                tenses.add("Fut")
    if "Cnd" in moods:
        return "planned" if verb.lemma_.lower() in f.get("planned_conditional", ()) else "possible"
    if "Fut" in tenses:
        return "planned"
    return None


def factuality(token, lex: Lexicon) -> str:
    f = lex.factuality
    verb = clause_verb(token)
    if token.pos_ == "NOUN":
        # A nominal trigger under a noun of intent ("le projet de réouverture").
        h = token.head
        if token.dep_ in ("nmod", "pobj", "obl") and h.pos_ == "NOUN":
            if h.lemma_.lower() in f.get("planned_nouns", ()):
                return "planned"
            if h.lemma_.lower() in f.get("possible_nouns", ()):
                return "possible"
        for c in token.children:
            if c.pos_ == "ADJ" and c.lemma_.lower() in f.get("possible_adjectives", ()):
                return "possible"
    cue = _own_cue(verb, lex)
    if cue:
        if cue == "negated" and verb.i != token.i and token.pos_ == "NOUN":
            return "negated"
        return cue
    # Climb the governing verbs: "doit se rendre", "a refusé de rencontrer", "prévoit de rouvrir".
    # Only an infinitive or a noun depends on its governor's modality; a finite clause has its own
    # tense ("a annoncé qu'il avait rencontré"), and a past infinitive happened ("avoir ouvert").
    t = verb
    for _ in range(3):
        if t.dep_ not in GOVERNED or t.head is t:
            break
        finite = "Fin" in t.morph.get("VerbForm") or (t.pos_ == "VERB" and "Inf" not in t.morph.get("VerbForm")
                                                       and t.i != token.i)
        past_inf = any(c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in t.children)
        if t.pos_ in ("VERB", "AUX") and (finite or past_inf) and t.dep_ not in ("xcomp",):
            break
        if t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm") and "Past" in t.morph.get("Tense") \
                and t.dep_ in ("advcl", "acl"):
            break  # "le report, approuvé en mai par le BIE": a participle clause keeps its own modality
        t = t.head
        lemma = t.lemma_.lower()
        if lemma in f.get("negated", ()):
            return "negated"
        if lemma in f.get("planned", ()):
            return "negated" if _negated(t, lex) else "planned"
        if lemma in f.get("possible", ()):
            return "negated" if _negated(t, lex) else "possible"
        cue = _own_cue(t, lex)
        if cue in ("negated", "possible"):
            return cue
    return "actual"
