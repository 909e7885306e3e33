"""The event scorer's thresholds are chosen on a steady curve (``veille.train.events``): the
out-of-fold tuple F1 averaged over several fold assignments, then over neighbouring thresholds."""
import pytest

pytest.importorskip("sklearn")

from veille.train.events import fold_seeds, mean_curve, smoothed  # noqa: E402


def test_a_lone_peak_loses_to_a_plateau():
    axis = [0.1, 0.2, 0.3, 0.4, 0.5]
    curve = {0.1: (0, 0, 0.40), 0.2: (0, 0, 0.47), 0.3: (0, 0, 0.40), 0.4: (0, 0, 0.45), 0.5: (0, 0, 0.45)}
    steady = smoothed(curve, axis)
    assert max(curve, key=lambda t: curve[t][2]) == 0.2
    assert max(steady, key=steady.get) in (0.4, 0.5)
    assert steady[0.3] == pytest.approx((0.47 + 0.40 + 0.45) / 3)


def test_an_end_is_not_favoured_by_one_sided_neighbours():
    # the end stands for its missing neighbour: (2 * 0.40 + 0.42) / 3, not (0.40 + 0.42) / 2
    axis = [0.1, 0.2, 0.3]
    curve = {0.1: (0, 0, 0.40), 0.2: (0, 0, 0.42), 0.3: (0, 0, 0.35)}
    steady = smoothed(curve, axis)
    assert steady[0.1] == pytest.approx((2 * 0.40 + 0.42) / 3)
    assert steady[0.2] == pytest.approx((0.40 + 0.42 + 0.35) / 3)
    assert steady[0.3] == pytest.approx((0.42 + 2 * 0.35) / 3)


def test_the_curve_is_the_mean_over_fold_assignments():
    items = [{"set": "s", "doc": "s/1", "gold": {("CONSULT", "FRA", "DEU")}, "gold_types": {"CONSULT"},
              "events": [{"tuple": ["CONSULT", "FRA", "DEU"], "features": {}},
                         {"tuple": ["ACCUSE", "FRA", "DEU"], "features": {}}]}]
    # one assignment keeps the false event at 0.5, the other drops it
    runs = [{("s/1", 0): 0.9, ("s/1", 1): 0.6}, {("s/1", 0): 0.9, ("s/1", 1): 0.4}]
    curve = mean_curve(items, runs, [0.5], lambda t: {"threshold": t})
    p, r, f = curve[0.5]
    assert p == pytest.approx((0.5 + 1.0) / 2) and r == pytest.approx(1.0)
    assert f == pytest.approx((2 * 0.5 / 1.5 + 1.0) / 2)
    assert fold_seeds(3)[0] == 3 and len(set(fold_seeds(3))) == len(fold_seeds(3)) > 1
