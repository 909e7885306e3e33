"""Knowledge-base commands: parse, call ``veille.store``, print. Registered on the main group."""
from __future__ import annotations

import csv
import functools
import io
import json
import os
import sys
import time

import click

from ..errors import QueryError, VeilleError
from ..records import ENTITY_TYPES, EVENT_TYPES, FACTUALITY, QUOTE_KINDS
from . import filters
from .ingest import ANALYSES_BATCH, DEFAULT_BATCH, analyses_workers

DB_HELP = "The knowledge base: a SQLite file, or a postgresql:// URL."


def _db_option(f):
    return click.option("--db", default="veille.db", show_default=True, metavar="FILE|URL", help=DB_HELP)(f)


def _format_option(f):
    return click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                        show_default=True, help="Output format.")(f)


def _dups_option(f):
    return click.option("--duplicates", is_flag=True, help="Include near-duplicate copies (left out by default).")(f)


def _errors(f):
    """A bad query value is a usage error naming its option (exit status 2); other library
    errors become a clear message (exit status 1)."""
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except QueryError as exc:
            raise click.BadParameter(exc.message, param_hint=_hint(exc.field)) from exc
        except VeilleError as exc:
            raise click.ClickException(str(exc)) from exc
    return wrapper


def _hint(field: str) -> str:
    """How the command line names a library filter: its option (--count-by) or argument (TEXT)."""
    ctx = click.get_current_context()
    flag = "--" + field.replace("_", "-")
    for param in ctx.command.params:
        if param.name == field or flag in getattr(param, "opts", ()):
            return param.get_error_hint(ctx)
    return f"'{flag}'"


def _open(db: str, readonly: bool = True):
    from . import open_store
    return open_store(db, readonly=readonly)


def _cell(v, width: int) -> str:
    s = "" if v is None else str(v).replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "…"


