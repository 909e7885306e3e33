"""The real analysis, stored and queried (invented people, invented words)."""
from __future__ import annotations

import pytest

from veille.options import Options
from veille.records import RawArticle, Source
from veille.store import ingest, open_store, queries

TEXTS = [
    "Le ministre des Affaires étrangères Jean Dupuis a rencontré lundi à Berlin son homologue allemand "
    "Klaus Weber. « Nous voulons travailler ensemble sur l'énergie », a déclaré Jean Dupuis après la réunion.",
    "Jean Dupuis a annoncé mardi une visite à Rome. « La coopération européenne est essentielle », "
    "a-t-il affirmé devant la presse.",
]


@pytest.mark.model
def test_real_analyses_are_stored_and_found(tmp_path):
    raws = [RawArticle(id=f"t{i}", source=Source(url=f"https://example.org/{i}"), text=t, published="2021-03-01")
            for i, t in enumerate(TEXTS)]
    with open_store(tmp_path / "kb.db") as kb:
        report = ingest(kb, raws, Options(language="fr"))
        assert report.stored == 2 and report.failed == 0
        assert ingest(kb, raws, Options(language="fr")).skipped == 2
        quotes = queries.quotes(kb, speaker="Dupuis")
        assert {q["content"] for q in quotes} >= {"Nous voulons travailler ensemble sur l'énergie",
                                                  "La coopération européenne est essentielle"}
        assert {q["speaker"] for q in quotes} == {"Jean Dupuis"}
        assert [r["doc_id"] for r in queries.search(kb, "cooperation europeenne")] == ["t1"]
        assert queries.show(kb, "t0")["text"] == TEXTS[0]
