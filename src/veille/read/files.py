"""Read .txt, .html/.htm (optionally .gz), .jsonl, WARC files, directories and stdin.

Every input is checked here, and a bad one becomes an ``InputError`` naming the file, and the
line or record, while the stream goes on:

- only regular files are read: a FIFO, socket or device is skipped with a message (it could
  block the run for ever), a dangling or looping symbolic link is reported as such;
- sizes are checked while streaming: a file, a decompressed file, a JSONL line or a WARC
  record over ``MAX_BYTES`` is refused before it is held in memory whole;
- bytes are decoded by ``decode.decode`` (strict UTF-8 first, every other decision a warning);
- JSONL fields are checked by ``fields.from_record`` (types, valid Unicode);
- a truncated archive (a ``.gz`` cut short, a WARC whose last record is incomplete) keeps the
  records read before the cut and reports the cut; a file that yields no article at all
  (empty, no JSON line, no HTML page in a WARC) is reported too.
"""
from __future__ import annotations

import codecs
import errno
import gzip
import hashlib
import io
import json
import logging
import os
import stat
import sys
import zlib
from dataclasses import replace
from pathlib import Path
from typing import IO, AnyStr, Iterable, Iterator

from ..errors import InputError
from ..records import RawArticle, Source
from .decode import decode
from .fields import check_string, from_record, printable

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024          # one article (file, record or WARC response) larger than this is refused
TEXT_EXT = (".txt", ".text")
HTML_EXT = (".html", ".htm", ".xhtml")
JSONL_EXT = (".jsonl", ".ndjson", ".json")
WARC_EXT = (".warc", ".arc")
SUPPORTED = TEXT_EXT + HTML_EXT + JSONL_EXT + WARC_EXT
# What reading a damaged file can raise: the OS, gzip (bad header, cut short), zlib (bad data).
READ_ERRORS = (OSError, EOFError, zlib.error)

Item = RawArticle | InputError


def _kind(path: Path) -> tuple[str | None, bool]:
    name = path.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    for kind, exts in (("txt", TEXT_EXT), ("html", HTML_EXT), ("jsonl", JSONL_EXT), ("warc", WARC_EXT)):
        if name.endswith(exts):
            return kind, gz
    return None, gz


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def content_id(text: str) -> str:
    """A stable id for an article without one: a hash of its content."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# -- files -------------------------------------------------------------------------------------

def file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as an article file, or None for a regular file."""
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return printable(f"broken symbolic link (to {os.readlink(path)})")
        return "no such file or directory"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(st.st_mode):
        return None
    kind = ("a directory" if stat.S_ISDIR(st.st_mode) else "a FIFO" if stat.S_ISFIFO(st.st_mode)
            else "a socket" if stat.S_ISSOCK(st.st_mode) else "a device")
    return f"not a regular file ({kind}): skipped"


def _read_bytes(path: Path, gz: bool, where: str) -> bytes:
    """The whole file (decompressed), at most MAX_BYTES of it."""
    try:
        size = path.stat().st_size
        if not gz and size > MAX_BYTES:
            raise InputError(f"file is {_mb(size)}, over the {_mb(MAX_BYTES)} limit", where)
        with (gzip.open(path, "rb") if gz else open(path, "rb")) as f:
            data = f.read(MAX_BYTES + 1)
    except READ_ERRORS as exc:
        raise InputError(f"cannot read: {exc}", where) from exc
    if len(data) > MAX_BYTES:
        raise InputError(f"over the {_mb(MAX_BYTES)} limit once decompressed", where)
    return data


def read_file(path: Path) -> Iterator[Item]:
    where = printable(str(path))  # a file name need not be UTF-8; the place where it is named must be
    problem = file_problem(path)
    if problem:
        yield InputError(problem, where)
        return
    kind, gz = _kind(path)
    if kind is None:
        yield InputError(f"unsupported file type (expected {', '.join(SUPPORTED)}, optionally .gz)", where)
        return
    if kind == "warc":
        yield from _warc(path, where)
        return
    if kind == "jsonl":
        yield from _jsonl_file(path, gz, where)
        return
    try:
        decoded = decode(_read_bytes(path, gz, where), where)
    except InputError as exc:
        yield exc
        return
    body = {"html": decoded.text} if kind == "html" else {"text": decoded.text}
    yield RawArticle(id=None, source=Source(path=where), warnings=decoded.warnings, **body)


