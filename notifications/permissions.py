"""Who may see what of the notifications app."""


def can_view_outbox(user):
    """The outbox (undelivered mails, their errors, retrying): staff unit and administrators."""
    return user.is_authenticated and user.is_staff_unit


def can_use_calendar_feed(user):
    """Every active, logged-in user has a personal calendar feed (empty without a person)."""
    return user.is_authenticated and user.is_active


def can_send_invitations(user):
    """Sending a meeting's invitations: the staff unit and administrators."""
    return user.is_authenticated and user.is_active and user.is_staff_unit
