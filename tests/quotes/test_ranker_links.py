"""The speaker ranker's links from a description to the named person it designates, and the
discourse features of pronouns (``veille.quotes.ranker``), on hand-built entities."""
import pytest

from veille.quotes import ranker
from veille.quotes.lexicon import lexicon
from veille.quotes.speakers import Resolver
from veille.records import Entity, Mention

pytestmark = pytest.mark.model


def entities(w, *specs):
    """Entities by (name, type[, role, country]); every occurrence of the name is a mention."""
    out = []
    for i, (name, typ, *rest) in enumerate(specs, 1):
        ms, k = [], 0
        while (k := w.text.find(name, k)) >= 0:
            ms.append(Mention(k, k + len(name), name))
            k += len(name)
        role, country = (list(rest) + [None, None])[:2]
        out.append(Entity(f"e{i}", name, typ, tuple(ms), role=role, country=country))
    w.entities = out
    return w


def scene_of(w, source_words, quote):
    """The scene of ``w`` and one draft whose source is the last occurrence of ``source_words``."""
    s = w.text.rindex(source_words)
    c = w.text.rindex(quote)
    draft = ranker.Draft(0, "direct", (c, c + len(quote)), None, (s, s + len(source_words)), None)
    resolver = Resolver(w, lexicon("fr"), [(c, c + len(quote))])
    return ranker.scene(w, lexicon("fr"), resolver, [draft]), draft


def features_of(sc, draft):
    src = ranker.source(sc, draft)
    cands = ranker.candidates(sc, draft, src, ranker.Discourse())
    return src, {c.name: c.features for c in cands}


def test_a_description_names_the_person_seen_with_its_complement(work):
    w = entities(work("Marc Aubert, représentant de l'ONU en Libye, est arrivé lundi à Tripoli. "
                      "Paul Lenoir, représentant de la Ligue arabe, l'attendait. "
                      "« Le dialogue reprendra », a déclaré le représentant de l'ONU."),
                 ("Marc Aubert", "PER"), ("Paul Lenoir", "PER"), ("ONU", "ORG"), ("Ligue arabe", "ORG"))
    sc, d = scene_of(w, "le représentant de l'ONU", "Le dialogue reprendra")
    assert "@e3" in sc.persons["e1"].descriptors and "@e3" not in sc.persons["e2"].descriptors
    src, feats = features_of(sc, d)
    assert src.kind == "definite" and "e3" in src.named
    assert feats["Marc Aubert"].get("complement_described") == 1.0
    assert not feats["Paul Lenoir"].get("complement_described")


def test_a_demonstrative_is_a_kind_of_its_own_and_an_elided_determiner_gives_the_noun_gender(work):
    w = entities(work("Julie Roche a quitté le gouvernement. « Je pars », a dit cette femme. "
                      "« Je reste », a répondu l'ancienne ministre."), ("Julie Roche", "PER"))
    sc, d = scene_of(w, "cette femme", "Je pars")
    assert ranker.source(sc, d).kind == "demonstrative"
    sc, d = scene_of(w, "l'ancienne ministre", "Je reste")
    src = ranker.source(sc, d)
    assert src.kind == "definite" and src.gender == "f"


def test_a_description_entity_stands_for_the_named_person_with_that_title(work):
    w = entities(work("Anne Morel, présidente du syndicat, a reçu Luc Petit. "
                      "La présidente du syndicat a été réélue. « Nous continuerons », a-t-elle dit."),
                 ("Anne Morel", "PER"), ("Luc Petit", "PER"), ("présidente du syndicat", "PER"))
    sc, d = scene_of(w, "elle", "Nous continuerons")
    linked = ranker._linked(sc, sc.persons["e3"])
    assert linked is not None and linked.id == "e1"
    _src, feats = features_of(sc, d)
    # the description's own entity is a candidate under the person's name, never its own
    assert "présidente du syndicat" not in feats and "Anne Morel" in feats


def test_the_last_subject_is_told_from_a_person_named_in_passing(work):
    w = entities(work("Marc Aubert a longuement critiqué Paul Lenoir devant la presse. "
                      "« C'est inacceptable », a-t-il ajouté."),
                 ("Marc Aubert", "PER"), ("Paul Lenoir", "PER"))
    sc, d = scene_of(w, "il", "C'est inacceptable")
    _src, feats = features_of(sc, d)
    assert feats["Marc Aubert"].get("recent_subject_first") == 1.0
    assert not feats["Marc Aubert"].get("last_named_in_passing")
    assert feats["Paul Lenoir"].get("last_named_in_passing") == 1.0


def test_an_office_of_the_description_goes_to_its_holder(work):
    lex = lexicon("fr")
    w = work("x")
    office = Resolver(entities(w), lex)._office(["le", "premier", "ministre"])
    if office is None:
        pytest.skip("no office lexicon")
    w = entities(work("Jean Castel et Hugo Brun ont visité l'usine. « Rien n'est décidé », a dit le Premier ministre."),
                 ("Jean Castel", "PER", office[0], office[1] or "FRA"), ("Hugo Brun", "PER", "maire", "FRA"))
    sc, d = scene_of(w, "le Premier ministre", "Rien n'est décidé")
    src, feats = features_of(sc, d)
    assert src.office is not None
    assert feats["Jean Castel"].get("office_holder") == 1.0 and not feats["Hugo Brun"].get("office_holder")


def test_words_that_cannot_speak_leave_no_speaker_as_a_candidate(work):
    w = entities(work("Marc Aubert a présenté le budget. La récession promet d'être longue, selon les chiffres."),
                 ("Marc Aubert", "PER"))
    s = w.text.index("La récession")
    c = w.text.index("d'être longue")
    draft = ranker.Draft(0, "indirect", (c, c + 13), None, (s, s + 12), None, "refused", True)
    sc = ranker.scene(w, lexicon("fr"), Resolver(w, lexicon("fr")), [draft])
    src = ranker.source(sc, draft)
    cands = ranker.candidates(sc, draft, src, ranker.Discourse())
    assert src.kind == "refused"
    nobody = [c for c in cands if c.key == "nobody"]
    assert len(nobody) == 1 and nobody[0].features.get("nobody") == 1.0
    # the weights decide between no speaker and the persons around
    picked, _conf = ranker.choose(cands, {"nobody": 3.0})
    assert picked.key == "nobody"
    picked, _conf = ranker.choose(cands, {"nobody": -3.0, "named_before": 1.0})
    assert picked.entity == "e1"


def test_a_draft_that_is_not_refused_has_no_nobody_candidate(work):
    w = entities(work("Marc Aubert a parlé. « Rien n'est joué », a-t-il dit."), ("Marc Aubert", "PER"))
    sc, d = scene_of(w, "il", "Rien n'est joué")
    assert all(c.key != "nobody" for c in ranker.candidates(sc, d, ranker.source(sc, d), ranker.Discourse()))
