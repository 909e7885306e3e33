"""Expressions the stage used to miss on news articles (issue 13): "ce jour" of a dated action, a
capital "A" that has lost its accent, vague quantities of a unit, "la rentrée" with its year or
direction, "cette soirée". Sentences written for these tests, in the shape of the tuning sets' misses
("a pris ce jour un arrêté", "depuis tant d'années", "Depuis la rentrée 2016", "pour cette soirée")."""
import pytest

from veille.when import extract

PUB = "2019-05-10"  # a Friday


def found(text, published=PUB):
    return [(t.text, t.type, t.value) for t in extract(text, "fr", published)]


@pytest.mark.parametrize("text, expected", [
    # "ce jour" is the day of publication when the clause tells a dated action, the present as
    # "aujourd'hui" is otherwise; "à [ce jour]" stays the present, as FR-TimeBank has it
    ("Le préfet a pris ce jour un arrêté interdisant la manifestation.", [("ce jour", "DATE", PUB)]),
    ("Une inspection sera menée ce jour par les services de l'État.", [("ce jour", "DATE", PUB)]),
    ("À ce jour, 12 personnes ont été interpellées.", [("ce jour", "TIME", "PRESENT_REF")]),
    ("Le 2 mai, il est arrivé. Ce jour là, il a parlé.", [("Le 2 mai", "DATE", "2019-05-02"), ("Ce jour là", "DATE", "2019-05-02")]),
])
def test_ce_jour(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("A ce jour, 12 personnes ont été interpellées.", [("ce jour", "TIME", "PRESENT_REF")]),
    ("A l'heure actuelle, rien n'est décidé.", [("l'heure actuelle", "TIME", "PRESENT_REF")]),
])
def test_a_without_its_accent(text, expected):
    assert found(text) == expected


def test_the_verb_a_is_no_preposition():
    # "a" (avoir) before "ce jour" is not "à": the day of publication, not the present
    assert found("Le maire a ce jour signé l'arrêté.") == [("ce jour", "DATE", PUB)]


@pytest.mark.parametrize("text, expected", [
    ("Il est mon ami depuis tant d'années.", [("tant d'années", "DURATION", "PXY")]),
    ("Elle était victime de violences depuis un certain nombre d'années.", [("un certain nombre d'années", "DURATION", "PXY")]),
    ("L'émission a fait les beaux jours de la chaîne pendant de longues années.", [("de longues années", "DURATION", "PXY")]),
    ("Ils ont attendu de longues heures sous la pluie.", [("de longues heures", "DURATION", "PTXH")]),
])
def test_vague_quantities(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "Il y a tant de gens dans la rue.",
    "Un certain nombre de mesures ont été supprimées.",
])
def test_vague_quantities_of_no_unit(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Depuis la rentrée 2016, l'émission a perdu des téléspectateurs.", [("la rentrée 2016", "DATE", "2016-09")]),
    ("Le statut devrait être connu dès la rentrée prochaine.", [("la rentrée prochaine", "DATE", "2019-09")]),
    ("La rentrée scolaire 2018 verra 32.000 élèves de moins.", [("La rentrée scolaire 2018", "DATE", "2018-09")]),
    ("La rentrée scolaire 2019-2020 sera difficile.", [("2019", "DATE", "2019"), ("2020", "DATE", "2020")]),
])
def test_rentree(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "La rentrée des classes a été agitée.",
    "On ne peut pas rater notre rentrée.",
])
def test_rentree_of_no_known_year_is_no_time(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Dimanche 5 mai, elle a chanté. Pour cette soirée, elle a rejoint les jurés.",
     [("Dimanche 5 mai", "DATE", "2019-05-05"), ("cette soirée", "TIME", "2019-05-05TEV")]),
    ("Il était là cette nuit.", [("cette nuit", "TIME", "2019-05-10TNI")]),
])
def test_cette_soiree(text, expected):
    assert found(text) == expected


def test_cette_soiree_of_a_thing():
    assert found("Cette soirée de gala a réuni mille invités.") == []