# -- JSON Lines --------------------------------------------------------------------------------

def lines(stream: IO[AnyStr], where: str, limit: int | None = None) -> Iterator[tuple[str, AnyStr] | InputError]:
    """(place, line) for each non-blank line of ``stream``, never holding more than ``limit``
    (default MAX_BYTES) bytes or characters of one line: a longer line is skipped to its end and
    reported. A read error (a ``.gz`` cut short, corrupt data) ends the stream with an InputError."""
    limit = limit or MAX_BYTES
    n = 0
    try:
        while line := stream.readline(limit + 1):
            n += 1
            newline = b"\n" if isinstance(line, bytes) else "\n"
            if len(line) > limit and not line.endswith(newline):
                while (rest := stream.readline(1 << 20)) and not rest.endswith(newline):
                    pass
                yield InputError(f"record over the {_mb(limit)} limit", f"{where}:{n}")
            elif line.strip():
                yield f"{where}:{n}", line
    except READ_ERRORS as exc:
        yield InputError(f"cannot read past line {n}: {exc}", where)


def _line_text(line: bytes | str, at: str) -> tuple[str, tuple[str, ...]]:
    if isinstance(line, str):
        return line, ()
    try:
        return line.decode("utf-8"), ()
    except UnicodeDecodeError:
        decoded = decode(line, at)
        return decoded.text, decoded.warnings


def _jsonl(stream: IO, where: str, path: str | None) -> Iterator[Item]:
    """One article per line, streamed: memory stays bounded whatever the size of the dump."""
    found = False
    for item in lines(stream, where):
        found = True
        if isinstance(item, InputError):
            yield item
            continue
        at, line = item
        try:
            text, warnings = _line_text(line, at)
            raw = from_record(json.loads(text.lstrip("\ufeff")), at, path)
        except json.JSONDecodeError as exc:
            yield InputError(f"not JSON ({exc.msg})", at)
            continue
        except InputError as exc:
            yield exc
            continue
        except (ValueError, RecursionError) as exc:  # a 5,000-digit number, arrays nested 100,000 deep
            yield InputError(f"not readable JSON ({type(exc).__name__}: {str(exc)[:80]})", at)
            continue
        yield replace(raw, warnings=warnings) if warnings else raw
    if not found:
        yield InputError("no article in this file (no JSON line)", where)


def _open_jsonl(f: IO[bytes]) -> IO:
    """UTF-16 and UTF-32 dumps (with a byte-order mark) are read as text; anything else as bytes,
    decoded line by line."""
    head = f.peek(4)[:4] if hasattr(f, "peek") else b""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return io.TextIOWrapper(f, encoding=encoding, errors="strict", newline="")
    return f


def _jsonl_file(path: Path, gz: bool, where: str) -> Iterator[Item]:
    try:
        with (gzip.open(path, "rb") if gz else open(path, "rb")) as f:
            yield from _jsonl(_open_jsonl(f), where, where)
    except (*READ_ERRORS, UnicodeDecodeError) as exc:
        yield InputError(f"cannot read: {exc}", where)


# -- WARC --------------------------------------------------------------------------------------

def _warc(path: Path, where: str) -> Iterator[Item]:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:  # pragma: no cover
        yield InputError("reading WARC needs warcio: pip install warcio", where)
        return
    found, n = False, 0
    try:
        with open(path, "rb") as f:
            records = ArchiveIterator(f)
            for n, rec in enumerate(records, 1):
                item = _warc_page(rec, f"{where}#{n}", where)
                if item is not None:
                    found = True
                    yield item
            size = os.fstat(f.fileno()).st_size
            if records.offset < size:
                found = True
                yield InputError(f"cut short: the {size - records.offset} bytes after record {n} are not a whole "
                                 "record (lost)", where)
    except Exception as exc:  # warcio raises several unrelated types on corrupt archives
        found = True
        yield InputError(f"broken WARC archive after record {n}: {exc}" if n else f"not a WARC archive: {exc}", where)
    if not found:
        yield InputError("no article in this file (no HTML response record)", where)


