from __future__ import annotations

from dataclasses import replace

import pytest

import veille.pipeline
from veille.errors import InputError, StoreError
from veille.pipeline import Failure
from veille.records import Analysis, RawArticle, Source
from veille.store import ingest, open_store, queries, store_analyses

from kb_samples import analysis, article_a, article_b


def fake_analyze_many(items, options=None):
    """Stands in for the model: one bare analysis per article, a Failure per bad input."""
    for item in items:
        if isinstance(item, InputError):
            yield Failure(item.where or "?", str(item))
        else:
            yield Analysis(id=item.id or "x", source=item.source, text=item.text.strip(), language="fr",
                           published=item.published)


def raws(n: int, start: int = 0) -> list[RawArticle]:
    return [RawArticle(id=f"r{i}", source=Source(url=f"https://example.org/{i}"),
                       text=f"Article numéro {i} : le conseil municipal de la ville {i} a voté le budget {i * 7}.")
            for i in range(start, start + n)]


@pytest.fixture
def no_model(monkeypatch):
    monkeypatch.setattr(veille.pipeline, "analyze_many", fake_analyze_many)


def test_analyses_are_stored_with_all_their_tables(kb):
    report = store_analyses(kb, [(article_a(), "h1"), (article_b(), "h2")])
    assert (report.stored, report.same_content) == (2, 0)
    s = queries.stats(kb)
    assert s["articles"] == 2 and s["entities"] == 5 and s["quotes"] == 3
    assert s["times"] == 2 and s["events"] == 3 and s["removed"] == 1
    m = kb.row("SELECT start_char, end_char, text FROM mentions WHERE eid = 'e3' ORDER BY start_char")
    assert article_a().text[m["start_char"]:m["end_char"]] == m["text"] == "Anton Berg"
    assert kb.value("SELECT schema FROM articles WHERE doc_id = 'doc-a'") == 1


def test_same_text_twice_is_stored_once(kb):
    a = article_a()
    copy = replace(a, id="other-id", source=Source(url="https://elsewhere.example/a"))
    report = store_analyses(kb, [(a, "h1"), (copy, "h2"), (a, "h1")])
    assert (report.stored, report.same_content, report.skipped) == (1, 1, 1)
    assert kb.count("articles") == 1
    assert kb.count("inputs") == 2  # both inputs point at the one article


def test_show_gives_back_the_contract_exactly(kb):
    store_analyses(kb, [(article_a(), None)])
    d = queries.show(kb, "doc-a")
    assert d.pop("kb")["article"] == 1
    assert d == article_a().to_dict()
    assert list(d) == list(article_a().to_dict())
    assert queries.analysis(kb, "https://example.org/a") == article_a()
    with pytest.raises(StoreError):
        queries.show(kb, "no-such-article")


def test_ingest_skips_inputs_already_stored(kb, no_model):
    first = ingest(kb, raws(10), batch_size=3)
    assert (first.stored, first.skipped) == (10, 0)
    again = ingest(kb, raws(12), batch_size=3)
    assert (again.stored, again.skipped) == (2, 10)
    assert kb.count("articles") == 12


def test_the_same_input_twice_in_one_run_is_analysed_once(kb, no_model):
    report = ingest(kb, raws(3) + raws(3), batch_size=2)
    assert report.stored == 3 and report.skipped == 3


def test_bad_inputs_are_recorded_and_the_run_goes_on(kb, no_model):
    items = [*raws(2), InputError("not JSON", "dump.jsonl:3"), *raws(2, start=2)]
    report = ingest(kb, items)
    assert report.stored == 4 and report.failed == 1
    assert kb.row("SELECT location, message FROM failures")["location"] == "dump.jsonl:3"


def test_limit_caps_the_inputs_read(kb, no_model):
    assert ingest(kb, raws(10), limit=4).seen == 4
    assert kb.count("articles") == 4


class Crash(Exception):
    pass


def crashing(after: int):
    def analyze_many(items, options=None):
        for n, result in enumerate(fake_analyze_many(items, options)):
            if n == after:
                raise Crash()
            yield result
    return analyze_many


