"""Every change to papers, their consultations, attachments, blocks, versions and templates.

One function each: keyword-only, with the acting user, atomic, writing its audit entries.
Invalid input raises django.core.exceptions.ValidationError keyed by field, with a German
message, and saves nothing. Imported papers (with an external_id) keep their source's content:
only their links to initiatives change here.
Any change of what a finalised paper shows opens a new draft (is_finalised = False); the
next finalisation freezes the next version, and publishes it if the paper is public: the
public sees nothing else of it. A finalised version's files are rendered once, by a job the
finalisation starts (hook `paper_version_finalised`), and kept (smartkreis.frozen).
"""

import io
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot
from governance.models import Organization
from smartkreis.contributions import call_apps
from smartkreis.documents import DocumentTemplateError, render_docx

from . import content as paper_content
from .models import Consultation, DocumentTemplate, Paper, PaperBlock, PaperFile, PaperVersion

PAPER_FIELDS = (
    "kind",
    "paper_type",
    "reference",
    "date",
    "subject",
    "is_public",
    "originator_unit",
    "originator_organization",
    "resolution_proposal",
    "preliminary_remark",
    "explanation",
    "affects_budget",
    "budget_effect",
    "budget_amount",
    "funds_available",
    "unplanned_spending",
    "cover_proposal",
    "follow_up_costs",
    "demo_note",
)
CONSULTATION_FIELDS = (
    "position",
    "organization",
    "meeting",
    "agenda_item",
    "planned_date",
    "role",
    "authoritative",
    "is_public",
    "result",
)
BLOCK_FIELDS = ("position", "kind", "title", "parameters")
MAX_FILE_SIZE = 20 * 1024 * 1024
# Allowed attachments: extension → (MIME type, how the file's content begins).
ALLOWED_FILES = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}


def _check_unknown(values, allowed, what):
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def _refuse_imported(paper):
    if paper.external_id:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "This paper was imported from the council information system; only its "
                    "links to initiatives can be changed here."
                )
            }
        )


def _lock(paper, expected_version=None):
    current = Paper.objects.select_for_update().get(pk=paper.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: ValidationError(
                    _(
                        "Someone else has changed this paper since you opened the form. "
                        "Reload the page to see the current state, then make your change again."
                    ),
                    code="stale",
                )
            }
        )
    return current


def _reopen(*, acting_user, paper):
    """A change of what the paper shows: a finalised paper becomes a draft again."""
    if paper.is_finalised:
        before = snapshot(paper)
        paper.is_finalised = False
        paper.version += 1
        paper.save(update_fields=["is_finalised", "version", "modified"])
        record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=paper, before=before)


def _validate_paper(values, *, body, exclude_pk=None):
    errors = {}
    kind = values.get("kind")
    unit, group = values.get("originator_unit"), values.get("originator_organization")
    if unit and group:
        errors["originator_organization"] = _(
            "A paper comes either from a unit or from a council group or committee, not both."
        )
    if kind == Paper.Kind.MOTION and (
        group is None or group.kind != Organization.Kind.COUNCIL_GROUP
    ):
        errors["originator_organization"] = _("A motion comes from a council group.")
    reference = (values.get("reference") or "").strip()
    if (
        reference
        and Paper.objects.filter(body=body, reference=reference, external_id="")
        .exclude(pk=exclude_pk)
        .exists()
    ):
        errors["reference"] = _("A paper with this reference number exists.")
    if values.get("budget_amount") is not None and values["budget_amount"] < 0:
        errors["budget_amount"] = _("The amount must not be negative.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_paper(*, acting_user, body, **values):
    _check_unknown(values, PAPER_FIELDS, "paper")
    _validate_paper(values, body=body)
    paper = Paper.objects.create(body=body, **values)
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=paper)
    return paper


@transaction.atomic
def update_paper(*, acting_user, paper, expected_version=None, **values):
    _check_unknown(values, PAPER_FIELDS, "paper")
    current = _lock(paper, expected_version)
    _refuse_imported(current)
    merged = {name: getattr(current, name) for name in PAPER_FIELDS} | values
    _validate_paper(merged, body=current.body, exclude_pk=current.pk)
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    current.is_finalised = False
    current.version += 1
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def link_initiatives(*, acting_user, paper, initiatives):
    """Which initiatives of the register the paper concerns (also for imported papers)."""
    current = _lock(paper)
    before = snapshot(current)
    current.initiatives.set(initiatives)
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def relate_papers(*, acting_user, paper, related_papers, superordinated_paper):
    current = _lock(paper)
    _refuse_imported(current)
    related = [other for other in related_papers if other.pk != current.pk]
    if superordinated_paper is not None and superordinated_paper.pk == current.pk:
        raise ValidationError({"superordinated_paper": _("A paper cannot belong to itself.")})
    before = snapshot(current)
    current.related_papers.set(related)
    current.superordinated_paper = superordinated_paper
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


