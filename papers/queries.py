"""Reads of the papers for their pages, in a fixed number of queries per page."""

from dataclasses import dataclass

from audit.queries import audit_entries_for
from council.models import CouncilDecision
from council.permissions import can_manage_council_decisions, can_view_council_decision
from portfolio.permissions import visible_initiatives

from . import content as paper_content
from .forms import PaperFilterForm
from .models import Consultation, Paper, PaperVersion
from .permissions import (
    can_edit_paper,
    can_manage_papers,
    can_view_internal,
    can_view_paper,
    visible_papers_filter,
)


def visible_papers(user):
    return Paper.objects.filter(visible_papers_filter(user))


def paper_list(user, filters):
    """(filter form, queryset) of the papers `user` may read, filtered by kind, committee and
    date, newest first."""
    form = PaperFilterForm(filters or None)
    papers = visible_papers(user)
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            papers = papers.filter(kind=data["kind"])
        if data["committee"]:
            papers = papers.filter(
                pk__in=Consultation.objects.filter(organization=data["committee"]).values("paper")
            )
        if data["date_from"]:
            papers = papers.filter(date__gte=data["date_from"])
        if data["date_until"]:
            papers = papers.filter(date__lte=data["date_until"])
    papers = papers.select_related("originator_unit", "originator_organization").order_by(
        "-date", "-pk"
    )
    return form, papers


@dataclass
class ConsultationRow:
    """A row of the consultation sequence, with the council decision taken in it.

    `decision` is only set for users who may read it; `can_record` says whether the user may
    record the decision that is still missing.
    """

    consultation: Consultation
    decision: CouncilDecision | None
    can_record: bool


def _consultations(user, paper):
    consultations = Consultation.objects.filter(paper=paper).select_related(
        "organization", "meeting", "agenda_item", "council_decision"
    )
    if not can_view_internal(user, paper):
        consultations = consultations.filter(is_public=True)
    record = can_manage_council_decisions(user)
    rows = []
    for consultation in consultations.order_by("position", "pk"):
        consultation.paper = paper
        decision = getattr(consultation, "council_decision", None)
        rows.append(
            ConsultationRow(
                consultation=consultation,
                decision=decision
                if decision is not None and can_view_council_decision(user, decision)
                else None,
                can_record=record and decision is None,
            )
        )
    return rows


def _initiatives(user, paper):
    """The linked initiatives: those `user` may read; for anonymous visitors only the names
    the public paper itself gives (the register is not public)."""
    initiatives = paper.initiatives.select_related("owner_body").order_by("title", "pk")
    if user.is_authenticated and user.is_active:
        initiatives = initiatives.filter(pk__in=visible_initiatives(user).values("pk"))
    return list(initiatives)


def papers_for_initiative(user, initiative):
    """The papers referring to `initiative` that `user` may read, newest first."""
    return list(
        visible_papers(user)
        .filter(initiatives=initiative)
        .select_related("originator_unit", "originator_organization")
        .order_by("-date", "-pk")
    )


@dataclass
class PaperPage:
    paper: Paper
    shown: dict
    version: PaperVersion | None
    versions: list
    consultations: list[ConsultationRow]
    files: list
    blocks: list
    initiatives: list
    related: list
    superordinated: Paper | None
    subordinated: list
    history: list
    can_manage: bool
    can_edit: bool
    is_live: bool


def paper_page(*, user, paper):
    """The paper as its page shows it: live while a draft, else its last version."""
    versions = list(
        PaperVersion.objects.filter(paper=paper)
        .select_related("finalised_by")
        .order_by("-number")
        .defer("content")
    )
    include_internal = can_view_internal(user, paper)
    if paper.is_finalised and versions:
        version = PaperVersion.objects.get(pk=versions[0].pk)
        data = version.content
    else:
        version = None
        data = paper_content.paper_content(paper)
    visible = visible_papers_filter(user)
    manage = can_manage_papers(user)
    return PaperPage(
        paper=paper,
        shown=paper_content.display(data, include_internal=include_internal),
        version=version,
        versions=versions,
        consultations=_consultations(user, paper),
        files=list(paper.files.order_by("-is_main_file", "name", "pk")),
        blocks=list(paper.blocks.order_by("position", "pk")) if manage else [],
        initiatives=_initiatives(user, paper),
        related=list(paper.related_papers.filter(visible).order_by("-date", "pk")),
        superordinated=paper.superordinated_paper
        if paper.superordinated_paper and can_view_paper(user, paper.superordinated_paper)
        else None,
        subordinated=list(paper.subordinated_papers.filter(visible).order_by("-date", "pk")),
        history=audit_entries_for(paper) if manage else [],
        can_manage=manage,
        can_edit=can_edit_paper(user, paper),
        is_live=version is None,
    )


def version_page(*, user, paper, number):
    version = (
        PaperVersion.objects.select_related("finalised_by")
        .filter(paper=paper, number=number)
        .first()
    )
    if version is None:
        return None
    return {
        "paper": paper,
        "version": version,
        "shown": paper_content.display(
            version.content, include_internal=can_view_internal(user, paper)
        ),
    }
