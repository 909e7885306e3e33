"""The time scorer: TimeML reading (both ways of giving the creation time), scoring, own annotations."""
import json

import pytest

from veille.errors import ConfigError
from veille.eval import times

TML = """<?xml version="1.0" ?>
<TimeML>{dct}
<TEXT>
Il est arrivé <TIMEX3 tid="t1" type="DATE" value="2019-05-09">hier</TIMEX3> &amp; repart <TIMEX3 tid="t2" type="DATE" value="2019-05-13">lundi</TIMEX3>.
</TEXT>
</TimeML>"""


@pytest.mark.parametrize("dct", [
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2019-05-10" functionInDocument="CREATION_TIME">2019-05-10</TIMEX3></DCT>',
    '<TIMEX3 tid="t0" functionInDocument="CREATION_TIME" type="DATE" value="2019-05-10T08:00"/>',
])
def test_read_tml_finds_the_creation_time_and_gold(tmp_path, dct):
    path = tmp_path / "doc.tml"
    path.write_text(TML.format(dct=dct), encoding="utf-8")
    text, published, gold = times.read_tml(path)
    assert published == "2019-05-10"
    assert [(text[g["start"]:g["end"]], g["value"]) for g in gold] == [("hier", "2019-05-09"), ("lundi", "2019-05-13")]
    assert "& repart" in text


def test_score_counts_strict_relaxed_and_value():
    text = "hier et lundi"
    gold = {"d": (text, [{"start": 0, "end": 4, "type": "DATE", "value": "2019-05-09"},
                         {"start": 8, "end": 13, "type": "DATE", "value": "2019-05-13"}])}
    system = {"d": [(0, 4, {"value": "2019-05-09"}), (5, 13, {"value": "2019-05-06"}), (20, 25, {"value": "X"})]}
    f = times.score(gold, system)
    assert (f["gold"], f["system"]) == (2, 3)
    assert f["strict_r"] == 0.5 and f["relaxed_r"] == 1.0 and f["value_r"] == 0.5


def test_own_annotations_index_the_rebuilt_texts(tmp_path):
    # one article of articles-dev rebuilt as heading + "\n" + article
    data = tmp_path / "data"
    (data / "orangesum").mkdir(parents=True)
    import gzip
    with gzip.open(data / "orangesum" / "articles-dev.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": 7, "heading": "Le titre", "article": "Il part lundi."}) + "\n")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": 7, "published": "2019-05-10", "times": [
        {"start": 17, "end": 22, "text": "lundi", "type": "DATE", "value": "2019-05-13"}]}) + "\n", encoding="utf-8")
    docs = times.read_more_set(data, gold)
    text, published, g = docs["7"]
    assert text[17:22] == "lundi" and published == "2019-05-10"
    gold.write_text(json.dumps({"id": 8, "published": "2019-05-10", "times": []}) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        times.read_more_set(data, gold)


def test_the_check_task_is_registered():
    from veille.eval import TASKS
    assert TASKS["times-check"].endswith(":run_check") and TASKS["times-more"].endswith(":run_more")


def test_the_fresh_set_is_registered_and_complete():
    from veille.eval import TASKS
    from veille.eval.times import FRESH_SET
    assert TASKS["times-fresh"].endswith(":run_fresh")
    ids = (FRESH_SET.parent / "ids.txt").read_text().split()
    assert [str(r["id"]) for r in map(json.loads, FRESH_SET.read_text().splitlines())] == ids


def test_the_unseen_set_is_registered_and_complete():
    from veille.eval import TASKS
    from veille.eval.times import UNSEEN_SET
    assert TASKS["times-unseen"].endswith(":run_unseen")
    ids = (UNSEEN_SET.parent / "ids.txt").read_text().split()
    assert len(ids) == 48
    assert [str(r["id"]) for r in map(json.loads, UNSEEN_SET.read_text().splitlines())] == ids


def test_the_new_set_is_registered_and_complete():
    from veille.eval import TASKS
    from veille.eval.times import NEW_SET
    assert TASKS["times-new"].endswith(":run_new")
    ids = (NEW_SET.parent / "ids.txt").read_text().split()
    assert len(ids) == 48 and ids == sorted(ids, key=int)
    assert [str(r["id"]) for r in map(json.loads, NEW_SET.read_text().splitlines())] == ids
    unseen = set((NEW_SET.parent.parent / "times-fr-unseen" / "ids.txt").read_text().split())
    assert not unseen & set(ids)
