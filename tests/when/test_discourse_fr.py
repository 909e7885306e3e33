"""The discourse anchor: expressions resolved against the time the text is in (the last dates it
named, the clause's tense), with the publication date as the default. Sentences written for these
tests."""
import pytest


def test_a_story_set_in_another_year_keeps_its_year(times_of):
    text = ("En février 2018, le tueur a reconnu deux crimes. Le 5 mars, les fouilles ont commencé. "
            "Elles ont cessé en novembre.")
    assert times_of(text, "2020-06-10") == [
        ("février 2018", "2018-02"), ("Le 5 mars", "2018-03-05"), ("novembre", "2018-11")]


def test_a_framing_year_sets_the_story_but_a_background_year_does_not(times_of):
    assert times_of("En 2017, il a été élu. En mars, il a démissionné.", "2020-06-10") == [
        ("2017", "2017"), ("mars", "2017-03")]
    assert times_of("La ville a basculé à droite en 1995. Le 15 mars, il est arrivé en tête.", "2020-06-28") == [
        ("1995", "1995"), ("Le 15 mars", "2020-03-15")]


def test_a_story_goes_forward_from_its_date(times_of):
    # a month named after "décembre 2001" is after it, not the October before
    assert times_of("Il a tenté de faire sauter un avion en décembre 2001. Il a plaidé coupable le 22 octobre.",
                 "2003-01-31") == [("décembre 2001", "2001-12"), ("le 22 octobre", "2002-10-22")]


def test_the_story_fades_after_a_few_sentences(times_of):
    text = ("Le 3 février 2016, il a été arrêté. Il a nié. Il a été libéré. Le procès a suivi. "
            "Le 5 mars, il a été entendu.")
    assert times_of(text, "2020-06-10")[-1] == ("Le 5 mars", "2020-03-05")


def test_a_weekday_given_with_its_date_picks_the_year(times_of):
    assert times_of("Une source l'a indiqué mercredi 18 septembre.", "2019-09-20") == [
        ("mercredi 18 septembre", "2019-09-18")]


def test_a_weekday_without_tense_stays_in_the_week_being_told(times_of):
    text = "Il y a eu 40 cas entre vendredi et lundi (13 cas vendredi, 17 samedi, 4 dimanche et 6 lundi)."
    assert times_of(text, "2020-07-29") == [
        ("vendredi", "2020-07-24"), ("lundi", "2020-07-27"), ("vendredi", "2020-07-24"),
        ("samedi", "2020-07-25"), ("dimanche", "2020-07-26"), ("lundi", "2020-07-27")]


def test_this_weekend_on_a_monday_is_the_one_just_gone(times_of):
    assert times_of("Une vidéo a circulé ce week-end.", "2019-09-23") == [("ce week-end", "2019-W38-WE")]
    assert times_of("Le festival ouvrira ce week-end.", "2019-09-23") == [("ce week-end", "2019-W39-WE")]


def test_a_conditional_points_forward(times_of):
    assert times_of("Elle a assuré que le dispositif serait allégé à compter de vendredi.", "2020-07-29") == [
        ("vendredi", "2020-07-31")]


@pytest.mark.model
def test_a_reporting_day_does_not_move_the_time_of_the_story(parsed_times):
    assert parsed_times("Un homme a été tué dans la nuit de samedi à dimanche, a annoncé la police lundi. "
                        "Les attaques ont eu lieu vers 2 h 30.", "fr", "2020-09-07") == [
        ("la nuit de samedi à dimanche", "2020-09-05TNI"), ("lundi", "2020-09-07"), ("vers 2 h 30", "2020-09-06T02:30")]


@pytest.mark.model
def test_a_present_participle_takes_the_tense_of_its_clause(parsed_times):
    assert parsed_times("Le maire a précisé les chiffres, évoquant 40 cas entre vendredi et lundi.", "fr", "2020-07-29") == [
        ("vendredi", "2020-07-24"), ("lundi", "2020-07-27")]


@pytest.mark.model
def test_the_tense_outside_a_quotation_does_not_date_it(parsed_times):
    assert parsed_times("« C'est dur d'être maire aujourd'hui », a témoigné l'élu.", "fr", "2020-01-13") == [
        ("aujourd'hui", "PRESENT_REF")]


@pytest.mark.model
def test_what_a_verb_calls_for_is_ahead(parsed_times):
    assert parsed_times("Les syndicats ont appelé à manifester jeudi.", "fr", "2019-05-10") == [
        ("jeudi", "2019-05-16")]


@pytest.mark.model
def test_a_weekday_named_again_is_the_same_day(parsed_times):
    # told again in the present, "lundi" is still the Monday just gone; in a tense pointing the
    # other way it is another one
    assert parsed_times("Le ministre a annoncé lundi une réforme. Lundi, il précise que le texte arrive au Parlement.",
                        "fr", "2020-01-18") == [("lundi", "2020-01-13"), ("Lundi", "2020-01-13")]
    assert parsed_times("Il a voté lundi. Il sera reçu à l'Élysée lundi.", "fr", "2020-01-18") == [
        ("lundi", "2020-01-13"), ("lundi", "2020-01-20")]


@pytest.mark.model
def test_an_infinitive_on_a_noun_points_forward(parsed_times):
    assert parsed_times("Ils négociaient une liste à présenter dimanche.", "fr", "2020-01-18") == [
        ("dimanche", "2020-01-19")]


