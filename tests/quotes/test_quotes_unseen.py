"""Speaker names read on articles nobody tuned on: words glued to a source, and words that
cannot speak. Invented sentences and people."""
import pytest

from veille.quotes import extract
from veille.quotes.lexicon import lexicon
from veille.quotes.speakers import Resolver

from quotes_helpers import named

pytestmark = pytest.mark.model



def at(w, words):
    s = w.text.index(words)
    return s, s + len(words)


def resolve(w, words):
    s, e = at(w, words)
    r = Resolver(w, lexicon("fr")).resolve((s, e), s)
    return r, r.speaker


def test_a_date_before_an_inverted_source_is_not_part_of_it(work):
    w = named(work("« Nous tiendrons jusqu'au bout », promet le 3 mars le maire de Vernon dans la presse locale."))
    _, sp = resolve(w, "le 3 mars le maire de Vernon")
    assert sp is not None and sp.name == "le maire de Vernon"


def test_a_determiner_left_by_a_cut_before_a_time_is_dropped(work):
    w = named(work("Le bâtiment était vide, a indiqué le procureur de Brive ce mardi."))
    _, sp = resolve(w, "le procureur de Brive ce")
    assert sp is not None and sp.name == "le procureur de Brive"


def test_two_names_set_apart_by_a_comma_are_not_one_source(work):
    w = named(work("Contactée par Radio Vallée, Léa Garnier explique qu'elle ne se représentera pas."),
              ("Radio Vallée", "ORG"), ("Léa Garnier", "PER"))
    _, sp = resolve(w, "Radio Vallée, Léa Garnier")
    assert sp is not None and sp.entity == "e2" and sp.name == "Léa Garnier"


def test_names_listed_with_et_stay_one_source(work):
    w = named(work("Radio Vallée et Léa Garnier affirment que le projet est abandonné."),
              ("Radio Vallée", "ORG"), ("Léa Garnier", "PER"))
    _, sp = resolve(w, "Léa Garnier")
    assert sp is not None and sp.name == "Radio Vallée et Léa Garnier"


def test_a_participial_clause_before_the_source_is_cut(work):
    w = named(work("S'estimant trahi, le trésorier du club a dénoncé des comptes « truqués »."))
    _, sp = resolve(w, "S'estimant trahi, le trésorier du club")
    assert sp is not None and sp.name == "le trésorier du club"


@pytest.mark.parametrize("words", ["la récession", "toute complicité", "une information"])
def test_a_noun_that_cannot_speak_gives_no_speaker(work, words):
    w = named(work(f"Selon nos calculs, {words} annonce que les prix vont monter."))
    r, sp = resolve(w, words)
    assert sp is None and r.refused


def test_cela_is_not_a_source(work):
    w = named(work("Le train est parti. Cela veut dire qu'il faudra attendre demain."))
    r, sp = resolve(w, "Cela")
    assert sp is None and r.refused


@pytest.mark.parametrize("words", ["les riverains", "les fillonistes", "une majorité des élus", "l'Etat"])
def test_people_and_groups_stay_sources(work, words):
    w = named(work(f"Hier soir, {words} ont affirmé que la route resterait fermée."))
    _, sp = resolve(w, words)
    assert sp is not None and sp.name == words


def test_a_dashed_inverted_pronoun_is_resolved(work):
    w = named(work("Marc Aubert a quitté la salle. « Je reviendrai », ajoute-t-il."), ("Marc Aubert", "PER"))
    s = w.text.index("-t-il")
    sp = Resolver(w, lexicon("fr")).resolve((s, s + 5), s).speaker
    assert sp is not None and sp.entity == "e1" and sp.mention.text == "il"


def test_a_circumstance_taken_for_the_subject_gives_way_to_the_name_after_it(work):
    w = named(work("De son côté, l'Agence Lumen a fait état de trois blessés."), ("Agence Lumen", "ORG"))
    _, sp = resolve(w, "son côté")
    assert sp is not None and sp.entity == "e1"


def test_a_heading_with_pour_is_no_opinion(work):
    w = named(work("Marche pour Marc Aubert: la maire appelle au calme\n\nLa maire a appelé au calme mardi."),
              ("Marc Aubert", "PER"))
    quotes = extract(w)
    assert not any(q.cue is not None and q.cue.text.lower() == "pour" for q in quotes)
    assert not any(q.speaker is not None and q.speaker.entity == "e1" for q in quotes)


def test_reported_words_stop_at_a_lost_paragraph_break(work):
    w = named(work("Jeanne Morel a assuré que les bus rouleraient normalement lundi.Côté écoles, "
                   "rien ne change pour les familles."), ("Jeanne Morel", "PER"))
    q = next(q for q in extract(w) if q.cue is not None and "assuré" in q.cue.text)
    assert q.content.text == "les bus rouleraient normalement lundi"


def test_a_sentence_end_inside_a_quotation_is_not_a_break(work):
    w = named(work("Jeanne Morel a assuré que la ligne « reste ouverte.Toute la journée » jusqu'à lundi."),
              ("Jeanne Morel", "PER"))
    q = next(q for q in extract(w) if q.cue is not None and "assuré" in q.cue.text)
    assert q.content.text.endswith("jusqu'à lundi")


def test_a_description_of_an_organisation_names_it_again_later(work):
    w = named(work("Le Courrier du Lot paraît le jeudi. L'hebdomadaire affirme que le maire a démissionné. "
                   "La société Vantel a indiqué que le conseil serait convoqué à Cahors. "
                   "Le maire n'a pas répondu aux questions, assure l'hebdomadaire."),
              ("Courrier du Lot", "ORG"), ("Vantel", "ORG"))
    quotes = extract(w)
    last = next(q for q in quotes if q.cue is not None and q.cue.text == "assure")
    assert last.speaker is not None and last.speaker.entity == "e1"
