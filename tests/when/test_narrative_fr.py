"""Times of the narrative on new text: reporting clauses with an inverted subject, hours told with
an approximation or a part of day, parts of "that" day. Sentences written for these tests."""
import pytest


@pytest.mark.model
def test_an_inverted_subject_is_not_an_announced_event(parsed_times):
    # "la police" is the subject of "a annoncé", not a thing announced for Tuesday
    assert parsed_times("Le suspect a été interpellé le 3 mai, a annoncé la police mardi.", "fr", "2019-05-16") == [
        ("le 3 mai", "2019-05-03"), ("mardi", "2019-05-14")]


@pytest.mark.model
def test_an_announced_event_still_lies_ahead(parsed_times):
    assert parsed_times("Le gouvernement a annoncé une réunion jeudi.", "fr", "2019-05-14") == [
        ("jeudi", "2019-05-16")]


def test_hours_after_an_approximation_are_clock_times(times_of):
    assert times_of("Le drame s'est produit aux alentours de 23 heures.", "2019-05-16") == [
        ("23 heures", "2019-05-16T23:00")]
    assert times_of("Il est parti autour de 18 heures.", "2019-05-16") == [("18 heures", "2019-05-16T18:00")]


def test_hours_with_their_part_of_day_are_clock_times(times_of):
    assert times_of("Le bar a fermé bien après 2 heures du matin, puis 3 heures du matin.", "2019-05-16")[-1] == (
        "3 heures du matin", "2019-05-16T03:00")


def test_a_range_of_hours_sharing_the_word(times_of):
    assert times_of("Les faits ont eu lieu entre 14 et 16 heures.", "2019-05-16") == [
        ("14", "2019-05-16T14:00"), ("16 heures", "2019-05-16T16:00")]
    # hours of travel stay durations
    assert times_of("Il faut entre 2 et 3 heures de route.", "2019-05-16") == [("2", "PT2H"), ("3 heures", "PT3H")]


def test_that_evening_is_the_evening_of_the_day_told(times_of):
    assert times_of("Le 2 mai, il est sorti. Ce soir-là, il n'est pas rentré.", "2019-05-16") == [
        ("Le 2 mai", "2019-05-02"), ("Ce soir-là", "2019-05-02TEV")]
    assert times_of("Le 2 mai, il est sorti. Cette nuit-là, il a plu.", "2019-05-16")[-1] == (
        "Cette nuit-là", "2019-05-02TNI")


def test_a_range_of_months_across_the_new_year(times_of):
    # told in the past, the end decides where the range lies; otherwise its start
    assert times_of("Entre novembre et février, les ventes ont chuté.", "2019-12-10") == [
        ("novembre", "2018-11"), ("février", "2019-02")]
    assert times_of("La saison, d'octobre à mars, sera difficile.", "2019-12-10") == [
        ("octobre", "2020-10"), ("mars", "2021-03")]


def test_a_range_of_days_keeps_its_start_in_the_same_year(times_of):
    assert times_of("Entre le 1er janvier et le 17 août, 82 cas ont été recensés.", "2020-08-21") == [
        ("le 1er janvier", "2020-01-01"), ("le 17 août", "2020-08-17")]


@pytest.mark.model
def test_a_place_after_a_forward_verb_is_not_a_planned_event(parsed_times):
    # "inviter" plans what it invites to, not the programme one is invited on
    assert parsed_times("L'acteur était invité sur le plateau mardi.", "fr", "2019-05-16") == [
        ("mardi", "2019-05-14")]


def test_a_clock_time_takes_the_day_named_later_in_its_clause(times_of):
    text = "Le président a accueilli son homologue vers 11 heures sur le perron de l'Élysée samedi 10 novembre."
    assert times_of(text, "2018-11-12")[0] == ("vers 11 heures", "2018-11-10T11:00")
    # not across a comma: another clause, another day
    text = "Il est arrivé le 8 novembre vers 11 heures, puis il est reparti samedi."
    assert times_of(text, "2018-11-12")[1] == ("vers 11 heures", "2018-11-08T11:00")


def test_a_number_after_a_date_is_no_year(times_of):
    # "80.000 membres" is a count: the date has no two-digit year, and the months after it keep theirs
    text = "Les autorités ont déployé ce samedi 12 janvier 80.000 membres des forces de l'ordre, comme mi-décembre."
    assert times_of(text, "2019-01-12") == [("ce samedi 12 janvier", "2019-01-12"), ("mi-décembre", "2018-12")]
    assert times_of("Il est né le 12 janvier 80, à Lyon.", "2019-01-12") == [("le 12 janvier 80", "1980-01-12")]


def test_a_feast_near_the_publication_is_that_one(times_of):
    # told the day before, in a clause in the past: the Ascension of the next day
    text = "Les plages ferment dès mercredi soir, veille du pont de l'Ascension, a précisé la préfecture."
    assert times_of(text, "2020-05-20")[-1] == ("l'Ascension", "2020-05-21")
    assert times_of("Il a passé Noël en famille.", "2020-05-20") == [("Noël", "2019-12-25")]


def test_a_reflexive_past_with_an_adverb_is_past(times_of):
    # "s'est de nouveau dite": the Monday of the publication, not the Monday of the date named before
    text = ("Le président recevra la Convention le 29 juin. Lundi matin sur BFMTV, la ministre s'est de nouveau "
            "dite favorable à un référendum.")
    assert times_of(text, "2020-06-22")[-1] == ("Lundi matin", "2020-06-22TMO")


