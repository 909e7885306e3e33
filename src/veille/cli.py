"""The command line: parse arguments, call the library, print. Nothing else lives here."""
from __future__ import annotations

import importlib
import json
import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import VeilleError
from .options import Options

log = logging.getLogger("veille")


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="veille")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def main(verbose: int) -> None:
    """veille: turn news articles into checkable knowledge.

    Entities with their mentions and actor codes, quotes with their speakers, dates
    normalised to TIMEX3, and PLOVER political events, each traceable to its text.
    """
    _setup_logging(verbose)


def summary(a: dict) -> str:
    """A short human-readable account of one analysis."""
    lines = [f"== {a.get('title') or '(untitled)'}  [{a['language']}, {a.get('published') or 'no date'}]  id={a['id']}"]
    if a["removed"]:
        lines.append(f"   furniture removed: {len(a['removed'])} lines")
    ents = sorted(a["entities"], key=lambda e: -len(e["mentions"]))[:8]
    if ents:
        lines.append("   entities: " + "; ".join(
            f"{e['name']} ({e['type']}" + "".join(f", {x}" for x in (e.get("country"), e.get("sector"), e.get("role")) if x)
            + f", {len(e['mentions'])}x)" for e in ents))
    for q in a["quotes"][:6]:
        who = (q.get("speaker") or {}).get("name") or "?"
        content = q["content"]["text"]
        lines.append(f"   quote ({q['kind']}) {who}: « {content[:100]}{'…' if len(content) > 100 else ''} »")
    if a["times"]:
        lines.append("   dates: " + "; ".join(f"{t['text']} = {t['value']}" for t in a["times"][:8]))
    for e in a["events"][:6]:
        tgt = (e.get("target") or {}).get("name")
        lines.append(f"   event {e['type']} ({e['factuality']}): {e['source']['name']}" + (f" -> {tgt}" if tgt else "")
                     + (f" on {e['date']}" if e.get("date") else ""))
    for w in a.get("warnings") or ():
        lines.append(f"   warning: {w}")
    return "\n".join(lines)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date anchoring relative dates when the input has none.")
@click.option("--lang", "language", type=click.Choice(["auto", "fr", "en"]), default="auto", show_default=True,
              help="Language of the articles (auto: identified per article).")
@click.option("--url", help="Source URL for an input that carries none.")
@click.option("--title", help="Title for an input that carries none.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--batch-size", type=click.IntRange(1, 1000), default=16, show_default=True, help="Articles per batch.")
@click.option("--pretty", is_flag=True, help="Indent the JSON (for reading one article).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the JSON Lines here instead of stdout.")
@click.option("--summary", "show_summary", is_flag=True,
              help="Print a short human-readable summary of each article on stdout; the JSON goes to -o FILE, "
                   "or nowhere without -o.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
@click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="An extra actor knowledge-base file (docs/kb.md); repeatable.")
@click.option("--home-country", metavar="ISO3", default="auto", show_default=True,
              help="Country of an actor whose article names none: auto (French press: FRA), none, or a code such as BEL.")