def _warc_page(rec, where: str, path: str) -> Item | None:
    """The HTML page of one WARC record, an InputError, or None for a record that holds no page."""
    if rec.rec_type != "response":
        return None
    ctype = (rec.http_headers.get_header("Content-Type") or "") if rec.http_headers else ""
    if "html" not in ctype.lower():
        return None
    data = rec.content_stream().read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return InputError(f"record over the {_mb(MAX_BYTES)} limit", where)
    missing = getattr(rec.raw_stream, "limit", 0)
    if missing:
        return InputError(f"record cut short ({missing} bytes missing)", where)
    try:
        decoded = decode(data, where)
    except InputError as exc:
        return exc
    url = rec.rec_headers.get_header("WARC-Target-URI")
    # WARC-Date is the crawl date, not publication: the page's own metadata decides.
    return RawArticle(id=None, source=Source(path=path, url=url), html=decoded.text, warnings=decoded.warnings)


# -- paths and stdin ---------------------------------------------------------------------------

def _walk(root: Path) -> Iterator[Path | InputError]:
    """Supported files under ``root``, sorted, hidden ones left out; symbolic links to folders are
    not followed (no loops); a folder that cannot be listed is reported."""
    unreadable: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable.append):
        while unreadable:
            exc = unreadable.pop(0)
            yield InputError(f"cannot list folder: {exc.strerror or exc}", printable(str(exc.filename)))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath, name)
            if not name.startswith(".") and _kind(p)[0] is not None:
                yield p
    for exc in unreadable:
        yield InputError(f"cannot list folder: {exc.strerror or exc}", printable(str(exc.filename)))


def read_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Item]:
    """Articles from files and directories (recursively), in order; ``-`` reads stdin."""
    for raw in paths:
        if str(raw) == "-":
            yield from read_stream(getattr(sys.stdin, "buffer", sys.stdin))
            continue
        p = Path(raw)
        if p.is_dir():
            for f in _walk(p):
                if isinstance(f, InputError):
                    yield f
                else:
                    yield from read_file(f)
        else:
            yield from read_file(p)


class _Rejoined:
    """A stream whose first chunk was read already: ``readline`` serves that chunk again first."""

    def __init__(self, head: AnyStr, stream: IO[AnyStr]):
        self.head, self.stream = head, stream

    def readline(self, size: int = -1) -> AnyStr:
        if not self.head:
            return self.stream.readline(size)
        cut = self.head.find(b"\n" if isinstance(self.head, bytes) else "\n") + 1 or len(self.head)
        if 0 <= size < cut:
            cut = size
        line, self.head = self.head[:cut], self.head[cut:]
        if self.head or line.endswith(b"\n" if isinstance(line, bytes) else "\n") or len(line) == size:
            return line
        return line + self.stream.readline(size - len(line) if size >= 0 else -1)


def read_stream(stream: IO, where: str = "<stdin>") -> Iterator[Item]:
    """Articles from a stream (bytes, or text): JSON Lines when it starts with an object, else one
    text or HTML page."""
    head = stream.read(8192)
    first = head.lstrip()[:1]
    if first in ("{", b"{"):
        yield from _jsonl(_Rejoined(head, stream), where, None)
        return
    data = head + stream.read(MAX_BYTES + 1 - len(head))
    if len(data) > MAX_BYTES:
        yield InputError(f"over the {_mb(MAX_BYTES)} limit", where)
        return
    try:
        if isinstance(data, bytes):
            decoded = decode(data, where)
            text, warnings = decoded.text, decoded.warnings
        else:
            text, warnings = check_string(data, "text", where), ()
        if not text.strip():
            raise InputError("empty input", where)
    except InputError as exc:
        yield exc
        return
    html = text.lstrip()[:1] == "<" and ("<html" in text[:2000].lower() or "<body" in text[:5000].lower())
    body = {"html": text} if html else {"text": text}
    yield RawArticle(id=None, source=Source(), warnings=warnings, **body)
