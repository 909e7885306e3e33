"""Reported words stop where a sentence ends, even when the parser ran two sentences together:
a quotation opening the next sentence is a quote of its own. Invented sentences and people."""
import pytest

from veille.quotes import extract

from quotes_helpers import named

pytestmark = pytest.mark.model


@pytest.mark.parametrize("gap", [" ", "\u00a0 ", ""])
def test_a_quotation_after_a_full_stop_is_no_part_of_the_mixed_quote_before(work, gap):
    w = named(work('Lucie Brassac a assuré que la piscine municipale serait "rouverte avant l\'été".' + gap +
                   '"Les travaux avancent plus vite que prévu et les bassins seront prêts en juin"'),
              ("Lucie Brassac", "PER"))
    quotes = extract(w)
    texts = [q.content.text for q in quotes]
    assert any(t.startswith("la piscine municipale") and "travaux" not in t for t in texts), texts
    assert "Les travaux avancent plus vite que prévu et les bassins seront prêts en juin" in texts
