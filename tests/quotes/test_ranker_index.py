"""The speaker ranker reads the persons near each quote through an index (``ranker.Index``):
its candidates and discourse state are those of the scans over every person of the article,
here written out plainly and compared on a long self-written article."""
from __future__ import annotations

import pytest

from veille import nlp, pipeline
from veille.options import Options
from veille.quotes import ranker
from veille.quotes.lexicon import lexicon
from veille.records import RawArticle, Source

pytestmark = pytest.mark.model

FIRST = ["Marie", "Paul", "Claire", "Jean", "Sophie", "Luc", "Anne", "Marc", "Julie", "Hugo", "Léa", "Tom"]
LAST = ["Durand", "Martin", "Bernard", "Petit", "Robert", "Richard", "Moreau", "Simon", "Laurent", "Michel",
        "Garcia", "Roux"]


def _article() -> str:
    paras = []
    for k in range(24):
        a = f"{FIRST[k % 12]} {LAST[(k * 5) % 12]}"
        b = f"{FIRST[(k + 3) % 12]} {LAST[(k * 7 + 1) % 12]}"
        paras.append(
            f"La maire de Villeneuve, {a}, a reçu lundi le président de l'association, {b}. "
            f"« Nous avons beaucoup de travail devant nous », a déclaré {a}. "
            f"Le président de l'association a ajouté que la ville devait agir vite. "
            f"« C'est une question de semaines », a-t-il dit. Selon {b}, la préfecture n'a pas répondu. "
            f"La maire a pour sa part estimé que « le calendrier sera tenu ». "
            f"Ses proches affirment que {a} ne lâchera rien. " + "Le conseil municipal se réunira jeudi. " * (k % 4))
    return "\n".join(paras)


@pytest.fixture(scope="module")
def scene_and_drafts():
    options = Options(language="fr")
    work = pipeline.prepare(RawArticle(id="long", source=Source(), text=_article(), language="fr"), options)
    (work.doc,) = list(nlp.parse(nlp.load("fr", options.models["fr"]), [work.text]))
    for name, stage in pipeline._stages():
        if name in ("who", "when", "quotes"):
            stage(work)
    drafts = work.scratch["quote_drafts"]
    sc = ranker.scene(work, lexicon("fr"), work.scratch["quote_resolver"], drafts)
    assert len(drafts) > 40 and len(sc.persons) > 12 and len(work.text) > 3 * ranker.REACH_BEFORE
    return sc, drafts


def _plain_state(sc, d, discourse):
    at = ranker._anchor(d)
    last = sorted(((ranker._before(p, at), p.id, p.type) for p in sc.persons.values() if ranker._before(p, at) is not None),
                  reverse=True)
    subj = sorted(((x, p.id) for p in sc.persons.values() if p.type == "PER"
                   and (x := max((m for m in p.subject_starts if m < at), default=None)) is not None), reverse=True)
    par = sc.paragraph(at)
    counts = {p.id: sum(1 for m in p.starts if m < at and sc.paragraph(m) == par) for p in sc.persons.values()}
    best = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    topic = best[0] if best[1] >= 2 and sum(1 for v in counts.values() if v == best[1]) == 1 else None
    return {"recency": [pid for _, pid, _ in last][:2], "recent_person": [pid for _, pid, t in last if t == "PER"][:1],
            "recent_subject": [pid for _, pid in subj][:2], "topic": topic}


def _plain_entities(sc, d):
    at = ranker._anchor(d)
    out = []
    for p in sc.persons.values():
        b, a = ranker._before(p, at), ranker._after(p, d.content[1])
        near = (b is not None and sc.distance(b, at) <= ranker.REACH_BEFORE) or \
            (a is not None and a - d.content[1] <= ranker.REACH_AFTER) \
            or (d.source is not None and any(d.source[0] <= m < d.source[1] for m in p.starts))
        if near or p.id in sc.salient or (d.rule is not None and d.rule.entity == p.id):
            out.append(p.id)
    return out


def test_state_is_the_scan(scene_and_drafts):
    sc, drafts = scene_and_drafts
    topics = 0
    for d in drafts:
        st = ranker._state(sc, d, ranker.Discourse())
        want = _plain_state(sc, d, ranker.Discourse())
        assert sorted(st["recency"], key=st["recency"].get) == want["recency"]
        assert list(st["recent_person"]) == want["recent_person"]
        assert sorted(st["recent_subject"], key=st["recent_subject"].get) == want["recent_subject"]
        assert st["topic"] == want["topic"]
        topics += st["topic"] is not None
    assert topics > 0


def test_candidates_are_the_scan(scene_and_drafts):
    sc, drafts = scene_and_drafts
    sizes = set()
    for d in drafts:
        got = [c.ref for c in ranker.gen_entities(sc, d, ranker.source(sc, d))]
        assert got == _plain_entities(sc, d)
        sizes.add(len(got))
        src = ranker.source(sc, d)
        if d.source is not None and src.head is not None:
            want = [p.id for p in sc.persons.values() if p.type == "PER" and p.name[:1].isupper() and (
                src.head in p.descriptors or any("@" + x in p.descriptors for x in src.named if x != p.id))]
            assert [c.entity for c in ranker.gen_described(sc, d, src)] == \
                (want if (src.base or src.kind) in ("definite", "demonstrative", "indefinite") else [])
    assert len(sizes) > 1 and max(sizes) < len(sc.persons)  # a window, not every person


def test_speaking_features_are_the_scan(scene_and_drafts):
    sc, drafts = scene_and_drafts
    for d in drafts:
        for p in sc.persons.values():
            plain = any(eid == p.id for i, eid in sc.source_of.items() if i != d.index)
            assert ranker.f_speaks_elsewhere(sc, d, None, None, p, {}) == float(plain)
            plain_lede = any(eid == p.id and i != d.index and sc.contents[i][0] < sc.lede_end + 400
                             for i, eid in sc.source_of.items())
            assert ranker.f_lede_speaker(sc, d, None, None, p, {}) == float(plain_lede)
