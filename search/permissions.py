"""What a user's search may find.

Anonymous visitors find nothing (the page sends them to the login). Non-public papers, and
public ones not published yet, are internal: only users of the county's administration read
them, never a municipality's users (whatever their role). Initiatives: those the register
shows the user (portfolio.permissions.visible_initiatives).
"""

from organisations.models import Body
from papers.models import Paper
from papers.permissions import published_papers_filter
from portfolio.permissions import visible_initiatives


def can_read_internal_papers(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff_unit:
        return True
    in_municipality = user.body_id is not None and user.body.kind == Body.Kind.MUNICIPALITY
    return user.role != user.Role.MUNICIPALITY_EDITOR and not in_municipality


def searchable_papers(user):
    if not user.is_authenticated or not user.is_active:
        return Paper.objects.none()
    papers = Paper.objects.all()
    if not can_read_internal_papers(user):
        papers = papers.filter(published_papers_filter())
    return papers


def searchable_initiatives(user):
    return visible_initiatives(user)
