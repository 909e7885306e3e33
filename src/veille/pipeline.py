"""The order of stages, and nothing else.

    RawArticle --prepare--> Work --parse (spaCy, batched)--> who -> when -> quotes -> what --> Analysis

``analyze_many`` streams: articles are read, analysed and yielded in input order, in
batches, in this process or in a pool of worker processes, so memory stays bounded.
A bad article yields a ``Failure`` and the stream goes on.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import re
from dataclasses import dataclass
from itertools import islice
from typing import Callable, Iterable, Iterator

from . import nlp
from .clean import furniture, html as htmlx, langid
from .clean.normalize import normalize
from .errors import InputError, VeilleError
from .options import LANGUAGES, Options
from .read.fields import validate
from .read.files import content_id
from .records import Analysis, RawArticle, Source
from .work import Work
from .workers import in_order

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be analysed, and why."""

    where: str
    message: str


def _stages() -> list[tuple[str, Callable[[Work], None]]]:
    from . import quotes, what, when, who
    return [("who", who.annotate), ("when", when.annotate), ("quotes", quotes.annotate),
            ("mentions", who.adopt_mentions), ("what", what.annotate)]


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def _dateline_date(removed, lang: str) -> str | None:
    """The date of a "publié le 10/05/2019 à 18h02" line removed from scraped text."""
    for r in removed:
        if r.reason == "dateline":
            import dateparser
            d = dateparser.parse(re.sub(r"^.*?(publi\w+|mis à jour|modifi\w+|updated|posted)( le| on)?", "", r.text, flags=re.I),
                                 languages=[lang] if lang in LANGUAGES else None,
                                 settings={"DATE_ORDER": "DMY" if lang == "fr" else "MDY", "PREFER_DAY_OF_MONTH": "first"})
            if d:
                return d.date().isoformat()
    return None


def prepare(raw: RawArticle, options: Options) -> Work:
    """Clean one article: extract HTML, remove furniture, identify the language."""
    where = raw.source.path or raw.source.url or (raw.id if isinstance(raw.id, str) else None) or "<input>"
    raw = validate(raw, where)
    title, published, url, outlet, page_lang = raw.title, _iso_date(raw.published), raw.source.url, raw.source.outlet, None
    warnings: list[str] = list(raw.warnings)
    if raw.html is not None:
        page = htmlx.extract(raw.html, url=url, where=where)
        text = page.text
        title = title or page.title
        published = published or _iso_date(page.published)
        url, outlet, page_lang = url or page.url, outlet or page.outlet, page.language
    else:
        text = raw.text or ""
    text = normalize(text)
    if len(text) > options.max_chars:
        warnings.append(f"text cut at {options.max_chars} characters (was {len(text)})")
        log.warning("%s: text cut at %d characters (was %d)", where, options.max_chars, len(text))
        text = text[: options.max_chars]
    if options.language != "auto":
        lang = options.language
    elif (raw.language or "")[:2] in LANGUAGES:
        lang = raw.language[:2]
    else:
        lang, _ = langid.identify(text)
        if lang not in LANGUAGES and (page_lang or "")[:2] in LANGUAGES:
            lang = page_lang[:2]
    cleaned = furniture.clean_text(text, lang if lang in LANGUAGES else "en", page_layout=raw.html is None)
    if not cleaned.text.strip():
        raise InputError("no article text left after removing page furniture", where)
    published = published or _dateline_date(cleaned.removed, lang)
    if lang not in LANGUAGES:
        warnings.append(f"language {lang!r} is not supported (fr, en): entities, quotes, times and events left empty")
    return Work(
        id=raw.id or content_id(raw.text if raw.text is not None else raw.html or ""),
        source=Source(path=raw.source.path, url=url or options.url, outlet=outlet),
        text=cleaned.text, language=lang, options=options,
        title=title or cleaned.title or options.title,
        published=published or _iso_date(options.published),
        removed=list(cleaned.removed), warnings=warnings)


