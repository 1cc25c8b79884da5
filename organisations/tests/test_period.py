"""Periods read as words: an open start or end is said, not shown as a dangling dash."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

TODAY = timezone.localdate()


def _period(start, end, **extra):
    template = Template(
        "{% load organisation_tags %}{% period start end"
        + "".join(f" {name}={name}" for name in extra)
        + " %}"
    )
    return template.render(Context({"start": start, "end": end, **extra}))


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (datetime.date(2022, 3, 1), datetime.date(2024, 12, 31), "01.03.2022 – 31.12.2024"),
        (datetime.date(2022, 7, 15), None, "seit 15.07.2022"),
        (TODAY + datetime.timedelta(days=30), None, "ab "),
        (None, datetime.date(2024, 12, 31), "bis 31.12.2024"),
        (None, None, "–"),
    ],
)
def test_period_in_words(start, end, shown):
    assert _period(start, end).startswith(shown)


def test_a_period_without_dates_can_say_so():
    assert _period(None, None, empty="keine Daten erfasst") == "keine Daten erfasst"


def test_an_initiative_with_an_open_end_says_since(client, db):
    from accounts.tests.factories import StaffUnitUserFactory
    from portfolio.tests.factories import InitiativeFactory

    initiative = InitiativeFactory(start_date=datetime.date(2022, 7, 15), end_date=None)
    client.force_login(StaffUnitUserFactory())
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert "seit 15.07.2022" in html
    assert "– –" not in html