def test_a_week_is_not_a_day(times_of):
    # "2019-W38" names a week: it gives no day to the expressions after it
    assert times_of("La semaine dernière, il a parlé. Il a reparlé lundi matin.", "2019-09-23")[-1] == (
        "lundi matin", "2019-09-23TMO")


@pytest.mark.model
def test_a_present_tense_clause_is_not_in_the_story_year(parsed_times):
    assert parsed_times("Les morts ont baissé, autant qu'en juillet 2019. Avant le 15 août, la police appelle à la prudence.",
                        "fr", "2020-08-13") == [("juillet 2019", "2019-07"), ("le 15 août", "2020-08-15")]


@pytest.mark.model
def test_a_plan_told_in_the_imperfect_may_lie_ahead(parsed_times):
    assert parsed_times("La foire, qui devait se tenir courant octobre, est annulée.", "fr", "2020-08-08") == [
        ("courant octobre", "2020-10")]


def test_a_weekday_and_a_date_that_disagree_near_the_publication(times_of):
    # 12 May 2019 is a Sunday: "samedi 12 mai" told on the 13th is a slip, the Saturday is meant
    assert times_of("Il a été élu samedi 12 mai au premier tour.", "2019-05-13") == [
        ("samedi 12 mai", "2019-05-11")]
    # far from the publication, the weekday still picks the year of the date
    assert times_of("Le traité a été signé mercredi 18 septembre.", "2020-05-20") == [
        ("mercredi 18 septembre", "2019-09-18")]


@pytest.mark.model
def test_a_planned_participle_points_forward(parsed_times):
    assert parsed_times("Le combat prévu fin novembre à Bâle n'aura pas lieu.", published="2019-08-17") == [
        ("fin novembre", "2019-11")]
    assert parsed_times("Le concert, programmé samedi, est annulé.", published="2019-08-14") == [
        ("samedi", "2019-08-17")]


def test_a_month_named_again_keeps_its_year(times_of):
    # "en mai" after a story set in 2015 is the May the text named first, not the one after 2015
    text = ("Le 10 mai, elle a quitté son mandat. Il avait été exclu du parti en août 2015. "
            "Il le regrettait déjà en mai.")
    assert times_of(text, "2017-06-26") == [
        ("Le 10 mai", "2017-05-10"), ("août 2015", "2015-08"), ("mai", "2017-05")]
    # without that first mention, the story's year goes forward
    assert times_of("Il avait été exclu du parti en août 2015. Il le regrettait déjà en mai.", "2017-06-26") == [
        ("août 2015", "2015-08"), ("mai", "2016-05")]


@pytest.mark.model
def test_the_date_of_a_thing_does_not_set_the_story(parsed_times):
    # a date hanging on a noun names the attacks, not the time the text is in
    assert parsed_times("Il est le seul survivant des commandos du 13 novembre 2015. Deux complices ont été condamnés en avril.",
                        published="2018-06-20") == [("13 novembre 2015", "2015-11-13"), ("avril", "2018-04")]
    # a date the clause is told in still does
    assert parsed_times("Le 13 novembre 2015, il a été arrêté. Il a été condamné en avril.", published="2018-06-20") == [
        ("Le 13 novembre 2015", "2015-11-13"), ("avril", "2016-04")]


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("Le cinéaste est décédé vendredi à Paris.", "2016-07-01"),
    ("Le ministre est arrivé lundi à Berlin.", "2016-07-04"),
    ("Le ministre est reçu vendredi à Berlin.", "2016-07-08"),  # a passive in the present: ahead
])
def test_a_past_tense_with_etre_is_past(parsed_times, text, expected):
    assert [v for _, v in parsed_times(text, published="2016-07-06")] == [expected]


@pytest.mark.model
def test_a_weekday_misread_as_a_verb_takes_the_tense_of_its_clause(parsed_times):
    # the parser may read "dimanche" after an adjective as a participle: its "past" dates nothing
    assert parsed_times("Elle organise une réunion publique dimanche à Lyon.", published="2016-09-03") == [
        ("dimanche", "2016-09-04")]


@pytest.mark.model
def test_the_weekend_being_told(parsed_times):
    # told on a Tuesday in the past: the weekend just gone; "en plein week-end" on a Sunday: this one
    assert parsed_times("Il venait de passer le week-end avec sa famille.", published="2019-03-05") == [
        ("le week-end", "2019-W09-WE")]
    assert parsed_times("Les services tournent au ralenti, on est en plein week-end.", published="2019-11-17") == [
        ("week-end", "2019-W46-WE")]
    # a habit, and a weekend of something, are no time
    assert parsed_times("Le week-end, les magasins ferment plus tôt.", published="2019-11-17") == []


@pytest.mark.model
def test_this_weekday_takes_the_side_of_its_tense(parsed_times):
    # told on a Tuesday: Saturday is three days back and four ahead
    assert parsed_times("Les militants sont appelés à voter ce samedi.", published="2017-11-14") == [
        ("ce samedi", "2017-11-18")]
    assert parsed_times("Les militants ont voté ce samedi.", published="2017-11-14") == [
        ("ce samedi", "2017-11-11")]


def test_a_month_named_again_is_not_taken_back_against_the_tense(times_of):
    # "dira le 16 novembre" looks ahead: not the November of 1984 named just before
    text = "Son audition date de novembre 1984. Le Conseil dira le 16 novembre s'il censure ces textes."
    assert times_of(text, "2018-11-05") == [("novembre 1984", "1984-11"), ("le 16 novembre", "2018-11-16")]
