"""'aujourd'hui' after a participle of a state, or opening a sentence before an adjective: nowadays.
Sentences written for these tests."""


def test_a_state_told_of_now(times_of):
    assert times_of("Le président ira dans des territoires meurtris aujourd'hui par la guerre.", "2018-09-23") == [
        ("aujourd'hui", "PRESENT_REF")]
    assert times_of("Aujourd'hui déserte, elle a fait l'objet d'une offensive.", "2018-09-23") == [
        ("Aujourd'hui", "PRESENT_REF")]


def test_a_dated_act_stays_the_day(times_of):
    assert times_of("Le ministre a annoncé aujourd'hui sa démission.", "2018-09-23") == [("aujourd'hui", "2018-09-23")]
