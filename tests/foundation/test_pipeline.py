"""End-to-end behaviour of ``veille analyze`` (real models, small inputs)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import veille
from veille import Options, analyze_many, read_paths

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT.parent / "shared" / "tools" / "check_contract.py"


def _cli(*args, input=None):
    return subprocess.run([sys.executable, "-m", "veille.cli", *args], capture_output=True, text=True, input=input, cwd=ROOT)


def test_library_analyze_offsets_and_fields():
    a = veille.analyze("Le président Emmanuel Macron a reçu mardi le chancelier Olaf Scholz à Paris.",
                       published="2022-10-26", id="x1")
    d = a.to_dict()
    assert d["id"] == "x1" and d["language"] == "fr" and d["published"] == "2022-10-26"
    names = {e["name"] for e in d["entities"]}
    assert {"Emmanuel Macron", "Olaf Scholz", "Paris"} <= names
    for e in d["entities"]:
        for m in e["mentions"]:
            assert d["text"][m["start"]:m["end"]] == m["text"]


def test_one_bad_article_does_not_sink_the_batch(tmp_path):
    (tmp_path / "1.txt").write_text("Le ministre a visité l'usine de Villebrune lundi.", encoding="utf-8")
    (tmp_path / "2.txt").write_bytes(b"\x00\x00\x00")
    (tmp_path / "3.txt").write_text("The minister visited the plant in Millbridge on Monday.", encoding="utf-8")
    r = _cli("analyze", str(tmp_path))
    assert r.returncode == 1
    out = [json.loads(l) for l in r.stdout.splitlines()]
    assert [o["language"] for o in out] == ["fr", "en"]
    assert "2.txt" in r.stderr and "binary" in r.stderr


def test_unsupported_language_gives_warning_and_empty_fields():
    a = veille.analyze(
        "Die Regierung hat am Donnerstag in Berlin eine neue Rentenreform angekündigt, sagte der Minister.")
    assert a.language == "de" and a.entities == () and a.warnings and "not supported" in a.warnings[0]


def test_order_and_ids_kept_with_two_workers(tmp_path):
    recs = [{"id": f"r{i}", "text": f"Article numéro {i} : le maire de Villebrune a parlé lundi."} for i in range(7)]
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    out = list(analyze_many(read_paths([p]), Options(workers=2, batch_size=2)))
    assert [a.id for a in out] == [r["id"] for r in recs]


def test_stdin_pretty_and_options():
    r = _cli("analyze", "-", "--published", "2019-05-10", "--lang", "fr", "--url", "http://x.example/a",
             "--title", "Titre", "--pretty", input="Mike Pompeo se rendra en Russie.")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert (d["published"], d["source"]["url"], d["title"], d["language"]) == ("2019-05-10", "http://x.example/a", "Titre", "fr")
    assert "\n  " in r.stdout


def test_bad_option_is_a_usage_error():
    r = _cli("analyze", "-", "--published", "10/05/2019", input="x")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr


@pytest.mark.skipif(not CONTRACT.exists(), reason="contract checker not found")
def test_samples_keep_the_contract(tmp_path):
    out = tmp_path / "samples.jsonl"
    r = _cli("analyze", "samples", "-o", str(out))
    assert r.returncode == 0, r.stderr
    check = subprocess.run([sys.executable, str(CONTRACT), str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert len(out.read_text().splitlines()) >= 12


def test_user_knowledge_base_file_from_the_cli(tmp_path):
    kb = tmp_path / "mine.toml"
    kb.write_text('[[actor]]\nname = "Odile Vanbrugge"\naliases = ["Vanbrugge"]\n'
                  'country = "BEL"\nsector = "LEG"\nrole = "députée"\n', encoding="utf-8")
    text = "La députée Odile Vanbrugge a visité samedi une usine à Liège. Vanbrugge y a rencontré des ouvriers."
    with_kb = json.loads(_cli("analyze", "-", "--lang", "fr", "--kb", str(kb), input=text).stdout)
    without = json.loads(_cli("analyze", "-", "--lang", "fr", input=text).stdout)
    coded = {e["name"]: (e["country"], e["sector"], e["kb_id"]) for e in with_kb["entities"]}
    assert coded.get("Odile Vanbrugge") == ("BEL", "LEG", "odile_vanbrugge")
    assert all(e["kb_id"] != "odile_vanbrugge" for e in without["entities"])
