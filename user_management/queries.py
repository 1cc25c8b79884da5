"""Reads of the user management: the user list, a user's page, invitations, a link's
invitation."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from audit.queries import audit_entries_for
from identity.models import ExternalAccount

from . import permissions
from .filters import UserFilter
from .models import Invitation, hash_token


def local_datetime(moment):
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _external_accounts():
    return Prefetch(
        "external_accounts", queryset=ExternalAccount.objects.order_by("source", "issuer", "pk")
    )


def user_list_queryset(user, filters):
    """The users `user` manages, filtered as `filters` (a QueryDict) asks, by name.

    Returns (filterset, queryset); three queries per page however many users: the count, the
    users with body and unit, their external accounts.
    """
    filterset = UserFilter(filters, queryset=permissions.manageable_users(user), user=user)
    queryset = (
        filterset.qs.select_related("body", "org_unit")
        .prefetch_related(_external_accounts())
        .order_by("last_name", "first_name", "username", "pk")
    )
    return filterset, queryset


def user_detail_context(*, manager, user):
    return {
        "managed_user": user,
        "external_accounts": list(user.external_accounts.order_by("source", "issuer", "pk")),
        "can_edit": permissions.can_edit_user(manager, user),
        "can_deactivate": permissions.can_deactivate_user(manager, user),
        "audit_entries": audit_entries_for(user),
    }


def invitations_for_manager(user):
    """The invitations `user` may see, newest first, with who invited and what was created."""
    return (
        permissions.manageable_invitations(user)
        .select_related("body", "org_unit", "invited_by", "accepted_user")
        .order_by("-created_at", "-pk")
    )


def open_invitation_for(email):
    """The open (not accepted, revoked or expired) invitation of `email`, if there is one."""
    return (
        Invitation.objects.filter(
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-expires_at")
        .first()
    )


def usable_invitation(token, *, for_update=False):
    """The open invitation the link's token belongs to; a ValidationError with a German
    message for an unknown (mistyped, tampered or replaced) link, a used, revoked or expired
    one."""
    invitations = Invitation.objects.select_related("body", "org_unit")
    if for_update:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token_hash=hash_token(token or "")).first()
    if invitation is None:
        raise ValidationError(
            _(
                "This invitation link is not valid. Please check that you opened the complete "
                "link from the mail; if a newer invitation has reached you, use its link."
            ),
            code="invitation_unknown",
        )
    state = invitation.state
    if state == Invitation.State.ACCEPTED:
        raise ValidationError(
            _("This invitation has already been used. Please log in with your account."),
            code="invitation_accepted",
        )
    if state == Invitation.State.REVOKED:
        raise ValidationError(
            _("This invitation has been revoked. Please ask for a new invitation."),
            code="invitation_revoked",
        )
    if state == Invitation.State.EXPIRED:
        raise ValidationError(
            _("This invitation expired on %(until)s. Please ask for a new invitation.")
            % {"until": local_datetime(invitation.expires_at)},
            code="invitation_expired",
        )
    return invitation
