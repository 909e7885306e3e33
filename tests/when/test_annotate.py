"""The stage on a parsed Work: the tense of the governing verb directs weekdays."""
import pytest

from veille.when import annotate


@pytest.mark.model
def test_annotate_sets_sorted_times(work):
    w = work("Mike Pompeo s'est entretenu mardi avec Sergueï Lavrov. Il se rendra à Sotchi jeudi.",
             "fr", "2019-05-10")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("mardi", "2019-05-07"), ("jeudi", "2019-05-16")]


@pytest.mark.model
def test_parse_decides_tense_where_text_cues_mislead(work):
    # "prévue" would read as an announcement; the parse finds the past verb governing "lundi"
    w = work("La réunion prévue a eu lieu lundi à Paris.", "fr", "2019-05-10")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("lundi", "2019-05-06")]


@pytest.mark.model
def test_english_parse(work):
    w = work("The minister met his counterpart on Tuesday and will return next week.", "en", "2019-05-10")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("Tuesday", "2019-05-07"), ("next week", "2019-W20")]


def test_annotate_works_without_a_parse():
    from veille.options import Options
    from veille.records import Source
    from veille.work import Work

    w = Work(id="t", source=Source(), text="Il est arrivé hier, le 9 mai.", language="fr",
             options=Options(language="fr"), published="2019-05-10")
    annotate(w)
    assert [(t.text, t.type, t.value) for t in w.times] == [
        ("hier", "DATE", "2019-05-09"), ("le 9 mai", "DATE", "2019-05-09")]
