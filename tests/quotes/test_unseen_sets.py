"""quotes-fr-unseen and events-fr-unseen: registered, complete, and kept out of every training set."""
import json
from pathlib import Path

ANN = Path(__file__).resolve().parents[2] / "annotations"


def test_the_unseen_set_is_registered_and_complete():
    from veille.eval import TASKS
    assert TASKS["quotes-unseen"].endswith(":run_unseen")
    gold = [json.loads(line) for line in (ANN / "quotes-fr-unseen" / "gold.jsonl").read_text().splitlines()]
    ids = (ANN / "quotes-fr-unseen" / "ids.txt").read_text().split()
    assert sorted(str(g["id"]) for g in gold) == sorted(ids)
    assert sum(len(g["quotes"]) for g in gold) == 541


def test_the_unseen_set_is_in_no_training_set():
    from veille.train import coref, speakers
    named = {n for sets in coref.QUOTE_SETS for n in sets} | set(speakers.OWN)
    assert "quotes-fr-more" in named and "quotes-fr-unseen" not in named
    more = set((ANN / "quotes-fr-more" / "ids.txt").read_text().split())
    assert not more & set((ANN / "quotes-fr-unseen" / "ids.txt").read_text().split())


def test_the_unseen_event_set_is_registered_and_in_no_training_set():
    from veille.eval import TASKS
    from veille.train import detector, events
    assert TASKS["events-unseen"].endswith(":run_unseen")
    gold = [json.loads(line) for line in (ANN / "events-fr-unseen" / "gold.jsonl").read_text().splitlines()]
    ids = (ANN / "events-fr-unseen" / "ids.txt").read_text().split()
    assert sorted(str(g["id"]) for g in gold) == sorted(ids) and sum(len(g["events"]) for g in gold) == 338
    assert "events-fr-more" in events.OWN and "events-fr-unseen" not in events.OWN + detector.OWN
    assert not set((ANN / "events-fr-more" / "ids.txt").read_text().split()) & set(ids)