@click.option("--shard", metavar="K/N", help="Analyse only the K-th of N shards of the input (one part per machine or job).")
@click.option("--scheduler", metavar="ADDRESS", help="Run on a Dask cluster (tcp://host:8786) instead of local processes.")
def analyze(paths, published, language, url, title, workers, batch_size, pretty, output, show_summary, progress,
            kb_paths, home_country, shard, scheduler):
    """Analyse articles: PATH is a .txt, .html/.htm(.gz), .jsonl or WARC file, a directory, or - for stdin.

    Prints one JSON object per article (the analysis contract, docs/contract.md), in input
    order. A bad input is reported on stderr, the others are still analysed, and the exit
    status is 1 at the end. The input formats (JSON Lines fields, HTML, WARC, text) are in
    docs/inputs.md.
    """
    from . import cluster, nlp
    from .pipeline import Failure, analyze_many
    from .read import read_paths

    nlp.reuse_freed_memory()
    try:
        options = Options(language=language, published=published, url=url, title=title,
                          workers=workers, batch_size=batch_size, kb_paths=tuple(Path(p) for p in kb_paths),
                          home_country=home_country)
        items = read_paths(paths)
        if shard:
            items = cluster.shard(items, *cluster.parse_shard(shard))
    except VeilleError as exc:
        raise click.UsageError(str(exc)) from exc
    results = cluster.analyze_on_dask(items, options, scheduler) if scheduler else analyze_many(items, options)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    failures = done = 0
    show = progress if progress is not None else sys.stderr.isatty()
    bar = None
    if show:
        from tqdm import tqdm
        bar = tqdm(unit=" articles", file=sys.stderr)
    try:
        for result in results:
            if isinstance(result, Failure):
                failures += 1
                click.echo(f"veille: error: {result.message}", err=True)
            else:
                done += 1
                d = result.to_dict()
                if output or not show_summary:  # stdout holds either JSON or summaries, never both
                    out.write(json.dumps(d, ensure_ascii=False, indent=2 if pretty else None) + "\n")
                if show_summary:
                    click.echo(summary(d))
            if bar:
                bar.update(1)
    except VeilleError as exc:
        click.echo(f"veille: error: {exc}", err=True)
        sys.exit(2)
    finally:
        if bar:
            bar.close()
        if output:
            out.close()
    if failures:
        click.echo(f"veille: {failures} input(s) failed, {done} analysed", err=True)
        sys.exit(1)


@main.command("eval")
@click.argument("task")
@click.option("--data", type=click.Path(file_okay=False), default="../shared/data", show_default=True,
              help="The development data folder.")
@click.option("--limit", type=int, help="Only the first N documents.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), help="Also write the figures as JSON here.")
def eval_cmd(task, data, limit, json_out):
    """Score veille on a development set. TASK is one of: extraction, scraped, ner, coref,
    actors, quotes, quotes-check, quotes-unseen, quotes-fresh, en-quotes, times, times-check, times-more, times-indep,
    times-fresh, times-unseen, times-new, en-times, events, events-extra, events-more, events-unseen, events-check,
    en-events, or all. Check sets (*-check) print aggregate figures only; *-unseen sets are veille's own
    annotations kept out of every training set, as is quotes-fresh."""
    from . import eval as ev

    tasks = list(ev.TASKS) if task == "all" else [task]
    results = {}
    for t in tasks:
        try:
            figures = ev.run(t, Path(data), limit)
        except VeilleError as exc:
            if task == "all":
                click.echo(f"{t}: skipped ({exc})", err=True)
                continue
            raise click.ClickException(str(exc)) from exc
        results[t] = figures
        click.echo(f"{t}: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()))
    if json_out:
        Path(json_out).write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


@main.command("train")
@click.argument("component")
@click.option("--data", type=click.Path(file_okay=False), default="../shared/data", show_default=True,
              help="The development data folder (tuning sets only are read).")
@click.option("--annotations", type=click.Path(file_okay=False), default="annotations", show_default=True,
              help="veille's own annotated sets (ids and gold; texts rebuilt from --data).")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the weights here instead of into the package.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (folds, solver).")
def train_cmd(component, data, annotations, out, seed):
    """Rebuild the weights of a learned component from the tuning sets. COMPONENT is one of:
    speakers, coref, detector, political, events, times; participants is a study that reports figures and writes nothing.
    Needs scikit-learn (pip install 'veille[train]')."""
    from . import train as tr

    try:
        figures = tr.run(component, Path(data), Path(annotations), Path(out) if out else None, seed)
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from exc
    for k, v in figures.items():
        click.echo(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}")


def _register_extensions() -> None:
    """Command groups that live with their subsystem (knowledge base, web server)."""
    for modname in ("veille.store.cli", "veille.web.cli"):
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if modname.startswith(str(exc.name)):  # the subsystem itself is absent
                continue
            raise
        mod.register(main)


_register_extensions()

if __name__ == "__main__":  # pragma: no cover
    main()
