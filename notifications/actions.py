"""Every write of the notifications app: queueing and delivering mails, invitations,
reminders, calendar feed tokens.

Mails are queued first (OutgoingMail) and delivered afterwards by `deliver_pending`: off the
request, by the background job the tasks app starts once the queueing transaction committed
(hook `deliver_mails`), and from the outbox page and the command `send_pending_mails`. A mail
server that is down loses nothing: the mail stays queued until the server accepted it.
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.core import mail as django_mail
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot
from governance.models import Meeting
from smartkreis.contributions import app_answers, call_apps

from . import calendars, mails, queries
from .models import CalendarFeed, OutgoingMail, new_calendar_token

logger = logging.getLogger(__name__)

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8; method=REQUEST"
# The longest error text kept per mail; enough for any SMTP reply.
MAX_ERROR_LENGTH = 2000

_validate_address = EmailValidator()


# Queue and deliver ---------------------------------------------------------------------------


def _clean_recipients(recipients):
    """Stripped, de-duplicated addresses; ValidationError naming the first invalid one."""
    addresses = list(dict.fromkeys(address.strip() for address in recipients if address.strip()))
    if not addresses:
        raise ValidationError(_("A mail needs at least one recipient."), code="no_recipients")
    for address in addresses:
        try:
            _validate_address(address)
        except ValidationError:
            raise ValidationError(
                _("“%(address)s” is not a valid e-mail address."),
                code="invalid_address",
                params={"address": address},
            ) from None
    return addresses


def _one_line(subject):
    """The subject with every line break (and run of whitespace) as one space: a title typed
    with a line break must neither start a header of its own nor stop the mail, which the
    mail library refuses to send with a multi-line header."""
    return " ".join(subject.split())


def _clean_attachments(attachments):
    cleaned = []
    for attachment in attachments:
        if not isinstance(attachment, dict):
            filename, content, content_type = attachment
            attachment = {"filename": filename, "content": content, "content_type": content_type}
        cleaned.append(
            {
                "filename": attachment["filename"],
                "content_type": attachment.get("content_type") or "application/octet-stream",
                "content": attachment["content"],
            }
        )
    return cleaned


def _queue(*, dedup_key, recipients, subject, body, attachments=()):
    """queue_mail that also says whether it created the mail."""
    addresses = _clean_recipients(recipients)
    with transaction.atomic():
        return OutgoingMail.objects.get_or_create(
            dedup_key=dedup_key,
            defaults={
                "recipients": addresses,
                "subject": _one_line(subject)[:300],
                "body": body,
                "attachments": _clean_attachments(attachments),
            },
        )


def _deliver_after_commit(mails):
    """Have the unsent `mails` delivered off the request once the transaction commits (and not
    at all if it rolls back), by the apps answering the hook `deliver_mails`. Robust: should
    that fail, the request still succeeds and the mails wait in the outbox (logged)."""
    mail_ids = [mail.pk for mail in mails if mail.state != OutgoingMail.State.SENT]
    if mail_ids:
        transaction.on_commit(lambda: call_apps("deliver_mails", mail_ids=mail_ids), robust=True)


def queue_mail(*, dedup_key, recipients, subject, body, attachments=()):
    """Queue a mail and have it delivered after the commit; idempotent: a second call with the
    same `dedup_key` returns the queued (or sent) mail and queues nothing.

    `attachments` are dicts (filename, content, content_type) or such triples; content is
    text. An invalid address raises a ValidationError naming it; nothing is queued then.
    """
    mail, _created = _queue(
        dedup_key=dedup_key,
        recipients=recipients,
        subject=subject,
        body=body,
        attachments=attachments,
    )
    _deliver_after_commit([mail])
    return mail


@dataclass
class DeliveryResult:
    sent: int = 0
    failed: int = 0


def _email_message(mail):
    message = django_mail.EmailMessage(subject=mail.subject, body=mail.body, to=mail.recipients)
    for attachment in mail.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["content_type"])
    return message


def _deliver_one(pk):
    """Send one mail, locked so that two runs never send it twice; True if sent, False if
    failed, None if someone else took care of it."""
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, state__in=[OutgoingMail.State.PENDING, OutgoingMail.State.FAILED])
            .first()
        )
        if mail is None:
            return None
        mail.attempts += 1
        try:
            _email_message(mail).send(using="default")
        except Exception as error:  # SMTP, socket, TLS or configuration: keep it, retry later.
            logger.warning("Mail %s could not be sent: %s", mail.pk, error)
            mail.state = OutgoingMail.State.FAILED
            mail.last_error = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
            mail.save(update_fields=["state", "attempts", "last_error"])
            return False
        mail.state = OutgoingMail.State.SENT
        mail.sent_at = timezone.now()
        mail.last_error = ""
        mail.save(update_fields=["state", "attempts", "last_error", "sent_at"])
        return True


def deliver_pending(*, limit=100, mail_ids=None):
    """Send up to `limit` pending and failed mails, oldest first; never raises for a mail
    server's failure: such a mail is marked FAILED with the error and retried next time."""
    pending = OutgoingMail.objects.filter(
        state__in=[OutgoingMail.State.PENDING, OutgoingMail.State.FAILED]
    )
    if mail_ids is not None:
        pending = pending.filter(pk__in=mail_ids)
    result = DeliveryResult()
    for pk in pending.order_by("created_at", "pk").values_list("pk", flat=True)[:limit]:
        outcome = _deliver_one(pk)
        if outcome is True:
            result.sent += 1
        elif outcome is False:
            result.failed += 1
    return result


