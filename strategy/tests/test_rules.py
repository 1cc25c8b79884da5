import datetime
from decimal import Decimal

import pytest

from strategy import rules


@pytest.mark.parametrize(
    ("baseline", "target", "latest", "expected"),
    [
        ("10", "90", "50", 50),
        ("10", "90", "10", 0),
        ("10", "90", "90", 100),
        ("10", "90", "130", 100),  # beyond the target counts as reached
        ("10", "90", "5", 0),  # below the baseline counts as no progress
        ("100", "20", "60", 50),  # a falling target: fewer paper forms
        ("100", "20", "120", 0),
        ("0", "3", "1", 33),
        ("0", "3", "2", 67),  # rounded half up
        ("0", "8", "1", 13),  # 12.5 rounds up
    ],
)
def test_indicator_progress(baseline, target, latest, expected):
    progress = rules.indicator_progress(
        baseline=Decimal(baseline), target=Decimal(target), latest=Decimal(latest)
    )
    assert progress == expected


def test_an_indicator_without_values_stands_at_its_baseline():
    assert rules.indicator_progress(baseline=Decimal(10), target=Decimal(90), latest=None) == 0


def test_an_indicator_whose_target_is_its_baseline_is_refused():
    with pytest.raises(ValueError, match="differ"):
        rules.indicator_progress(baseline=Decimal(5), target=Decimal(5), latest=Decimal(5))


def test_goal_progress_is_the_mean_of_its_indicators():
    assert rules.goal_progress([0, 50, 100]) == 50
    assert rules.goal_progress([33, 34]) == 34  # 33.5 rounds half up
    assert rules.goal_progress(iter([70])) == 70


def test_a_goal_without_indicators_has_no_progress():
    assert rules.goal_progress([]) is None


def test_expected_progress_follows_the_calendar():
    start, end = datetime.date(2020, 1, 1), datetime.date(2020, 1, 11)
    assert rules.expected_progress(baseline_date=start, target_date=end, today=start) == 0
    assert (
        rules.expected_progress(
            baseline_date=start, target_date=end, today=datetime.date(2020, 1, 6)
        )
        == 50
    )
    assert (
        rules.expected_progress(
            baseline_date=start, target_date=end, today=datetime.date(2030, 1, 1)
        )
        == 100
    )
    assert (
        rules.expected_progress(
            baseline_date=start, target_date=end, today=datetime.date(2019, 1, 1)
        )
        == 0
    )
