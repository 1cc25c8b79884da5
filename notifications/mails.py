"""The texts of the mails smartkreis sends, in the site's language (German) whoever triggers them.

Pure functions: they get loaded objects and return (subject, body). Callers wrap them in
`translation.override(settings.LANGUAGE_CODE)` via `in_site_language`.
"""

from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .calendars import agenda_lines, meeting_local_times, meeting_title


@contextmanager
def in_site_language():
    """Mails go out in the site's language, even when an English-reading user sends them."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def _site_link(path):
    """An absolute link into smartkreis, if SITE_URL is configured (cron has no request)."""
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{base}{path}" if base else ""


def _long_date(value):
    return date_format(value, "l, j. F Y")


def _signature():
    return _("Kind regards\nsmartkreis – digital transformation steering")


def invitation_text(
    meeting,
    *,
    name,
    agenda_items,
    optional=False,
    concerning_items=(),
    guest=False,
    changed=False,
):
    """Subject and body of the invitation to `meeting` for one recipient.

    `agenda_items` are the items this recipient is invited to (all of them for members);
    `concerning_items` the items that concern an optional (advisory) member.
    """
    start, end = meeting_local_times(meeting)
    title = meeting_title(meeting)
    values = {"title": title, "date": start.strftime("%d.%m.%Y")}
    if changed:
        subject = _("Changed invitation: %(title)s on %(date)s") % values
    else:
        subject = _("Invitation: %(title)s on %(date)s") % values

    lines = [_("Dear %(name)s,") % {"name": name}, ""]
    if changed:
        lines += [_("the meeting has changed since the last invitation."), ""]
    lines.append(
        _("You are invited to the meeting “%(title)s” of %(committee)s.")
        % {"title": title, "committee": meeting.organization}
    )
    if optional and concerning_items:
        lines.append(
            _("You take part in an advisory capacity; these items concern you: %(items)s")
            % {"items": ", ".join(f"TOP {item.number}" for item in concerning_items)}
        )
    elif optional:
        lines.append(_("You take part in an advisory capacity where the items concern you."))
    if guest:
        lines.append(_("You are invited as a guest for the following agenda items."))
    lines += [
        "",
        _("Date: %(date)s") % {"date": _long_date(start)},
        _("Time: %(start)s to %(end)s") % {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"},
    ]
    if meeting.location:
        lines.append(_("Place: %(place)s") % {"place": meeting.location})
    if meeting.online_url:
        lines.append(_("Online: %(link)s") % {"link": meeting.online_url})
    lines += ["", _("Agenda:") if not guest else _("Your agenda items:")]
    lines += agenda_lines(agenda_items) or [_("(The agenda follows.)")]
    link = _site_link(meeting.get_absolute_url())
    if link:
        lines += ["", _("Meeting page: %(link)s") % {"link": link}]
    lines += [
        "",
        _("The calendar entry is attached (invitation.ics)."),
        "",
        _signature(),
    ]
    return subject, "\n".join(lines)


def action_item_reminder_text(item, *, overdue):
    values = {"title": item.title, "date": item.due_date.strftime("%d.%m.%Y")}
    if overdue:
        subject = _("Overdue: action item “%(title)s” (due %(date)s)") % values
        intro = _("the following action item was due on %(date)s and is not done yet.") % values
    else:
        subject = _("Reminder: action item “%(title)s” due %(date)s") % values
        intro = _("the following action item is due on %(date)s.") % values
    lines = [
        _("Good day,"),
        "",
        intro,
        "",
        _("Action item: %(title)s") % values,
        _("From the meeting: %(meeting)s") % {"meeting": item.meeting},
        _("Status: %(status)s") % {"status": item.get_status_display()},
    ]
    if item.owner_person_id:
        lines.append(_("Responsible: %(owner)s") % {"owner": item.owner_person})
    if item.owner_unit_id:
        lines.append(_("Responsible unit: %(owner)s") % {"owner": item.owner_unit})
    if item.description:
        lines += ["", item.description]
    link = _site_link(item.meeting.get_absolute_url())
    if link:
        lines += ["", _("Meeting page: %(link)s") % {"link": link}]
    lines += [
        "",
        _("Please update the status of the action item once it is done."),
        "",
        _signature(),
    ]
    return subject, "\n".join(lines)


def status_report_reminder_text(initiative):
    values = {
        "reference": initiative.reference,
        "title": initiative.title,
        "date": initiative.next_report_due.strftime("%d.%m.%Y"),
    }
    subject = _("Status report overdue: %(reference)s %(title)s") % values
    lines = [
        _("Good day,"),
        "",
        _("the status report for the initiative “%(title)s” (%(reference)s) was due on %(date)s.")
        % values,
        _("Please submit the status report in smartkreis."),
    ]
    link = _site_link(initiative.get_absolute_url())
    if link:
        lines += ["", _("Initiative: %(link)s") % {"link": link}]
    lines += ["", _signature()]
    return subject, "\n".join(lines)


def job_ended_text(job, *, succeeded, file_kept_until=None):
    """The mail to who started a long background job once it ended: the link to its page,
    never the file (it may hold internal data, and the page checks who may fetch it)."""
    values = {"job": str(job)}
    lines = [_("Good day,"), ""]
    if succeeded:
        subject = _("Ready: %(job)s") % values
        lines.append(_("the background job “%(job)s” that you started is done.") % values)
        if file_kept_until is not None:
            day = date_format(timezone.localtime(file_kept_until), "SHORT_DATE_FORMAT")
            lines.append(_("Its file can be downloaded on its page until %(day)s.") % {"day": day})
    else:
        subject = _("Failed: %(job)s") % values
        lines += [
            _("the background job “%(job)s” that you started failed:") % values,
            job.message or _("The job failed."),
        ]
    link = _site_link(job.get_absolute_url())
    if link:
        lines += ["", _("The job's page: %(link)s") % {"link": link}]
    lines += ["", _signature()]
    return subject, "\n".join(lines)