# Invitations ---------------------------------------------------------------------------------


@dataclass
class InvitationResult:
    mails: list
    # How many of `mails` were queued now (the others had been queued for this version before).
    queued: int
    without_email: list = field(default_factory=list)

    @property
    def unsent(self):
        """How many of `mails` the delivery still has to send (queued now or before)."""
        return sum(mail.state != OutgoingMail.State.SENT for mail in self.mails)


def _recipient_part(address):
    """The address as part of a dedup key; a very long one hashed to fit the column."""
    address = address.strip().lower()
    return address if len(address) <= 120 else hashlib.sha256(address.encode()).hexdigest()


def _invitation_fingerprint(meeting, invitee):
    """What the invitee is told: a change the meeting's version does not count (e.g. a new
    agenda item) still gives a new key, so the changed invitation goes out."""
    content = "|".join(
        [
            meeting.name,
            meeting.start.isoformat(),
            meeting.end.isoformat() if meeting.end else "",
            meeting.location,
            meeting.online_url,
            "guest" if invitee.is_guest else ("optional" if invitee.optional else "member"),
            *calendars.agenda_lines(invitee.agenda_items),
            *(str(item.pk) for item in invitee.concerning_items),
        ]
    )
    return hashlib.sha256(content.encode()).hexdigest()[:12]


def invitation_dedup_key(meeting, invitee):
    """Per meeting, version, content and recipient: inviting twice sends once."""
    prefix = (
        f"invitation:meeting-{meeting.pk}:v{meeting.version}"
        f":{_invitation_fingerprint(meeting, invitee)}"
    )
    return f"{prefix}:{_recipient_part(invitee.address)}"


@transaction.atomic
def queue_meeting_invitation(*, meeting, acting_user):
    """Queue the invitation to `meeting` for every invitee (see queries.invitation_list), each
    with invitation.ics, and mark the meeting as invited (audited).

    Idempotent per meeting version: inviting again without a change queues nothing new (the
    ones not sent yet are handed to the delivery again); after a change (a new version)
    everyone gets the changed invitation. Delivered off the request once committed. Refuses
    cancelled and held meetings and meetings nobody with an e-mail address is invited to.
    """
    current = Meeting.objects.select_for_update().select_related("organization").get(pk=meeting.pk)
    if current.state in (Meeting.State.CANCELLED, Meeting.State.HELD):
        raise ValidationError(
            _("Invitations can only be sent for a planned meeting."), code="meeting_closed"
        )
    invitation = queries.invitation_list(current)
    if not invitation.invitees:
        raise ValidationError(
            _("Nobody with an e-mail address is invited to this meeting."), code="no_invitees"
        )
    # Whoever was invited to this meeting before gets a "changed invitation".
    earlier = {
        key.rsplit(":", 1)[1]
        for key in OutgoingMail.objects.filter(
            dedup_key__startswith=f"invitation:meeting-{current.pk}:"
        ).values_list("dedup_key", flat=True)
    }
    attendees = [
        (invitee.address, str(invitee.person), invitee.optional) for invitee in invitation.invitees
    ]
    mails_queued, created_count = [], 0
    with mails.in_site_language():
        for invitee in invitation.invitees:
            subject, body = mails.invitation_text(
                current,
                name=str(invitee.person),
                agenda_items=invitee.agenda_items,
                optional=invitee.optional,
                concerning_items=invitee.concerning_items,
                guest=invitee.is_guest,
                changed=_recipient_part(invitee.address) in earlier,
            )
            ics = calendars.invitation_ics(
                current, agenda_items=invitee.agenda_items, attendees=attendees
            )
            mail, created = _queue(
                dedup_key=invitation_dedup_key(current, invitee),
                recipients=[invitee.address],
                subject=subject,
                body=body,
                attachments=[("invitation.ics", ics, ICS_CONTENT_TYPE)],
            )
            mails_queued.append(mail)
            created_count += created
    _deliver_after_commit(mails_queued)
    if created_count:
        _mark_invited(meeting=current, acting_user=acting_user)
        meeting.state, meeting.invitations_sent_at = current.state, current.invitations_sent_at
    return InvitationResult(
        mails=mails_queued, queued=created_count, without_email=invitation.without_email
    )