def render(rows: list[dict], fmt: str, width: int = 60) -> str:
    """Rows as an aligned text table, JSON Lines or CSV."""
    if fmt == "json":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        buf = io.StringIO()
        if rows:
            w = csv.DictWriter(buf, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        return buf.getvalue()
    if not rows:
        return "(nothing found)\n"
    cols = list(rows[0])
    cells = [[_cell(r[c], width) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"


def _print(rows: list[dict], fmt: str) -> None:
    click.echo(render(rows, fmt), nl=False)


class _LogProgress:
    """Plain progress lines on stderr (not a terminal): at most one every ``every`` seconds."""

    def __init__(self, every: float = 10.0):
        self.every, self.last = every, 0.0

    def __call__(self, r) -> None:
        now = time.monotonic()
        if now - self.last < self.every:
            return
        self.last = now
        eta = ""
        if r.total and r.rate:
            eta = f", ETA {max(0, r.total - r.seen) / r.rate:.0f}s"
        total = f"/{r.total}" if r.total else ""
        click.echo(f"veille ingest: {r.seen}{total} inputs, {r.stored} stored, {r.skipped} skipped, "
                   f"{r.failed} failed, {r.rate:.1f} articles/s{eta}", err=True)


def register(group: click.Group) -> None:
    for cmd in (ingest, reindex, search, quotes, events, actors, timeline, show, export, stats):
        group.add_command(cmd)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--lang", "language", type=click.Choice(["auto", "fr", "en"]), default="auto", show_default=True,
              help="Language of the articles (auto: identified per article).")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for inputs that carry none.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Analysis worker processes [default: 1]. With --analyses, the processes of the ingest: the writer "
                   "and N-1 reading and preparing the analyses [default: 2 on a machine of 2 cores or more, else 1].")
@click.option("--home-country", metavar="ISO3", default="auto", show_default=True,
              help="Country of an actor whose article names none: auto (French press: FRA), none, or a code such as BEL.")
@click.option("--batch-size", type=click.IntRange(1, 10000), default=None,
              help=f"Articles committed per transaction [default: {DEFAULT_BATCH}; {ANALYSES_BATCH} with --analyses, "
                   "whose batches cost no analysis to make again].")
@click.option("--dup-threshold", type=click.FloatRange(0.1, 0.99), default=0.8, show_default=True,
              help="Estimated Jaccard similarity from which an article is a near-duplicate.")
@click.option("--limit", type=click.IntRange(1), help="Read only the first N inputs.")
@click.option("--analyses", "analysed", is_flag=True,
              help="PATHs are analyses already made (veille analyze output, .jsonl or .jsonl.gz): store them as they are.")
@click.option("--bulk/--no-bulk", default=None,
              help="Drop the large tables' secondary indexes (full text, ordered lists) for the run and build them "
                   "once at its end: faster for a large load, slower for a few articles into a large base "
                   "[default, with --analyses: when the base holds no article yet; else off].")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@_errors
def ingest(paths, db, language, published, workers, home_country, batch_size, dup_threshold, limit, analysed, bulk,
           progress):
    """Analyse articles and store them in a knowledge base (created if needed).

    PATH is a file (.txt, .html, .jsonl, WARC), a folder, or - for stdin. Articles already
    stored are skipped before analysis, so re-running after an interruption resumes where
    the last committed batch ended. With --analyses, PATHs hold analyses made elsewhere
    (a cluster run, an earlier veille analyze), stored without analysing again.
    """
    from ..options import Options
    from . import count_inputs, ingest_paths, open_store, read_analyses, store_analyses

    if workers is None:
        workers = analyses_workers() if analysed else 1
    try:
        options = Options(language=language, published=published, workers=workers, home_country=home_country)
    except VeilleError as exc:
        raise click.UsageError(str(exc)) from exc
    if not any(p == "-" or os.path.lexists(p) for p in paths):  # nothing to read: create no database either
        raise click.BadParameter(", ".join(paths) + (": no such file or directory" if len(paths) == 1 else
                                                      ": none of these exists"), param_hint="'PATHS...'")
    if batch_size is None:  # a batch settles its actors once: the larger, the cheaper per article
        batch_size = ANALYSES_BATCH if analysed else DEFAULT_BATCH
    show_bar = progress if progress is not None else sys.stderr.isatty()
    # The number of inputs, for the bar and the progress lines' ETA (which analyses made elsewhere
    # do not show): counting reads every input once more, so only when something shows it.
    total = count_inputs(paths) if "-" not in paths and (show_bar or not analysed) else None
    bar = None
    if show_bar:
        from tqdm import tqdm
        bar = tqdm(total=min(total, limit) if total and limit else total or limit, unit=" articles", file=sys.stderr)

        def callback(r):
            bar.n = r.seen
            bar.set_postfix(stored=r.stored, skipped=r.skipped, failed=r.failed, refresh=False)
            bar.refresh()
    else:
        callback = _LogProgress()
    pairs = None
    with open_store(db) as kb:
        try:
            if analysed:
                pairs = read_analyses(paths, workers=workers, limit=limit)
                report = store_analyses(kb, pairs, batch_size=batch_size, dup_threshold=dup_threshold,
                                        progress=callback, defer_indexes=bulk)
            else:
                report = ingest_paths(kb, paths, options, batch_size=batch_size, dup_threshold=dup_threshold,
                                      limit=limit, total=total, progress=callback, defer_indexes=bool(bulk))
        except KeyboardInterrupt:
            # The batch being written was rolled back by its transaction; every earlier one is kept.
            if pairs is not None:
                pairs.close()  # its worker processes stopped now, not after the lines handed to them
            if bar:
                bar.close()
            stored = kb.count("articles")
            click.echo(f"veille ingest: interrupted; {stored} articles in {db} (the batch in progress was not "
                       "stored); run the same command again to resume", err=True)
            sys.exit(130)
        finally:
            if bar:
                bar.close()
    for where, message in report.failures[:20]:
        click.echo(f"veille: error: {message}", err=True)
    click.echo(f"veille ingest: {report.seen} inputs in {report.seconds:.1f}s ({report.rate:.1f}/s): "
               f"{report.stored} stored ({report.near_duplicates} near-duplicates), "
               f"{report.skipped} already stored, {report.same_content} same text, {report.failed} failed", err=True)
    if report.failed:
        sys.exit(1)


def _page_options(what: str, limit: int):
    """--limit, --after, --offset, --order and --count-by, with the choices of list ``what``."""
    spec = filters.SPECS[what]

    def wrap(f):
        f = click.option("--limit", type=click.IntRange(1), default=limit, show_default=True,
                         help="At most this many rows (or counts).")(f)
        f = click.option("--offset", type=click.IntRange(0), default=0, show_default=True,
                         help="Skip this many rows first (read and skipped: --after costs the same at any "
                              "depth).")(f)
        f = click.option("--after", "after", metavar="CURSOR",
                         help="Start after the last row of the previous page: the cursor its line on stderr "
                              "gives.")(f)
        f = click.option("--order", metavar="|".join(spec.orders), help=f"Order of the rows (default {spec.orders[0]}).")(f)
        if spec.dims:
            f = click.option("--count-by", "count_by", multiple=True, metavar="DIM",
                             help="Print counts per value of DIM instead of rows (repeat it to cross two): "
                                  + ", ".join(d.replace("_", "-") for d in spec.dims) + ".")(f)
        return f
    return wrap


def _list(what: str, db: str, fmt: str, page: dict, duplicates: bool, **values) -> None:
    """Check the filters, then print the rows of list ``what`` (or their counts) and, when
    there are more rows than shown, where the next page starts."""
    from . import counts, queries
    values = filters.check(what, values)  # before opening: a bad value never touches the base
    order = filters.order(what, page.get("order"))
    by = filters.dims(what, page["count_by"]) if page.get("count_by") else None
    limit, offset = filters.limit(page["limit"]), filters.offset(page["offset"])
    try:
        after, at = filters.read_cursor(what, order, page.get("after"))
    except QueryError as exc:
        raise QueryError("after", exc.message.replace("'next' value", "cursor")) from None
    if after is None:  # a cursor of an earlier version, which held an offset
        offset, at = offset + at, 0
    start = at + offset  # rows before the first one printed
    with _open(db) as kb:
        if by:
            _print(counts.counts(kb, what, by, limit=limit, order=order, duplicates=duplicates, **values), fmt)
            return
        kwargs = dict(values, limit=limit, offset=offset, order=order, duplicates=duplicates, after=after)
        rows = (queries.search(kb, kwargs.pop("q"), **kwargs) if what == "search"
                else getattr(queries, what)(kb, **kwargs))  # queries.quotes, .events, .actors, .timeline
        _print(rows, fmt)
        if len(rows) == limit:
            total = queries.total(kb, what, duplicates=duplicates, **values)
            if total > start + limit:
                click.echo(f"veille {what}: rows {start + 1}-{start + limit} of {total}; "
                           f"next: --after {filters.cursor(what, order, rows.after, start + limit)}", err=True)


def _dates(f):
    f = click.option("--until", metavar="DATE", help="On or before this date: YYYY, YYYY-MM (the whole month) "
                                                     "or YYYY-MM-DD.")(f)
    return click.option("--since", metavar="DATE", help="On or after this date: YYYY, YYYY-MM or YYYY-MM-DD.")(f)


@click.command()
@_db_option
@click.option("--dup-threshold", type=click.FloatRange(0.1, 1.0), default=0.8, show_default=True,
              help="Estimated Jaccard similarity from which an article is a near-duplicate.")
@click.option("--counts", "counts_only", is_flag=True,
              help="Only compute again the precomputed facet counts (quick; a repair).")
@_errors
def reindex(db, dup_threshold, counts_only):
    """Rebuild actor identities and near-duplicate links from the stored analyses, as a fresh
    ingest would make them (after upgrading veille or its knowledge base of actors), then the
    precomputed facet counts."""
    from . import open_store
    from .actors import reindex as run
    from .counts import precount
    with open_store(db, create=False) as kb:
        if counts_only:
            click.echo(f"veille reindex: {precount(kb)} counts", err=True)
            return
        n = run(kb, dup_threshold=dup_threshold)
        precount(kb)
        actors = kb.count("actors")
    click.echo(f"veille reindex: {n} articles, {actors} actors", err=True)


@click.command()
@click.argument("q", metavar="TEXT")
@_db_option
@_dates
@_format_option
@_page_options("search", 20)
@_dups_option
@_errors
def search(q, db, since, until, fmt, duplicates, **page):
    """Full-text search (accent-insensitive; "quoted phrases"), best matches first."""
    _list("search", db, fmt, page, duplicates, q=q, since=since, until=until)


@click.command()
@_db_option
@click.option("--speaker", help="The speaker: a name or part of it, matched across the whole corpus.")
@click.option("--contains", help="Only quotes containing these words.")
@click.option("--kind", metavar="KIND", help=f"Only quotes of this kind: {', '.join(QUOTE_KINDS)}.")
@click.option("--country", metavar="ISO3", help="Only quotes of speakers of this country (ISO 3166 alpha-3).")
@click.option("--sector", metavar="SECTOR", help="Only quotes of speakers of this sector (docs/glossary.md).")
@_dates
@_format_option
@_page_options("quotes", 50)
@_dups_option
@_errors
def quotes(db, speaker, contains, kind, country, sector, since, until, fmt, duplicates, **page):
    """Quotes, by speaker, content, kind, the speaker's country or sector, and date."""
    _list("quotes", db, fmt, page, duplicates, speaker=speaker, contains=contains, kind=kind, country=country,
          sector=sector, since=since, until=until)


@click.command()
@_db_option
@click.option("--source", help="Source actor: a name or an ISO 3166 alpha-3 country code.")
@click.option("--target", help="Target actor: a name or an ISO 3166 alpha-3 country code.")
@click.option("--actor", help="An actor on either side (a name).")
@click.option("--type", "etype", metavar="PLOVER", help=f"PLOVER event type: {', '.join(EVENT_TYPES)}.")
@click.option("--quad", metavar="CLASS", help=f"Quad class: {', '.join(filters.QUADS)}.")
@click.option("--factuality", metavar="VALUE", help=f"Factuality: {', '.join(FACTUALITY)}.")
@click.option("--sector", metavar="SECTOR", help="The source's sector (docs/glossary.md).")
@click.option("--min-confidence", "min_confidence", metavar="X",
              help=f"Only events the scorer gives at least this confidence (0 to 1; default "
                   f"{filters.MIN_CONFIDENCE:g}, which favours precision: about 7 in 10 events listed have the "
                   f"right type and countries on the tuning sets; 0 shows every event).")
@_dates
@_format_option
@_page_options("events", 100)
@_dups_option
@_errors
def events(db, source, target, actor, etype, quad, factuality, sector, min_confidence, since, until, fmt, duplicates,
           **page):
    """PLOVER events, filtered by actors, type, quad class, factuality, sector, confidence and dates; newest first."""
    _list("events", db, fmt, page, duplicates, source=source, target=target, actor=actor, type=etype, quad=quad,
          factuality=factuality, sector=sector, min_confidence=min_confidence, since=since, until=until)


@click.command()
@_db_option
@click.option("--type", "atype", metavar="TYPE", help=f"Only actors of this type: {', '.join(ENTITY_TYPES)}.")
@click.option("--country", metavar="ISO3", help="Only actors of this country (ISO 3166 alpha-3).")
@click.option("--sector", metavar="SECTOR", help="Only actors of this sector (docs/glossary.md).")
@click.option("--name", help="Only actors matching this name.")
@_format_option
@_page_options("actors", 30)
@_dups_option
@_errors
def actors(db, atype, country, sector, name, fmt, duplicates, **page):
    """The most mentioned actors across the corpus, with counts."""
    _list("actors", db, fmt, page, duplicates, type=atype, country=country, sector=sector, name=name)


@click.command()
@click.argument("actor")
@_db_option
@_dates
@_format_option
@_page_options("timeline", 200)
@_dups_option
@_errors
def timeline(actor, db, since, until, fmt, duplicates, **page):
    """Events and quotes of one actor, by date (newest first)."""
    _list("timeline", db, fmt, page, duplicates, actor=actor, since=since, until=until)


@click.command()
@click.argument("ident")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["summary", "json"]), default="summary", show_default=True,
              help="A readable summary, or the analysis JSON (the contract, plus a 'kb' object).")
