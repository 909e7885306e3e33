"""Corpus identity: knowledge-base names, full names, no family merged on a surname, and the
same actors (and near-duplicate links) whatever the order, batch size or number of runs."""
from __future__ import annotations

import os
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.records import Actor, Entity, Event, Mention, Quote, Span, Speaker
from veille.store import open_store, queries, store_analyses
from veille.store.actors import Form, display_name, entity_form, reindex, resolve

from kb_samples import analysis
from kb_snapshot import snapshot

# (name, type, kb id, country, sector): invented people, and two real ids of the shipped KB.
PEOPLE = [
    ("Claire Valmont", "PER", None, "FRA", "GOV"),
    ("Valmont", "PER", None, None, None),
    ("Paul Valmont", "PER", None, "BEL", "BUS"),
    ("Emmanuel Macron", "PER", "emmanuel_macron", "FRA", "GOV"),
    ("Macron", "PER", "emmanuel_macron", "FRA", "GOV"),
    ("Brigitte Macron", "PER", "emmanuel_macron", "FRA", None),
    ("Macron", "PER", None, None, None),
    ("Anton Berg", "PER", None, "DEU", "GOV"),
    ("Berg", "PER", None, "DEU", None),
    ("Paris", "LOC", None, "FRA", None),
    ("Paris", "LOC", None, "USA", None),
    ("Mike Pompeo", "PER", "mike_pompeo", "USA", "GOV"),
    ("Pompeo", "PER", None, "USA", "GOV"),
]
BARE = ["Valmont", "Berg", "le porte-parole", "Pompeo"]
DISPATCH = ("Le conseil régional de Bretagne a adopté jeudi un plan de soutien aux pêcheurs touchés par la hausse "
            "du prix du gazole. Le dispositif prévoit une aide directe par navire, un fonds de garantie pour les "
            "prêts de trésorerie et un accompagnement des ports dans la modernisation de leurs criées. Les élus de "
            "l'opposition ont jugé le montant insuffisant au regard des pertes subies depuis le début de l'année.")


def article(n: int, people: list[int], bare: int | None = None, copy_of_dispatch: int | None = None,
            day: int = 10):
    text = (DISPATCH + f" Mise à jour {copy_of_dispatch}, version {n}." if copy_of_dispatch is not None
            else f"Article {n} : le conseil s'est réuni et a voté le budget numéro {n}.")
    ents = tuple(Entity(f"e{i}", name, typ, (Mention(0, 7, text[:7]),) * (1 + i % 2), country, sector, None, kb)
                 for i, (name, typ, kb, country, sector) in ((i, PEOPLE[p]) for i, p in enumerate(people)))
    quotes = tuple(Quote("direct", Span(0, 7, text[:7]), Speaker(e.name, e.id, Span(0, 7, text[:7])))
                   for e in ents[:1])
    events = ()
    if bare is not None:
        quotes += (Quote("indirect", Span(8, 12, text[8:12]), Speaker(BARE[bare])),)
        events = (Event("CONSULT", Actor(BARE[bare]), Span(0, 7, text[:7]), "actual",
                        Actor(ents[0].name, ents[0].id) if ents else None),)
    return analysis(f"a{n}", text, published=f"2019-05-{day:02d}", entities=ents, quotes=quotes, events=events)


def _store(path, analyses, batch_size=64):
    with open_store(path) as kb:
        store_analyses(kb, [(a, f"h-{a.id}") for a in analyses], batch_size=batch_size)


def _snapshot(path):
    with open_store(path) as kb:
        return snapshot(kb)


# -- the rules ------------------------------------------------------------------------------------

def test_a_knowledge_base_actor_is_shown_under_its_knowledge_base_name(tmp_path):
    first = article(1, [4])         # "Macron", linked to emmanuel_macron, stored first
    _store(tmp_path / "kb.db", [first, article(2, [4]), article(3, [3])])
    with open_store(tmp_path / "kb.db") as kb:
        (row,) = queries.actors(kb, name="Macron")
        assert (row["name"], row["kb_id"], row["articles"]) == ("Emmanuel Macron", "emmanuel_macron", 3)


