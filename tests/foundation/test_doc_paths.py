"""Every file a help text or a document names exists (a help text once pointed at docs/CONTRACT.md)."""
from __future__ import annotations

import re
from pathlib import Path

import click

from veille.cli import main

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Paths written from the top of the repository, and the package's own folders named without src/veille/.
_PATH = re.compile(r"(?<![\w./-])((?:docs|src|tests|bench|scripts|samples|\.ci|resources|who/kb|web/static)/[\w./-]*[\w/])")
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _named(text: str) -> set[str]:
    return {p for p in _PATH.findall(text) if not re.search(r"[*<>{}]|\.\.\.", p)}


def _exists(path: str, base: Path) -> bool:
    return any((root / path).exists() for root in (ROOT, ROOT / "src" / "veille", base))


def _help_texts(group: click.Group):
    ctx = click.Context(group, info_name="veille")
    yield "veille", group.get_help(ctx)
    for name, cmd in group.commands.items():
        yield f"veille {name}", cmd.get_help(click.Context(cmd, info_name=name, parent=ctx))


def test_every_path_in_a_help_text_exists():
    missing = [(where, p) for where, text in _help_texts(main) for p in _named(text) if not _exists(p, ROOT)]
    assert missing == []


def test_every_path_and_link_in_the_docs_exists():
    missing = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for p in _named(text):
            if not _exists(p, doc.parent):
                missing.append((doc.name, p))
        for link in _LINK.findall(text):
            target = link.split("#")[0]
            if target and not re.match(r"^[a-z]+:", target) and not (doc.parent / target).exists():
                missing.append((doc.name, link))
    assert missing == []


def test_the_checker_sees_a_wrong_path():
    assert _named("see docs/CONTRACT.md and resources/<lang>/time.toml") == {"docs/CONTRACT.md"}
    assert not _exists("docs/CONTRACT.md", ROOT)
