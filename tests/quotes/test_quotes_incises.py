"""Cues set off after a quotation with more than an auxiliary between the comma and the verb:
an adverb in -ment or a locution, an object clitic, a participial incise before the source.
Invented sentences and people."""
import pytest

from veille.quotes import extract

from quotes_helpers import named, speaker_of

pytestmark = pytest.mark.model


@pytest.mark.parametrize("cue", ["a vertement répliqué", "a longuement expliqué", "a par ailleurs déclaré",
                                 "a de son côté affirmé"])
def test_an_adverb_between_auxiliary_and_verb_keeps_the_cue(work, cue):
    w = named(work("Le conseil se réunit lundi. Paul Ternier préside la séance.\n\n"
                   f"« Le budget de la ville ne permet pas de rouvrir la piscine cet été », {cue} Mme Lucie Brassac."),
              ("Paul Ternier", "PER"), ("Lucie Brassac", "PER"))
    sp = speaker_of(extract(w), cue.split()[-1])
    assert sp is not None and sp.entity == "e2"


def test_an_object_clitic_opening_the_incise_is_part_of_the_cue(work):
    w = named(work("Paul Ternier a critiqué le projet mardi.\n\n"
                   "« Un nouveau nom ne suffit pas à changer une politique », lui a répondu Lucie Brassac."),
              ("Paul Ternier", "PER"), ("Lucie Brassac", "PER"))
    quotes = extract(w)
    sp = speaker_of(quotes, "répondu")
    assert sp is not None and sp.entity == "e2"
    assert next(q for q in quotes if q.cue is not None and "répondu" in q.cue.text).cue.text == "lui a répondu"


def test_a_participial_incise_stands_between_the_cue_and_its_source(work):
    w = named(work("L'ancien entraîneur Marc Olivet est décédé samedi. M. Olivet est « parti entouré des siens », "
                   "a précisé, joint par téléphone, Hugo Vernet, son successeur au club."),
              ("Marc Olivet", "PER"), ("Hugo Vernet", "PER"))
    sp = speaker_of(extract(w), "précisé")
    assert sp is not None and sp.entity == "e2"


@pytest.mark.parametrize("incise,cue", [("se moque Paul Ternier", "moque"), ("soupire Paul Ternier", "soupire"),
                                        ("a renchéri Paul Ternier", "renchéri"), ("lui répond Paul Ternier", "répond")])
def test_more_cue_verbs_after_the_content(work, incise, cue):
    w = named(work("Lucie Brassac dirige le club depuis 2015.\n\n"
                   f"« Les joueurs vont devoir se remettre au travail dès lundi », {incise}."),
              ("Lucie Brassac", "PER"), ("Paul Ternier", "PER"))
    sp = speaker_of(extract(w), cue)
    assert sp is not None and sp.entity == "e2"


def test_a_name_after_the_cue_is_its_source_whatever_the_tag_of_its_first_word(work):
    # the parser tags "Barack" here as neither noun nor proper noun (X)
    name = "Barack Obama"
    w = named(work("Le programme a été adopté il y a huit ans. Paul Ternier l'a défendu au conseil.\n\n"
                   f"« Aujourd'hui, je suis content pour eux et pour nous tous », a ajouté {name}, "
                   "qui avait lancé ce programme."),
              ("Paul Ternier", "PER"), (name, "PER"))
    sp = speaker_of(extract(w), "ajouté")
    assert sp is not None and sp.entity == "e2"
