"""Who may see and change the group rules of single sign-on and the directory: administrators
and the staff unit for digitalisation (they decide who gets which role)."""


def can_manage_group_rules(user):
    return user.is_authenticated and user.is_staff_unit
