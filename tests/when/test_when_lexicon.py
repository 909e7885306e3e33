import pytest

from veille.errors import ConfigError
from veille.when import lexicon as lx
from veille.when.rules import RULES


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_pattern_names_a_known_rule(lang):
    lex = lx.for_language(lang)
    assert lex.patterns
    assert {p.rule for p in lex.patterns} <= set(RULES)


def test_lookups_ignore_case_and_accents():
    lex = lx.for_language("fr")
    assert lex.get("months", "DECEMBRE") == 12
    assert lex.get("seasons", "Eté") == "SU"
    assert lex.get("deictic_days", "aujourd’hui") == 0


def test_templates_expand_spaces_apostrophes_and_tables():
    tables = {"units": {"jour": "D", "an": "Y"}}
    out = lx._expand("l'{units} ?x", tables, "test")
    assert "['’]" in out and r"\s*" in out and "jour" in out


def test_unknown_table_is_a_config_error():
    with pytest.raises(ConfigError):
        lx._expand("{nothing}", {}, "test")


def test_a_hyphen_of_a_table_word_may_be_written_as_a_space():
    from veille.when import extract
    from veille.when.lexicon import fold

    assert fold("ce jour-là") == fold("Ce jour là")
    # an anaphoric day, a part of day, a number written without their hyphen
    assert [(t.text, t.value) for t in extract("Le 12 mars, il est parti. Ce jour là, il pleuvait.", "fr",
                                               "2018-04-06")][-1] == ("Ce jour là", "2018-03-12")
    assert [(t.text, t.value) for t in extract("Dimanche après midi, il est parti.", "fr", "2019-05-10")] == [
        ("Dimanche après midi", "2019-05-05TAF")]
    assert [(t.text, t.value) for t in extract("Dans les années quatre-vingt dix, il écrit.", "fr",
                                               "2019-05-10")] == [("les années quatre-vingt dix", "199X")]
