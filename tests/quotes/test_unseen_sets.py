"""quotes-fr-unseen, quotes-fr-fresh and events-fr-unseen: registered, complete, and kept out of every training set."""
import json

import pytest
from pathlib import Path

ANN = Path(__file__).resolve().parents[2] / "annotations"


OWN_QUOTE_SETS = [("quotes-unseen", "quotes-fr-unseen", 541), ("quotes-fresh", "quotes-fr-fresh", 523)]


@pytest.mark.parametrize("task, name, quotes", OWN_QUOTE_SETS)
def test_the_unseen_set_is_registered_and_complete(task, name, quotes):
    from veille.eval import TASKS
    assert TASKS[task].endswith(":run_" + task.split("-")[1])
    gold = [json.loads(line) for line in (ANN / name / "gold.jsonl").read_text().splitlines()]
    ids = (ANN / name / "ids.txt").read_text().split()
    assert [str(g["id"]) for g in gold] == ids
    assert sum(len(g["quotes"]) for g in gold) == quotes


@pytest.mark.parametrize("task, name, quotes", OWN_QUOTE_SETS)
def test_the_unseen_set_is_in_no_training_set(task, name, quotes):
    from veille.train import coref, speakers
    named = {n for sets in coref.QUOTE_SETS for n in sets} | set(speakers.OWN)
    assert "quotes-fr-more" in named and name not in named
    ids = set((ANN / name / "ids.txt").read_text().split())
    for other in ("quotes-fr-more", "quotes-fr-unseen", "quotes-fr-fresh"):
        if other != name:
            assert not ids & set((ANN / other / "ids.txt").read_text().split())


def test_the_unseen_event_set_is_registered_and_in_no_training_set():
    from veille.eval import TASKS
    from veille.train import detector, events
    assert TASKS["events-unseen"].endswith(":run_unseen")
    gold = [json.loads(line) for line in (ANN / "events-fr-unseen" / "gold.jsonl").read_text().splitlines()]
    ids = (ANN / "events-fr-unseen" / "ids.txt").read_text().split()
    assert sorted(str(g["id"]) for g in gold) == sorted(ids) and sum(len(g["events"]) for g in gold) == 338
    assert "events-fr-more" in events.OWN and "events-fr-unseen" not in events.OWN + detector.OWN
    assert not set((ANN / "events-fr-more" / "ids.txt").read_text().split()) & set(ids)
