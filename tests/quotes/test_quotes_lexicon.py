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


def test_french_source_resources():
    lex = lexicon("fr")
    assert {"agence", "compagnie", "exécutif"} <= lex.org_nouns
    assert "la même source" in lex.same_source and "porte-parole" in lex.spokespersons
    assert "préfecture" in lex.institutions and "mardi" in lex.time_words
    assert "diffusé".startswith(lex.issued_by) and not "menée".startswith(lex.issued_by)
    assert "dit" in lex.self_describing and "lui" in lex.object_clitics
    # accented present forms of first-group verbs are listed, not generated from the stem
    assert {"inquiète", "suggère", "révèle"} <= lex.forms


def test_english_lacks_french_source_keys_without_failing():
    lex = lexicon("en")
    assert lex.org_nouns == frozenset() and lex.issued_by == ()