@_errors
def show(ident, db, fmt):
    """One article with its annotations. IDENT: row id, analysis id, URL or content hash."""
    from ..cli import summary
    from . import queries
    with _open(db) as kb:
        d = queries.show(kb, ident)
    if fmt == "json":
        click.echo(json.dumps(d, ensure_ascii=False, indent=2))
        return
    click.echo(summary(d))
    meta = d["kb"]
    if meta["duplicate_of"]:
        click.echo(f"   near-duplicate of article {meta['duplicate_of']} (similarity {meta['similarity']})")
    if meta["duplicates"]:
        click.echo(f"   copies: {', '.join(map(str, meta['duplicates']))}")
    click.echo(f"   source: {d['source'].get('url') or d['source'].get('path') or '-'}")


@click.command()
@click.argument("out_dir")
@_db_option
@click.option("--format", "formats", type=click.Choice(["jsonl", "csv", "parquet"]), multiple=True,
              help="Formats to write (repeatable; default all three).")
@click.option("--table", "tables", multiple=True, help="Only these tables (repeatable; gdelt_events included).")
@click.option("--no-duplicates", is_flag=True, help="Leave near-duplicate copies out.")
@_errors
def export(out_dir, db, formats, tables, no_duplicates):
    """Export the knowledge base: articles.jsonl (the contract), each table as CSV and Parquet,
    and gdelt_events (a GDELT-like event table)."""
    from . import export as run_export
    from .export import FORMATS
    with _open(db) as kb:
        files = run_export(kb, out_dir, tuple(formats) or FORMATS, tables=tuple(tables) or None,
                           duplicates=not no_duplicates)
    for f in files:
        click.echo(str(f))


@click.command()
@_db_option
@_format_option
@_errors
def stats(db, fmt):
    """Counts of articles, annotations, actors, near-duplicates and failures."""
    from . import queries
    with _open(db) as kb:
        _print([queries.stats(kb)], fmt)
