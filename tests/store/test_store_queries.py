from __future__ import annotations

from dataclasses import replace

import pytest

from veille.errors import QueryError, StoreError
from veille.records import Entity, Mention
from veille.store import queries, store_analyses
from veille.store.queries import fts_query

from kb_samples import TEXT_A, analysis, article_a, article_b

# An invented dispatch, long enough for shingles to mean something.
DISPATCH = (
    "Le conseil régional de Bretagne a adopté jeudi un plan de soutien aux pêcheurs touchés par la hausse du prix "
    "du gazole. Le dispositif prévoit une aide directe par navire, un fonds de garantie pour les prêts de trésorerie "
    "et un accompagnement des ports dans la modernisation de leurs criées. Les élus de l'opposition ont jugé le "
    "montant insuffisant au regard des pertes subies depuis le début de l'année, tandis que les représentants des "
    "comités des pêches ont salué une première étape. Le président du conseil a promis un nouveau point d'étape à "
    "l'automne, après une consultation des professionnels dans chaque port du littoral. Les premières aides "
    "devraient être versées avant la fin du mois prochain, selon le calendrier présenté en séance.")


def test_search_is_ranked_and_accent_insensitive(kb):
    store_analyses(kb, [(article_a(), None), (article_b(), None)])
    assert [r["doc_id"] for r in queries.search(kb, "energie")] == ["doc-a"]
    assert [r["doc_id"] for r in queries.search(kb, "ELYSEE")] == ["doc-b"]
    assert [r["doc_id"] for r in queries.search(kb, "Élysée")] == ["doc-b"]
    assert queries.search(kb, "Valmont")[0]["doc_id"] in ("doc-a", "doc-b")
    assert len(queries.search(kb, "Valmont")) == 2
    assert queries.search(kb, '"accord sur"')[0]["doc_id"] == "doc-a"
    assert queries.search(kb, '"sur accord"') == []
    assert queries.search(kb, "pluie") == []
    with pytest.raises(StoreError):
        queries.search(kb, "  ?! ")


def test_search_input_never_breaks_the_query_syntax():
    assert fts_query('energie AND (nucléaire OR "NEAR') == '"energie" "AND" "nucléaire" "OR" "NEAR"'
    assert fts_query('"accord sur" paris') == '"accord sur" "paris"'


def test_one_actor_across_articles(kb):
    store_analyses(kb, [(article_a(), None), (article_b(), None)])
    rows = queries.actors(kb, type="PER")
    valmont = next(r for r in rows if r["name"] == "Claire Valmont")
    assert valmont["articles"] == 2 and valmont["mentions"] == 3 and valmont["quotes"] == 2
    assert valmont["country"] == "FRA"
    speakers = {r["speaker"] for r in queries.quotes(kb, speaker="valmont")}
    assert speakers == {"Claire Valmont"}
    assert len(queries.quotes(kb, speaker="Valmont")) == 2
    assert len(queries.quotes(kb, speaker="Claire Valmont")) == 2
    assert [r["content"] for r in queries.quotes(kb, speaker="Berg")] == ["les négociations reprendront le 13 mai"]


def test_a_surname_shared_by_two_people_is_not_guessed(kb):
    a = article_a()
    other = Entity("e9", "Paul Valmont", "PER", (Mention(0, 2, "La"),), "FRA")
    a = replace(a, entities=(*a.entities, other))
    store_analyses(kb, [(a, None), (article_b(), None)])
    names = {r["name"] for r in queries.actors(kb, type="PER")}
    assert {"Claire Valmont", "Paul Valmont", "Valmont"} <= names


def test_a_knowledge_base_id_joins_different_names(kb):
    a = article_a()
    e1 = replace(a.entities[0], kb_id="Q1")
    b = article_b()
    b1 = replace(b.entities[0], name="Madame Valmont", kb_id="Q1")
    store_analyses(kb, [(replace(a, entities=(e1, *a.entities[1:])), None),
                        (replace(b, entities=(b1, *b.entities[1:])), None)])
    row = queries.actors(kb, name="Valmont")[0]
    assert row["kb_id"] == "Q1" and row["articles"] == 2


def test_a_full_name_joins_a_person_first_seen_by_surname(kb):
    store_analyses(kb, [(article_b(), None), (article_a(), None)])
    rows = [r for r in queries.actors(kb, type="PER") if "Valmont" in r["name"]]
    assert len(rows) == 1 and rows[0]["name"] == "Claire Valmont" and rows[0]["articles"] == 2


def test_quotes_containing(kb):
    store_analyses(kb, [(article_a(), None), (article_b(), None)])
    assert [r["article"] for r in queries.quotes(kb, contains="acceptable")] == [2]
    assert queries.quotes(kb, speaker="Berg", contains="acceptable") == []
    assert len(queries.quotes(kb, contains="100%")) == 0


