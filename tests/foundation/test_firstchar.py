"""The first-character gate leaves every match of a pattern as it was."""
import regex

from veille.firstchar import gate

FLAGS = regex.IGNORECASE | regex.UNICODE | regex.V0
TEXT = ("Le 3 mars, lundi, l'armée a dit : « On part mardi ». Mi-mars ou jusqu'à présent ? "
        "En 2019, 14h30, aujourd’hui ; un retour en politiqueSamedi. [crochets] -12 %")


def _same(body: str) -> str:
    g = gate(body)
    plain = regex.compile(r"(?<!\w)(?:" + body + ")", FLAGS)
    gated = regex.compile(g + r"(?<!\w)(?:" + body + ")", FLAGS)
    assert [m.span() for m in gated.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]
    return g


def test_first_characters_of_words_and_options():
    assert _same(r"(?:le\s+)?(?:lundi|mardi)") == "(?=[lm])"
    assert _same(r"(?P<d>\d+)\s*h(?P<m>\d\d)?") == r"(?=[\d])"
    assert _same(r"(?<=\bjusqu['’]à\s+)(?P<w>présent)|(?P<w>mi)-mars") == "(?=[pm])"


def test_punctuation_and_case_sensitive_groups():
    assert _same(r"['’]?(?P<y>\d\d)|«\s*on") == r"(?=[\u0027\u2019\d\u00ab])"
    assert _same(r"(?-i:\p{Lu}\p{Ll}+)") == r"(?=[\w])"
    assert _same(r"\[\w+\]|-\d+") == r"(?=[\u005b\u002d])"


def test_no_gate_when_the_start_is_unbounded():
    for body in (r"a?", r"[^a]b", r"\P{L}x", r"\p{P}", r"(?P<a>x)(?P=a)", r".x", r"\Wx", r"(?:x|)"):
        assert _same(body) == ""
