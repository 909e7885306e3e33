"""French time expressions on text alone (no parse): spans and TIMEX3 values."""
import pytest

from veille.when import extract

PUB = "2019-05-10"  # a Friday


def found(text, published=PUB):
    return [(t.text, t.type, t.value) for t in extract(text, "fr", published)]


@pytest.mark.parametrize("text, expected", [
    ("Le ministre se rendra en Russie le 13 mai.", [("le 13 mai", "DATE", "2019-05-13")]),
    ("Il est né le 27 mai 1998 à Lyon.", [("le 27 mai 1998", "DATE", "1998-05-27")]),
    ("Elle a été élue le 6 mai dernier.", [("le 6 mai dernier", "DATE", "2019-05-06")]),
    ("Le texte entrera en vigueur en avril 2021.", [("avril 2021", "DATE", "2021-04")]),
    ("La loi date de 1975.", [("1975", "DATE", "1975")]),
    ("Il a annulé hier sa visite.", [("hier", "DATE", "2019-05-09")]),
    ("Le sommet aura lieu la semaine prochaine.", [("la semaine prochaine", "DATE", "2019-W20")]),
    ("Le scrutin sera renouvelé l'an prochain.", [("l'an prochain", "DATE", "2020")]),
    ("Il est arrivé il y a deux ans.", [("il y a deux ans", "DATE", "2017")]),
    ("Il vit à Paris depuis trois ans.", [("trois ans", "DURATION", "P3Y")]),
    ("La grève a duré plusieurs jours.", [("plusieurs jours", "DURATION", "PXD")]),
    ("Le train a été retardé de quinze minutes.", [("quinze minutes", "DURATION", "PT15M")]),
    ("Il devance son rival de 30,4 secondes.", [("30,4 secondes", "DURATION", "PT30.4S")]),
    ("Les Français habitent désormais en ville.", [("désormais", "TIME", "PRESENT_REF")]),
    ("La population croît de 0,4 % par an.", [("an", "SET", "P1Y")]),
    ("Les inscriptions ont lieu tous les jeudis.", [("tous les jeudis", "SET", "XXXX-WXX-4")]),
    ("Il visite le musée chaque année.", [("chaque année", "SET", "P1Y")]),
    ("Ils ont été interpellés hier soir.", [("hier soir", "TIME", "2019-05-09TEV")]),
    ("La séance est fixée à 18 h 30.", [("18 h 30", "TIME", "2019-05-10T18:30")]),
    ("La presse est arrivée à 12h05.", [("12h05", "TIME", "2019-05-10T12:05")]),
    ("La France compte plus de vingt ans de croissance.", [("plus de vingt ans", "DURATION", "P20Y")]),
    ("La saison a été bonne au début des années 60.", [("début des années 60", "DATE", "196X")]),
])
def test_single_expressions(text, expected):
    assert found(text) == expected


def test_weekday_direction_follows_the_tense():
    assert found("Le ministre a déclaré jeudi que rien n'était décidé.") == [("jeudi", "DATE", "2019-05-09")]
    assert found("Le ministre se rendra jeudi à Moscou.") == [("jeudi", "DATE", "2019-05-16")]
    assert found("Il a démissionné mercredi dernier.") == [("mercredi dernier", "DATE", "2019-05-08")]
    assert found("Il sera opéré lundi prochain.") == [("lundi prochain", "DATE", "2019-05-13")]


def test_weekday_with_a_date_and_a_part_of_day():
    assert found("Rendez-vous samedi 29 mai à 8 h.", "1999-05-26") == [
        ("samedi 29 mai", "DATE", "1999-05-29"), ("8 h", "TIME", "1999-05-29T08:00")]
    assert found("Il a entrepris vendredi matin un jeûne.") == [("vendredi matin", "TIME", "2019-05-10TMO")]


def test_clock_times_take_the_last_date_named():
    got = found("Le 24 mars, la fête commence. A 20 h, les portes ouvrent. Le lendemain matin, tout est fini.")
    assert got == [("Le 24 mars", "DATE", "2019-03-24"), ("20 h", "TIME", "2019-03-24T20:00"),
                   ("Le lendemain matin", "TIME", "2019-03-25TMO")]


def test_clock_time_told_before_its_day():
    assert found("Vers 0 h 40, jeudi, deux voitures se sont heurtées.") == [
        ("Vers 0 h 40", "TIME", "2019-05-09T00:40"), ("jeudi", "DATE", "2019-05-09")]


def test_coordinated_days_share_the_month():
    assert found("Le vote aura lieu les 6 et 13 avril prochains.", "2003-02-24") == [
        ("les 6", "DATE", "2003-04-06"), ("13 avril prochains", "DATE", "2003-04-13")]
    assert found("Le centre ouvre du 19 au 23 juillet.", "1999-07-16") == [
        ("19", "DATE", "1999-07-19"), ("23 juillet", "DATE", "1999-07-23")]


def test_ages_are_not_durations():
    assert found("Théodore Martin, 97 ans, a entrepris un jeûne.") == []
    assert found("Agé de 54 ans, il devrait regagner son corps.") == []
    assert found("Une fillette de 6 ans s'est noyée.") == []
    assert found("Il a écopé d'une peine de 2 ans.") == [("2 ans", "DURATION", "P2Y")]


