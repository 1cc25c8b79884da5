"""Who may manage which users. Every user management view and action goes through these.

- Administrators and the staff unit manage every user.
- A user with `manages_body_users` (a body's own user manager, e.g. a municipality's
  administrator) manages the users of their own body only, and gives only roles that stay
  inside it: municipality editor and reader.
- Only administrators give or take the administrator role or change an administrator's
  account; the staff unit manages everyone else.
- Nobody but an administrator changes their own account here (role, body, unit, the flag that
  lets them manage users, the linked person): nobody edits themself into more rights.
"""

from django.db.models import Q
from django.http import Http404

from accounts.models import User
from organisations.models import Body, OrgUnit, Person

from .models import Invitation

# The roles a body's own user manager may give: both stay inside the body.
BODY_ROLES = (User.Role.MUNICIPALITY_EDITOR, User.Role.READER)


def _active(user):
    return user.is_authenticated and user.is_active


def manages_all_users(user):
    return _active(user) and user.is_staff_unit


def manages_body_only(user):
    return (
        _active(user)
        and not user.is_staff_unit
        and user.manages_body_users
        and user.body_id is not None
    )


def can_manage_users(user):
    """Opens the user management at all (the navigation entry, the list)."""
    return manages_all_users(user) or manages_body_only(user)


def _scope(user):
    """A Q object selecting the users (or invitations: both have `body`) `user` manages."""
    if manages_all_users(user):
        return Q()
    if manages_body_only(user):
        return Q(body_id=user.body_id)
    return Q(pk__in=[])


def manageable_users(user):
    return User.objects.filter(_scope(user))


def manageable_invitations(user):
    """The invitations `user` sees, resends and revokes: those of the bodies they manage, with
    a role they may give themselves (resending an invitation grants its role anew)."""
    return Invitation.objects.filter(_scope(user), role__in=grantable_roles(user))


def get_user_for_manager(user, pk):
    """The user `pk` if `user` manages them; 404 otherwise (another body's users are not
    even said to exist)."""
    target = manageable_users(user).select_related("body", "org_unit", "person").filter(pk=pk)
    found = target.first()
    if found is None:
        raise Http404
    return found


def get_invitation_for_manager(user, pk):
    found = manageable_invitations(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def holds_administrator_role(user):
    """Whether `user` is an administrator by role or flag, active or not."""
    return user.is_superuser or user.role == User.Role.ADMINISTRATOR


def can_manage_user(user, target):
    if not can_manage_users(user):
        return False
    if manages_body_only(user):
        return (
            target.body_id == user.body_id
            and not holds_administrator_role(target)
            and target.role != User.Role.STAFF_UNIT
        )
    return user.is_administrator or not holds_administrator_role(target)


def can_edit_user(user, target):
    """Change the user's role, body, unit and person (within the rules of grantable roles);
    one's own account only as an administrator."""
    return can_manage_user(user, target) and (target.pk != user.pk or user.is_administrator)


def can_deactivate_user(user, target):
    """Deactivate or reactivate `target`: never oneself."""
    return can_manage_user(user, target) and target.pk != user.pk


def grantable_roles(user):
    """The roles `user` may give in an invitation or an edit."""
    if manages_body_only(user):
        return list(BODY_ROLES)
    if user.is_administrator:
        return list(User.Role)
    if manages_all_users(user):
        return [role for role in User.Role if role != User.Role.ADMINISTRATOR]
    return []


def may_give_role(user, role):
    return role in grantable_roles(user)


def assignable_bodies(user):
    if manages_body_only(user):
        return Body.objects.filter(pk=user.body_id)
    if manages_all_users(user):
        return Body.objects.all()
    return Body.objects.none()


def assignable_org_units(user):
    """The current units of the bodies `user` may assign."""
    return OrgUnit.objects.filter(body__in=assignable_bodies(user), valid_until__isnull=True)


def linkable_people(user, target):
    """The people `user` may link to `target`'s account: those linked to no other account
    (the target's own person included); for a body's user manager, people holding a function
    in that body."""
    people = Person.objects.filter(Q(user__isnull=True) | Q(user=target))
    if manages_body_only(user):
        in_body = Person.objects.filter(functions__body_id=user.body_id)
        people = people.filter(Q(pk__in=in_body.values("pk")) | Q(user=target))
    return people
