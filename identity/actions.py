"""State changes of the identity app. Each is atomic and writes its audit entry."""

import re
from importlib import import_module

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEntry
from audit.recording import record_account_event, record_change, snapshot

from .models import ExternalAccount, GroupRule, ProviderSession

# How the audit trail names changes made at logins through the identity provider.
SSO_LABEL = "Single Sign-on"


@transaction.atomic
def apply_assignment(*, acting_user, user, assignment, source_label):
    """Give `user` the role, body and unit of `assignment` at a login through an identity
    provider or directory (`source_label` names it in the audit trail). Administrators get the
    Django admin (`is_staff`), everyone else loses it; nothing is written when nothing changed.
    """
    return update_user_from_source(
        acting_user=acting_user,
        user=user,
        values={
            "role": assignment.role,
            "body": assignment.body,
            "org_unit": assignment.org_unit,
            "is_staff": assignment.role == user.Role.ADMINISTRATOR,
        },
        source_label=source_label,
    )


@transaction.atomic
def update_user_from_source(*, acting_user, user, values, source_label):
    """Set the fields `values` of `user` as the identity provider or directory gives them,
    saved and audited (named `source_label`) only when something changed."""
    before = snapshot(user)
    for field, value in values.items():
        setattr(user, field, value)
    if snapshot(user) == before:
        return user
    user.full_clean(exclude=["password"], validate_unique=False)
    user.save(update_fields=list(values))
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.UPDATE,
        obj=user,
        before=before,
        source=AuditEntry.Source.SYSTEM,
        label=source_label,
    )
    return user


def _profile_from_claims(claims):
    """First and last name and e-mail of the user as the identity provider's claims give them."""
    first_name = str(claims.get("given_name") or "")
    last_name = str(claims.get("family_name") or "")
    if not (first_name or last_name) and claims.get("name"):
        first_name, _space, last_name = str(claims["name"]).rpartition(" ")
    email = str(claims.get("email") or "")
    return {
        "first_name": first_name[:150],
        "last_name": last_name[:150],
        "email": email if _is_email(email) else "",
    }


def _is_email(value):
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _free_username(claims):
    """A user name for a new user of the identity provider: their preferred user name (or
    e-mail's local part) in the characters Django allows, with a number added while a user,
    local or not, already has it."""
    wanted = str(claims.get("preferred_username") or "") or str(claims.get("email") or "")
    base = re.sub(r"[^\w.@+-]", "", wanted.split("@")[0] if "@" in wanted else wanted)[:140]
    base = base or "sso"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@transaction.atomic
def record_sso_login(*, acting_user, issuer, subject, claims, groups, assignment):
    """The user behind the identity provider's account `subject` of `issuer`, at a login that
    the group rules allow (`assignment`): created at the first login (never an existing user
    taken over, whatever their name or e-mail), name and e-mail taken from `claims`, role,
    body and unit from `assignment`; the account's groups and the time of the login recorded.
    """
    account = (
        ExternalAccount.objects.select_for_update()
        .select_related("user")
        .filter(source=GroupRule.Source.OIDC, issuer=issuer, subject=subject)
        .first()
    )
    profile = _profile_from_claims(claims)
    if account is None:
        user = User(username=_free_username(claims), **profile)
        user.set_unusable_password()
        user.role, user.body, user.org_unit = assignment.role, assignment.body, assignment.org_unit
        user.is_staff = assignment.role == User.Role.ADMINISTRATOR
        user.full_clean(exclude=["password"])
        user.save()
        record_change(
            actor=acting_user,
            action=AuditEntry.Action.CREATE,
            obj=user,
            source=AuditEntry.Source.SYSTEM,
            label=SSO_LABEL,
        )
        account = ExternalAccount(
            user=user, source=GroupRule.Source.OIDC, issuer=issuer, subject=subject
        )
    else:
        user = update_user_from_source(
            acting_user=acting_user, user=account.user, values=profile, source_label=SSO_LABEL
        )
        apply_assignment(
            acting_user=acting_user, user=user, assignment=assignment, source_label=SSO_LABEL
        )
    account.groups = list(groups)
    account.last_login_at = timezone.now()
    account.save()
    return user