def test_an_interrupted_run_keeps_committed_batches_and_resumes(kb_target, monkeypatch, tmp_path):
    kb = open_store(kb_target)
    monkeypatch.setattr(veille.pipeline, "analyze_many", crashing(after=7))
    with pytest.raises(Crash):
        ingest(kb, raws(20), batch_size=3)
    assert kb.count("articles") == 6  # two whole batches; the third was rolled back
    monkeypatch.setattr(veille.pipeline, "analyze_many", fake_analyze_many)
    report = ingest(kb, raws(20), batch_size=3)
    assert (report.skipped, report.stored) == (6, 14)
    resumed = sorted((r["doc_id"], r["text"]) for r in kb.rows("SELECT doc_id, text FROM articles"))
    kb.close()

    clean = open_store(str(tmp_path / "clean.db"))
    ingest(clean, raws(20), batch_size=3)
    assert resumed == sorted((r["doc_id"], r["text"]) for r in clean.rows("SELECT doc_id, text FROM articles"))
    clean.close()


def test_progress_is_reported_after_each_batch(kb, no_model):
    seen = []
    ingest(kb, raws(7), batch_size=3, progress=lambda r: seen.append(r.seen))
    assert seen == [3, 6, 7]


def test_a_store_of_another_kind_is_refused(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database at all, just some notes " * 50)
    with pytest.raises(StoreError):
        open_store(bad)
    with pytest.raises(StoreError):
        open_store(tmp_path / "missing.db", readonly=True)


def test_wal_mode_is_on(tmp_path):
    kb = open_store(tmp_path / "w.db")
    assert kb.value("PRAGMA journal_mode") == "wal"
    kb.close()


def test_analysis_schema_is_kept_per_article(kb):
    store_analyses(kb, [(analysis("old", "Un texte court sur la pluie."), None)])
    assert kb.value("SELECT schema FROM articles") == 1


def test_an_unstorable_article_is_recorded_and_its_batch_kept(kb, monkeypatch):
    from veille.store.ingest import Writer
    real = Writer._annotations

    def broken(self, aid, a, **kw):
        real(self, aid, a, **kw)
        if a.id == "doc-b":
            raise StoreError("disk says no")

    monkeypatch.setattr(Writer, "_annotations", broken)
    report = store_analyses(kb, [(article_a(), "h1"), (article_b(), "h2")])
    assert (report.stored, report.failed) == (1, 1)
    assert [r["doc_id"] for r in kb.rows("SELECT doc_id FROM articles")] == ["doc-a"]
    assert kb.count("quotes") == 2  # doc-b's rows were undone, doc-a's kept
    assert "disk says no" in kb.value("SELECT message FROM failures")


def test_events_are_filed_under_their_own_known_date():
    from veille.store.ingest import event_day
    assert event_day("2019-05-13", "2019-05-10") == "2019-05-13"
    assert event_day("2018", "2019-05-10") == "2018"
    assert event_day("2019-W19", "2019-05-10") == "2019"
    assert event_day("XXXX-05-13", "2019-05-10") == "2019-05-10"
    assert event_day(None, "2019-05-10T08:00:00") == "2019-05-10"
    assert event_day("FUTURE_REF", None) is None


def test_inputs_are_counted_as_they_are_read(tmp_path):
    import gzip
    from veille.store import count_inputs
    (tmp_path / "a.txt").write_text("Un texte.", encoding="utf-8")
    with gzip.open(tmp_path / "dump.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write('{"text": "un"}\n\n{"text": "deux"}\n{"text": "trois"}\n')
    assert count_inputs([str(tmp_path)]) == 4
    # a missing file is one input that fails, as ingest reports it
    assert count_inputs([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")]) == 2
    assert count_inputs(["-"]) is None


def test_a_bad_input_met_again_is_recorded_once(kb, no_model):
    items = [InputError("not JSON", "dump.jsonl:3"), *raws(1)]
    ingest(kb, items)
    again = ingest(kb, items)
    assert again.failed == 1 and kb.count("failures") == 1


def test_several_writers_create_and_fill_one_base_at_once(kb_target):
    from concurrent.futures import ThreadPoolExecutor

    def writer(k: int) -> int:
        with open_store(kb_target) as kb:
            return store_analyses(kb, [(analysis(f"w{k}-{i}", f"Texte {k} {i} écrit pour ce test."), f"h{k}-{i}")
                                       for i in range(5)] + [(article_a(), "shared")]).stored

    with ThreadPoolExecutor(4) as pool:
        stored = list(pool.map(writer, range(4)))
    assert sum(stored) == 4 * 5 + 1
    with open_store(kb_target) as kb:
        assert kb.count("articles") == 21
        assert kb.value("SELECT COUNT(*) AS n FROM actors WHERE name = 'Claire Valmont'") == 1
