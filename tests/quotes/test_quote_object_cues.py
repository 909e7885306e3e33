"""Cue verbs whose object is the reported content ("a critiqué la décision"), and forms of those
verbs the parser reads as nouns ("de vives critiques"). Invented sentences and people."""
import pytest

from veille.quotes import extract

from quotes_helpers import named

pytestmark = pytest.mark.model


@pytest.mark.parametrize("cue", ["a vertement critiqué", "conteste"])
def test_criticising_or_disputing_reports_its_object(work, cue):
    w = named(work(f"La maire Lucie Brassac {cue} la décision du préfet de fermer la piscine municipale."),
                   ("Lucie Brassac", "PER"))
    quotes = extract(w)
    assert [q.kind for q in quotes] == ["indirect"]
    assert quotes[0].content.text.startswith("la décision du préfet")
    assert quotes[0].speaker is not None and quotes[0].speaker.entity == "e1"


def test_a_form_read_as_a_noun_is_no_cue(work):
    w = named(work("La vidéo de Paul Ternier a suscité de vives critiques de la part des internautes."),
              ("Paul Ternier", "PER"))
    assert extract(w) == []
