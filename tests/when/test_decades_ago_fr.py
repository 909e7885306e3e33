""""des dizaines d'années", and "il y a" with "tout juste", "à peine". Sentences written for these tests."""


def test_tens_of_years_and_exact_agos(times_of):
    assert times_of("On sait depuis des dizaines d'années qu'il faut agir.", "2020-04-13") == [
        ("des dizaines d'années", "PXDE")]
    assert times_of("Il a été élu il y a tout juste un an.", "2020-04-13") == [("il y a tout juste un an", "2019")]
