"""The one-month period within which feedback on accessibility is answered."""

import calendar


def one_month_after(day):
    """The day one month after `day`, as §§ 187, 188 (2), (3) BGB count a period of a month:
    the same day of the next month, or that month's last day where it has no such day
    (31 January → 28 or 29 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
