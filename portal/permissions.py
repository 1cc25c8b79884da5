"""Who may write and publish the portal's summaries: the staff unit and administrators.

Everyone, logged in or not, reads what is published; the public pages need no check.
"""

from django.core.exceptions import PermissionDenied


def can_manage_publications(user):
    return user.is_authenticated and user.is_active and user.is_staff_unit


def require_publication_manager(user):
    if not can_manage_publications(user):
        raise PermissionDenied
