"""The date of an event: the time expression of its clause, never a year mentioned in passing."""
from __future__ import annotations

import pytest

from veille import quotes, what, when, who


def run(work, text, published="2021-03-10"):
    w = work(text, lang="fr", published=published)
    who.annotate(w)
    when.annotate(w)
    quotes.annotate(w)
    what.annotate(w)
    return w


@pytest.mark.model
def test_a_year_naming_a_thing_dates_no_event(work):
    w = run(work, "Le président sénégalais Macky Sall a condamné l'accord signé par le Mali et la Guinée en 2015.")
    accusations = [e for e in w.events if e.type == "ACCUSE"]
    assert accusations
    assert all(e.date != "2015" for e in accusations)
    assert accusations[0].date == "2021-03-10"


@pytest.mark.model
def test_the_clause_own_year_dates_it(work):
    w = run(work, "En 2015, le président sénégalais Macky Sall avait condamné le gouvernement malien.")
    assert not [e for e in w.events if e.type == "ACCUSE" and e.date == "2021-03-10"]
