"""Read .txt, .html/.htm (optionally .gz), .jsonl, WARC files, directories and stdin."""
from __future__ import annotations

import gzip
import hashlib
import io
import itertools
import json
import logging
import os
from pathlib import Path
from typing import IO, Iterable, Iterator

from ..clean.normalize import looks_binary
from ..errors import InputError
from ..records import RawArticle, Source

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024          # one article (file, record or WARC response) larger than this is refused
TEXT_EXT = (".txt", ".text")
HTML_EXT = (".html", ".htm", ".xhtml")
JSONL_EXT = (".jsonl", ".ndjson", ".json")
WARC_EXT = (".warc", ".arc")
SUPPORTED = TEXT_EXT + HTML_EXT + JSONL_EXT + WARC_EXT

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


def _decode(data: bytes, where: str) -> str:
    if not data.strip():
        raise InputError("empty input", where)
    if b"\x00" in data[:4096]:
        raise InputError("binary data, not text", where)
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        text = data.decode("latin-1")
    if looks_binary(text):
        raise InputError("binary data, not text", where)
    return text


def _read_bytes(path: Path, gz: bool) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"file is {size / 1e6:.0f} MB, over the {MAX_BYTES // 2**20} MB limit", str(path))
    try:
        if gz:
            with gzip.open(path, "rb") as f:
                data = f.read(MAX_BYTES + 1)
        else:
            data = path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"cannot read: {exc}", str(path)) from exc
    if len(data) > MAX_BYTES:
        raise InputError(f"over the {MAX_BYTES // 2**20} MB limit once decompressed", str(path))
    return data


def content_id(text: str) -> str:
    """A stable id for an article without one: a hash of its content."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _from_record(rec: dict, where: str, path: str | None) -> RawArticle:
    if not isinstance(rec, dict):
        raise InputError("a JSONL line must be an object", where)
    text, html = rec.get("text"), rec.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        raise InputError("record has no 'text' or 'html'", where)
    published = rec.get("published") or rec.get("date")
    rid = rec.get("id")
    return RawArticle(
        id=str(rid) if rid is not None else None,
        source=Source(path=path, url=rec.get("url"), outlet=rec.get("outlet")),
        text=text if isinstance(text, str) and text.strip() else None,
        html=html if not (isinstance(text, str) and text.strip()) else None,
        title=rec.get("title"), published=str(published) if published else None,
        language=rec.get("language") or rec.get("lang"))


def _jsonl(stream: IO[str], where: str, path: str | None) -> Iterator[Item]:
    """One article per line, streamed: memory stays bounded whatever the size of the dump."""
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        at = f"{where}:{n}"
        if len(line) > MAX_BYTES:
            yield InputError(f"record over the {MAX_BYTES // 2**20} MB limit", at)
            continue
        try:
            yield _from_record(json.loads(line), at, path)
        except json.JSONDecodeError as exc:
            yield InputError(f"not JSON ({exc.msg})", at)
        except InputError as exc:
            yield exc


def _jsonl_file(path: Path, gz: bool) -> Iterator[Item]:
    where = str(path)
    try:
        with (gzip.open(path, "rt", encoding="utf-8-sig", errors="replace") if gz
              else open(path, encoding="utf-8-sig", errors="replace")) as f:
            yield from _jsonl(f, where, where)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputError(f"cannot read: {exc}", where)


def _warc(path: Path) -> Iterator[Item]:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:  # pragma: no cover
        yield InputError("reading WARC needs warcio: pip install warcio", str(path))
        return
    try:
        with open(path, "rb") as f:
            for n, rec in enumerate(ArchiveIterator(f), 1):
                if rec.rec_type != "response":
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") or "") if rec.http_headers else ""
                if "html" not in ctype.lower():
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                where = f"{path}#{n}"
                try:
                    html = _decode(rec.content_stream().read(MAX_BYTES + 1), where)
                except InputError as exc:
                    yield exc
                    continue
                # WARC-Date is the crawl date, not publication: the page's own metadata decides.
                yield RawArticle(id=None, source=Source(path=str(path), url=url), html=html)
    except Exception as exc:  # warcio raises several unrelated types on corrupt archives
        yield InputError(f"broken WARC archive: {exc}", str(path))


def read_file(path: Path) -> Iterator[Item]:
    kind, gz = _kind(path)
    where = str(path)
    if kind is None:
        yield InputError(f"unsupported file type (expected {', '.join(SUPPORTED)}, optionally .gz)", where)
        return
    if kind == "warc":
        yield from _warc(path)
        return
    if kind == "jsonl":
        yield from _jsonl_file(path, gz)
        return
    try:
        data = _read_bytes(path, gz)
        text = _decode(data, where)
    except InputError as exc:
        yield exc
        return
    if kind == "html":
        yield RawArticle(id=None, source=Source(path=where), html=text)
    else:
        yield RawArticle(id=None, source=Source(path=where), text=text)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath, name)
            if not name.startswith(".") and _kind(p)[0] is not None:
                yield p


def read_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Item]:
    """Articles from files and directories (recursively), in order; ``-`` reads stdin."""
    import sys
    for raw in paths:
        if str(raw) == "-":
            yield from read_stream(sys.stdin)
            continue
        p = Path(raw)
        if p.is_dir():
            for f in _walk(p):
                yield from read_file(f)
        elif p.is_file():
            yield from read_file(p)
        else:
            yield InputError("no such file or directory", str(p))


def read_stream(stream: IO[str], where: str = "<stdin>") -> Iterator[Item]:
    """Articles from a text stream: JSON Lines when it starts with an object, else one text or HTML page."""
    head = stream.read(8192)
    first = head.lstrip()[:1]
    if first == "{":
        yield from _jsonl(itertools.chain(io.StringIO(head + stream.readline()), stream), where, None)
        return
    data = head + stream.read(MAX_BYTES + 1 - len(head))
    if len(data) > MAX_BYTES:
        yield InputError(f"over the {MAX_BYTES // 2**20} MB limit", where)
        return
    if not data.strip():
        yield InputError("empty input", where)
        return
    if first == "<" and ("<html" in data[:2000].lower() or "<body" in data[:5000].lower()):
        yield RawArticle(id=None, source=Source(), html=data)
    else:
        yield RawArticle(id=None, source=Source(), text=data)
