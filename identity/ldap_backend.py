"""Login against the county's directory (LDAP / Active Directory), on django-auth-ldap.

django-auth-ldap finds the user's entry with the service account, checks the password by
binding as the user and reads their groups. smartkreis then matches the user by the entry's
stable identifier (identity.models.ExternalAccount), never by user name or e-mail, gives them
role, body and unit by the group rules (identity.mapping) and refuses, changing nothing, when
no rule names one of their groups, when the entry is disabled, or when a user of the same
name exists in smartkreis without being linked to the entry. A refusal reaches the login form
as its error message (a ValidationError raised from authenticate(), which Django's
AuthenticationForm shows); it counts as a failed login like a wrong password.
"""

import logging
from dataclasses import dataclass

from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_auth_ldap.backend import LDAPBackend, ldap_error
from ldap import LDAPError

from accounts.models import User
from audit.models import AuditEntry
from audit.recording import snapshot

from .ldap_actions import login_label, record_directory_login, record_directory_state
from .ldap_directory import EntryState, entry_state, is_disabled, subject_of
from .mapping import NoMatchingGroup, assignment_for_groups
from .models import ExternalAccount, GroupRule

logger = logging.getLogger(__name__)


class DirectoryUnavailable(Exception):
    """The directory did not answer, or not as expected (refused the service account, ...)."""


class LoginRefused(Exception):
    """The login through the directory is refused with a message for the user. `account` and
    `state` say what to record about the user's directory account, if anything."""

    def __init__(self, message, *, account=None, state=None):
        super().__init__(message)
        self.message = message
        self.account = account
        self.state = state


def unavailable_message():
    return _(
        "The county's directory cannot be reached at the moment, so logging in with your "
        "directory account is not possible. Please try again later. Accounts that smartkreis "
        "keeps itself can still log in."
    )


@dataclass(frozen=True)
class _AllowedLogin:
    """What get_or_build_user decided, for recording once django-auth-ldap saved the user."""

    subject: str
    groups: list
    assignment: object
    created: bool
    user_before: dict | None


