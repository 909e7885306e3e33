"""A year after "depuis" opening a sentence is no story frame. Sentences written for these tests."""
import pytest


@pytest.mark.model
def test_since_a_year_sets_no_story(parsed_times):
    assert parsed_times("Depuis 2014, la guerre oppose les rebelles au gouvernement. L'accord avait été signé "
                        "le 5 novembre à Ryad.", "fr", "2020-05-11") == [("2014", "2014"), ("le 5 novembre", "2019-11-05")]