def _mark_invited(*, meeting, acting_user):
    before = snapshot(meeting)
    if meeting.state == Meeting.State.PLANNED:
        meeting.state = Meeting.State.INVITED
    meeting.invitations_sent_at = timezone.now()
    meeting.save(update_fields=["state", "invitations_sent_at"])
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.UPDATE,
        obj=meeting,
        before=before,
        source=AuditEntry.Source.WEB if acting_user is not None else AuditEntry.Source.SYSTEM,
    )


# Reminders -----------------------------------------------------------------------------------


@dataclass
class Reminder:
    dedup_key: str
    recipients: list
    subject: str
    body: str


def _usable(addresses):
    """Valid addresses only: a cron job skips a wrong address (logged) instead of failing."""
    usable = []
    for address in dict.fromkeys(addresses):
        try:
            _validate_address(address)
        except ValidationError:
            logger.warning("Skipping invalid e-mail address %r in a reminder", address)
        else:
            usable.append(address)
    return usable


def due_reminders(*, today):
    """The reminders due on `today` that have not been queued yet (nothing is written)."""
    items = queries.action_items_to_remind(today)
    initiatives = queries.initiatives_with_overdue_report(today)
    candidates = [(queries.action_item_reminder_key(item, today), item) for item in items]
    candidates += [
        (queries.status_report_reminder_key(initiative, today), initiative)
        for initiative in initiatives
    ]
    existing = set(
        OutgoingMail.objects.filter(dedup_key__in=[key for key, _obj in candidates]).values_list(
            "dedup_key", flat=True
        )
    )
    new_items = [item for key, item in candidates[: len(items)] if key not in existing]
    new_initiatives = [obj for key, obj in candidates[len(items) :] if key not in existing]
    if not new_items and not new_initiatives:
        return _contributed_reminders(today)

    staff = None

    def fallback():
        nonlocal staff
        if staff is None:
            staff = _usable(queries.staff_unit_addresses())
        return staff

    unit_addresses = queries.unit_contact_addresses(
        {item.owner_unit_id for item in new_items if item.owner_unit_id}, today
    )
    editor_addresses = queries.initiative_editor_addresses(new_initiatives)
    reminders = []
    with mails.in_site_language():
        for item in new_items:
            recipients = _usable([item.owner_person.email] if item.owner_person_id else [])
            if not recipients and item.owner_unit_id:
                recipients = _usable(unit_addresses.get(item.owner_unit_id, []))
            recipients = recipients or fallback()
            subject, body = mails.action_item_reminder_text(item, overdue=item.due_date < today)
            reminders.append(
                Reminder(queries.action_item_reminder_key(item, today), recipients, subject, body)
            )
        for initiative in new_initiatives:
            recipients = _usable(editor_addresses.get(initiative.pk, [])) or fallback()
            subject, body = mails.status_report_reminder_text(initiative)
            reminders.append(
                Reminder(
                    queries.status_report_reminder_key(initiative, today),
                    recipients,
                    subject,
                    body,
                )
            )
    return [reminder for reminder in reminders if reminder.recipients] + _contributed_reminders(
        today
    )


def _contributed_reminders(today):
    """The reminders higher apps ask for through the hook `due_reminders` (e.g. open feedback
    on accessibility), without those queued before and with valid addresses only."""
    contributed = [
        reminder for answer in app_answers("due_reminders", today=today) for reminder in answer
    ]
    existing = set(
        OutgoingMail.objects.filter(
            dedup_key__in=[reminder.dedup_key for reminder in contributed]
        ).values_list("dedup_key", flat=True)
    )
    reminders = [
        Reminder(reminder.dedup_key, _usable(reminder.recipients), reminder.subject, reminder.body)
        for reminder in contributed
        if reminder.dedup_key not in existing
    ]
    return [reminder for reminder in reminders if reminder.recipients]


@transaction.atomic
def queue_reminders(*, today):
    """Queue the reminders due on `today` (see due_reminders); idempotent: a second run on the
    same day queues nothing. Returns the queued mails; whoever runs the reminders delivers
    them (deliver_pending) rather than a job per mail."""
    return [
        _queue(
            dedup_key=reminder.dedup_key,
            recipients=reminder.recipients,
            subject=reminder.subject,
            body=reminder.body,
        )[0]
        for reminder in due_reminders(today=today)
    ]


# Calendar feed -------------------------------------------------------------------------------


@transaction.atomic
def renew_calendar_feed(*, acting_user):
    """Give the user a new secret feed URL (creating the feed on first use); the old URL stops
    working at once. Returns (feed, created). Not audited: the token is a secret and the feed
    only reads."""
    feed = CalendarFeed.objects.select_for_update().filter(user=acting_user).first()
    if feed is None:
        return CalendarFeed.objects.create(user=acting_user), True
    feed.token = new_calendar_token()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed, False
