"""English: an act announced, offered or refused is coded as PLOVER prescribes
(``[options.intent_as]``, ``willingness``, ``negated_as``; what/intent.py). Invented sentences."""
from __future__ import annotations

from dataclasses import replace

import pytest

from veille import what, who
from veille.records import Actor, Event, Span
from veille.what.intent import recode, recoded
from veille.what.lexicon import load


def _event(etype, fact, mode=None):
    return Event(type=etype, source=Actor(name="Norway", country="NOR"), evidence=Span(0, 5, "Norway"),
                 factuality=fact, mode=mode)


def test_the_table_recodes_by_factuality():
    lex = load("en")
    e = recoded(_event("AID", "planned"), lex)
    assert (e.type, e.factuality, e.mode) == ("AGREE", "actual", None)
    assert recoded(_event("ASSAULT", "planned", "airstrike"), lex).type == "THREATEN"
    # done acts, and announced retreats and concessions (the manual keeps them), are not recoded
    assert recoded(_event("AID", "actual"), lex).type == "AID"
    assert recoded(_event("RETREAT", "planned"), lex).type == "RETREAT"
    assert recoded(_event("CONCEDE", "planned"), lex).type == "CONCEDE"


def test_french_keeps_the_act_with_its_factuality():
    lex = load("fr")
    assert not lex.intent_as
    e = _event("AID", "planned")
    assert recode([e], lex) == [e]


def test_two_acts_that_become_one_intention_are_kept_once():
    lex = load("en")
    a, b = _event("AID", "planned"), _event("SUPPORT", "planned")
    agree = replace(_event("AGREE", "actual"))
    out = recode([agree, a, b], lex)
    assert [e.type for e in out] == ["AGREE"]


def _run(work, text):
    w = work(text, lang="en", published="2021-03-10")
    who.annotate(w)
    w.times = []
    what.annotate(w)
    return w


@pytest.mark.model
@pytest.mark.parametrize("text, want", [
    ("Sweden will send food aid to Malawi next month.", "AGREE"),
    ("The Dutch government is willing to withdraw its troops from Mali.", "AGREE"),
    ("Portugal will impose a curfew on the border town.", "THREATEN"),
    ("The Chilean government will not meet the Peruvian delegation.", "REJECT"),
])
def test_announced_acts_in_english(work, text, want):
    w = _run(work, text)
    assert w.events
    assert w.events[0].type == want
    assert w.events[0].factuality == "actual"


@pytest.mark.model
def test_a_done_act_keeps_its_type(work):
    w = _run(work, "Sweden sent food aid to Malawi last month.")
    assert [e.type for e in w.events][:1] == ["AID"]


@pytest.mark.model
def test_willing_shares_its_subject(work):
    w = _run(work, "Norway is ready to contribute troops to the peacekeeping force.")
    assert w.events and w.events[0].source.country == "NOR"


def test_only_english_keeps_unjudged_doers():
    assert "doer" in load("en").unjudged_proposals
    assert not load("fr").unjudged_proposals


@pytest.mark.model
def test_a_doer_named_in_the_sentence_is_proposed_without_a_model(work):
    w = _run(work, "The Norwegian government is opposed to Danish mediation in the fishing dispute.")
    (e,) = [e for e in w.events if e.type == "REJECT"]
    assert e.source.country == "NOR"


@pytest.mark.model
def test_a_doer_named_only_before_is_not_proposed(work):
    w = _run(work, "The Danish minister spoke on Monday. Talks were held on Tuesday.")
    assert not [e for e in w.events if e.type == "CONSULT"]


@pytest.mark.model
def test_events_are_in_reading_order(work):
    # the demonstrations' doer is proposed (found after the stated demand), yet they come first
    w = _run(work, "Members of the Chilean Students Federation staged demonstrations on Friday to demand lower fees.")
    assert [e.type for e in w.events][:2] == ["PROTEST", "REQUEST"]
    starts = [e.trigger.start for e in w.events if e.trigger is not None]
    assert starts == sorted(starts)
