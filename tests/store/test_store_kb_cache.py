"""The store's actor index of the knowledge base, kept on disk between processes."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from veille.store import actors
from veille.who import knowledge


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(d))
    return d


@pytest.fixture(scope="module")
def fresh():
    return actors._build_knowledge_base()


def _index():
    from veille.store import text
    return knowledge.cached_index("store-actors", actors._build_knowledge_base, (actors.__file__, text.__file__),
                                  actors._valid_index)


def _files(d: Path) -> list[Path]:
    return sorted(d.glob("store-actors-*.marshal"))


def test_the_cache_directory_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path / "a"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert knowledge.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("VEILLE_CACHE_DIR")
    assert knowledge.cache_dir() == tmp_path / "x" / "veille"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    assert knowledge.cache_dir() == tmp_path / "h" / ".cache" / "veille"


def test_a_cache_hit_is_the_index_a_fresh_build_gives(cache, fresh, monkeypatch):
    first = _index()
    assert first == fresh and len(_files(cache)) == 1
    monkeypatch.setattr(actors, "_build_knowledge_base", lambda: pytest.fail("built again despite the cache"))
    again = _index()
    assert again == fresh
    assert isinstance(next(iter(again.values()))[2], frozenset)
    assert not list(cache.glob("*.tmp"))


def test_the_index_knows_names_and_types(fresh):
    # a person of the hand-kept files, under every name key
    some = [(k, v) for k, v in fresh.items() if v[1] == "PER" and len(v[2]) > 1]
    assert some and all(isinstance(v[0], str) and v[2] for _, v in some)


def test_a_changed_knowledge_base_file_changes_the_key(tmp_path, monkeypatch):
    base = tmp_path / "package" / "kb"
    base.mkdir(parents=True)
    (base / "roles.toml").write_text("[offices]\n", encoding="utf-8")
    (base / "actors.json").write_text("{}", encoding="utf-8")

    class Files:
        def joinpath(self, name):
            return base.parent / name
    monkeypatch.setattr(knowledge._res, "files", lambda package: Files())
    before = knowledge.cache_key()
    assert knowledge.cache_key() == before
    (base / "roles.toml").write_text("[offices]\n# one more line\n", encoding="utf-8")
    changed = knowledge.cache_key()
    assert changed != before
    (base / "places.tsv").write_text("Lyon\tFRA\n", encoding="utf-8")
    assert knowledge.cache_key() not in (before, changed)


def test_the_code_that_shapes_the_index_is_in_the_key(tmp_path):
    src = tmp_path / "builder.py"
    src.write_text("x = 1\n", encoding="utf-8")
    one = knowledge.cache_key((src,))
    src.write_text("x = 2\n", encoding="utf-8")
    assert knowledge.cache_key((src,)) != one
    assert knowledge.cache_key() != one


def test_an_unwritable_cache_falls_back_to_building_in_memory(tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(blocker / "cache"))
    calls = []
    with caplog.at_level(logging.DEBUG, logger="veille.who.knowledge"):
        value = knowledge.cached_index("t", lambda: calls.append(1) or {"a": ("A", "PER", frozenset({"a"}))})
    assert value == {"a": ("A", "PER", frozenset({"a"}))} and calls == [1]
    assert "not written" in caplog.text


@pytest.mark.skipif(os.name != "posix" or (hasattr(os, "geteuid") and os.geteuid() == 0),
                    reason="a read-only directory binds no root user")
def test_a_read_only_directory_falls_back(tmp_path, monkeypatch):
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o500)
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(d))
    try:
        assert knowledge.cached_index("t", lambda: {"k": "v"}) == {"k": "v"}
        assert list(d.iterdir()) == []
    finally:
        d.chmod(0o700)


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage", "other_shape"])
def test_a_damaged_file_is_built_again_and_rewritten(cache, damage, caplog):
    build = lambda: {"k": ("Name", "ORG", frozenset({"name"}))}  # noqa: E731
    valid = actors._valid_index
    assert knowledge.cached_index("t", build, (), valid) == build()
    (path,) = cache.glob("t-*.marshal")
    blob = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(blob[: len(blob) // 2])
    elif damage == "flip":
        path.write_bytes(blob[:-3] + bytes([blob[-3] ^ 0xFF]) + blob[-2:])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "garbage":
        path.write_bytes(os.urandom(200))
    else:  # a well-formed file holding a value of another shape
        import hashlib
        import marshal
        payload = marshal.dumps((knowledge.cache_key(), {"k": "not a tuple"}))
        path.write_bytes(hashlib.sha256(payload).digest() + payload)
    calls = []
    with caplog.at_level(logging.DEBUG, logger="veille.who.knowledge"):
        value = knowledge.cached_index("t", lambda: calls.append(1) or build(), (), valid)
    assert value == build() and calls == [1]
    assert "built again" in caplog.text
    assert path.read_bytes() == blob  # written again, whole
    assert knowledge.cached_index("t", lambda: pytest.fail("built again"), (), valid) == build()


def test_a_file_of_another_key_is_not_read_and_is_replaced(cache, tmp_path):
    src = tmp_path / "builder.py"
    src.write_text("x = 1\n", encoding="utf-8")
    assert knowledge.cached_index("t", lambda: {"v": 1}, (src,)) == {"v": 1}
    src.write_text("x = 2\n", encoding="utf-8")
    assert knowledge.cached_index("t", lambda: {"v": 2}, (src,)) == {"v": 2}
    # the index of the old code is removed when the new one is written; other indexes stay
    assert len(list(cache.glob("t-*.marshal"))) == 1
    assert knowledge.cached_index("u", lambda: {"w": 1}, (src,)) == {"w": 1}
    assert len(list(cache.glob("t-*.marshal"))) == 1 and len(list(cache.glob("u-*.marshal"))) == 1
    src.write_text("x = 1\n", encoding="utf-8")
    assert knowledge.cached_index("t", lambda: {"v": 1}, (src,)) == {"v": 1}


def test_another_process_reads_the_index_a_first_one_wrote(cache, fresh):
    code = ("import sys; from veille.store import actors; kb = actors._knowledge_base(); "
            "print(len(kb), sum(len(v[2]) for v in kb.values()))")
    env = {**os.environ, "VEILLE_CACHE_DIR": str(cache)}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert len(_files(cache)) == 1
    stamp = _files(cache)[0].stat().st_mtime_ns
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout == second.stdout == f"{len(fresh)} {sum(len(v[2]) for v in fresh.values())}\n"
    assert _files(cache)[0].stat().st_mtime_ns == stamp  # read, not written again


def test_generic_nouns_come_from_the_language_resources():
    from veille import resources
    marked = {actors.name_key(knowledge.norm(k)) for lang in actors.LANGS
              for k, v in resources.load(lang, "who").get("groups", {}).items() if v.get("generic")}
    assert actors._generic_nouns() == marked
    assert "personnes" in marked and "gouvernement" not in marked
    assert actors.entity_form("personnes", "ORG", None, "FRA") is None
    assert actors.entity_form("gouvernement", "ORG", None, "FRA") == actors.Form("ORG", "gouvernement fra")
