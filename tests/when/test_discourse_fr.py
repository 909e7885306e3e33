"""The discourse anchor: expressions resolved against the time the text is in (the last dates it
named, the clause's tense), with the publication date as the default. Sentences written for these
tests."""
import pytest

from veille.when import annotate, extract


def found(text, published):
    return [(t.text, t.value) for t in extract(text, "fr", published)]


def test_a_story_set_in_another_year_keeps_its_year():
    text = ("En février 2018, le tueur a reconnu deux crimes. Le 5 mars, les fouilles ont commencé. "
            "Elles ont cessé en novembre.")
    assert found(text, "2020-06-10") == [
        ("février 2018", "2018-02"), ("Le 5 mars", "2018-03-05"), ("novembre", "2018-11")]


def test_a_framing_year_sets_the_story_but_a_background_year_does_not():
    assert found("En 2017, il a été élu. En mars, il a démissionné.", "2020-06-10") == [
        ("2017", "2017"), ("mars", "2017-03")]
    assert found("La ville a basculé à droite en 1995. Le 15 mars, il est arrivé en tête.", "2020-06-28") == [
        ("1995", "1995"), ("Le 15 mars", "2020-03-15")]


def test_a_story_goes_forward_from_its_date():
    # a month named after "décembre 2001" is after it, not the October before
    assert found("Il a tenté de faire sauter un avion en décembre 2001. Il a plaidé coupable le 22 octobre.",
                 "2003-01-31") == [("décembre 2001", "2001-12"), ("le 22 octobre", "2002-10-22")]


def test_the_story_fades_after_a_few_sentences():
    text = ("Le 3 février 2016, il a été arrêté. Il a nié. Il a été libéré. Le procès a suivi. "
            "Le 5 mars, il a été entendu.")
    assert found(text, "2020-06-10")[-1] == ("Le 5 mars", "2020-03-05")


def test_a_weekday_given_with_its_date_picks_the_year():
    assert found("Une source l'a indiqué mercredi 18 septembre.", "2019-09-20") == [
        ("mercredi 18 septembre", "2019-09-18")]


def test_a_weekday_without_tense_stays_in_the_week_being_told():
    text = "Il y a eu 40 cas entre vendredi et lundi (13 cas vendredi, 17 samedi, 4 dimanche et 6 lundi)."
    assert found(text, "2020-07-29") == [
        ("vendredi", "2020-07-24"), ("lundi", "2020-07-27"), ("vendredi", "2020-07-24"),
        ("samedi", "2020-07-25"), ("dimanche", "2020-07-26"), ("lundi", "2020-07-27")]


def test_this_weekend_on_a_monday_is_the_one_just_gone():
    assert found("Une vidéo a circulé ce week-end.", "2019-09-23") == [("ce week-end", "2019-W38-WE")]
    assert found("Le festival ouvrira ce week-end.", "2019-09-23") == [("ce week-end", "2019-W39-WE")]


def test_a_conditional_points_forward():
    assert found("Elle a assuré que le dispositif serait allégé à compter de vendredi.", "2020-07-29") == [
        ("vendredi", "2020-07-31")]


@pytest.mark.model
def test_a_reporting_day_does_not_move_the_time_of_the_story(work):
    w = work("Un homme a été tué dans la nuit de samedi à dimanche, a annoncé la police lundi. "
             "Les attaques ont eu lieu vers 2 h 30.", "fr", "2020-09-07")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [
        ("la nuit de samedi à dimanche", "2020-09-05TNI"), ("lundi", "2020-09-07"), ("vers 2 h 30", "2020-09-06T02:30")]


@pytest.mark.model
def test_a_present_participle_takes_the_tense_of_its_clause(work):
    w = work("Le maire a précisé les chiffres, évoquant 40 cas entre vendredi et lundi.", "fr", "2020-07-29")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("vendredi", "2020-07-24"), ("lundi", "2020-07-27")]


@pytest.mark.model
def test_the_tense_outside_a_quotation_does_not_date_it(work):
    w = work("« C'est dur d'être maire aujourd'hui », a témoigné l'élu.", "fr", "2020-01-13")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("aujourd'hui", "PRESENT_REF")]


@pytest.mark.model
def test_what_a_verb_calls_for_is_ahead(work):
    w = work("Les syndicats ont appelé à manifester jeudi.", "fr", "2019-05-10")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("jeudi", "2019-05-16")]


@pytest.mark.model
def test_a_weekday_named_again_is_the_same_day(work):
    # told again in the present, "lundi" is still the Monday just gone; in a tense pointing the
    # other way it is another one
    w = work("Le ministre a annoncé lundi une réforme. Lundi, il précise que le texte arrive au Parlement.",
             "fr", "2020-01-18")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("lundi", "2020-01-13"), ("Lundi", "2020-01-13")]
    w = work("Il a voté lundi. Il sera reçu à l'Élysée lundi.", "fr", "2020-01-18")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("lundi", "2020-01-13"), ("lundi", "2020-01-20")]


