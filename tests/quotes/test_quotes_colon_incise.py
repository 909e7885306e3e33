"""A quotation opened after a colon and closed by a cue of its own set off by a comma belongs to
that cue, the one that governs it, not to the clause before the colon. Invented sentences and
people."""
import pytest

from veille.quotes import extract

from quotes_helpers import named, speaker_of

pytestmark = pytest.mark.model


def test_the_incise_after_the_quotation_names_its_speaker(work):
    w = named(work("Le train est resté bloqué six heures à Lisieux.\n\n"
                   "Paul Ternier a protesté sur les réseaux sociaux : « Nous venons d'apprendre que notre train "
                   "ne partira pas avant minuit », a écrit à la compagnie Lucie Brassac, une passagère."),
              ("Paul Ternier", "PER"), ("Lucie Brassac", "PER"))
    quotes = extract(w)
    q = next(q for q in quotes if "minuit" in q.content.text)
    assert q.cue is not None and "écrit" in q.cue.text
    assert q.speaker is not None and q.speaker.entity == "e2"
    assert q.kind == "direct" and q.content.text.startswith("Nous venons")


def test_a_colon_cue_without_an_incise_keeps_the_quotation(work):
    w = named(work("Le train est resté bloqué six heures à Lisieux.\n\n"
                   "Lucie Brassac a protesté : « Nous venons d'apprendre que notre train ne partira pas avant "
                   "minuit », avant de rentrer chez elle. Paul Ternier n'a pas répondu."),
              ("Lucie Brassac", "PER"), ("Paul Ternier", "PER"))
    quotes = extract(w)
    q = next(q for q in quotes if "minuit" in q.content.text)
    assert q.cue is not None and "protesté" in q.cue.text
    assert q.speaker is not None and q.speaker.entity == "e1"


def test_a_participle_after_the_quotation_leaves_the_colon_cue(work):
    w = named(work("Lucie Brassac a réagi lundi : « Nous ne céderons pas sur les horaires », ajoutant que "
                   "la direction devait revoir sa copie. Paul Ternier n'a pas répondu."),
              ("Lucie Brassac", "PER"), ("Paul Ternier", "PER"))
    quotes = extract(w)
    q = next(q for q in quotes if "horaires" in q.content.text)
    assert q.cue is not None and "réagi" in q.cue.text
    assert q.speaker is not None and q.speaker.entity == "e1"
