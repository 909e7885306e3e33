"""Speakers found from the context of a quote: headings, participles, appositions,
organisations described after being named, documents, impersonal cues, pronoun binding."""
import pytest

from veille.quotes import annotate
from veille.quotes.lexicon import lexicon
from veille.quotes.speakers import Resolver

from quotes_helpers import named

pytestmark = pytest.mark.model



def speakers(w):
    return {q.content.text: (q.speaker.name if q.speaker else None) for q in w.quotes}


def test_a_heading_takes_the_source_of_the_quote_it_repeats(work):
    w = named(work("« Le bilan est bon, très bon même », a dit Jeanne Roussel.\n"
                   "« Personne ne nous a écoutés »\n"
                   "Le conseil a voté contre le projet. « Nous avons alerté tout le monde, mais personne ne nous a "
                   "écoutés », a regretté Marc Aubert."),
              ("Jeanne Roussel", "PER"), ("Marc Aubert", "PER"))
    annotate(w)
    assert speakers(w)["Personne ne nous a écoutés"] == "Marc Aubert"


def test_a_heading_without_repeat_announces_the_next_source(work):
    w = named(work("Jeanne Roussel a présenté son bilan. « Le bilan est bon, très bon même », a-t-elle dit.\n"
                   "- « Une ville qui change » -\n"
                   "« Les quartiers du nord ont été rénovés en trois ans », explique Marc Aubert."),
              ("Jeanne Roussel", "PER"), ("Marc Aubert", "PER"))
    annotate(w)
    assert speakers(w)["Une ville qui change"] == "Marc Aubert"


def test_a_participle_reports_for_the_subject_of_its_verb(work):
    w = named(work("« Le dossier est clos », a déclaré Jeanne Roussel. "
                   "Marc Aubert a clos la séance en annonçant que le projet était abandonné."),
              ("Jeanne Roussel", "PER"), ("Marc Aubert", "PER"))
    annotate(w)
    assert speakers(w)["le projet était abandonné"] == "Marc Aubert"


def test_a_participle_opening_its_sentence_reports_for_the_subject_after_it(work):
    w = named(work("Jeanne Roussel a présenté son bilan mardi. "
                   "Saluant une victoire pour les habitants, le maire Marc Aubert a promis de rouvrir la piscine."),
              ("Jeanne Roussel", "PER"), ("Marc Aubert", "PER"))
    annotate(w)
    assert speakers(w)["une victoire pour les habitants"] == "Marc Aubert"


def test_a_participle_with_its_own_subject_reports_for_that_subject(work):
    w = named(work("Le ministre Marc Aubert a rouvert les écoles lundi, "
                   "les médecins estimant que le gros de l'épidémie est passé."),
              ("Marc Aubert", "PER"))
    annotate(w)
    assert speakers(w)["le gros de l'épidémie est passé"] == "les médecins"


def test_a_name_in_apposition_after_a_description_is_the_source(work):
    w = named(work("« L'idée m'est venue un soir de pluie », raconte sa fondatrice, Claire Vautrin."),
              ("Claire Vautrin", "PER"))
    annotate(w)
    assert speakers(w)["L'idée m'est venue un soir de pluie"] == "Claire Vautrin"


def test_a_description_of_an_organisation_named_before_is_that_organisation(work):
    w = named(work("Les trains ont circulé avec retard mardi, selon la Compagnie des Transports Alpins. "
                   "« Nous avons ajouté deux trains tôt ce matin », a expliqué la compagnie."),
              ("Compagnie des Transports Alpins", "ORG"))
    annotate(w)
    assert speakers(w)["Nous avons ajouté deux trains tôt ce matin"] == "Compagnie des Transports Alpins"


def test_an_impersonal_cue_reads_from_its_document(work):
    w = named(work("« Répondez-nous enfin », est-il écrit dans la lettre."))
    annotate(w)
    assert speakers(w)["Répondez-nous enfin"] == "la lettre"


def test_an_impersonal_on_with_its_source(work):
    w = named(work("« La situation est complexe aux frontières », a-t-on indiqué de source policière."))
    annotate(w)
    assert speakers(w)["La situation est complexe aux frontières"] == "source policière"


def test_an_impersonal_on_speaks_for_the_body_named_in_its_incise(work):
    w = named(work("Le ministre Paul Garnier a présenté le plan. « Le retard n'est pas grave », "
                   "jugeait-on samedi matin au ministère de l'Industrie. "
                   "« Les équipes sont en place », indique-t-on au sein de la Croix-Bleue."),
              ("Paul Garnier", "PER"))
    annotate(w)
    assert speakers(w)["Le retard n'est pas grave"] == "ministère de l'Industrie"
    assert speakers(w)["Les équipes sont en place"] == "la Croix-Bleue"


def test_an_impersonal_on_learning_something_names_no_body(work):
    w = named(work("« Il sera libéré », a-t-on appris de sa bouche au tribunal."))
    annotate(w)
    assert speakers(w)["Il sera libéré"] != "tribunal"


def test_a_pronoun_is_not_the_person_named_in_its_own_clause(work):
    w = named(work("Léa Morin a reçu Nina Roche lundi. « Je viendrai », a promis Nina Roche. "
                   "« Nous verrons bien », a-t-elle ajouté devant Nina Roche."),
              ("Léa Morin", "PER"), ("Nina Roche", "PER"))
    annotate(w)
    assert speakers(w)["Nous verrons bien"] == "Léa Morin"


def test_an_office_with_its_own_complement_is_not_the_bare_office(work):
    w = named(work("La présidente du Rassemblement citoyen a parlé."))
    r = Resolver(w, lexicon("fr"))
    assert r._office(r._split("la présidente du rassemblement citoyen")) is None
    assert r._office(r._split("le président")) is not None


def test_a_name_ending_a_description_the_parser_missed(work):
    w = named(work("« Nous opérons souvent ainsi », a expliqué le chirurgien responsable de l'opération Kemal Arslan."))
    annotate(w)
    assert speakers(w)["Nous opérons souvent ainsi"] == "Kemal Arslan"


def test_a_passive_participle_is_not_a_cue(work):
    w = named(work("L'entourage du maire, cité par le journal local, garde le silence."))
    annotate(w)
    assert w.quotes == []
