"""Expressions of the kind the fresh annotations showed: weekdays counted from the day named last,
the "weekend" spelling, fines in days, vague counts, lengths "qui viennent". Sentences written for these tests."""


def test_a_weekday_before_the_one_named(times_of):
    assert times_of("Samedi 30 mars, 33 700 manifestants, contre 40 500 le samedi précédent.", "2019-04-05") == [
        ("Samedi 30 mars", "2019-03-30"), ("le samedi précédent", "2019-03-23")]


def test_weekend_without_hyphen(times_of):
    assert times_of("Ce weekend, les manifestants reviendront.", "2019-04-05") == [("Ce weekend", "2019-W14-WE")]


def test_fines_counted_in_days_are_no_time(times_of):
    assert times_of("Il a écopé de 90 jours-amendes à 5 euros.", "2019-04-05") == []


def test_vague_counts_and_lengths_ahead(times_of):
    assert times_of("Elle a subi des violences depuis un certain nombre d'années.", "2019-04-05") == [
        ("un certain nombre d'années", "PXY")]
    assert times_of("Dans les trois mois qui viennent, il agira.", "2019-04-05") == [
        ("les trois mois qui viennent", "P3M")]

