"""A capital the parser tags as an organisation is still where a meeting happens, not whom it meets."""
from __future__ import annotations

import pytest

from veille import analyze


@pytest.mark.model
def test_a_meeting_in_a_capital_tagged_as_an_organisation_has_no_target():
    a = analyze("NATO leaders met in Vilnius on Wednesday for the second day of a summit.",
                published="2023-07-12", language="en")
    assert [e.type for e in a.events] == ["CONSULT"]
    assert a.events[0].target is None
    vilnius = next(e for e in a.entities if e.name == "Vilnius")
    assert (vilnius.type, vilnius.country) == ("LOC", "LTU")
