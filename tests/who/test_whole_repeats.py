"""A name's repeats found with str.find are the regular expression's."""
import random
import re

from veille.who.entities import _run_starts, _whole_repeats


def test_whole_repeats_are_the_regex_matches():
    rng = random.Random(3)
    for _ in range(5000):
        text = "".join(rng.choice("ab-_ é1²,.A’") for _ in range(rng.randint(0, 30)))
        form = "".join(rng.choice("abA-é ") for _ in range(rng.randint(1, 3)))
        expected = [m.span() for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text)]
        assert list(_whole_repeats(text, form)) == expected, (text, form)
        # read from where the text's runs of word characters start: the same spans
        assert list(_whole_repeats(text, form, _run_starts(text))) == expected, (text, form)


def test_a_name_inside_a_word_or_a_hyphenated_name_is_no_repeat():
    text = "Macron, Macronie, pro-Macron et Macron_2 puis Macron."
    assert [text[s:e] for s, e in _whole_repeats(text, "Macron")] == ["Macron", "Macron"]
    assert list(_whole_repeats(text, "Macron"))[1][0] == text.rindex("Macron")


def test_repeats_do_not_overlap_as_the_regex_matches_do_not():
    text = "Le Pen Le Pen Le, puis Le Pen Le."
    expected = [m.span() for m in re.finditer(r"(?<![\w-])Le\ Pen\ Le(?![\w-])", text)]
    assert expected == [(0, 9), (23, 32)]
    assert list(_whole_repeats(text, "Le Pen Le", _run_starts(text))) == expected
