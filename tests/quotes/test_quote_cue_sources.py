"""Where a cue's source words are read when the parser hangs them elsewhere: a participle
continuing a report, a cue verb governing a quotation, a source named right after the outlet it
speaks to. Invented sentences and people."""
import pytest

from veille.quotes import extract

from quotes_helpers import named

pytestmark = pytest.mark.model


def _sources(w):
    """The source words of each draft quote, by the words of its cue."""
    text = w.text
    return {text[d.cue[0]:d.cue[1]]: d.source and text[d.source[0]:d.source[1]]
            for d in w.scratch["quote_drafts"] if d.cue}


def test_a_participle_after_a_final_cue_reports_for_its_subject(work):
    w = named(work("Trois personnes ont été évacuées vers l'hôpital, a indiqué le préfet Marc Delorme, "
                   "précisant que l'enquête avait été confiée à la police judiciaire."), ("Marc Delorme", "PER"))
    extract(w)
    assert _sources(w)["précisant"] == "le préfet Marc Delorme"


def test_a_participle_takes_the_subject_of_the_verb_it_hangs_on(work):
    w = work("La tête de liste n'a pas répondu mais la direction nationale s'oppose à l'évacuation des "
             "camps grecs, jugeant que cela inciterait d'autres « pyromanes » à mettre le feu.")
    w.entities = []
    extract(w)
    # the conjunction the parser hangs on the subject is not part of the source
    assert _sources(w)["jugeant"] == "la direction nationale"


def test_a_cue_verb_governing_a_long_quotation_attributes_it(work):
    w = named(work("Le sénateur Paul Ternier a fustigé « l'été sanglant qui s'achève dans tout le pays »."),
              ("Paul Ternier", "PER"))
    quotes = extract(w)
    assert [q.kind for q in quotes] == ["direct"]
    assert quotes[0].cue is not None and quotes[0].cue.text == "a fustigé"
    assert quotes[0].speaker is not None and quotes[0].speaker.entity == "e1"


def test_a_short_quoted_term_after_a_cue_verb_stays_no_quote(work):
    w = named(work("Le sénateur Paul Ternier a fustigé « l'été sanglant »."), ("Paul Ternier", "PER"))
    assert extract(w) == []


def test_a_final_cue_later_in_the_sentence_keeps_the_quotation(work):
    w = named(work("Le gouvernement veut « monter à un million de tests par semaine » pour juguler "
                   "l'épidémie, a indiqué le ministre Paul Ternier."), ("Paul Ternier", "PER"))
    quotes = extract(w)
    assert [q.cue.text for q in quotes if q.cue] == ["a indiqué"]


@pytest.mark.parametrize("outlet", ["à l'AFP", "au Parisien"])
def test_a_name_after_the_outlet_spoken_to_is_the_source(work, outlet):
    # the parser and the entity stage join "AFP Manuela" into one name
    w = work(f"« Je suis infirmière et j'ai vu les cas augmenter », dit {outlet} Manuela Pires, 30 ans.")
    w.entities = []
    extract(w)
    assert _sources(w)["dit"] == "Manuela Pires"
