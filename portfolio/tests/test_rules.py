import datetime

import pytest

from portfolio import rules
from portfolio.models import Initiative, TrafficLight


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2022, 1, 31), 1, datetime.date(2022, 2, 28)),
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2022, 11, 15), 3, datetime.date(2023, 2, 15)),
        (datetime.date(2022, 6, 30), 12, datetime.date(2023, 6, 30)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert rules.add_months(day, months) == expected


def test_next_report_due_counts_from_the_last_report_or_the_start():
    quarterly = Initiative.ReportingCycle.QUARTERLY
    start = datetime.date(2022, 1, 1)
    assert rules.next_report_due(
        cycle=quarterly, last_report_on=None, start_date=start
    ) == datetime.date(2022, 4, 1)
    assert rules.next_report_due(
        cycle=quarterly, last_report_on=datetime.date(2022, 5, 10), start_date=start
    ) == datetime.date(2022, 8, 10)
    assert (
        rules.next_report_due(
            cycle=Initiative.ReportingCycle.NONE, last_report_on=None, start_date=start
        )
        is None
    )


def test_weighted_progress_weights_the_children():
    assert rules.weighted_progress([(3, 100), (1, 0)]) == 75
    assert rules.weighted_progress([]) == 0


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([(1, TrafficLight.GREEN), (1, TrafficLight.GREEN)], TrafficLight.GREEN),
        ([(1, TrafficLight.RED), (3, TrafficLight.GREEN)], TrafficLight.YELLOW),
        ([(1, TrafficLight.RED), (7, TrafficLight.GREEN)], TrafficLight.GREEN),
        ([(1, TrafficLight.RED), (1, TrafficLight.GREEN)], TrafficLight.YELLOW),
        ([(3, TrafficLight.RED), (1, TrafficLight.GREEN)], TrafficLight.RED),
        ([(1, ""), (1, TrafficLight.YELLOW)], TrafficLight.YELLOW),
        ([(1, "")], ""),
    ],
)
def test_combined_traffic_light_is_the_rounded_weighted_mean(parts, expected):
    assert rules.combined_traffic_light(parts) == expected


def test_a_report_is_overdue_only_after_its_due_date():
    today = datetime.date(2022, 4, 1)
    assert not rules.is_report_overdue(next_report_due=today, today=today)
    assert rules.is_report_overdue(next_report_due=datetime.date(2022, 3, 31), today=today)
    assert not rules.is_report_overdue(next_report_due=None, today=today)
