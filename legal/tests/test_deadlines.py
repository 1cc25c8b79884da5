"""The one-month deadline counts as the BGB does: the same day of the next month, or that
month's last day."""

import datetime

import pytest

from legal.deadlines import one_month_after


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime.date(2026, 3, 15), datetime.date(2026, 4, 15)),
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2028, 1, 29), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 5, 31), datetime.date(2026, 6, 30)),
        (datetime.date(2026, 12, 31), datetime.date(2027, 1, 31)),
        (datetime.date(2026, 12, 1), datetime.date(2027, 1, 1)),
        (datetime.date(2026, 2, 28), datetime.date(2026, 3, 28)),
    ],
)
def test_one_month_after(received, due):
    assert one_month_after(received) == due