class DirectoryBackend(LDAPBackend):
    """django-auth-ldap's backend with smartkreis's matching, group rules and refusals.

    Configured by the AUTH_LDAP_* settings that identity.ldap_config makes from the LDAP_*
    environment variables; in AUTHENTICATION_BACKENDS after the local accounts, and only when
    LDAP_SERVER_URI is set.
    """

    default_settings = {"ISSUER": "", "DISABLED_FILTER": ""}

    @property
    def issuer(self):
        """Under which name smartkreis records the accounts of this directory."""
        return self.settings.ISSUER or self.settings.SERVER_URI

    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except LoginRefused as refusal:
            # Django sends the signal only when every backend returned None; the refusal
            # ends the login here, so it is sent here (the audit and the throttling count it).
            if request is not None:
                request.login_failure_reason = AuditEntry.Reason.DIRECTORY_REFUSED
            user_login_failed.send(
                sender=__name__,
                credentials={"username": username, "password": "********************"},
                request=request,
            )
            raise ValidationError(refusal.message, code="directory_refused") from None

    def authenticate_ldap_user(self, ldap_user, password):
        ldap_user.smartkreis_allowed = None
        ldap_user.smartkreis_refusal = None
        try:
            with transaction.atomic():
                user = ldap_user.authenticate(password)
                allowed = ldap_user.smartkreis_allowed
                if user is not None:
                    record_directory_login(
                        acting_user=None,
                        user=user,
                        created=allowed.created,
                        user_before=allowed.user_before,
                        issuer=self.issuer,
                        subject=allowed.subject,
                        groups=allowed.groups,
                        assignment=allowed.assignment,
                    )
                    user.refresh_from_db(fields=["is_active"])
        except DirectoryUnavailable as problem:
            logger.error(
                "Directory %s not usable for logins: %s", self.settings.SERVER_URI, problem
            )
            raise LoginRefused(unavailable_message()) from problem
        refusal = ldap_user.smartkreis_refusal
        if refusal is not None:
            if refusal.account is not None and refusal.state is not None:
                record_directory_state(
                    acting_user=None,
                    account=refusal.account,
                    state=refusal.state,
                    label=login_label(),
                )
            raise refusal
        if user is None:
            self._record_failed_login(ldap_user)
        return user

    def _refuse(self, ldap_user, message, **kwargs):
        # django-auth-ldap ends the login quietly on AuthenticationFailed; the refusal itself
        # is raised by authenticate_ldap_user once the transaction is rolled back.
        ldap_user.smartkreis_refusal = LoginRefused(message, **kwargs)
        raise ldap_user.AuthenticationFailed(message)

    def get_or_build_user(self, username, ldap_user):
        """The user of the directory entry the password was right for, matched by the entry's
        identifier; a new (unsaved) user with the group rule's role at the first login.
        Refuses (changing nothing) as the module's docstring says."""
        subject = subject_of(ldap_user.dn, ldap_user.attrs)
        account = (
            ExternalAccount.objects.select_related("user")
            .filter(source=GroupRule.Source.LDAP, issuer=self.issuer, subject=subject)
            .first()
        )
        if is_disabled(ldap_user.connection, ldap_user.dn, self.settings.DISABLED_FILTER):
            self._refuse(
                ldap_user,
                _(
                    "Your account is disabled in the county's directory. Please ask your "
                    "administrator."
                ),
                account=account,
                state=EntryState.DISABLED,
            )
        groups = sorted(ldap_user.group_dns)
        try:
            assignment = assignment_for_groups(source=GroupRule.Source.LDAP, groups=groups)
        except NoMatchingGroup:
            self._refuse(
                ldap_user,
                _(
                    "Your directory account is in no group that has a role in smartkreis. "
                    "Please ask the staff unit for digitalisation to give your group a role."
                ),
            )
        if account is not None:
            user = account.user
            # Inactive, and not only because the directory had disabled the entry.
            if not user.is_active and not (account.disabled_at and account.deactivated_user):
                self._refuse(
                    ldap_user,
                    _("Your account in smartkreis is deactivated. Please ask your administrator."),
                )
            ldap_user.smartkreis_allowed = _AllowedLogin(
                subject, groups, assignment, created=False, user_before=snapshot(user)
            )
            return user, False
        if User.objects.filter(username__iexact=username).exists():
            self._refuse(
                ldap_user,
                _(
                    "smartkreis has an account with the user name %(username)s already that is "
                    "not linked to your directory account, so the directory login does not "
                    "take it over. Please ask the administration to link the two."
                )
                % {"username": username},
            )
        user = User(
            username=username.lower(),
            role=assignment.role,
            body=assignment.body,
            org_unit=assignment.org_unit,
            is_staff=assignment.role == User.Role.ADMINISTRATOR,
        )
        ldap_user.smartkreis_allowed = _AllowedLogin(
            subject, groups, assignment, created=True, user_before=None
        )
        return user, True

    def _record_failed_login(self, ldap_user):
        """After a wrong password or an unknown user name: if the directory disabled or removed
        the entry of a recorded account, mark it (a disabled entry's bind fails with Active
        Directory and OpenLDAP's ppolicy alike, so the attempt is the first to see it)."""
        settings = self.settings
        try:
            if ldap_user.dn is not None:
                accounts = ExternalAccount.objects.filter(
                    subject=subject_of(ldap_user.dn, ldap_user.attrs)
                )
            else:
                accounts = ExternalAccount.objects.filter(
                    user__username__iexact=self.ldap_to_django_username(ldap_user._username)
                )
            accounts = accounts.filter(source=GroupRule.Source.LDAP, issuer=self.issuer)
            for account in accounts.select_related("user"):
                state = entry_state(
                    ldap_user.connection,
                    search_base=settings.USER_SEARCH.base_dn,
                    subject=account.subject,
                    disabled_filter=settings.DISABLED_FILTER,
                )
                if state != EntryState.ACTIVE:
                    record_directory_state(
                        acting_user=None, account=account, state=state, label=login_label()
                    )
        except (DirectoryUnavailable, LDAPError) as problem:
            logger.warning(
                "Directory %s not checked after a failed login: %s", self.issuer, problem
            )

    def get_user(self, user_id):
        """The user of a session opened by a directory login: none (the session ends) once the
        user is deactivated or their directory account is marked disabled."""
        user = super().get_user(user_id)
        if user is None or not user.is_active:
            return None
        disabled = user.external_accounts.filter(
            source=GroupRule.Source.LDAP, issuer=self.issuer, disabled_at__isnull=False
        )
        return None if disabled.exists() else user


@receiver(ldap_error, sender=DirectoryBackend, dispatch_uid="identity_ldap_error")
def _directory_failed(sender, context, exception, **kwargs):
    """django-auth-ldap reports an LDAPError of the directory here instead of raising it; the
    login then gets its own message instead of the one for a wrong password."""
    raise DirectoryUnavailable(exception)
