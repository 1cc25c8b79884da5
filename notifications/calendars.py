"""iCalendar documents of meetings: the invitation's .ics and the personal feed.

Pure functions of the objects they get (no queries): the callers load what they need. A
meeting's UID stays the same for its whole life, so a changed invitation or a feed refresh
updates the entry in the recipient's calendar instead of adding a second one; SEQUENCE follows
the meeting's version.
"""

import datetime
import email.utils
import zoneinfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from governance.models import Meeting

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
PRODUCT_ID = "-//smartkreis//Sitzungen//DE"
# A meeting without an end time is shown with this duration.
DEFAULT_DURATION = datetime.timedelta(hours=2)


def meeting_uid(meeting):
    return f"meeting-{meeting.pk}@smartkreis"


def meeting_local_times(meeting):
    """Start and end of the meeting in German local time (end defaulted when unset)."""
    start = timezone.localtime(meeting.start, BERLIN)
    end = timezone.localtime(meeting.end, BERLIN) if meeting.end else start + DEFAULT_DURATION
    return start, end


def meeting_title(meeting):
    return meeting.name or str(meeting.organization)


def meeting_location(meeting):
    return ", ".join(part for part in (meeting.location, meeting.online_url) if part)


def agenda_lines(agenda_items):
    return [f"TOP {item.number}: {item.title}" for item in agenda_items]


def _organizer():
    name, address = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    if name:
        organizer.params["CN"] = vText(name)
    return organizer


def _attendee(address, name, *, optional=False):
    attendee = vCalAddress(f"mailto:{address}")
    if name:
        attendee.params["CN"] = vText(name)
    attendee.params["ROLE"] = vText("OPT-PARTICIPANT" if optional else "REQ-PARTICIPANT")
    attendee.params["PARTSTAT"] = vText("NEEDS-ACTION")
    attendee.params["RSVP"] = vText("FALSE")
    return attendee


def meeting_event(meeting, *, agenda_items, attendees=(), stamp=None):
    """The VEVENT of `meeting`; `agenda_items` are the items this reader sees, `attendees`
    (address, name, optional) triples."""
    start, end = meeting_local_times(meeting)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp or timezone.now())
    event.add("sequence", max(meeting.version - 1, 0))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", meeting_title(meeting))
    location = meeting_location(meeting)
    if location:
        event.add("location", location)
    if meeting.online_url:
        event.add("url", meeting.online_url)
    lines = agenda_lines(agenda_items)
    if lines:
        event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if meeting.state == Meeting.State.CANCELLED else "CONFIRMED")
    event.add("organizer", _organizer())
    for address, name, optional in attendees:
        event.add("attendee", _attendee(address, name, optional=optional), encode=0)
    return event


def _calendar(*, method=None, name=None):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Berlin")
    return calendar


def invitation_ics(meeting, *, agenda_items, attendees):
    """The invitation.ics attached to an invitation mail (METHOD:REQUEST), as text."""
    calendar = _calendar(method="REQUEST")
    calendar.add_component(meeting_event(meeting, agenda_items=agenda_items, attendees=attendees))
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def feed_ics(entries, *, name):
    """A subscribable calendar of `entries`: (meeting, agenda items this reader sees) pairs."""
    calendar = _calendar(method="PUBLISH", name=name)
    stamp = timezone.now()
    for meeting, agenda_items in entries:
        calendar.add_component(meeting_event(meeting, agenda_items=agenda_items, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