# Consultations (Beratungsfolge) ------------------------------------------------------------


def _validate_consultation(values):
    errors = {}
    meeting, item = values.get("meeting"), values.get("agenda_item")
    organization = values.get("organization")
    if (
        meeting is not None
        and organization is not None
        and meeting.organization_id != organization.pk
    ):
        errors["meeting"] = _("The meeting is one of another committee.")
    if item is not None and (meeting is None or item.meeting_id != meeting.pk):
        errors["agenda_item"] = _("The agenda item belongs to another meeting.")
    if organization is None and meeting is None:
        errors["organization"] = _("Choose the committee.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_consultation(*, acting_user, paper, **values):
    _check_unknown(values, CONSULTATION_FIELDS, "consultation")
    current = _lock(paper)
    _refuse_imported(current)
    _validate_consultation(values)
    if values.get("organization") is None:
        values["organization"] = values["meeting"].organization
    if not values.get("position"):
        last = current.consultations.aggregate(last=Max("position"))["last"]
        values["position"] = (last or 0) + 1
    consultation = Consultation.objects.create(paper=current, **values)
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=consultation)
    _reopen(acting_user=acting_user, paper=current)
    return consultation


@transaction.atomic
def update_consultation(*, acting_user, consultation, **values):
    _check_unknown(values, CONSULTATION_FIELDS, "consultation")
    current_paper = _lock(consultation.paper)
    _refuse_imported(current_paper)
    current = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _validate_consultation({name: getattr(current, name) for name in CONSULTATION_FIELDS} | values)
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    _reopen(acting_user=acting_user, paper=current_paper)
    return current


@transaction.atomic
def remove_consultation(*, acting_user, consultation):
    current_paper = _lock(consultation.paper)
    _refuse_imported(current_paper)
    record_change(actor=acting_user, action=AuditEntry.Action.DELETE, obj=consultation)
    consultation.delete()
    _reopen(acting_user=acting_user, paper=current_paper)


# Attachments -------------------------------------------------------------------------------


def _pdf_text(upload):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    upload.seek(0)
    try:
        reader = PdfReader(io.BytesIO(upload.read()))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ValidationError(
            {"upload": _("The PDF file cannot be read. Please check the file and upload it again.")}
        ) from error
    finally:
        upload.seek(0)
    return text.strip()


def validate_upload(upload):
    """(MIME type, extracted text) of an allowed attachment; ValidationError otherwise."""
    extension = Path(upload.name).suffix.lower()
    if extension not in ALLOWED_FILES:
        raise ValidationError(
            {
                "upload": _(
                    "This type of file is not allowed. Allowed are PDF, Word (.docx), Excel "
                    "(.xlsx), OpenDocument text (.odt), PNG and JPEG."
                )
            }
        )
    if upload.size > MAX_FILE_SIZE:
        raise ValidationError({"upload": _("The file is larger than 20 MB.")})
    mime_type, signatures = ALLOWED_FILES[extension]
    upload.seek(0)
    start = upload.read(8)
    upload.seek(0)
    if not any(start.startswith(signature) for signature in signatures):
        raise ValidationError(
            {
                "upload": _("The file’s content does not match its extension %(extension)s.")
                % {"extension": extension}
            }
        )
    text = _pdf_text(upload) if extension == ".pdf" else ""
    return mime_type, text


@transaction.atomic
def add_file(*, acting_user, paper, upload, name="", is_main_file=False, today=None):
    current = _lock(paper)
    _refuse_imported(current)
    mime_type, text = validate_upload(upload)
    if is_main_file:
        current.files.filter(is_main_file=True).update(is_main_file=False)
    paper_file = PaperFile(
        paper=current,
        name=name.strip() or Path(upload.name).stem,
        file_name=Path(upload.name).name,
        mime_type=mime_type,
        size=upload.size,
        date=today or timezone.localdate(),
        text=text,
        is_main_file=is_main_file,
        uploaded_by=acting_user,
    )
    paper_file.content.save(Path(upload.name).name, upload, save=False)
    paper_file.save()
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=paper_file)
    _reopen(acting_user=acting_user, paper=current)
    return paper_file


@transaction.atomic
def remove_file(*, acting_user, paper_file):
    current_paper = _lock(paper_file.paper)
    _refuse_imported(current_paper)
    record_change(actor=acting_user, action=AuditEntry.Action.DELETE, obj=paper_file)
    paper_file.delete()  # its file goes once this commits (smartkreis.files)
    _reopen(acting_user=acting_user, paper=current_paper)


# Live-data blocks --------------------------------------------------------------------------


