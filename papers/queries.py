"""Reads of the papers for their pages, in a fixed number of queries per page."""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator

from audit.queries import audit_entries_for
from portfolio.permissions import visible_initiatives
from smartkreis.contributions import table_columns

from . import content as paper_content
from .forms import PaperFilterForm
from .models import Consultation, DocumentTemplate, Paper, PaperVersion
from .permissions import (
    can_edit_paper,
    can_manage_papers,
    can_view_internal,
    can_view_paper,
    visible_papers_filter,
)


def visible_papers(user):
    return Paper.objects.filter(visible_papers_filter(user))


@dataclass
class PaperHeading:
    """A paper as lists and links name it."""

    paper: Paper
    date: datetime.date | None
    reference: str
    subject: str
    kind: str
    originator: str

    def __str__(self):
        return f"{self.reference} {self.subject}".strip()

    def get_absolute_url(self):
        return self.paper.get_absolute_url()


def paper_heading(user, paper):
    """`paper` named for `user`: for the public as its published version names it (loaded
    with the paper), not as its draft may have been renamed since."""
    if paper.external_id or can_view_internal(user, paper):
        return PaperHeading(
            paper=paper,
            date=paper.date,
            reference=paper.reference,
            subject=paper.subject,
            kind=paper.paper_type or paper.get_kind_display(),
            originator=str(paper.originator_organization or paper.originator_unit or ""),
        )
    content = paper.published_version.content
    return PaperHeading(
        paper=paper,
        date=datetime.date.fromisoformat(content["date"]) if content["date"] else None,
        reference=content["reference"],
        subject=content["subject"],
        kind=paper_content.kind_label(content),
        originator=content["originator"],
    )


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
    # The published version: how the public names a paper (paper_heading).
    papers = papers.select_related(
        "originator_unit", "originator_organization", "published_version"
    ).order_by("-date", "-pk")
    return form, papers


def paper_list_page(user, filters, *, page_size):
    """The papers page: the filter form, the page of papers asked for in `filters`, and each
    paper's heading as `user` may read it."""
    form, papers = paper_list(user, filters)
    page = Paginator(papers, page_size).get_page(filters.get("page"))
    rows = [paper_heading(user, paper) for paper in page.object_list]
    return {"form": form, "page_obj": page, "rows": rows}


def document_templates():
    """The uploaded Word templates, newest first, with who uploaded them."""
    return DocumentTemplate.objects.select_related("uploaded_by")


@dataclass
class ConsultationRow:
    """A row of the consultation sequence, with a cell for each column that apps built on the
    papers add (the council: the decision taken in it): a PageSection, or None for "–"."""

    consultation: Consultation
    cells: list


def _consultations(user, paper):
    """The columns other apps add to the consultation sequence, and its rows."""
    consultations = Consultation.objects.filter(paper=paper).select_related(
        "organization", "meeting", "agenda_item"
    )
    if not can_view_internal(user, paper):
        consultations = consultations.filter(is_public=True)
    consultations = list(consultations.order_by("position", "pk"))
    for consultation in consultations:
        consultation.paper = paper
    columns = table_columns(
        "consultation_columns", user=user, paper=paper, consultations=consultations
    )
    rows = [
        ConsultationRow(
            consultation=consultation,
            cells=[column.values.get(consultation.pk, column.default) for column in columns],
        )
        for consultation in consultations
    ]
    return columns, rows


def _initiatives(user, paper):
    """The linked initiatives `user` may read; None for anonymous visitors: the register is
    not public, and the links are no part of a version."""
    if not (user.is_authenticated and user.is_active):
        return None
    return list(
        paper.initiatives.filter(pk__in=visible_initiatives(user).values("pk"))
        .select_related("owner_body")
        .order_by("title", "pk")
    )


def visible_versions(user, paper):
    """The paper's versions `user` may read, newest first, without their content: for the
    public those up to the published one that were finalised while the paper was public."""
    versions = PaperVersion.objects.filter(paper=paper).order_by("-number")
    if not can_view_internal(user, paper):
        if paper.published_version is None:
            return versions.none()
        versions = versions.filter(
            number__lte=paper.published_version.number, content__is_public=True
        )
    return versions


def shown_content(user, paper):
    """(version, content) of what the paper's page and files show `user`.

    Internal readers see the draft with the register's live data (version None) or, once
    finalised, the last version; the public the published version, or an imported paper as
    imported.
    """
    if can_view_internal(user, paper):
        if not paper.is_finalised:
            return None, paper_content.paper_content(paper)
        version = paper.versions.order_by("-number").first()
    elif paper.external_id:
        # The source's content; the links to initiatives are the register's, not published.
        return None, paper_content.paper_content(paper) | {"initiatives": []}
    else:
        version = paper.published_version
    return version, version.content


def visible_files(user, paper):
    files = paper.files.order_by("-is_main_file", "name", "pk")
    if not can_view_internal(user, paper) and not paper.external_id:
        files = files.filter(published_at__isnull=False)
    return files


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
    consultation_columns: list
    consultations: list[ConsultationRow]
    files: list
    blocks: list
    initiatives: list | None
    related: list
    superordinated: PaperHeading | None
    subordinated: list
    history: list
    can_manage: bool
    can_edit: bool
    is_live: bool


def paper_page(*, user, paper):
    """The paper as its page shows it: live while a draft, else its last version."""
    versions = list(visible_versions(user, paper).select_related("finalised_by").defer("content"))
    include_internal = can_view_internal(user, paper)
    version, data = shown_content(user, paper)
    visible = visible_papers_filter(user)
    manage = can_manage_papers(user)
    consultation_columns, consultations = _consultations(user, paper)
    return PaperPage(
        paper=paper,
        shown=paper_content.display(data, include_internal=include_internal),
        version=version,
        versions=versions,
        consultation_columns=consultation_columns,
        consultations=consultations,
        files=list(visible_files(user, paper)),
        blocks=list(paper.blocks.order_by("position", "pk")) if manage else [],
        initiatives=_initiatives(user, paper),
        related=[
            paper_heading(user, other)
            for other in paper.related_papers.filter(visible)
            .select_related("published_version")
            .order_by("-date", "pk")
        ],
        superordinated=paper_heading(user, paper.superordinated_paper)
        if paper.superordinated_paper and can_view_paper(user, paper.superordinated_paper)
        else None,
        subordinated=[
            paper_heading(user, other)
            for other in paper.subordinated_papers.filter(visible)
            .select_related("published_version")
            .order_by("-date", "pk")
        ],
        history=audit_entries_for(paper) if manage else [],
        can_manage=manage,
        can_edit=can_edit_paper(user, paper),
        is_live=version is None,
    )


def version_page(*, user, paper, number):
    version = (
        visible_versions(user, paper).select_related("finalised_by").filter(number=number).first()
    )
    if version is None:
        return None
    return {
        "paper": paper,
        "heading": paper_heading(user, paper),
        "version": version,
        "shown": paper_content.display(
            version.content, include_internal=can_view_internal(user, paper)
        ),
    }
