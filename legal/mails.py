"""The texts of the mails about feedback on accessibility: the receipt and the answer for the
sender, the reminders for the staff unit. Pure functions returning (subject, body); callers
render them in the site's language (notifications.mails.in_site_language)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _


def _site_link(path):
    """An absolute link into smartkreis, if SITE_URL is configured (cron has no request)."""
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{base}{path}" if base else ""


def _date(value):
    return value.strftime("%d.%m.%Y")


def _greeting(feedback):
    if feedback.contact_name:
        return _("Dear %(name)s,") % {"name": feedback.contact_name}
    return _("Good day,")


def _signature():
    return _("Kind regards\nsmartkreis – digital transformation steering")


def _statement_line():
    link = _site_link(reverse("legal:accessibility"))
    if not link:
        return []
    return ["", _("Accessibility statement: %(link)s") % {"link": link}]


def receipt_text(feedback):
    values = {
        "reference": feedback.reference,
        "date": _date(feedback.received_on),
        "due": _date(feedback.due_date),
    }
    subject = _("Your feedback on accessibility (%(reference)s)") % values
    lines = [
        _greeting(feedback),
        "",
        _("thank you for your feedback on the accessibility of smartkreis."),
        _("We received it on %(date)s under the reference %(reference)s.") % values,
        _("We will answer you by %(due)s at the latest.") % values,
        "",
        _(
            "If you get no answer by then, or an answer that does not satisfy you, you can turn "
            "to the enforcement body named in the accessibility statement."
        ),
        *_statement_line(),
        "",
        _signature(),
    ]
    return subject, "\n".join(lines)


def answer_text(feedback):
    subject = _("Answer to your feedback on accessibility (%(reference)s)") % {
        "reference": feedback.reference
    }
    lines = [
        _greeting(feedback),
        "",
        _("here is our answer to your feedback of %(date)s:")
        % {"date": _date(feedback.received_on)},
        "",
        feedback.answer,
        "",
        _(
            "If the answer does not satisfy you, you can turn to the enforcement body named in "
            "the accessibility statement."
        ),
        *_statement_line(),
        "",
        _signature(),
    ]
    return subject, "\n".join(lines)


def reminder_text(feedback, *, overdue):
    values = {
        "reference": feedback.reference,
        "date": _date(feedback.received_on),
        "due": _date(feedback.due_date),
    }
    if overdue:
        subject = _("Overdue: feedback on accessibility %(reference)s (due %(due)s)") % values
        intro = _("the answer to this feedback was due on %(due)s and has not been given.") % values
    else:
        subject = _("Reminder: feedback on accessibility %(reference)s due %(due)s") % values
        intro = _("the answer to this feedback is due on %(due)s.") % values
    lines = [
        _("Good day,"),
        "",
        intro,
        _("Received on %(date)s.") % values,
        "",
        feedback.message,
    ]
    link = _site_link(feedback.get_absolute_url())
    if link:
        lines += ["", _("Feedback: %(link)s") % {"link": link}]
    lines += [
        "",
        _("Please answer the sender or record why no answer is needed."),
        "",
        _signature(),
    ]
    return subject, "\n".join(lines)
