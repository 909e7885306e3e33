"""Bytes to text: strict UTF-8 first, byte-order marks honoured, anything else decided and said.

The order of decisions:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) names the encoding;
2. UTF-16 without a mark is recognised by its zero bytes (every other byte of Latin text);
3. otherwise NUL bytes mean binary data;
4. strict UTF-8;
5. UTF-8 with a few invalid bytes (more valid multi-byte characters than invalid bytes): the
   invalid bytes become U+FFFD, and the warning says how many; one bad byte never turns a
   whole UTF-8 file into mojibake;
6. a Western European legacy encoding (cp1252, Latin-1, Latin-9, Mac Roman), then any other,
   as detected by charset-normalizer.

Every decision after step 4 is reported in ``Decoded.warnings``, which reach the analysis.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..clean.normalize import looks_binary
from ..errors import InputError

_BOMS = (  # UTF-32 first: its little-endian mark starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
WESTERN = ["cp1252", "latin_1", "iso8859_15", "mac_roman"]
SAMPLE = 4096


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, where: str | None = None) -> Decoded:
    """The text of ``data``, or an InputError (empty, binary, no known encoding)."""
    if not data.strip():
        raise InputError("empty input", where)
    decoded = _with_bom(data, where) or _utf16_without_bom(data) or _utf8(data, where) or _detected(data, where)
    if not decoded.text.strip():
        raise InputError("empty input", where)
    if looks_binary(decoded.text):
        raise InputError("binary data, not text", where)
    return decoded


def _with_bom(data: bytes, where: str | None) -> Decoded | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {encoding.upper()} byte-order mark but is not valid "
                                 f"{encoding.upper()} (byte {exc.start + len(bom)})", where) from exc
            return Decoded(text, () if encoding == "utf-8" else (f"decoded as {encoding.upper()} (byte-order mark)",))
    return None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """Latin text in UTF-16 has a zero byte in every other position, on the same side."""
    sample = data[:SAMPLE - SAMPLE % 2]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    half = len(sample) // 2
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    encoding = "utf-16-le" if odd > 0.6 and even < 0.05 else "utf-16-be" if even > 0.6 and odd < 0.05 else None
    if encoding is None:
        return None
    try:
        text = data[: len(data) - len(data) % 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    return Decoded(text, (f"decoded as {encoding.upper()} (no byte-order mark; recognised by its zero bytes)",))


def _utf8(data: bytes, where: str | None) -> Decoded | None:
    if b"\x00" in data[:SAMPLE]:
        raise InputError("binary data, not text", where)
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "surrogateescape")  # each invalid byte becomes one U+DC80..U+DCFF
    invalid = sum(1 for c in text if "\udc80" <= c <= "\udcff")
    valid = sum(1 for c in text if c >= "\x80" and not "\udc80" <= c <= "\udcff")
    if valid <= invalid:
        return None
    return Decoded(data.decode("utf-8", "replace"),
                   (f"{invalid} invalid UTF-8 byte{'s' if invalid > 1 else ''} replaced by U+FFFD",))


def _detected(data: bytes, where: str | None) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=WESTERN, threshold=0.5).best() or from_bytes(data).best()
    if best is None:
        raise InputError("binary data, or text in no encoding known here", where)
    return Decoded(str(best), (f"not UTF-8: decoded as {best.encoding} (detected)",))
