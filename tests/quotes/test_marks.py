from veille.quotes.marks import find_pairs, unit_bounds


def inner(text, pairs):
    return [text[p.start:p.end] for p in pairs]


def test_guillemets_and_straight_quotes():
    text = 'Il a dit « nous partirons demain » puis "rien ne change", a-t-il ajouté.'
    assert inner(text, find_pairs(text)) == ["nous partirons demain", "rien ne change"]


def test_nested_quotation_is_one_pair():
    text = "« Il m'a dit “ attends ” et il est parti », raconte-t-elle."
    assert inner(text, find_pairs(text)) == ["Il m'a dit “ attends ” et il est parti"]


def test_unclosed_quotation_runs_to_the_paragraph_end():
    text = "Elle ajoute : « la suite viendra plus tard.\nAutre paragraphe."
    pairs = find_pairs(text)
    assert inner(text, pairs) == ["la suite viendra plus tard."]


def test_units_do_not_split_a_quotation():
    text = '"Une phrase. Une autre phrase", a dit Paul Lenoir. Fin.'
    starts = [0, text.index("Une autre"), text.index("Fin")]  # a splitter cutting inside the quotation
    units = unit_bounds(text, starts, find_pairs(text))
    assert [text[a:b] for a, b in units] == ['"Une phrase. Une autre phrase", a dit Paul Lenoir.', "Fin."]
