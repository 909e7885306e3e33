"""`veille analyze --summary` never mixes its human summary into the JSON on stdout."""
from __future__ import annotations

import json

from click.testing import CliRunner

import veille.pipeline
from veille.cli import main
from veille.records import Analysis, Source


def fake_analyze_many(items, options=None):
    for item in items:
        yield Analysis(id=item.id or "x", source=Source(), text=item.text, language="fr", title="Titre inventé")


def test_summary_alone_on_stdout_and_json_in_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(veille.pipeline, "analyze_many", fake_analyze_many)
    article = tmp_path / "a.txt"
    article.write_text("Un texte inventé pour le test.", encoding="utf-8")
    r = CliRunner().invoke(main, ["analyze", str(article), "--summary"])
    assert r.exit_code == 0 and r.stdout.startswith("== Titre inventé") and "{" not in r.stdout
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(main, ["analyze", str(article), "--summary", "-o", str(out)])
    assert r.stdout.startswith("== Titre inventé")
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "Titre inventé"
    r = CliRunner().invoke(main, ["analyze", str(article)])
    assert json.loads(r.stdout)["title"] == "Titre inventé"
