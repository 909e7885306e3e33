"""Cleft sentences take the tense of their "que" clause. Sentences written for these tests."""
import pytest


@pytest.mark.model
def test_a_cleft_takes_the_tense_of_its_que_clause(parsed_times):
    assert parsed_times("C'est jeudi matin que l'alerte a été donnée.", "fr", "2020-06-13") == [
        ("jeudi matin", "2020-06-11TMO")]
    assert parsed_times("C'est lundi que le ministre se rendra à Lyon.", "fr", "2020-06-13") == [("lundi", "2020-06-15")]
