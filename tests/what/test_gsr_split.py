"""The fixed held part of the English GSR sentences (resources/en/gsr_split.toml)."""
from __future__ import annotations

import hashlib
import json

from veille.eval import events


def _by_hand(sentence_id: str) -> bool:
    return int(hashlib.sha256(f"veille-gsr-0:{sentence_id}".encode()).hexdigest()[:8], 16) % 100 < 30


def test_held_follows_the_hash_rule():
    ids = [f"PLOVER-GSR01-AGREE-{i:04d}" for i in range(200)]
    held = [i for i in ids if events.gsr_held(i)]
    assert held == [i for i in ids if _by_hand(i)]
    assert 0.15 < len(held) / len(ids) < 0.45


def test_each_line_counts_once_even_when_ids_repeat(tmp_path):
    (tmp_path / "plover").mkdir()
    items = [{"id": "X-COERCE-0004", "event": "COERCE", "text": "Police arrested ten protesters in Paris."},
             {"id": "X-COERCE-0004", "event": "COERCE", "text": "The army imposed a curfew on the city."},
             {"id": "X-DOC", "event": "DOCUMENT", "text": "not a sentence"}]
    (tmp_path / "plover" / "PLOVER_GSR_CAMEO.txt").write_text(json.dumps(items), encoding="utf-8")
    rows = events.en_rows(tmp_path)
    assert [r["text"] for r in rows] == [items[0]["text"], items[1]["text"]]
    figures = events.run_en(tmp_path)
    assert figures["sentences"] == 2
    assert figures["sentences_held"] + figures["sentences_train"] == 2