def test_another_first_name_never_joins_a_knowledge_base_person(tmp_path):
    # the analysis linked Brigitte Macron to emmanuel_macron in two articles, one of them first
    _store(tmp_path / "kb.db", [article(1, [5]), article(2, [3]), article(3, [5, 3])])
    with open_store(tmp_path / "kb.db") as kb:
        rows = {r["name"]: r for r in queries.actors(kb, type="PER")}
        assert rows["Emmanuel Macron"]["articles"] == 2 and rows["Emmanuel Macron"]["kb_id"] == "emmanuel_macron"
        assert rows["Brigitte Macron"]["articles"] == 2 and rows["Brigitte Macron"]["kb_id"] is None


def test_a_person_is_shown_under_the_full_name_used_most(tmp_path):
    def shouted(n: int):
        a = article(n, [0])
        return replace(a, entities=(replace(a.entities[0], name="CLAIRE VALMONT"),))

    texts = [article(i, [1]) for i in range(3)] + [article(3, [0])]   # "Valmont" x3, then "Claire Valmont"
    _store(tmp_path / "kb.db", [*texts, shouted(4), shouted(5)])
    with open_store(tmp_path / "kb.db") as kb:
        (row,) = [r for r in queries.actors(kb, type="PER") if "valmont" in r["name"].lower()]
        assert row["name"] == "CLAIRE VALMONT" and row["articles"] == 6 and row["country"] == "FRA"


def test_a_surname_joins_one_person_and_parts_when_a_namesake_comes():
    one = resolve([Form("PER", "claire valmont"), Form("PER", "valmont"), Form("", "valmont")])
    assert one[Form("PER", "valmont")] == one[Form("", "valmont")] == "name:PER:claire valmont"
    two = resolve([Form("PER", "claire valmont"), Form("PER", "paul valmont"), Form("PER", "valmont"),
                   Form("", "valmont")])
    assert two[Form("PER", "valmont")] == "name:PER:valmont" and two[Form("", "valmont")] == "name:PER:valmont"
    assert resolve([Form("", "le porte parole")]) == {Form("", "le porte parole"): None}


def test_a_form_key_is_its_type_id_and_name_and_equal_forms_are_one():
    assert Form("PER", "claire valmont").key == "PER||claire valmont"
    assert Form("ORG", "onu", "united_nations").key == "ORG|united_nations|onu"
    assert Form("", "valmont").key == "||valmont"
    assert len({Form("PER", "valmont"), Form("PER", "valmont"), Form("", "valmont")}) == 2
    assert entity_form("Claire Valmont", "PER", None) is entity_form("Claire Valmont", "PER", None)
    assert entity_form("gouvernement", "ORG", None, "FRA").key == "ORG||gouvernement fra"


def test_a_display_name_is_the_full_name_used_most_ties_to_the_first():
    assert display_name("name:PER:valmont", "PER", {"Valmont": 9, "Claire Valmont": 2, "C. Valmont": 2}) == \
        "C. Valmont"
    assert display_name("name:ORG:onu", "ORG", {"ONU": 3, "Onu": 3}) == "ONU"
    assert display_name("name:ORG:onu", "ORG", {}) == "onu"


def test_a_form_without_an_id_joins_the_knowledge_base_actor_of_its_name():
    got = resolve([Form("PER", "mike pompeo", "mike_pompeo"), Form("PER", "mike pompeo"), Form("PER", "pompeo")])
    assert set(got.values()) == {"kb:mike_pompeo"}


def test_bare_speaker_moves_when_a_namesake_arrives_later(tmp_path):
    _store(tmp_path / "kb.db", [article(1, [0], bare=0)])
    with open_store(tmp_path / "kb.db") as kb:
        assert {q["speaker"] for q in queries.quotes(kb, speaker="Valmont")} == {"Claire Valmont"}
    _store(tmp_path / "kb.db", [article(2, [2])])  # Paul Valmont: "Valmont" alone is no longer one person
    with open_store(tmp_path / "kb.db") as kb:
        speakers = {q["speaker"] for q in queries.quotes(kb, speaker="Valmont")}
        assert speakers == {"Claire Valmont", "Paul Valmont", "Valmont"}  # the bare name stays as written
        assert kb.value("SELECT speaker_actor_id FROM quotes WHERE speaker_eid IS NULL") is None
        assert kb.value("SELECT quotes_all FROM actors WHERE name = 'Claire Valmont'") == 1


# -- the same base however it is built ------------------------------------------------------------

