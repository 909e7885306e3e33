"""nlp.compiled_patterns: a slow regular expression read back compiled is the one ``re`` makes."""
from __future__ import annotations

import re

from veille import nlp

# A pattern the regex cache of ``re`` has not seen: each test builds its own.
_PATTERN = "(?iu)" + "|".join(f"(?:^{w}[-‐][a-zà-öø-ÿ]+$)" for w in ("porte", "garde", "tire", "sous")) + "|(?P<n>[0-9]+)"


def _fresh(pattern: str, flags: int = 0):
    return re._compiler.compile(pattern, flags)


def test_a_pattern_is_kept_then_read_back_the_same(tmp_path):
    path = tmp_path / "patterns.marshal"
    pattern = _PATTERN + "|kept"
    with nlp.compiled_patterns(path, slow=0.0):
        first = re.compile(pattern)
    assert path.is_file()
    assert nlp._read_patterns(path, _key())  # the program is on disk
    re.purge()
    calls = []
    parse = re._compiler._parser.parse
    re._compiler._parser.parse = lambda *a: calls.append(a) or parse(*a)
    try:
        with nlp.compiled_patterns(path, slow=0.0):
            second = re.compile(pattern)
    finally:
        re._compiler._parser.parse = parse
    assert calls == []  # read back, not parsed again
    assert second == first == _fresh(pattern)  # Pattern.__eq__ compares the programs
    assert second.groupindex == {"n": 1} and second.match("porte-avions") and second.match("42").group("n") == "42"
    assert re._compiler.compile is not None and "compiled_patterns" not in repr(re._compiler.compile)


def test_fast_patterns_are_not_kept(tmp_path):
    path = tmp_path / "patterns.marshal"
    with nlp.compiled_patterns(path, slow=60.0):
        assert re.compile(_PATTERN + "|fast") == _fresh(_PATTERN + "|fast")
    assert not path.exists()


def test_a_damaged_or_foreign_file_is_compiled_again(tmp_path):
    path = tmp_path / "patterns.marshal"
    pattern = _PATTERN + "|damaged"
    with nlp.compiled_patterns(path, slow=0.0):
        re.compile(pattern)
    blob = path.read_bytes()
    path.write_bytes(blob[:-10] + b"0123456789")  # the checksum no longer holds
    assert nlp._read_patterns(path, _key()) == {}
    re.purge()
    with nlp.compiled_patterns(path, slow=0.0):
        assert re.compile(pattern) == _fresh(pattern)
    assert nlp._read_patterns(path, "another Python") == {}
    assert nlp._read_patterns(tmp_path / "absent.marshal", _key()) == {}


def _key() -> str:
    import _sre
    return nlp._patterns_key(_sre.MAGIC)
