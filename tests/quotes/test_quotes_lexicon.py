from veille.quotes.lexicon import lexicon


def test_french_forms_are_generated_from_stems():
    lex = lexicon("fr")
    for form in ("expliqué", "explique", "expliquait", "précise", "ajoutant", "dit", "prévient"):
        assert form in lex.forms, form
    assert "précisions" not in lex.forms
    assert ("met", "en", "garde") in lex.phrases
    assert "que" in lex.complementizers and ("selon",) in lex.prepositions


def test_english_resources():
    lex = lexicon("en")
    assert {"said", "told", "according"} - lex.forms == {"according"}
    assert ("according", "to") in lex.prepositions
    assert "that" in lex.complementizers