ARTICLES = st.lists(st.tuples(st.lists(st.integers(0, len(PEOPLE) - 1), max_size=4, unique=True),
                              st.none() | st.integers(0, len(BARE) - 1),
                              st.none() | st.integers(0, 3),
                              st.integers(1, 28),
                              st.booleans()),
                    min_size=1, max_size=10)


def _corpus(specs) -> list:
    """Articles; a "twin" is the article before it again under another id and URL (a wire copy)."""
    out = []
    for n, (people, bare, dup, day, twin) in enumerate(specs):
        if twin and out:
            out.append(replace(out[-1], id=f"a{n}", source=replace(out[-1].source, url=f"https://copy.example/{n}")))
        else:
            out.append(article(n, people, bare, dup, day))
    return out


# More cases after a change of the actors' code: VEILLE_STORE_EXAMPLES=300 pytest tests/store/test_store_identity.py
EXAMPLES = int(os.environ.get("VEILLE_STORE_EXAMPLES", "25"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ARTICLES, st.randoms(use_true_random=False), st.integers(1, 5), st.integers(1, 3))
def test_the_same_articles_give_the_same_base_whatever_the_order_batches_and_runs(tmp_path_factory, specs, rnd,
                                                                               batch_size, runs):
    corpus = _corpus(specs)
    d = tmp_path_factory.mktemp("same")
    _store(d / "reference.db", corpus)
    shuffled = corpus[:]
    rnd.shuffle(shuffled)
    cut = sorted(rnd.sample(range(len(shuffled) + 1), min(runs - 1, len(shuffled) + 1)))
    for part in (shuffled[a:b] for a, b in zip([0, *cut], [*cut, len(shuffled)])):
        _store(d / "variant.db", part, batch_size=batch_size)
    reference = _snapshot(d / "reference.db")
    assert _snapshot(d / "variant.db") == reference
    with open_store(d / "variant.db") as kb:
        assert reindex(kb, batch=3) == len({a.text for a in corpus})
        assert snapshot(kb) == reference


def test_reindex_counts_once_the_rows_a_later_batch_already_holds(tmp_path):
    # "Valmont" alone is no actor until "Claire Valmont" comes; when she comes in the second
    # batch of the rebuild, the bare "Valmont" of the third batch is already in the base
    corpus = _corpus([([], None, None, 1, False), ([], 0, None, 1, False), ([], None, None, 1, False),
                      ([], None, None, 1, False), ([0], None, None, 1, False), ([], None, None, 1, False),
                      ([], 0, None, 1, False)])
    _store(tmp_path / "reference.db", corpus)
    with open_store(tmp_path / "reference.db") as kb:
        reference = snapshot(kb)
        assert reindex(kb, batch=3) == 7
        assert snapshot(kb) == reference
        claire = next(a for a in queries.actors(kb) if a["name"] == "Claire Valmont")
        assert claire["events"] == 2


def test_concurrent_writers_build_the_base_a_single_writer_builds(kb_target, tmp_path):
    from concurrent.futures import ThreadPoolExecutor
    corpus = _corpus([([i % 13, (i * 5) % 13], i % 4 if i % 3 else None, i % 5 if i % 4 == 0 else None, 1 + i % 27,
                       i % 7 == 6) for i in range(40)])
    _store(tmp_path / "reference.db", corpus)

    def writer(k: int) -> None:
        with open_store(kb_target) as kb:
            for a in corpus[k::4]:
                store_analyses(kb, [(a, f"h-{a.id}")], batch_size=1)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(writer, range(4)))
    with open_store(kb_target) as kb:
        got = snapshot(kb)
    reference = _snapshot(tmp_path / "reference.db")
    got.pop("actors_fts"), reference.pop("actors_fts")  # the two backends index names differently
    assert got == reference


def test_no_sector_counts_when_most_articles_give_none(tmp_path):
    # a city named as a place in two articles and acting in one is shown without a sector
    def city(n: int, sector):
        a = article(n, [9])
        return replace(a, entities=(replace(a.entities[0], sector=sector),))

    _store(tmp_path / "place.db", [city(1, None), city(2, None), city(3, "GOV")])
    _store(tmp_path / "actor.db", [city(1, "GOV"), city(2, "GOV"), city(3, None)])
    for path, want in (("place.db", None), ("actor.db", "GOV")):
        with open_store(tmp_path / path) as kb:
            (row,) = queries.actors(kb, name="Paris")
            assert (row["country"], row["sector"]) == ("FRA", want)
