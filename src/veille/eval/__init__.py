"""Evaluation on the development sets (``veille eval TASK --data ../shared/data``).

Each task is a module of this package with ``run(data: Path, limit: int | None) -> dict``
returning its figures (a flat dict of names to numbers or strings, ``headline`` first);
the CLI prints them and can write them as JSON. Tasks skip cleanly when their data is absent.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from ..errors import ConfigError

TASKS = {
    "extraction": "veille.eval.extraction:run_pages",     # HTML pages -> text and date (OrangeSum)
    "scraped": "veille.eval.extraction:run_scraped",      # scraped text -> furniture removed
    "ner": "veille.eval.ner:run",                         # named mentions on WiNER-fr
    "coref": "veille.eval.coref:run",                     # person chains on POPCORN
    "actors": "veille.eval.actors:run",                   # actor country/sector on events-fr
    "quotes": "veille.eval.quotes:run",                   # French quotes (quotes-fr, -extra, -more)
    "quotes-check": "veille.eval.quotes:run_check",       # French quotes, the check set (scored only)
    "quotes-unseen": "veille.eval.quotes:run_unseen",     # French quotes no rule or weight has seen
    "quotes-fresh": "veille.eval.quotes:run_fresh",       # 50 more, annotated after them, in no training set
    "en-quotes": "veille.eval.quotes:run_en",             # English attributions (PolNeAR dev)
    "times": "veille.eval.times:run",                     # FR-TimeBank TIMEX3
    "times-check": "veille.eval.times:run_check",         # the check set: aggregate figures only
    "times-more": "veille.eval.times:run_more",           # the project's own OrangeSum annotations
    "times-indep": "veille.eval.times:run_indep",         # OrangeSum, annotators who wrote no rule
    "times-fresh": "veille.eval.times:run_fresh",         # OrangeSum, annotated before any rule read them
    "times-unseen": "veille.eval.times:run_unseen",       # OrangeSum, two annotators, scored before any rule read them
    "times-new": "veille.eval.times:run_new",             # 48 more OrangeSum articles, scored before any rule read them
    "en-times": "veille.eval.times:run_en",               # the project's own English time set
    "events": "veille.eval.events:run",                   # PLOVER events (events-fr)
    "events-extra": "veille.eval.events:run_extra",       # PLOVER events (events-fr-extra, tuning)
    "events-more": "veille.eval.events:run_more",         # the project's own annotations (tuning)
    "events-unseen": "veille.eval.events:run_unseen",     # the project's own annotations in no training set
    "events-check": "veille.eval.events:run_check",       # the check set: aggregate figures only
    "en-events": "veille.eval.events:run_en",             # PLOVER GSR sentences (English)
}


def run(task: str, data: Path, limit: int | None = None) -> dict[str, Any]:
    if task not in TASKS:
        raise ConfigError(f"unknown evaluation task {task!r}; tasks: {', '.join(TASKS)}")
    modname, func = TASKS[task].split(":")
    try:
        mod = importlib.import_module(modname)
    except ModuleNotFoundError as exc:
        if exc.name == modname:
            raise ConfigError(f"evaluation task {task!r} is not available in this version") from exc
        raise
    if not hasattr(mod, func):
        raise ConfigError(f"evaluation task {task!r} is not available in this version")
    return getattr(mod, func)(Path(data), limit)
