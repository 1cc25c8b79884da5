"""Reads of the legal app: the published texts, the feedback cases and what to remind of."""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from notifications.queries import DUE_SOON_DAYS

from .models import AccessibilityStatement, Feedback, LegalText

FEEDBACK_PAGE_SIZE = 25
# The list's filters: the cases each shows, by the name the query string uses.
FEEDBACK_FILTERS = {
    "open": Q(state=Feedback.State.OPEN),
    "answered": Q(state=Feedback.State.ANSWERED),
    "closed": Q(state=Feedback.State.CLOSED),
    "all": Q(),
}


def legal_text(kind):
    """The imprint or privacy notice, or None while none has been published."""
    return LegalText.objects.filter(kind=kind).first()


def accessibility_statement():
    """The accessibility statement, or None while none has been published."""
    return AccessibilityStatement.objects.filter(pk=1).first()


@dataclass
class FeedbackListPage:
    page_obj: object
    shown: str
    # (name, label, number of cases) of each filter, for the links above the list.
    filters: list
    overdue: int


def feedback_list_page(*, shown, page_number, today):
    """One page of the feedback cases the filter `shown` selects (open ones by default), the
    oldest deadline first, with the number of cases per filter and of overdue ones."""
    shown = shown if shown in FEEDBACK_FILTERS else "open"
    counts = Feedback.objects.aggregate(
        **{name: Count("pk", filter=condition) for name, condition in FEEDBACK_FILTERS.items()},
        overdue=Count("pk", filter=Q(state=Feedback.State.OPEN, due_date__lt=today)),
    )
    cases = Feedback.objects.filter(FEEDBACK_FILTERS[shown]).order_by("due_date", "pk")
    page_obj = Paginator(cases, FEEDBACK_PAGE_SIZE).get_page(page_number)
    labels = {choice.value.lower(): choice.label for choice in Feedback.State} | {"all": _("all")}
    filters = [(name, labels[name], counts[name]) for name in FEEDBACK_FILTERS]
    return FeedbackListPage(
        page_obj=page_obj, shown=shown, filters=filters, overdue=counts["overdue"]
    )


def feedback_to_remind(today):
    """Open cases due within DUE_SOON_DAYS days or overdue (as for action items)."""
    return list(
        Feedback.objects.filter(
            state=Feedback.State.OPEN,
            due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        ).order_by("due_date", "pk")
    )
