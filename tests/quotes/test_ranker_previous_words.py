"""A pronoun carries on the previous quote's speaker when that speaker was words naming no
entity of the article (``ranker.gen_previous_words``): "« ... », a déclaré un militant du
syndicat. « ... », a-t-il poursuivi" is the militant's, not a speaker named "il"."""
import pytest

from veille.quotes import ranker
from veille.quotes.lexicon import lexicon
from veille.quotes.speakers import Resolver
from veille.records import Entity, Mention

pytestmark = pytest.mark.model

FIRST = "Il y a deux témoins"
SECOND = "Nous continuerons à chercher"


def text(source: str, pronoun: str) -> str:
    return (f"Luc Petit est arrivé samedi. « {FIRST} », a déclaré {source} devant l'hôpital. "
            f"« {SECOND} », a-t-{pronoun} poursuivi.")


def scene_of(w):
    name = "Luc Petit"
    k = w.text.index(name)
    w.entities = [Entity("e1", name, "PER", (Mention(k, k + len(name), name),))]
    spans = [(w.text.index(q), w.text.index(q) + len(q)) for q in (FIRST, SECOND)]
    resolver = Resolver(w, lexicon("fr"), spans)
    return spans, resolver


def second_candidates(w, source: str, pronoun: str, discourse_entity: str | None = None):
    spans, resolver = scene_of(w)
    s1 = w.text.index(source)
    first = ranker.Draft(0, "direct", spans[0], None, (s1, s1 + len(source)), None)
    s2 = w.text.rindex(pronoun)
    second = ranker.Draft(1, "direct", spans[1], None, (s2, s2 + len(pronoun)), None)
    sc = ranker.scene(w, lexicon("fr"), resolver, [first, second])
    discourse = ranker.Discourse()
    discourse.said(sc, first, discourse_entity, source if discourse_entity is None else "Luc Petit")
    src = ranker.source(sc, second)
    return ranker.candidates(sc, second, src, discourse)


def test_a_pronoun_gets_the_previous_unnamed_speaker_as_a_candidate(work):
    source = "un militant du syndicat"
    cands = second_candidates(work(text(source, "il")), source, "il")
    carried = [c for c in cands if c.key == "previous_words"]
    assert [c.name for c in carried] == [source]
    assert carried[0].entity is None and carried[0].features.get("previous_words") == 1.0
    assert carried[0].mention.text == "il"  # the pronoun is the mention of the speaker


def test_not_against_the_pronoun_gender_nor_its_number(work):
    assert not [c for c in second_candidates(work(text("un militant du syndicat", "elle")),
                                             "un militant du syndicat", "elle") if c.key == "previous_words"]
    assert not [c for c in second_candidates(work(text("les avocats du plaignant", "il")),
                                             "les avocats du plaignant", "il") if c.key == "previous_words"]


def test_not_when_the_previous_speaker_is_an_entity(work):
    cands = second_candidates(work(text("Luc Petit", "il")), "Luc Petit", "il", discourse_entity="e1")
    assert not [c for c in cands if c.key == "previous_words"]


def test_a_pronoun_speaker_is_no_words_to_carry_on(work):
    w = work(text("un militant du syndicat", "il"))
    spans, resolver = scene_of(w)
    first = ranker.Draft(0, "direct", spans[0], None, None, None)
    sc = ranker.scene(w, lexicon("fr"), resolver, [first])
    discourse = ranker.Discourse()
    discourse.said(sc, first, None, "il")
    assert discourse.previous_words is None
    discourse.said(sc, first, None, "un militant du syndicat")
    assert discourse.previous_words == (spans[0][0], "un militant du syndicat")
    discourse.said(sc, first, "e1", "Luc Petit")
    assert discourse.previous_words is None
