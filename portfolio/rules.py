"""Pure rules of the register: derived progress and traffic lights, reporting deadlines.

No database access here, so every rule is tested in isolation.
"""

import calendar
import datetime

from .models import Initiative, TrafficLight

CYCLE_MONTHS = {
    Initiative.ReportingCycle.MONTHLY: 1,
    Initiative.ReportingCycle.QUARTERLY: 3,
    Initiative.ReportingCycle.HALF_YEARLY: 6,
    Initiative.ReportingCycle.YEARLY: 12,
}

_LIGHT_SCORE = {TrafficLight.GREEN: 0, TrafficLight.YELLOW: 1, TrafficLight.RED: 2}


def add_months(day, months):
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_report_due(*, cycle, last_report_on, start_date):
    """When the next status report is due: one cycle after the last report, or after the start.

    None where the initiative has no cycle or neither date is known.
    """
    months = CYCLE_MONTHS.get(cycle)
    base = last_report_on or start_date
    if months is None or base is None:
        return None
    return add_months(base, months)


def weighted_progress(parts):
    """Progress (0-100) of a parent from its children's (weight, progress) pairs."""
    total_weight = sum(weight for weight, _ in parts)
    if total_weight == 0:
        return 0
    return round(sum(weight * progress for weight, progress in parts) / total_weight)


def combined_traffic_light(parts):
    """A parent's traffic light from its children's (weight, light) pairs.

    The weighted mean of green=0, yellow=1, red=2 is rounded half up; children without a
    light yet are left out. So one red child beside three green ones of equal weight (mean
    0.5) gives yellow; beside seven green ones it gives green.
    """
    scored = [(weight, _LIGHT_SCORE[light]) for weight, light in parts if light]
    total_weight = sum(weight for weight, _ in scored)
    if total_weight == 0:
        return ""
    mean = sum(weight * score for weight, score in scored) / total_weight
    if mean < 0.5:
        return TrafficLight.GREEN
    if mean < 1.5:
        return TrafficLight.YELLOW
    return TrafficLight.RED


def is_report_overdue(*, next_report_due, today):
    return next_report_due is not None and next_report_due < today
