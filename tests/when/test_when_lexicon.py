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