def test_quotes_by_kind_country_sector_and_date(kb):
    store_analyses(kb, [(article_a(), None), (article_b(), None)])
    assert [r["content"] for r in queries.quotes(kb, kind="INDIRECT")] == ["les négociations reprendront le 13 mai"]
    assert [r["speaker"] for r in queries.quotes(kb, country="deu")] == ["Anton Berg"]
    assert len(queries.quotes(kb, sector="GOV")) == 3
    assert [r["article"] for r in queries.quotes(kb, since="2019-05-11")] == [2]
    assert [r["article"] for r in queries.quotes(kb)] == [2, 1, 1]  # newest first


def test_events_filters(kb):
    store_analyses(kb, [(article_a(), None), (article_b(), None)])
    assert [e["type"] for e in queries.events(kb)] == ["ACCUSE", "AGREE", "CONSULT"]  # newest first

    def types(**f):
        return [e["type"] for e in queries.events(kb, order="oldest", **f)]
    assert types() == ["CONSULT", "AGREE", "ACCUSE"]
    assert types(source="FRA") == ["CONSULT", "AGREE", "ACCUSE"]
    assert types(target="deu") == ["CONSULT", "ACCUSE"]
    assert types(target="Berlin") == ["ACCUSE"]
    assert types(source="Anton Berg") == []
    assert types(actor="Anton Berg") == ["CONSULT"]
    assert types(type="consult") == ["CONSULT"]
    assert types(quad="verbal-conflict") == ["ACCUSE"]
    assert types(quad="verbal_cooperation") == ["CONSULT", "AGREE"]
    assert types(sector="GOV") == ["CONSULT", "AGREE", "ACCUSE"]  # Valmont's sector, from her corpus actor
    assert [e["date"] for e in queries.events(kb, since="2019-05-10", order="oldest")] == ["2019-05-10", "2019-05-11"]
    assert [e["date"] for e in queries.events(kb, until="2019-05-06")] == ["2019-05-06"]
    assert len(queries.events(kb, until="2019-05")) == 3
    assert len(queries.events(kb, since="2019", until="2019")) == 3
    assert types(factuality="planned") == ["AGREE"]


def test_event_rows_lead_to_their_evidence(kb):
    store_analyses(kb, [(article_a(), None)])
    row = queries.events(kb, type="AGREE")[0]
    assert row["title"] == "Rencontre à Paris"
    shown = queries.show(kb, row["article"])
    assert shown["events"][row["ord"]]["type"] == "AGREE"
    q = queries.quotes(kb, speaker="Berg")[0]
    assert shown["quotes"][q["ord"]]["content"]["text"] == q["content"]


def test_pages_cover_the_list_once_with_its_total(kb):
    store_analyses(kb, [(article_a(), None), (article_b(), None)])
    for what, rows in (("events", lambda **p: queries.events(kb, **p)),
                       ("quotes", lambda **p: queries.quotes(kb, **p)),
                       ("actors", lambda **p: queries.actors(kb, **p))):
        whole = rows(limit=100)
        pages = rows(limit=2) + rows(limit=2, offset=2) + rows(limit=2, offset=4)
        assert pages == whole and len(whole) == queries.total(kb, what)
    assert queries.total(kb, "events", type="ACCUSE") == 1
    assert queries.total(kb, "timeline", actor="Valmont") == 5
    assert queries.total(kb, "search", q="Valmont") == 2
    with pytest.raises(QueryError) as exc:
        queries.events(kb, offset=-1)
    assert exc.value.field == "offset"


def test_timeline_orders_events_and_quotes_by_date(kb):
    store_analyses(kb, [(article_b(), None), (article_a(), None)])
    oldest = [("2019-05-06", "event"), ("2019-05-10", "event"), ("2019-05-10", "quote"),
              ("2019-05-11", "event"), ("2019-05-11", "quote")]
    rows = queries.timeline(kb, "Valmont", order="oldest")
    assert [(r["date"], r["kind"]) for r in rows] == oldest
    newest = [(r["date"], r["kind"]) for r in queries.timeline(kb, "Valmont")]
    assert newest == [("2019-05-11", "event"), ("2019-05-11", "quote"), ("2019-05-10", "event"),
                      ("2019-05-10", "quote"), ("2019-05-06", "event")]
    assert [r["kind"] for r in queries.timeline(kb, "Valmont", since="2019-05-11")] == ["event", "quote"]
    assert queries.timeline(kb, "Valmont", limit=2, offset=3, order="oldest") == rows[3:]


def test_search_by_date_and_newest_first(kb):
    store_analyses(kb, [(article_a(), None), (article_b(), None)])
    assert [r["doc_id"] for r in queries.search(kb, "Valmont", order="newest")] == ["doc-b", "doc-a"]
    assert [r["doc_id"] for r in queries.search(kb, "Valmont", order="oldest")] == ["doc-a", "doc-b"]
    assert [r["doc_id"] for r in queries.search(kb, "Valmont", until="2019-05-10")] == ["doc-a"]


