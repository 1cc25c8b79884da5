"""State changes of the directory login (LDAP / Active Directory). Each is atomic and writes
its audit entries; the audit trail names the directory as the actor."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot

from .actions import apply_assignment
from .ldap_directory import EntryState
from .models import ExternalAccount, GroupRule


def login_label():
    return _("Directory login")


def sync_label():
    return _("Directory sync")


def _record(obj, *, acting_user, label, before=None):
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.UPDATE if before is not None else AuditEntry.Action.CREATE,
        obj=obj,
        before=before,
        source=AuditEntry.Source.SYSTEM,
        label=label,
    )


def _only_through_directory(user, account):
    """Whether `user` has no way in but this directory account: no password of their own and
    no other account at an identity provider or directory that is not disabled."""
    if user.has_usable_password():
        return False
    others = user.external_accounts.exclude(pk=account.pk).filter(disabled_at__isnull=True)
    return not others.exists()


def _set_active(user, active, *, acting_user, label):
    """Returns whether the user's state changed."""
    if user.is_active == active:
        return False
    before = snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    _record(user, acting_user=acting_user, label=label, before=before)
    return True


@transaction.atomic
def record_directory_state(*, acting_user, account, state, label):
    """Record what the directory says about `account`'s entry (an EntryState): a disabled or
    removed entry marks the account disabled (since when, and why) and deactivates a user who
    has no other way in, which ends their sessions; an entry active again clears the mark and
    reactivates the user if the mark deactivated them (not one a manager deactivated).
    Returns whether anything changed."""
    account = ExternalAccount.objects.select_for_update().select_related("user").get(pk=account.pk)
    user = account.user
    if state == EntryState.ACTIVE:
        if account.disabled_at is None:
            return False
        before = snapshot(account)
        reactivate = account.deactivated_user
        account.disabled_at = None
        account.disabled_reason = ""
        account.deactivated_user = False
        account.save(update_fields=["disabled_at", "disabled_reason", "deactivated_user"])
        _record(account, acting_user=acting_user, label=label, before=before)
        if reactivate:
            _set_active(user, True, acting_user=acting_user, label=label)
        return True
    reason = (
        _("disabled in the directory")
        if state == EntryState.DISABLED
        else _("removed from the directory")
    )
    if account.disabled_at is not None and account.disabled_reason == reason:
        return False
    before = snapshot(account)
    account.disabled_at = account.disabled_at or timezone.now()
    account.disabled_reason = reason
    if _only_through_directory(user, account):
        account.deactivated_user |= _set_active(user, False, acting_user=acting_user, label=label)
    account.save(update_fields=["disabled_at", "disabled_reason", "deactivated_user"])
    _record(account, acting_user=acting_user, label=label, before=before)
    return True


@transaction.atomic
def record_directory_login(
    *, acting_user, user, created, user_before, issuer, subject, groups, assignment
):
    """Record a login through the directory that the group rules allow, after django-auth-ldap
    saved `user` with the directory's name and e-mail: the new user (`created`, with the role
    of `assignment` already set) or the changes to the existing one (`user_before` is its
    snapshot before), its role, body and unit from `assignment`, and its directory account
    with the groups and the time of this login."""
    label = login_label()
    _record(user, acting_user=acting_user, label=label, before=None if created else user_before)
    if not created:
        apply_assignment(
            acting_user=acting_user, user=user, assignment=assignment, source_label=label
        )
    groups = sorted(groups)
    account, account_created = ExternalAccount.objects.get_or_create(
        source=GroupRule.Source.LDAP,
        issuer=issuer,
        subject=subject,
        defaults={"user": user, "groups": groups},
    )
    if account_created:
        _record(account, acting_user=acting_user, label=label)
    elif account.groups != groups:
        before = snapshot(account)
        account.groups = groups
        account.save(update_fields=["groups"])
        _record(account, acting_user=acting_user, label=label, before=before)
    if account.disabled_at is not None:
        # The directory let the user in: whatever disabled the entry is undone.
        record_directory_state(
            acting_user=acting_user, account=account, state=EntryState.ACTIVE, label=label
        )
    account.last_login_at = timezone.now()
    account.save(update_fields=["last_login_at"])
    return account


@transaction.atomic
def link_directory_account(*, acting_user, user, issuer, subject):
    """Let the existing `user` log in through the directory entry `subject` (an administrator's
    decision: a directory login never takes over an account of the same user name by itself).
    Refused when the entry belongs to another user already."""
    existing = ExternalAccount.objects.filter(
        source=GroupRule.Source.LDAP, issuer=issuer, subject=subject
    ).first()
    if existing is not None:
        if existing.user_id == user.pk:
            return existing
        raise ValidationError(
            _("This directory account belongs to the user %(user)s already."),
            code="linked_to_other_user",
            params={"user": existing.user.get_username()},
        )
    account = ExternalAccount.objects.create(
        user=user, source=GroupRule.Source.LDAP, issuer=issuer, subject=subject
    )
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.CREATE,
        obj=account,
        source=AuditEntry.Source.ADMIN,
    )
    return account
