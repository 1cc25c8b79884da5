"""Reads of the business processes: the filtered list and the ranking by estimated saving.

The saving is computed in the database (cases × minutes saved ÷ 60) so that both can be
sorted by it; each page runs a fixed number of queries however many processes there are.
"""

from django.db.models import DecimalField, ExpressionWrapper, F

from .permissions import visible_processes

RANKING_SIZE = 20
SORTS = {
    "-saving": ("-saving", "name", "pk"),
    "saving": ("saving", "name", "pk"),
    "name": ("name", "pk"),
    "unit": ("org_unit__body__name", "org_unit__name", "name", "pk"),
}
DEFAULT_SORT = "-saving"


def with_saving(queryset):
    saving = ExpressionWrapper(
        (F("minutes_per_case") - F("target_minutes_per_case")) * F("cases_per_year") / 60,
        output_field=DecimalField(max_digits=20, decimal_places=2),
    )
    return queryset.annotate(saving=saving).select_related("org_unit__body", "service", "topic")


def process_list(user, *, body=None, unit=None, digitisation="", sort=DEFAULT_SORT):
    """The processes `user` may read, filtered, sorted by `sort` (a key of SORTS)."""
    processes = visible_processes(user)
    if body is not None:
        processes = processes.filter(org_unit__body=body)
    if unit is not None:
        processes = processes.filter(org_unit=unit)
    if digitisation:
        processes = processes.filter(digitisation=digitisation)
    return with_saving(processes).order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def ranking(user, *, size=RANKING_SIZE):
    """The processes with the highest estimated savings; those saving nothing are left out."""
    processes = with_saving(visible_processes(user)).filter(
        minutes_per_case__gt=F("target_minutes_per_case"), cases_per_year__gt=0
    )
    return list(processes.order_by(*SORTS["-saving"])[:size])
