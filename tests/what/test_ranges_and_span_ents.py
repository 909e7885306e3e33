"""The bisection helpers give what the scans they replace gave."""
import random

import pytest

from veille.what.triggers import _in_ranges


def test_in_ranges_is_any_range_holding_the_offset():
    rng = random.Random(7)
    for _ in range(300):
        ranges = [(a, a + rng.randint(-2, 6)) for a in (rng.randint(0, 40) for _ in range(rng.randint(0, 6)))]
        inside = _in_ranges(ranges)
        for x in range(-2, 50):
            assert inside(x) == any(a <= x < b for a, b in ranges), (ranges, x)


@pytest.mark.model
def test_span_ents_are_spacys_span_ents():
    from veille import nlp
    from veille.options import Options
    from veille.what.context import span_ents

    doc = nlp.load("fr", Options().models["fr"])(
        "Le président Emmanuel Macron a rencontré mardi à Berlin Olaf Scholz. Puis il est allé à Rome, "
        "en Italie, avec Bruno Le Maire. La délégation de l'ONU est arrivée à Genève.")
    spans = [*doc.sents, doc[0:5], doc[2:4], doc[3:12], doc[10:30], doc[len(doc) - 3:]]
    for span in spans:
        assert [(e.start, e.end, e.label_) for e in span_ents(span)] == [(e.start, e.end, e.label_) for e in span.ents]
