"""Who may do what with the legal pages and the feedback on accessibility.

- everyone, logged in or not, reads the imprint, the privacy notice, the accessibility
  statement and the page in Leichte Sprache, and sends feedback;
- administrators edit the imprint, the privacy notice and the accessibility statement;
- the staff unit for digitalisation (and administrators) reads the feedback and answers or
  closes it.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Feedback


def _is_active(user):
    return user is not None and user.is_authenticated and user.is_active


def can_edit_legal_texts(user):
    return _is_active(user) and user.is_administrator


def can_handle_feedback(user):
    return _is_active(user) and user.is_staff_unit


def check_may_edit_legal_texts(user):
    if not can_edit_legal_texts(user):
        raise PermissionDenied


def check_may_handle_feedback(user):
    if not can_handle_feedback(user):
        raise PermissionDenied


def get_feedback_for_user_or_404(user, pk):
    """The feedback case, if `user` handles feedback (else 403 before anything is looked up)."""
    check_may_handle_feedback(user)
    return get_object_or_404(Feedback.objects.select_related("handled_by"), pk=pk)