@pytest.mark.parametrize("text, expected", [
    # a day told by its number alone takes the month (and the year) of the date before it
    ("Il l'a fait le 9 mars au lieu du 16, a-t-il expliqué.", [("le 9 mars", "DATE", "2019-03-09"), ("16", "DATE", "2019-03-16")]),
    ("Il est parti le 3 juin 2017 et revenu le 5, puis reparti.", [("le 3 juin 2017", "DATE", "2017-06-03"), ("le 5", "DATE", "2017-06-05")]),
    # the first days of a list or of a range with a hyphen take the month of the last
    ("Le festival aura lieu les 13, 14 et 15 juillet.",
     [("les 13", "DATE", "2019-07-13"), ("14", "DATE", "2019-07-14"), ("15 juillet", "DATE", "2019-07-15")]),
    ("Le déconfinement ne viendra qu'après le pont du 8-10 mai.", [("8", "DATE", "2019-05-08"), ("10 mai", "DATE", "2019-05-10")]),
])
def test_days_told_by_their_number(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Le 3 juin, il a battu le 5 mondial.", [("Le 3 juin", "DATE", "2019-06-03")]),
    ("Le 3 juin, la France a gagné 3 à 2.", [("Le 3 juin", "DATE", "2019-06-03")]),
    ("Le 3 juin. Il a fini le 5.", [("Le 3 juin", "DATE", "2019-06-03")]),
])
def test_numbers_that_are_no_days(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a time left before an event is a length, not an age, and so is a capital "A" that is no verb
    ("A deux ans de l'élection présidentielle, il se prépare.", [("deux ans", "DURATION", "P2Y")]),
    ("À quatre ans des Jeux olympiques, le chantier commence.", [("quatre ans", "DURATION", "P4Y")]),
    # a number of "années" counts years
    ("Il se confie sur ses quatre années passées au ministère.", [("ses quatre années", "DURATION", "P4Y")]),
    ("Il revient sur ses 50 années de télévision.", [("ses 50 années", "DURATION", "P50Y")]),
    # "tout le week-end" is the weekend told, whatever the tense
    ("La circulation sera dense tout le week-end.", [("tout le week-end", "DATE", "2019-W19-WE")]),
    # "au petit matin": the morning of the day told, the contraction outside
    ("Il a été interpellé au petit matin.", [("petit matin", "TIME", "2019-05-10TMO")]),
])
def test_lengths_and_times_the_filters_dropped(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "A 67 ans, elle raccroche.",
    "Il a 54 ans.",
    "Elle est morte à 87 ans des suites d'un cancer.",
    "Une femme d'une trentaine d'années a été interpellée.",
    "Le week-end, ils ferment.",
])
def test_ages_and_habits_stay_dropped(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    # the year written on the end of a range alone is its start's too
    ("Hong Kong a connu de juin à décembre 2017 sa pire crise.", [("juin", "DATE", "2017-06"), ("décembre 2017", "DATE", "2017-12")]),
    ("C'était le cas en février et mars 2018, en raison du verglas.", [("février", "DATE", "2018-02"), ("mars 2018", "DATE", "2018-03")]),
    ("Le nord est tombé en mars-avril 2012.", [("mars", "DATE", "2012-03"), ("avril 2012", "DATE", "2012-04")]),
    ("Il a travaillé de novembre à février 2017.", [("novembre", "DATE", "2016-11"), ("février 2017", "DATE", "2017-02")]),
    ("Une trêve a eu lieu du 22 février au 2 mars 2020.", [("22 février", "DATE", "2020-02-22"), ("2 mars 2020", "DATE", "2020-03-02")]),
    # each end with its own year keeps it; a month of another clause is no range
    ("Il a travaillé de juin 2016 à août 2017.", [("juin 2016", "DATE", "2016-06"), ("août 2017", "DATE", "2017-08")]),
    ("En mars, puis en juin 2017, il a parlé.", [("mars", "DATE", "2019-03"), ("juin 2017", "DATE", "2017-06")]),
])
def test_ranges_with_the_year_on_their_end(text, expected):
    assert found(text) == expected