def test_a_past_clause_does_not_anchor_on_a_day_still_ahead(times_of):
    # the march announced for Wednesday is ahead: the morning told in the pluperfect is the day of the story
    text = ("Un ambulancier est intervenu le 29 décembre dernier. Une marche blanche mercredi 16 mai. "
            "L'opératrice l'avait eue au téléphone dans la matinée.")
    assert times_of(text, "2018-05-13")[-1] == ("la matinée", "2017-12-29TMO")
    # in the sentence of the day ahead, that day governs its hours whatever the tense cue says
    text = "La reprise des séances est fixée au jeudi 16 mai, à 18 h et à 19 h 30."
    assert times_of(text, "2018-05-04")[1:] == [("18 h", "2018-05-16T18:00"), ("19 h 30", "2018-05-16T19:30")]
    # told in the future, the day ahead stays the anchor
    text = "Une marche blanche aura lieu mercredi 16 mai. Elle partira dans la matinée."
    assert times_of(text, "2018-05-13")[-1] == ("la matinée", "2018-05-16TMO")


def test_the_same_period_of_last_year(times_of):
    text = "Les plaintes ont augmenté depuis mars, sept fois plus qu'à la même période l'an dernier."
    assert times_of(text, "2020-05-28") == [("mars", "2020-03"), ("la même période", "2019-03"), ("l'an dernier", "2019")]
    # the month it repeats is not named again: "en mars" after it is still this March
    text = "Les ventes de mars ont chuté par rapport à la même période de l'an dernier. En mars, les usines ont fermé."
    assert times_of(text, "2020-05-28")[-1] == ("mars", "2020-03")


@pytest.mark.model
def test_a_predicate_after_devoir_points_forward(parsed_times):
    assert parsed_times("La plateforme, qui doit être opérationnelle en décembre, est prête.", "fr", "2020-06-03") == [
        ("décembre", "2020-12")]


def test_the_eve_named_again_is_the_same_eve(times_of):
    text = ("Un homme a été interpellé dimanche 24 février. Des faits similaires la veille. Le chauffeur "
            "raconte que des faits similaires s'étaient produits la veille avec un collègue.")
    assert [v for _, v in times_of(text, "2019-02-25")] == ["2019-02-24", "2019-02-23", "2019-02-23"]
    # the day after told again moves on: a story goes forward day by day
    text = "Il est arrivé le 3 mai. Le lendemain, il est reparti. Le lendemain, il est revenu."
    assert [v for _, v in times_of(text, "2019-05-25")] == ["2019-05-03", "2019-05-04", "2019-05-05"]


@pytest.mark.model
def test_the_same_day_is_the_day_named_just_before(parsed_times):
    # "samedi" dates a statement (a reporting day), yet "le même jour" points back to it
    text = ("L'ambassade a supprimé lundi une banderole. La diversité nous rend plus forts, disait "
            "l'ambassade samedi sur Facebook. Le même jour, l'ambassadeur a publié un message.")
    assert parsed_times(text, "fr", "2020-06-16")[-1] == ("Le même jour", "2020-06-13")


def test_a_part_of_day_before_its_date(times_of):
    assert times_of("En fin de matinée jeudi 31 mai, il a été déféré.", "2018-05-31") == [
        ("fin de matinée jeudi 31 mai", "2018-05-31TMO")]


@pytest.mark.model
def test_the_month_of_a_thing_is_the_nearest(parsed_times):
    # the election "de novembre" is not dated by "a annoncé": the coming one, told in June
    text = "Le directeur de campagne pour l'élection présidentielle de novembre a annoncé sa démission."
    assert parsed_times(text, "fr", "2020-06-14") == [("novembre", "2020-11")]
    # "depuis janvier" still looks back
    assert parsed_times("Le défenseur, sans club depuis janvier, n'a pas convaincu.", "fr", "2002-09-13") == [
        ("janvier", "2002-01")]


@pytest.mark.model
def test_a_plural_present_misread_as_a_simple_past(parsed_times):
    # told on a Monday: "se réunissent mercredi" is the coming Wednesday; a real simple past is not
    text = "Les organisations patronales et syndicales se réunissent mercredi pour montrer leur unité."
    assert parsed_times(text, "fr", "2018-07-09") == [("mercredi", "2018-07-11")]
    assert parsed_times("Ils arrivèrent mercredi.", "fr", "2018-07-09") == [("mercredi", "2018-07-04")]


def test_a_clock_time_before_a_day_with_its_part(times_of):
    text = "Vers 22 heures samedi soir, un homme a tenté de jeter un bidon. Le centre a été inauguré le 3 novembre."
    assert times_of(text, "2016-11-06")[:2] == [("Vers 22 heures", "2016-11-05T22:00"), ("samedi soir", "2016-11-05TEV")]


def test_a_weekday_in_brackets_names_the_deictic_day(times_of):
    # said on Wednesday evening, published on Thursday: "demain (jeudi)" is that Thursday
    text = "Les cars pourront circuler demain (jeudi) entre Saint-Denis et Massy, avait annoncé le ministre."
    assert times_of(text, "2019-12-05")[:2] == [("demain", "2019-12-05"), ("jeudi", "2019-12-05")]


@pytest.mark.model
def test_a_plan_since_changed_may_lie_either_side(parsed_times):
    # told in June: the trial first set for February was this February, not the next one
    assert parsed_times("Le procès, initialement prévu en février, avait été repoussé.", "fr", "2020-06-03") == [
        ("février", "2020-02")]
    assert parsed_times("Le combat prévu fin novembre n'aura pas lieu.", "fr", "2020-06-03") == [
        ("fin novembre", "2020-11")]
