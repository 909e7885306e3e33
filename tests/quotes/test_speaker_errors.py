"""The classes of scripts/speaker_errors.py, on hand-made candidate groups."""
import pytest


def group(source, labels, features, gold="Eric Dupont"):
    return {"set": "quotes-fr", "doc": "1", "source": source, "labels": labels, "features": features,
            "names": [f"c{k}" for k in range(len(labels))], "gold": gold, "words": "x", "context": "y"}


@pytest.fixture
def classify(repo_script):
    return repo_script("scripts/speaker_errors.py").classify


W = {"rule": 2.0, "head_described": 0.5, "gender_agrees": 0.3}


def test_no_candidate_tells_named_from_unnamed(classify):
    assert classify(group("pronoun", [False, False], [{"rule": 1.0}, {}]), W) == "no candidate: a named speaker"
    assert classify(group("none", [False], [{}], gold="le gouvernement"), W) == "no candidate: an unnamed speaker"


def test_description_linked_or_not(classify):
    linked = group("definite", [False, True], [{"rule": 1.0}, {"head_described": 1.0}])
    unlinked = group("definite", [False, True], [{"rule": 1.0}, {}])
    own = group("definite", [False, True], [{"rule": 1.0}, {"self": 1.0}])
    assert classify(linked, W) == "description: the person linked, outweighed"
    assert classify(unlinked, W) == "description: the person not linked"
    assert classify(own, W) == "description: its own words were right"


def test_pronoun_gender_and_cueless_share(classify):
    both = group("pronoun", [False, True], [{"rule": 1.0, "gender_agrees": 1.0}, {"gender_agrees": 1.0}])
    one = group("pronoun", [False, True], [{"rule": 1.0}, {"gender_agrees": 1.0}])
    assert classify(both, W) == "pronoun: both genders agree"
    assert classify(one, W) == "pronoun: a gender unknown or wrong"
    far = group("none", [False, True], [{"rule": 1.0, "head_described": 1.0, "gender_agrees": 1.0}, {}])
    near = group("none", [False, True], [{"gender_agrees": 1.0}, {}])
    assert classify(far, W) == "no cue: right share < 0.1"
    assert classify(near, W) == "no cue: right share >= 0.1"


@pytest.fixture
def cue_relation(repo_script):
    return repo_script("scripts/speaker_errors.py").cue_relation


def test_cue_relation_compares_the_cue_with_the_gold(cue_relation):
    g = group("name", [True], [{}])
    assert cue_relation({**g, "cue": "a-t-il dit", "gold_cue": "dit"}) == "the gold's cue"
    assert cue_relation({**g, "cue": "a déclaré", "gold_cue": "déclaré"}) == "the gold's cue"
    assert cue_relation({**g, "cue": "Selon", "gold_cue": "évoque"}) == "another cue than the gold's"
    assert cue_relation({**g, "cue": None, "gold_cue": "tempête"}) == "no cue, the gold's missed"
    assert cue_relation({**g, "cue": "a dit", "gold_cue": None}) == "a cue, the gold none"
    assert cue_relation({**g, "cue": None, "gold_cue": None}) == "neither has a cue"


@pytest.fixture
def pronoun_cause(repo_script):
    return repo_script("scripts/speaker_errors.py").pronoun_cause


def test_pronoun_cause_names_who_outranked_the_right_person(pronoun_cause):
    carried = group("pronoun", [False, True], [{"rule": 1.0, "previous_speaker": 1.0}, {}])
    last = group("pronoun", [False, True], [{"rule": 1.0, "recency_first": 1.0}, {}])
    talked = group("pronoun", [False, True], [{"rule": 1.0, "talked_about": 1.0, "recency_first": 1.0}, {}])
    own = group("pronoun", [False, True], [{"rule_words": 1.0}, {}])
    none = group("pronoun", [False, False], [{"rule": 1.0}, {}])
    assert pronoun_cause(carried, W, None, False) == "outranked by the previous speaker carried on (first)"
    assert pronoun_cause(last, W, None, False) == "outranked by the last person named (first)"
    assert pronoun_cause(talked, W, None, False) == "outranked by the person the quotation talks about (first)"
    assert pronoun_cause(own, {"rule_words": 1.0}, None, False) == "outranked by the pronoun's own words (first)"
    assert pronoun_cause(none, W, None, False) == "the right person no candidate (first)"


def test_pronoun_cause_tells_a_run_carried_on_from_an_earlier_error(pronoun_cause):
    before = group("definite", [False, True], [{"rule": 1.0}, {}])
    g = group("pronoun", [False, True], [{"rule": 1.0, "previous_speaker": 1.0}, {}])
    assert pronoun_cause(g, W, before, True).endswith("(after a wrong quote)")
    assert pronoun_cause(g, W, before, False).endswith("(first)")  # the quote before was right
    other = {**before, "names": ["someone else", "c1"]}
    assert pronoun_cause(g, W, other, True).endswith("(first)")  # wrong, but another choice


@pytest.fixture
def description_cause(repo_script):
    return repo_script("scripts/speaker_errors.py").description_cause


def test_description_cause_tells_why_no_feature_tied_it(description_cause):
    after = group("definite", [False, True], [{"rule": 1.0}, {"only_after": 1.0}])
    held = group("definite", [False, True], [{"rule": 1.0, "head_described": 1.0}, {"recency_first": 1.0}])
    own = group("definite", [False, True], [{"rule_words": 1.0, "self": 1.0}, {"is_org": 1.0}])
    other = group("definite", [False, True], [{"rule": 1.0, "previous_speaker": 1.0}, {}])
    assert description_cause(after, W) == "the right one named only after the description (a person)"
    assert description_cause(held, W) == "another candidate holds its head, words or office (a person)"
    assert description_cause(own, {"rule_words": 1.0, "self": 1.0}) == \
        "its own words chosen, the right one named before (an organisation)"
    assert description_cause(other, W) == "another chosen by position or discourse (a person)"
    assert description_cause(group("definite", [False], [{"rule": 1.0}]), W) == "the right entity no candidate"
