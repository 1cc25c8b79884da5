"""Every change to the portal's publications: write a summary, approve and publish it,
withdraw it from the public.

One function each: keyword-only, with the acting user, atomic, writing its audit entry.
Refusals raise django.core.exceptions.ValidationError keyed by field (nothing is saved
then); an edit based on an outdated version raises one with code "stale". Permissions are
checked by the views (portal.permissions).
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot
from portfolio.models import Initiative
from strategy.models import Goal

from .models import Publication

SUMMARY_MAX_LENGTH = 3000


def _stale_error():
    message = _(
        "Someone else has changed this summary since you opened the form. "
        "Reload the page to see the current state, then make your change again."
    )
    return ValidationError({NON_FIELD_ERRORS: ValidationError(message, code="stale")})


def _lock(publication, expected_version):
    current = Publication.objects.select_for_update().get(pk=publication.pk)
    if expected_version is not None and current.version != expected_version:
        raise _stale_error()
    return current


def _save_update(*, acting_user, publication, before):
    publication.version += 1
    publication.save()
    record_change(
        actor=acting_user, action=AuditEntry.Action.UPDATE, obj=publication, before=before
    )
    return publication


def _checked_text(text):
    text = (text or "").strip()
    if not text:
        raise ValidationError({"draft": _("Write the summary.")})
    if len(text) > SUMMARY_MAX_LENGTH:
        raise ValidationError(
            {
                "draft": _("Keep the summary to at most %(limit)d characters.")
                % {"limit": SUMMARY_MAX_LENGTH}
            }
        )
    return text


def _subject_field(subject):
    if isinstance(subject, Goal):
        return "goal"
    if isinstance(subject, Initiative):
        return "initiative"
    raise TypeError(f"No publication for {type(subject).__name__}")


@transaction.atomic
def write_summary(*, acting_user, subject, text, expected_version=None, now=None):
    """Write (or rewrite) the draft summary of a goal or initiative; the public reads it only
    once it is approved (publish_summary)."""
    text = _checked_text(text)
    now = now or timezone.now()
    field = _subject_field(subject)
    existing = Publication.objects.filter(**{field: subject}).first()
    if existing is None:
        if expected_version is not None:
            raise _stale_error()
        publication = Publication.objects.create(
            **{field: subject}, draft=text, written_by=acting_user, written_at=now
        )
        record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=publication)
        return publication
    publication = _lock(existing, expected_version)
    if publication.draft == text:
        return publication
    before = snapshot(publication)
    publication.draft = text
    publication.written_by = acting_user
    publication.written_at = now
    return _save_update(acting_user=acting_user, publication=publication, before=before)


@transaction.atomic
def publish_summary(*, acting_user, publication, expected_version=None, now=None):
    """Approve the draft: it becomes the summary the public reads, and the goal or
    initiative appears on the portal (again)."""
    publication = _lock(publication, expected_version)
    if publication.is_published and not publication.has_unapproved_changes:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("This summary is published already, unchanged.")}
        )
    now = now or timezone.now()
    before = snapshot(publication)
    publication.summary = publication.draft
    publication.approved_by = acting_user
    publication.approved_at = now
    if not publication.is_published:
        publication.state = Publication.State.PUBLISHED
        publication.published_at = now
    return _save_update(acting_user=acting_user, publication=publication, before=before)


@transaction.atomic
def unpublish_summary(*, acting_user, publication, expected_version=None):
    """Take the goal or initiative off the portal; its texts stay for a later publication."""
    publication = _lock(publication, expected_version)
    if not publication.is_published:
        raise ValidationError({NON_FIELD_ERRORS: _("This summary is not published.")})
    before = snapshot(publication)
    publication.state = Publication.State.DRAFT
    publication.published_at = None
    return _save_update(acting_user=acting_user, publication=publication, before=before)
