import datetime

from django import template

register = template.Library()


@register.filter
def day_after(day):
    """The first day a unit no longer exists: the day after its `valid_until`."""
    return day + datetime.timedelta(days=1) if day else day
