import datetime

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def day_after(day):
    """The first day a unit no longer exists: the day after its `valid_until`."""
    return day + datetime.timedelta(days=1) if day else day


@register.simple_tag
def period(start, end, empty="–"):
    """A period for reading: "01.03.2022 – 31.12.2024", "seit …", "ab …", "bis …".

    An open end is said in words rather than shown as a dash beside a dash ("15.07.2022 – –").
    """

    def short(day):
        return formats.date_format(day, "SHORT_DATE_FORMAT")

    if start and end:
        return f"{short(start)} – {short(end)}"
    if start:
        if start > timezone.localdate():
            return pgettext("period", "from %(start)s") % {"start": short(start)}
        return _("since %(start)s") % {"start": short(start)}
    if end:
        return _("until %(end)s") % {"end": short(end)}
    return empty