def _validate_block(values):
    kind, parameters = values.get("kind"), values.get("parameters") or {}
    errors = {}
    if kind == PaperBlock.Kind.INITIATIVE_STATUS and not parameters.get("fields"):
        errors["fields"] = _("Choose at least one field of action.")
    if kind == PaperBlock.Kind.INDICATOR_CHART and not parameters.get("indicator"):
        errors["indicator"] = _("Choose the indicator.")
    if kind == PaperBlock.Kind.STEERING_DECISIONS and not parameters.get("since"):
        errors["since"] = _("Enter the date from which decisions are shown.")
    if not (values.get("title") or "").strip():
        errors["title"] = _("Enter a heading.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_block(*, acting_user, paper, **values):
    _check_unknown(values, BLOCK_FIELDS, "block")
    current = _lock(paper)
    _refuse_imported(current)
    _validate_block(values)
    if not values.get("position"):
        last = current.blocks.aggregate(last=Max("position"))["last"]
        values["position"] = (last or 0) + 1
    block = PaperBlock.objects.create(paper=current, **values)
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=block)
    _reopen(acting_user=acting_user, paper=current)
    return block


@transaction.atomic
def update_block(*, acting_user, block, **values):
    _check_unknown(values, BLOCK_FIELDS, "block")
    current_paper = _lock(block.paper)
    _refuse_imported(current_paper)
    current = PaperBlock.objects.select_for_update().get(pk=block.pk)
    _validate_block({name: getattr(current, name) for name in BLOCK_FIELDS} | values)
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    _reopen(acting_user=acting_user, paper=current_paper)
    return current


@transaction.atomic
def remove_block(*, acting_user, block):
    current_paper = _lock(block.paper)
    _refuse_imported(current_paper)
    record_change(actor=acting_user, action=AuditEntry.Action.DELETE, obj=block)
    block.delete()
    _reopen(acting_user=acting_user, paper=current_paper)


# Versions ----------------------------------------------------------------------------------


@transaction.atomic
def start_new_draft(*, acting_user, paper):
    """Reopen a finalised paper, so it shows live data again, before anything is changed."""
    current = _lock(paper)
    _refuse_imported(current)
    if not current.is_finalised:
        raise ValidationError({NON_FIELD_ERRORS: _("The paper is a draft already.")})
    _reopen(acting_user=acting_user, paper=current)
    return current


@transaction.atomic
def finalise_paper(*, acting_user, paper, now=None):
    """Freeze what the paper shows now as its next numbered, immutable version."""
    current = _lock(paper)
    _refuse_imported(current)
    if current.is_finalised:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "The paper has not changed since its last finalisation; there is nothing "
                    "new to finalise."
                )
            }
        )
    last = current.versions.aggregate(last=Max("number"))["last"] or 0
    version = PaperVersion.objects.create(
        paper=current,
        number=last + 1,
        finalised_at=now or timezone.now(),
        finalised_by=acting_user,
        content=paper_content.paper_content(current),
    )
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=version)
    before = snapshot(current)
    current.is_finalised = True
    current.version += 1
    # Finalising a public paper publishes it; a non-public version is never shown to the
    # public, not even once the paper is made public again (until it is finalised as such).
    current.published_version = version if current.is_public else None
    current.save()
    if current.is_public:
        # modified: OParl clients that sync by modified_since learn of the newly public files.
        current.files.filter(published_at=None).update(
            published_at=version.finalised_at, modified=timezone.now()
        )
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    # The version's files are kept from now on: rendered ahead of the first reader, once this
    # transaction committed (by the apps answering the hook, tasks).
    call_apps("paper_version_finalised", version=version)
    return version


# Word templates ----------------------------------------------------------------------------


@transaction.atomic
def upload_document_template(*, acting_user, name, upload):
    """Check the uploaded Word template by rendering a sample paper; then use it from now on."""
    from .documents import sample_context

    if Path(upload.name).suffix.lower() != ".docx":
        raise ValidationError(
            {"upload": _("The file is not a Word template (.docx) that can be read.")}
        )
    upload.seek(0)
    try:
        render_docx(io.BytesIO(upload.read()), sample_context(), title="Probe", language="de")
    except DocumentTemplateError as error:
        raise ValidationError({"upload": str(error)}) from error
    finally:
        upload.seek(0)
    for active in DocumentTemplate.objects.select_for_update().filter(is_active=True):
        before = snapshot(active)
        active.is_active = False
        active.save()
        record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=active, before=before)
    template = DocumentTemplate(
        name=name.strip() or Path(upload.name).stem, is_active=True, uploaded_by=acting_user
    )
    template.content.save(Path(upload.name).name, upload, save=False)
    template.save()
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=template)
    return template


@transaction.atomic
def use_default_template(*, acting_user):
    """Go back to the default Word template (the uploaded ones are kept, inactive)."""
    for active in DocumentTemplate.objects.select_for_update().filter(is_active=True):
        before = snapshot(active)
        active.is_active = False
        active.save()
        record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=active, before=before)
