"""``veille serve`` as a user runs it: a real process answering on a free port."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner
from web_server import free_port

from veille.cli import main


def test_serve_is_documented():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--max-chars"):
        assert option in result.output


def test_serve_rejects_a_bad_port():
    result = CliRunner().invoke(main, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "70000" in result.output


def test_serve_answers_then_stops(kb_path: Path, tmp_path: Path):
    port = free_port()
    exe = Path(sys.executable).with_name("veille")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "veille.cli"]
    proc = subprocess.Popen([*cmd, "serve", "--db", str(kb_path), "--port", str(port), "--log-level", "warning"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2) as r:
                    stats = json.loads(r.read())
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("veille serve did not answer: " + (proc.stderr.read() if proc.poll() is not None else ""))
                time.sleep(0.2)
        assert stats["articles"] == 2
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in err


def test_serve_warns_without_a_knowledge_base(tmp_path: Path, monkeypatch):
    import uvicorn
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db"), "--port", "8123"])
    assert result.exit_code == 0
    assert "no knowledge base" in result.output
    assert calls and calls[0]["port"] == 8123 and calls[0]["host"] == "127.0.0.1"


def test_serve_without_the_web_extra_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi now raises ImportError
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 1
    assert "pip install 'veille[web]'" in result.output
