"""Every change of the user management: one function each, atomic, writing its audit entries.

Refusals raise PermissionDenied (the acting user may not touch this user at all) or a
ValidationError with German messages keyed by field; nothing is changed then. The invitation
mail is sent inside the transaction: if the mail server refuses it, no invitation is left.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEntry
from audit.recording import record_change, snapshot
from identity.actions import leave_activation_to_managers
from organisations.models import Body

from . import mails, permissions, queries
from .models import Invitation, hash_token, new_token

logger = logging.getLogger(__name__)


def _assignment_errors(*, acting_user, role, body, org_unit, manages_body_users, current=None):
    """What is wrong with giving role, body, unit and flag (as in `current`, a user being
    edited, nothing changed is held against the acting user's limits)."""
    errors = {}
    role_changes = current is None or role != current.role
    if role_changes and not permissions.may_give_role(acting_user, role):
        errors["role"] = _("You may not give this role.")
    body_changes = current is None or (body.pk if body else None) != current.body_id
    if (
        body_changes
        and not permissions.assignable_bodies(acting_user)
        .filter(pk=body.pk if body else None)
        .exists()
    ):
        if body is None and permissions.manages_body_only(acting_user):
            errors["body"] = _("Choose your body: you manage the users of your body only.")
        elif body is not None:
            errors["body"] = _("You may not assign users to this body.")
    if org_unit is not None:
        if body is None or org_unit.body_id != body.pk:
            errors["org_unit"] = _("The unit does not belong to the chosen body.")
        elif org_unit.valid_until is not None and (
            current is None or org_unit.pk != current.org_unit_id
        ):
            errors["org_unit"] = _("This unit has been dissolved; choose its successor.")
    if role == User.Role.UNIT_EDITOR and org_unit is None:
        errors.setdefault("org_unit", _("A unit editor needs an organisational unit."))
    if role == User.Role.MUNICIPALITY_EDITOR and body is None:
        errors.setdefault("body", _("A municipality editor needs a body."))
    if manages_body_users and body is None:
        errors.setdefault("body", _("Who manages the users of a body needs a body."))
    elif manages_body_users and body.kind == Body.Kind.COUNTY:
        # A body's user manager gives municipality editors, who edit everything of their
        # body: for the county that is the staff unit's reach.
        errors["manages_body_users"] = _(
            "Only users of a municipality or another body manage the users of their body; "
            "the county's users are managed by the staff unit."
        )
    return errors


# Invitations ------------------------------------------------------------------------------


def _valid_until(moment):
    return moment + datetime.timedelta(days=settings.INVITATION_VALID_DAYS)


def _send(invitation, token, accept_url):
    try:
        mails.send_invitation(invitation, link=accept_url(token))
    except Exception as error:  # SMTP, socket, TLS or configuration: nothing is kept.
        logger.warning("Invitation mail to %s could not be sent: %s", invitation.email, error)
        raise ValidationError(
            {
                NON_FIELD_ERRORS: ValidationError(
                    _(
                        "The invitation mail could not be sent (%(error)s). Nothing has been "
                        "saved; please try again later."
                    ),
                    code="mail_failed",
                    params={"error": type(error).__name__},
                )
            }
        ) from error


@transaction.atomic
def invite_user(
    *, acting_user, email, role, body=None, org_unit=None, manages_body_users=False, accept_url
):
    """Invite `email` to create an account with the given role, body and unit.

    `accept_url(token)` gives the absolute link the mail carries; only the token's hash is
    stored. Refuses an address that already has an account or an open invitation.
    """
    if not permissions.can_manage_users(acting_user):
        raise PermissionDenied
    email = User.objects.normalize_email(email.strip())
    errors = _assignment_errors(
        acting_user=acting_user,
        role=role,
        body=body,
        org_unit=org_unit,
        manages_body_users=manages_body_users,
    )
    if User.objects.filter(email__iexact=email).exists():
        errors["email"] = _(
            "There is already an account with this e-mail address; change that account "
            "instead of inviting again."
        )
    else:
        open_invitation = queries.open_invitation_for(email)
        if open_invitation is not None:
            errors["email"] = _(
                "This address has already been invited (the link is valid until %(until)s). "
                "Resend that invitation if the mail has not arrived."
            ) % {"until": queries.local_datetime(open_invitation.expires_at)}
    if errors:
        raise ValidationError(errors)
    token, now = new_token(), timezone.now()
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        body=body,
        org_unit=org_unit,
        manages_body_users=manages_body_users,
        invited_by=acting_user,
        created_at=now,
        expires_at=_valid_until(now),
        token_hash=hash_token(token),
    )
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=invitation)
    _send(invitation, token, accept_url)
    return invitation


def _lock_open_invitation(acting_user, invitation):
    if not permissions.can_manage_users(acting_user):
        raise PermissionDenied
    current = (
        permissions.manageable_invitations(acting_user)
        .select_for_update()
        .filter(pk=invitation.pk)
        .first()
    )
    if current is None:
        raise PermissionDenied
    if current.accepted_at is not None:
        raise ValidationError(
            _("This invitation has already been accepted."), code="invitation_accepted"
        )
    if current.revoked_at is not None:
        raise ValidationError(
            _("This invitation has already been revoked."), code="invitation_revoked"
        )
    return current