@transaction.atomic
def record_provider_session(*, user, issuer, subject, session_key, sid):
    """Remember that the session `session_key` came from the provider's session `sid`, so the
    provider's back-channel logout can end it."""
    account = ExternalAccount.objects.get(
        user=user, source=GroupRule.Source.OIDC, issuer=issuer, subject=subject
    )
    ProviderSession.objects.update_or_create(
        session_key=session_key, defaults={"account": account, "sid": sid}
    )


@transaction.atomic
def end_provider_sessions(*, issuer, subject=None, sid=None):
    """End the smartkreis sessions that the provider's session `sid` (or, without one, all
    sessions of its account `subject`) opened, as its back-channel logout asks. Returns how
    many sessions ended."""
    sessions = ProviderSession.objects.filter(
        account__source=GroupRule.Source.OIDC, account__issuer=issuer
    ).select_related("account__user")
    if subject:
        sessions = sessions.filter(account__subject=subject)
    if sid:
        sessions = sessions.filter(sid=sid)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = list(sessions)
    for provider_session in ended:
        store(provider_session.session_key).delete()
        record_account_event(
            action=AuditEntry.Action.LOGOUT,
            user=provider_session.account.user,
            actor=provider_session.account.user,
            way_in=AuditEntry.WayIn.SSO,
        )
    ProviderSession.objects.filter(pk__in=[item.pk for item in ended]).delete()
    return len(ended)


def _checked_rule(rule):
    if rule.org_unit_id is not None and rule.body_id not in (None, rule.org_unit.body_id):
        raise ValidationError(
            {"org_unit": _("The unit does not belong to the body chosen.")},
            code="unit_of_other_body",
        )
    rule.full_clean()
    return rule


@transaction.atomic
def create_group_rule(*, acting_user, source, group, role, body=None, org_unit=None, position):
    """A new rule giving the members of `group` at `source` a role (audited)."""
    rule = _checked_rule(
        GroupRule(
            source=source,
            group=group.strip(),
            role=role,
            body=body,
            org_unit=org_unit,
            position=position,
        )
    )
    rule.save()
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=rule)
    return rule


@transaction.atomic
def update_group_rule(
    *, acting_user, rule, source, group, role, body=None, org_unit=None, position
):
    """Change a rule (audited); users get the new role at their next login."""
    rule = GroupRule.objects.select_for_update().get(pk=rule.pk)
    before = snapshot(rule)
    rule.source, rule.group, rule.role = source, group.strip(), role
    rule.body, rule.org_unit, rule.position = body, org_unit, position
    _checked_rule(rule).save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=rule, before=before)
    return rule


@transaction.atomic
def delete_group_rule(*, acting_user, rule):
    """Delete a rule (audited); its group's members are refused at their next login unless
    another rule names one of their groups."""
    before = snapshot(rule)
    record_change(actor=acting_user, action=AuditEntry.Action.DELETE, obj=rule, before=before)
    rule.delete()


@transaction.atomic
def move_group_rule(*, acting_user, rule, up):
    """Move a rule one place up (tried earlier) or down among the rules of its source; the
    rules of the source are numbered 10, 20, 30, … in their new order (each change audited)."""
    rules = list(GroupRule.objects.select_for_update().filter(source=rule.source))
    index = next(number for number, item in enumerate(rules) if item.pk == rule.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(rules):
        return
    rules[index], rules[other] = rules[other], rules[index]
    for number, item in enumerate(rules, start=1):
        if item.position != number * 10:
            before = snapshot(item)
            item.position = number * 10
            item.save(update_fields=["position"])
            record_change(
                actor=acting_user, action=AuditEntry.Action.UPDATE, obj=item, before=before
            )


def leave_activation_to_managers(*, user):
    """A manager decided whether `user` is active: a directory that enables their entry again
    no longer reactivates them (see ldap_actions.record_directory_state). Part of the
    manager's atomic change, audited there."""
    ExternalAccount.objects.filter(user=user, deactivated_user=True).update(deactivated_user=False)
