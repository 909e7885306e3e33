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


def test_a_quotation_opening_a_sentence_starts_a_unit_the_parser_missed():
    # the parser saw one sentence; the quotation after the full stop, or glued to the one
    # before it by a lost paragraph break, is a sentence of its own
    text = ('Le maire a confirmé que la piscine "restera fermée" cet été. "Nous rouvrirons en septembre", '
            'a-t-il ajouté."Rien ne presse"')
    units = unit_bounds(text, [0], find_pairs(text))
    assert [text[a:b] for a, b in units] == [
        'Le maire a confirmé que la piscine "restera fermée" cet été.',
        '"Nous rouvrirons en septembre", a-t-il ajouté.',
        '"Rien ne presse"']


def test_a_quotation_inside_a_sentence_starts_no_unit():
    text = 'Il a dit "Non" puis il a parlé de "Paris" au "Monde", "Libération" et ailleurs.'
    assert unit_bounds(text, [0], find_pairs(text)) == [(0, len(text))]


def test_cuts_outside_the_quotations_as_the_filter_per_pair():
    import random

    from veille.quotes.marks import Pair, _outside
    rnd = random.Random(4)
    for _ in range(500):
        cuts = set(rnd.sample(range(200), rnd.randint(0, 40)))
        pairs = []
        for _ in range(rnd.randint(0, 8)):
            a = rnd.randint(0, 190)
            pairs.append(Pair(a, a + rnd.randint(0, 40), a + 1, a + 2))
        expected = set(cuts)
        for p in pairs:
            expected = {c for c in expected if not p.open < c <= p.close}
        assert _outside(cuts, pairs) == expected
