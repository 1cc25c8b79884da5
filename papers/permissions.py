"""Who may read and change papers. Every papers view goes through these.

- Administrators and the staff unit read and change every paper and upload Word templates.
- Other logged-in users of the county read its public and non-public papers.
- Municipality users and anonymous visitors read public papers only (and of those only the
  public consultations).

What the public (all but the internal readers of a paper's body) reads of an own paper is its
published version, the one last finalised while the paper was public, and the attachments
published with it; a public paper is published when it is first finalised, as a council
information system publishes a paper when it is released. A draft shows the register's live
data, which are internal, so a public paper never finalised is not public yet. Imported papers
are published by their council information system: the public reads them as imported.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from organisations.models import Body

from .models import Paper


def can_manage_papers(user):
    return user.is_authenticated and user.is_staff_unit


def can_view_internal(user, paper=None):
    """Non-public papers (of the paper's body, if given) and non-public consultations."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff_unit:
        return True
    if user.body_id is None or user.body.kind == Body.Kind.MUNICIPALITY:
        return False
    return paper is None or paper.body_id == user.body_id


def is_published(paper):
    return paper.is_public and bool(paper.external_id or paper.published_version_id)


def published_papers_filter():
    return Q(is_public=True) & (~Q(external_id="") | Q(published_version__isnull=False))


def visible_papers_filter(user):
    if can_manage_papers(user):
        return Q()
    if can_view_internal(user):
        return published_papers_filter() | Q(body_id=user.body_id)
    return published_papers_filter()


def can_view_paper(user, paper):
    return is_published(paper) or can_view_internal(user, paper)


def can_edit_paper(user, paper):
    """Change the paper's own content; imported papers keep their source's content."""
    return can_manage_papers(user) and not paper.external_id


def can_link_initiatives(user, paper):
    return can_manage_papers(user)


def get_paper_for_user_or_404(user, pk, *, manage=False):
    """The paper, if `user` may read it (and manage papers, with `manage`).

    Anonymous visitors get PermissionDenied for what needs a login (the views send them to the
    login); a non-public paper is a 404 for those who may not read it, so it is not revealed.
    """
    paper = (
        Paper.objects.select_related(
            "body",
            "originator_unit",
            "originator_organization",
            "superordinated_paper__published_version",
            "published_version",
        )
        .filter(pk=pk)
        .first()
    )
    if paper is None:
        raise Http404
    if manage and not can_manage_papers(user):
        raise PermissionDenied
    if not can_view_paper(user, paper):
        if not user.is_authenticated:
            raise PermissionDenied
        raise Http404
    return paper