@pytest.mark.parametrize("text", [
    "La pancarte était brandie par Sana, manifestante de 57 ans.",
    "La chanteuse et comédienne de 89 ans a confié ses souvenirs.",
    "Un homme et une femme, âgés de 19 et 32 ans, ont été blessés.",
    "Trois jeunes de 18 à 20 ans ont été retrouvés.",
    "Il est arrivé devant Jean Dupont, 61 ans (35 %).",
    "Le gouvernement retire l'âge pivot de 64 ans.",
    "Le manuscrit, vieux de 2600 ans, a été vendu.",
    "Un jeune franco-marocain de 21 ans a été arrêté.",
    "La majorité ont entre 18 et 25 ans.",
    "Il propose d'aller jusqu'à 65 ans à l'horizon.",
])
def test_more_ages_are_not_durations(text):
    assert [t for t in found(text) if t[1] == "DURATION"] == []


@pytest.mark.parametrize("text, expected", [
    ("Ils ont été condamnés à sept et dix ans de prison.", [("sept", "DURATION", "P7Y"), ("dix ans", "DURATION", "P10Y")]),
    ("Sa peine, 55 ans, a été réduite d'un an.", [("un an", "DURATION", "P1Y")]),
    ("Il a été condamné à 10 ans de prison.", [("10 ans", "DURATION", "P10Y")]),
    ("L'accord est signé au terme de trois ans de tractations.", [("trois ans", "DURATION", "P3Y")]),
])
def test_durations_next_to_ages_stay(text, expected):
    assert found(text) == expected


def test_noun_uses_are_left_out():
    assert found("Il lit les quotidiens étrangers.") == []
    assert found("Les Jeux Olympiques d'hiver s'ouvrent.") == []
    assert found("Il a été élu maire.") == []
    assert found("Il a répondu à 20 Minutes.") == []


def test_without_publication_date_unknown_parts_stay_x():
    assert found("Il arrivera le 13 mai.", None) == [("le 13 mai", "DATE", "XXXX-05-13")]
    assert found("Il est parti hier.", None) == [("hier", "DATE", "XXXX-XX-XX")]
    assert found("Il est parti jeudi.", None) == [("jeudi", "DATE", "XXXX-WXX-4")]
    assert found("Rendez-vous à 21 h 45.", None) == [("21 h 45", "TIME", "XXXX-XX-XXT21:45")]


def test_movable_holiday():
    assert found("C'est en cette fête de Pentecôte que se déroulera la fête.", "1999-05-18") == [
        ("cette fête de Pentecôte", "DATE", "1999-05-23")]


def test_results_are_sorted_and_spans_index_the_text():
    text = "Publié le jeudi 18 juin 2020 à 12h05. Hier, le président a parlé pendant deux heures."
    times = extract(text, "fr", "2020-06-18")
    assert [t.start for t in times] == sorted(t.start for t in times)
    for t in times:
        assert text[t.start:t.end] == t.text
    assert [(t.text, t.value) for t in times] == [
        ("le jeudi 18 juin 2020", "2020-06-18"), ("12h05", "2020-06-18T12:05"),
        ("Hier", "2020-06-17"), ("deux heures", "PT2H")]


def test_unsupported_language_gives_nothing():
    assert extract("le 13 mai", "de", PUB) == []


def test_coordinated_weekdays_follow_each_other():
    assert found("Samedi et dimanche, la kermesse bat son plein.", "1999-05-19") == [
        ("Samedi", "DATE", "1999-05-22"), ("dimanche", "DATE", "1999-05-23")]


@pytest.mark.parametrize("text, expected", [
    ("Les travaux se termineront en fin de semaine.", ("fin de semaine", "DATE", "2019-W19")),
    ("A la fin du mois, le bilan sera publié.", ("la fin du mois", "DATE", "2019-05")),
    ("Le chantier durera deux mois et demi.", ("deux mois et demi", "DURATION", "P2.5M")),
    ("Le 31 décembre au soir, la fête commencera.", ("Le 31 décembre au soir", "TIME", "2019-12-31TEV")),
    ("Tous les samedis matin, le marché s'installe.", ("Tous les samedis matin", "SET", "XXXX-WXX-6TMO")),
    ("Le marché est ouvert le mercredi.", ("le mercredi", "SET", "XXXX-WXX-3")),
])
def test_parts_and_modifiers(text, expected):
    assert found(text) == [expected]


def test_generic_end_of_year_is_not_a_date():
    assert found("Cela ressemble à une fête de fin d'année.") == []


def test_night_between_two_dates_and_names_that_look_like_times():
    assert found("Il a été tué dans la nuit du 6 au 7 janvier 2017.") == [
        ("la nuit du 6 au 7 janvier 2017", "TIME", "2017-01-06TNI")]
    assert found("La liste du Printemps marseillais gagne. Les 24 Heures du Mans sont reportées.") == []


@pytest.mark.parametrize("text, expected", [
    ("Samedi 15 et dimanche 16 mai, la fête bat son plein.",
     [("Samedi 15", "DATE", "2019-05-15"), ("dimanche 16 mai", "DATE", "2019-05-16")]),
    ("Rendez-vous mardi 14 à 20 h.", [("mardi 14", "DATE", "2019-05-14"), ("20 h", "TIME", "2019-05-14T20:00")]),
    ("Au XXe siècle, la ville a doublé.", [("XXe siècle", "DATE", "19")]),
    ("Le film dure pendant 1 h 30.", [("1 h 30", "DURATION", "PT1H30M")]),
])
def test_days_without_month_centuries_and_clock_durations(text, expected):
    assert found(text) == expected


def test_every_n_units_is_a_set():
    assert found("Le marché a lieu tous les quinze jours.") == [("tous les quinze jours", "SET", "P15D")]