def test_near_duplicates_are_linked_not_dropped(kb):
    copy = DISPATCH.replace("jeudi", "ce jeudi à Rennes").replace("du mois prochain", "de juin")
    unrelated = DISPATCH[::-1]
    report = store_analyses(kb, [(analysis("orig", DISPATCH), None), (analysis("copy", copy, published="2019-05-11"), None),
                                 (analysis("other", unrelated), None)])
    assert report.stored == 3 and report.near_duplicates == 1
    rows = {r["doc_id"]: r for r in kb.rows("SELECT id, doc_id, duplicate_of, similarity FROM articles")}
    assert rows["copy"]["duplicate_of"] == rows["orig"]["id"]
    assert rows["copy"]["similarity"] >= 0.8
    assert rows["other"]["duplicate_of"] is None
    assert len(queries.search(kb, "criées")) == 1
    assert len(queries.search(kb, "criées", duplicates=True)) == 2
    assert queries.show(kb, "orig")["kb"]["duplicates"] == [rows["copy"]["id"]]


def test_a_copy_of_a_copy_points_at_the_first_original(kb):
    copy1 = DISPATCH.replace("jeudi", "mercredi")
    copy2 = copy1.replace("à l'automne", "en septembre")
    store_analyses(kb, [(analysis("o", DISPATCH), None), (analysis("c1", copy1, published="2019-05-11"), None),
                        (analysis("c2", copy2, published="2019-05-12"), None)])
    assert {r["duplicate_of"] for r in kb.rows("SELECT duplicate_of FROM articles WHERE doc_id <> 'o'")} == {1}


def test_the_original_is_the_earliest_copy_whatever_the_order_of_storing(kb):
    copy1 = DISPATCH.replace("jeudi", "mercredi")
    copy2 = copy1.replace("à l'automne", "en septembre")
    store_analyses(kb, [(analysis("c2", copy2, published="2019-05-12"), None),
                        (analysis("c1", copy1, published="2019-05-11"), None),
                        (analysis("other", DISPATCH[::-1]), None), (analysis("o", DISPATCH), None)])
    rows = {r["doc_id"]: r for r in kb.rows("SELECT id, doc_id, duplicate_of, similarity FROM articles")}
    assert rows["o"]["duplicate_of"] is None and rows["other"]["duplicate_of"] is None
    assert rows["c1"]["duplicate_of"] == rows["c2"]["duplicate_of"] == rows["o"]["id"]
    assert 0 < rows["c2"]["similarity"] < rows["c1"]["similarity"] <= 1


def test_near_duplicates_are_found_across_runs(kb):
    store_analyses(kb, [(analysis("o", DISPATCH), None)])
    store_analyses(kb, [(analysis("c", DISPATCH + " Mise à jour.", published="2019-05-11"), None)])
    assert kb.value("SELECT duplicate_of FROM articles WHERE doc_id = 'c'") == 1


def test_show_accepts_row_id_url_and_hash(kb):
    store_analyses(kb, [(article_a(), None)])
    h = kb.value("SELECT content_hash FROM articles")
    for ident in (1, "1", "doc-a", "https://example.org/a", h):
        assert queries.show(kb, ident)["id"] == "doc-a"


def test_untouched_text_is_kept_verbatim(kb):
    text = TEXT_A + "\n\n  \u00a0Ligne finale avec espaces insécables\u202f!"
    store_analyses(kb, [(analysis("ws", text, published=None), None)])
    assert queries.show(kb, "ws")["text"] == text
    assert queries.show(kb, "ws")["published"] is None


def test_quotes_containing_words_ignore_accents_and_case(kb):
    store_analyses(kb, [(article_a(), None), (article_b(), None)])
    assert [r["article"] for r in queries.quotes(kb, contains="ENERGIE")] == [1]
    assert [r["article"] for r in queries.quotes(kb, contains='"accord sur"')] == [1]
    assert queries.quotes(kb, contains="sur accord signer nucléaire") == []


def test_actor_counts_leave_copies_out_unless_asked(kb):
    a = article_a()
    copy = replace(a, id="copy", text=a.text + " Fin.")
    store_analyses(kb, [(a, None), (copy, None)])
    assert kb.value("SELECT COUNT(*) AS n FROM articles WHERE duplicate_of IS NOT NULL") == 1
    berg = queries.actors(kb, name="Berg")[0]
    assert (berg["articles"], berg["mentions"], berg["quotes"]) == (1, 2, 1)
    berg_all = queries.actors(kb, name="Berg", duplicates=True)[0]
    assert (berg_all["articles"], berg_all["mentions"], berg_all["quotes"]) == (2, 4, 2)


def test_a_later_threshold_keeps_the_band_layout_of_the_base(kb):
    store_analyses(kb, [(analysis("o", DISPATCH), None)], dup_threshold=0.8)
    layout = kb.value("SELECT value FROM meta WHERE key = 'lsh_layout'")
    store_analyses(kb, [(analysis("c", DISPATCH.replace("jeudi", "mercredi"), published="2019-05-11"), None)],
                   dup_threshold=0.7)
    assert kb.value("SELECT value FROM meta WHERE key = 'lsh_layout'") == layout == "16x8"
    assert kb.value("SELECT duplicate_of FROM articles WHERE doc_id = 'c'") == 1