@transaction.atomic
def resend_invitation(*, acting_user, invitation, accept_url):
    """Send the invitation again with a new link, valid for the full period from now on; the
    old link stops working."""
    current = _lock_open_invitation(acting_user, invitation)
    if User.objects.filter(email__iexact=current.email).exists():
        raise ValidationError(
            _("There is already an account with this e-mail address."), code="account_exists"
        )
    before = snapshot(current)
    token = new_token()
    current.token_hash = hash_token(token)
    current.expires_at = _valid_until(timezone.now())
    current.save(update_fields=["token_hash", "expires_at"])
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    _send(current, token, accept_url)
    return current


@transaction.atomic
def revoke_invitation(*, acting_user, invitation):
    """End an open invitation: its link no longer works."""
    current = _lock_open_invitation(acting_user, invitation)
    before = snapshot(current)
    current.revoked_at = timezone.now()
    current.save(update_fields=["revoked_at"])
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def accept_invitation(*, token, username, password, first_name="", last_name=""):
    """Create the invitee's active account with the invited role, body and unit.

    Refuses (ValidationError, nothing written) an unknown, tampered, expired, revoked or used
    link, a user name that is taken or invalid, and a password Django's validators reject.
    """
    invitation = queries.usable_invitation(token, for_update=True)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            _("There is already an account with this e-mail address. Please log in with it."),
            code="account_exists",
        )
    username = username.strip()
    user = User(
        username=username,
        email=invitation.email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=invitation.role,
        body_id=invitation.body_id,
        org_unit_id=invitation.org_unit_id,
        manages_body_users=invitation.manages_body_users,
        is_staff=invitation.role == User.Role.ADMINISTRATOR,
        is_superuser=invitation.role == User.Role.ADMINISTRATOR,
        is_active=True,
    )
    errors = {}
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = [_("This user name is taken; please choose another.")]
    try:
        user.full_clean(exclude=["password"], validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as error:
        errors["password1"] = error.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    record_change(actor=user, action=AuditEntry.Action.CREATE, obj=user)
    before = snapshot(invitation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user"])
    record_change(actor=user, action=AuditEntry.Action.UPDATE, obj=invitation, before=before)
    return user


# Users -------------------------------------------------------------------------------------


def _other_active_administrators(user):
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(role=User.Role.ADMINISTRATOR))
        .exclude(pk=user.pk)
        .exists()
    )


def _lock_manageable(acting_user, user, allowed):
    current = User.objects.select_for_update().filter(pk=user.pk).first()
    if current is None or not allowed(acting_user, current):
        raise PermissionDenied
    return current


USER_FIELDS = ("role", "body", "org_unit", "manages_body_users", "person")


@transaction.atomic
def update_user(*, acting_user, user, role, body, org_unit, manages_body_users, person=None):
    """Change a user's role, body, unit, user management flag and linked person.

    Administrators get the Django admin (is_staff, is_superuser), everyone else loses it.
    Refuses (PermissionDenied) a user out of the acting user's reach and one's own account
    (administrators aside); refuses (ValidationError) roles, bodies and people beyond the
    acting user's limits (see permissions) and taking the last active administrator's role.
    """
    current = _lock_manageable(acting_user, user, permissions.can_edit_user)
    errors = _assignment_errors(
        acting_user=acting_user,
        role=role,
        body=body,
        org_unit=org_unit,
        manages_body_users=manages_body_users,
        current=current,
    )
    if person is not None and person.pk != current.person_id:
        if User.objects.filter(person=person).exclude(pk=current.pk).exists():
            errors["person"] = _("This person is already linked to another user.")
        elif not permissions.linkable_people(acting_user, current).filter(pk=person.pk).exists():
            errors["person"] = _("You may not link this person.")
    is_administrator = role == User.Role.ADMINISTRATOR
    if (
        current.is_active
        and permissions.holds_administrator_role(current)
        and not is_administrator
        and not _other_active_administrators(current)
    ):
        errors["role"] = _("This is the last active administrator; appoint another one first.")
    if errors:
        raise ValidationError(errors)
    before = snapshot(current)
    current.role = role
    current.body = body
    current.org_unit = org_unit
    current.manages_body_users = manages_body_users
    current.person = person
    if role != before["role"]:
        current.is_staff = current.is_superuser = is_administrator
    current.full_clean(exclude=["password"], validate_unique=False)
    current.save(update_fields=[*USER_FIELDS, "is_staff", "is_superuser"])
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def deactivate_user(*, acting_user, user):
    """Deactivate `user`: they can no longer log in, and every session of theirs ends, in
    whatever session store and whichever way they logged in (raising the session generation
    voids the session auth hash, as "log out everywhere" does). Nobody deactivates themself,
    so the acting administrator always remains active."""
    current = _lock_manageable(acting_user, user, permissions.can_deactivate_user)
    if not current.is_active:
        raise ValidationError(_("This user is already deactivated."), code="inactive")
    before = snapshot(current)
    current.is_active = False
    current.session_generation += 1
    current.save(update_fields=["is_active", "session_generation"])
    leave_activation_to_managers(user=current)
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def reactivate_user(*, acting_user, user):
    """Let a deactivated user log in again."""
    current = _lock_manageable(acting_user, user, permissions.can_deactivate_user)
    if current.is_active:
        raise ValidationError(_("This user is already active."), code="active")
    before = snapshot(current)
    current.is_active = True
    current.save(update_fields=["is_active"])
    leave_activation_to_managers(user=current)
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current
