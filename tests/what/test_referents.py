"""How an event's participants are named (``what/referents.py``), the features of the names-aware
head studied by ``scripts/confidence_curve.py --names`` (invented facts)."""
from __future__ import annotations

import pytest

from veille.records import Actor, Event, Span
from veille.what import naming, referents, scorer
from veille.what.lexicon import load


def test_a_proper_name_is_told_from_a_description():
    assert referents._proper("Arvid Lund") and referents._proper("l'Élysée")
    assert not referents._proper("le ministre de l'Intérieur") and not referents._proper("autorités locales")


def test_an_event_without_a_target_says_so(work):
    w = work("Texte.", lang="fr", published="2021-03-10")
    ev = Event(type="PROTEST", source=Actor(name="syndicats", country="FRA"), evidence=Span(0, 6, "Texte."),
               trigger=Span(0, 5, "Texte"))
    (f,) = referents.features(w, [scorer.Coded(ev)])
    assert f["tgt:none"] == 1.0 and f["tgt:none:PROTEST"] == 1.0
    assert f["src:nominal"] == 1.0 and f["src:description"] == 1.0 and "src:name_in_sentence" not in f


@pytest.mark.model
def test_the_subject_and_object_named_are_told_from_a_name_under_the_object(analysed):
    w = analysed("Le président Arvid Lund a critiqué mardi le maire Karl Berg. La police a arrêté trois hommes à Valbourg.")
    scored = naming.as_scored(w)
    feats = {(c.event.type, c.event.source.name): f for c, f in zip(scored, referents.features(w, scored, load("fr")))}
    blame = feats[("ACCUSE", "Arvid Lund")]
    # a name in apposition counts as the noun it names: "Le président Arvid Lund" is the subject
    assert blame["src:rel=nsubj"] == 1.0 and blame["src:rel=nsubj:ACCUSE"] == 1.0 and blame["src:entity=PER"] == 1.0
    assert blame["tgt:rel=obj"] == 1.0 and blame["tgt:name_in_sentence"] == 1.0 and blame["tgt:after"] == 1.0
    assert blame["src:distance_log"] > 0
    arrest = feats[("COERCE", "police")]
    assert arrest["src:rel=nsubj"] == 1.0 and arrest["src:description"] == 1.0
    # the town named under the object ("trois hommes à Valbourg") is not the object
    if arrest.get("tgt:proper"):
        assert "tgt:rel=obj" not in arrest
