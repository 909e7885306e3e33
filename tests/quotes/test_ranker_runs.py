"""Quotes decided together (``veille.quotes.ranker.decode``): a run of quotes whose later
source words are a pronoun or nothing is one speaker's unless its own evidence says otherwise,
so that a later quote ("a-t-elle ajouté") can correct the first choice instead of inheriting it.
The weights here are written by hand, so the tests read the decoding, not the shipped model."""
import pytest

from veille.quotes import ranker
from veille.quotes.lexicon import lexicon
from veille.quotes.speakers import Resolver
from veille.records import Entity, Mention

pytestmark = pytest.mark.model

# the man is named last before the first quote (no cue of its own); the incise after the second
# quote is feminine
TEXT = ("Anne Morel a rencontré Luc Petit mardi à la mairie. « Nous devons agir vite. » "
        "« C'est inacceptable », a-t-elle ajouté.")
WEIGHTS = {"recency_first": 1.0, "previous_speaker": 1.5, "gender_clashes": -4.0}


def entities(w, *specs):
    out = []
    for i, (name, typ) in enumerate(specs, 1):
        ms, k = [], 0
        while (k := w.text.find(name, k)) >= 0:
            ms.append(Mention(k, k + len(name), name))
            k += len(name)
        out.append(Entity(f"e{i}", name, typ, tuple(ms)))
    w.entities = out
    return w


def run_scene(w, quotes, sources):
    drafts = []
    for i, (quote, src) in enumerate(zip(quotes, sources)):
        c = w.text.index(quote)
        span = None
        if src is not None:
            s = w.text.index(src, c + len(quote))
            span = (s, s + len(src))
        drafts.append(ranker.Draft(i, "direct", (c, c + len(quote)), None, span, None))
    resolver = Resolver(w, lexicon("fr"), [d.content for d in drafts])
    return ranker.scene(w, lexicon("fr"), resolver, drafts), drafts


def names(picks):
    return [p.candidate.name if p.candidate is not None else None for p in picks]


@pytest.fixture
def scene(work, monkeypatch):
    w = entities(work(TEXT), ("Anne Morel", "PER"), ("Luc Petit", "PER"))
    return run_scene(w, ["Nous devons agir vite.", "C'est inacceptable"], [None, "elle"])


def test_one_quote_at_a_time_takes_the_best_of_each_quote(scene, monkeypatch):
    sc, drafts = scene
    monkeypatch.setattr(ranker, "SWITCH", 0.0)
    picks = ranker.decode(sc, drafts, WEIGHTS, beam=1)
    assert names(picks) == ["Luc Petit", "Anne Morel"]
    # the same as choosing each quote alone after the previous choice
    disc = ranker.Discourse()
    for d, p in zip(drafts, picks):
        src = ranker.source(sc, d)
        best, share = ranker.choose(ranker.candidates(sc, d, src, disc), WEIGHTS)
        assert best.name == p.candidate.name and share == pytest.approx(p.share)
        disc.said(sc, d, best.entity)


def test_a_feminine_incise_gives_the_whole_run_to_the_woman(scene, monkeypatch):
    """Decided together, with a price on a continuing quote changing speaker, the feminine
    incise outweighs the man's recency on the first quote."""
    sc, drafts = scene
    monkeypatch.setattr(ranker, "SWITCH", 2.0)
    assert names(ranker.decode(sc, drafts, WEIGHTS, beam=4)) == ["Anne Morel", "Anne Morel"]
    # one quote at a time, the first choice cannot be undone
    assert names(ranker.decode(sc, drafts, WEIGHTS, beam=1))[0] == "Luc Petit"


def test_a_quote_naming_its_own_speaker_pays_nothing_for_the_change(work, monkeypatch):
    text = ("Anne Morel a rencontré Luc Petit mardi à la mairie. « Nous devons agir vite », a dit Anne Morel. "
            "« C'est trop tard », a répondu Luc Petit.")
    w = entities(work(text), ("Anne Morel", "PER"), ("Luc Petit", "PER"))
    sc, drafts = run_scene(w, ["Nous devons agir vite", "C'est trop tard"], ["Anne Morel", "Luc Petit"])
    monkeypatch.setattr(ranker, "SWITCH", 10.0)
    weights = {"named_in_source": 3.0, "previous_speaker": 1.0}
    assert names(ranker.decode(sc, drafts, weights, beam=4)) == ["Anne Morel", "Luc Petit"]


def test_paths_that_leave_the_same_discourse_are_merged():
    a = ranker.Discourse((10, "e1"), {"le ministre": "e1"})
    b = ranker.Discourse((10, "e1"), {"le ministre": "e1"})
    assert a.key() == b.key()
    assert a.key() != ranker.Discourse((10, "e2"), {"le ministre": "e1"}).key()


def test_the_pronoun_taking_up_a_quote_tells_its_gender(scene):
    """« ... » « ... », a-t-elle ajouté: the first quotation, with no source words, is a woman's."""
    sc, drafts = scene
    d0, d1 = drafts
    assert ranker.run_gender(sc, d0) == "f"
    feats = {c.name: c.features for c in ranker.candidates(sc, d0, ranker.source(sc, d0), ranker.Discourse())}
    assert feats["Anne Morel"].get("run_gender_agrees") == 1.0 and not feats["Anne Morel"].get("run_gender_clashes")
    assert feats["Luc Petit"].get("run_gender_clashes") == 1.0
    # the pronoun's own quote reads its own gender, not the run's
    feats = {c.name: c.features for c in ranker.candidates(sc, d1, ranker.source(sc, d1), ranker.Discourse())}
    assert not any(f.get("run_gender_clashes") or f.get("run_gender_agrees") for f in feats.values())


def test_a_run_stops_at_a_quote_naming_its_source(work):
    text = ("Anne Morel a rencontré Luc Petit mardi à la mairie. « Nous devons agir vite. » "
            "« Rien ne bouge », a dit Paul Durand. « C'est inacceptable », a-t-elle ajouté.")
    w = entities(work(text), ("Anne Morel", "PER"), ("Luc Petit", "PER"), ("Paul Durand", "PER"))
    sc, drafts = run_scene(w, ["Nous devons agir vite.", "Rien ne bouge", "C'est inacceptable"],
                           [None, "Paul Durand", "elle"])
    assert ranker.run_gender(sc, drafts[0]) is None
    assert ranker.run_gender(sc, drafts[1]) == "f"