def annotate(works: list[Work], options: Options) -> None:
    """Parse a batch with spaCy (grouped by language) and run every stage on each article."""
    for lang in LANGUAGES:
        group = [w for w in works if w.language == lang]
        if not group:
            continue
        model = nlp.load(lang, options.models[lang])
        for w, doc in zip(group, nlp.parse(model, (w.text for w in group), options.batch_size)):
            w.doc = doc
    for w in works:
        if w.doc is None:
            continue
        for name, stage in _stages():
            try:
                stage(w)
            except Exception as exc:  # one stage failing on one article must not sink the batch
                log.exception("stage %s failed on %s", name, w.id)
                w.warnings.append(f"stage {name} failed: {type(exc).__name__}: {exc}")


def analyze_batch(items: list[RawArticle | InputError], options: Options) -> list[Analysis | Failure]:
    """Analyse one batch; results in input order. Runs unchanged in a worker process."""
    results: list[Analysis | Failure | Work] = []
    for item in items:
        if isinstance(item, InputError):
            results.append(Failure(item.where or "<input>", str(item)))
            continue
        try:
            results.append(prepare(item, options))
        except VeilleError as exc:
            results.append(Failure(getattr(exc, "where", None) or item.source.path or "<input>", str(exc)))
    works = [r for r in results if isinstance(r, Work)]
    try:
        annotate(works, options)
    except VeilleError:
        raise
    except Exception as exc:  # a batch-level failure (e.g. spaCy crash): retry articles one by one
        log.warning("batch failed (%s); analysing its articles one by one", exc)
        for w in works:
            try:
                annotate([w], options)
            except Exception as exc1:
                w.warnings.append(f"analysis failed: {type(exc1).__name__}: {exc1}")
    for w in works:
        if w.doc is not None:
            w.doc.user_data.clear()  # what the stages kept with the doc (spans hold the doc: a cycle)
        w.doc = None  # spaCy docs stay in this process
    return [r.to_analysis() if isinstance(r, Work) else r for r in results]


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


_WARM_UP_TEXT = {"fr": "Le maire de Paris a déclaré lundi : « Nous viendrons. »",
                 "en": "The mayor of London said on Monday: \"We will come.\""}


def _warm_up(options: Options) -> None:
    """Load models and every stage's resources once, before the worker processes are forked."""
    for lang in (LANGUAGES if options.language == "auto" else (options.language,)):
        try:
            analyze_batch([RawArticle(id="warm-up", source=Source(), text=_WARM_UP_TEXT[lang], language=lang)], options)
        except VeilleError as exc:  # a missing model is reported when an article needs it
            log.debug("warm-up for %s skipped: %s", lang, exc)


def analyze_many(items: Iterable[RawArticle | InputError], options: Options | None = None) -> Iterator[Analysis | Failure]:
    """Analyse a stream of articles; yields an Analysis or a Failure per input, in order."""
    options = options or Options()
    batches = _batches(items, options.batch_size)
    if options.workers == 1:
        first = next(batches, None)
        if first is None:
            return
        yield from analyze_batch(first, options)  # loads the models and the stages' resources
        with _frozen_heap():
            for batch in batches:
                yield from analyze_batch(batch, options)
        return
    _warm_up(options)
    # a batch handed over while the workers hold two each at most
    with _frozen_heap():
        for results in in_order(_analyze_batch, ((batch, options) for batch in batches), options.workers,
                                2 * options.workers - 1):
            yield from results


@contextlib.contextmanager
def _frozen_heap():
    """The objects alive on entry (the models, the stages' resources: some 600,000) left out of
    the garbage collector's passes until the block ends: each full pass would otherwise read
    them all again, and in a forked worker write to the pages it shares with the process it
    was forked from. Cyclic garbage made before entry is collected first."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _analyze_batch(job: tuple[list, Options]) -> list[Analysis | Failure]:
    return analyze_batch(*job)


def analyze(text: str | None = None, *, html: str | None = None, id: str | None = None,
            title: str | None = None, published: str | None = None, url: str | None = None,
            language: str | None = None, options: Options | None = None) -> Analysis:
    """Analyse one article given as text or HTML; raises on bad input."""
    if (text is None) == (html is None):
        raise InputError("give exactly one of text and html")
    options = options or Options()
    raw = RawArticle(id=id, source=Source(url=url), text=text, html=html, title=title,
                     published=published, language=language)
    (result,) = analyze_batch([raw], options)
    if isinstance(result, Failure):
        raise InputError(result.message)
    return result