@pytest.mark.model
def test_an_infinitive_on_a_noun_points_forward(work):
    w = work("Ils négociaient une liste à présenter dimanche.", "fr", "2020-01-18")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("dimanche", "2020-01-19")]


def test_a_week_is_not_a_day():
    # "2019-W38" names a week: it gives no day to the expressions after it
    assert found("La semaine dernière, il a parlé. Il a reparlé lundi matin.", "2019-09-23")[-1] == (
        "lundi matin", "2019-09-23TMO")


@pytest.mark.model
def test_a_present_tense_clause_is_not_in_the_story_year(work):
    w = work("Les morts ont baissé, autant qu'en juillet 2019. Avant le 15 août, la police appelle à la prudence.",
             "fr", "2020-08-13")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("juillet 2019", "2019-07"), ("le 15 août", "2020-08-15")]


@pytest.mark.model
def test_a_plan_told_in_the_imperfect_may_lie_ahead(work):
    w = work("La foire, qui devait se tenir courant octobre, est annulée.", "fr", "2020-08-08")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("courant octobre", "2020-10")]


def test_a_weekday_and_a_date_that_disagree_near_the_publication():
    # 12 May 2019 is a Sunday: "samedi 12 mai" told on the 13th is a slip, the Saturday is meant
    assert found("Il a été élu samedi 12 mai au premier tour.", "2019-05-13") == [
        ("samedi 12 mai", "2019-05-11")]
    # far from the publication, the weekday still picks the year of the date
    assert found("Le traité a été signé mercredi 18 septembre.", "2020-05-20") == [
        ("mercredi 18 septembre", "2019-09-18")]


@pytest.mark.model
def test_a_planned_participle_points_forward(work):
    w = work("Le combat prévu fin novembre à Bâle n'aura pas lieu.", published="2019-08-17")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("fin novembre", "2019-11")]
    w = work("Le concert, programmé samedi, est annulé.", published="2019-08-14")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("samedi", "2019-08-17")]


def test_a_month_named_again_keeps_its_year():
    # "en mai" after a story set in 2015 is the May the text named first, not the one after 2015
    text = ("Le 10 mai, elle a quitté son mandat. Il avait été exclu du parti en août 2015. "
            "Il le regrettait déjà en mai.")
    assert found(text, "2017-06-26") == [("Le 10 mai", "2017-05-10"), ("août 2015", "2015-08"), ("mai", "2017-05")]
    # without that first mention, the story's year goes forward
    assert found("Il avait été exclu du parti en août 2015. Il le regrettait déjà en mai.", "2017-06-26") == [
        ("août 2015", "2015-08"), ("mai", "2016-05")]


@pytest.mark.model
def test_the_date_of_a_thing_does_not_set_the_story(work):
    # a date hanging on a noun names the attacks, not the time the text is in
    w = work("Il est le seul survivant des commandos du 13 novembre 2015. Deux complices ont été condamnés en avril.",
             published="2018-06-20")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("13 novembre 2015", "2015-11-13"), ("avril", "2018-04")]
    # a date the clause is told in still does
    w = work("Le 13 novembre 2015, il a été arrêté. Il a été condamné en avril.", published="2018-06-20")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("Le 13 novembre 2015", "2015-11-13"), ("avril", "2016-04")]


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("Le cinéaste est décédé vendredi à Paris.", "2016-07-01"),
    ("Le ministre est arrivé lundi à Berlin.", "2016-07-04"),
    ("Le ministre est reçu vendredi à Berlin.", "2016-07-08"),  # a passive in the present: ahead
])
def test_a_past_tense_with_etre_is_past(work, text, expected):
    w = work(text, published="2016-07-06")
    annotate(w)
    assert [t.value for t in w.times] == [expected]


@pytest.mark.model
def test_a_weekday_misread_as_a_verb_takes_the_tense_of_its_clause(work):
    # the parser may read "dimanche" after an adjective as a participle: its "past" dates nothing
    w = work("Elle organise une réunion publique dimanche à Lyon.", published="2016-09-03")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("dimanche", "2016-09-04")]


@pytest.mark.model
def test_the_weekend_being_told(work):
    # told on a Tuesday in the past: the weekend just gone; "en plein week-end" on a Sunday: this one
    w = work("Il venait de passer le week-end avec sa famille.", published="2019-03-05")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("le week-end", "2019-W09-WE")]
    w = work("Les services tournent au ralenti, on est en plein week-end.", published="2019-11-17")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("week-end", "2019-W46-WE")]
    # a habit, and a weekend of something, are no time
    w = work("Le week-end, les magasins ferment plus tôt.", published="2019-11-17")
    annotate(w)
    assert w.times == []


@pytest.mark.model
def test_this_weekday_takes_the_side_of_its_tense(work):
    # told on a Tuesday: Saturday is three days back and four ahead
    w = work("Les militants sont appelés à voter ce samedi.", published="2017-11-14")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("ce samedi", "2017-11-18")]
    w = work("Les militants ont voté ce samedi.", published="2017-11-14")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("ce samedi", "2017-11-11")]
