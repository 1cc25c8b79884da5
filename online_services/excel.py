"""The Excel round-trip of a body: its offers, and what the apps built on the online offers
keep of the body (its units' business processes: processes.excel).

The workbook has a sheet for the offers and one for each WorkbookSheet those apps contribute
through their AppConfig's `body_workbook_sheets()`. Keys (OZG-ID, unit number) are text cells,
so leading zeros survive Excel; no text runs as a formula (smartkreis.spreadsheets), and text a
user typed, even "=…", reads back unchanged. Import reads an edited file back, checks every
row and reports each fault by sheet and row. Nothing is written while a row has an error,
unless the user explicitly asks to apply only the valid rows; the writes then run in one
transaction and are recorded in the audit trail with the source "import".
"""

import datetime
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from audit.models import AuditEntry
from smartkreis.contributions import app_answers
from smartkreis.spreadsheets import write_xlsx_cell

from . import actions
from .models import (
    MaturityAssessment,
    MaturityLevel,
    MaturityModel,
    OZGService,
    ServiceOffer,
    SharedSolution,
)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AUDIT_LABEL = "Excel-Import"
TEXT = "@"
DATE_FORMAT = "DD.MM.YYYY"

# The file's columns are its interface: German, fixed, whatever the UI language.
OFFER_SHEET = "Onlineangebote"
OFFER_COLUMNS = (
    "Körperschaft",
    "OZG-ID",
    "Leistung",
    "Status",
    "Plattform",
    "Gemeinsame Lösung",
    "Online seit",
    "Link",
    "Fälle pro Jahr",
    "Reifegradmodell",
    "Reifegrad",
    "Bewertet am",
)


@dataclass(frozen=True)
class WorkbookSheet:
    """A sheet of a body's workbook: its title, its columns, and how it is written and read.

    `rows(body)` gives the export's rows in column order. `check(rows, *, body, report)` reads
    the (row number, {column: value}) pairs of an uploaded sheet, records each fault in the
    report (RowChecker) and returns the rows it found valid; `apply(*, acting_user, body, rows,
    report)` writes those rows inside the import's transaction and returns what it changed as
    a phrase for the import's summary. The sheets are ordered by `position`.
    """

    title: str
    columns: tuple
    rows: Callable
    check: Callable
    apply: Callable
    text_columns: frozenset = frozenset()
    date_columns: frozenset = frozenset()
    position: int = 0


# Export ------------------------------------------------------------------------------------


def _sheet(workbook, spec, rows, *, first=False):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = spec.title
    sheet.append(spec.columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            write_xlsx_cell(sheet.cell(row=row_number, column=column), value)
    for index, name in enumerate(spec.columns, start=1):
        number_format = (
            TEXT
            if name in spec.text_columns
            else DATE_FORMAT
            if name in spec.date_columns
            else None
        )
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
        sheet.column_dimensions[get_column_letter(index)].width = 18
    sheet.freeze_panes = "A2"
    return sheet


def _latest_assessment_dates(offers):
    return dict(
        ServiceOffer.objects.filter(pk__in=[offer.pk for offer in offers])
        .annotate(latest=Max("assessments__assessed_on"))
        .values_list("pk", "latest")
    )


def _offer_rows(body):
    offers = list(
        ServiceOffer.objects.filter(body=body)
        .select_related("service", "solution", "current_model")
        .order_by("service__name", "pk")
    )
    assessed = _latest_assessment_dates(offers)
    return [
        (
            body.name,
            offer.service.ozg_id,
            offer.service.name,
            offer.get_status_display(),
            offer.get_platform_display() if offer.platform else None,
            offer.solution.name if offer.solution else None,
            offer.online_since,
            offer.url or None,
            offer.cases_per_year,
            offer.current_model.code if offer.current_model else None,
            offer.current_level,
            assessed.get(offer.pk),
        )
        for offer in offers
    ]


def workbook_sheets():
    """The sheets of a body's workbook: the offers, then those the installed apps contribute."""
    contributed = [sheet for sheets in app_answers("body_workbook_sheets") for sheet in sheets]
    return sorted([OFFERS, *contributed], key=lambda sheet: sheet.position)


def export_body(body):
    """The body's workbook as XLSX bytes."""
    workbook = Workbook()
    for number, sheet in enumerate(workbook_sheets()):
        _sheet(workbook, sheet, sheet.rows(body), first=number == 0)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# Import: reading and checking ---------------------------------------------------------------


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class RowError:
    sheet: str
    row: int
    key: str
    message: str


@dataclass
class LevelChange:
    """A row whose maturity level the import changed: the report names each one."""

    service: str
    body: str
    old: str
    new: str
    assessed_on: datetime.date


@dataclass
class ImportReport:
    errors: list = field(default_factory=list)
    # sheet title -> the rows its check found valid
    rows: dict = field(default_factory=dict)
    rows_read: int = 0
    applied: bool = False
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    level_changes: list = field(default_factory=list)
    # what applying each sheet changed, one phrase per sheet
    changes: list = field(default_factory=list)

    @property
    def valid_rows(self):
        return sum(len(rows) for rows in self.rows.values())


# Reading cells: for the offers' sheet and the sheets the apps contribute ---------------------


def cell_text(value):
    """A cell's value as stripped text ("" for an empty cell; 12.0 reads as "12")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def choice_lookup(choices):
    """Value or label, in any case -> the choice's value."""
    lookup = {}
    for value, label in choices:
        lookup[str(value).lower()] = value
        lookup[str(label).lower()] = value
    return lookup


def _date(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


MAX_WHOLE_NUMBER = 2_147_483_647  # the database's positive integer limit


def whole_number(value):
    """A non-negative whole number the database holds, or None for an empty cell."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        text = cell_text(value).replace(".", "")
        if not text.isdigit():
            raise ValueError(value)
        value = int(text)
    if not 0 <= value <= MAX_WHOLE_NUMBER:
        raise ValueError(value)
    return value


def decimal_number(value):
    """A non-negative number below a million, to one decimal place, or None if empty."""
    if value in (None, ""):
        return None
    try:
        number = Decimal(cell_text(value).replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(value) from error
    if number < 0 or number >= Decimal("1000000") or not number.is_finite():
        raise ValueError(value)
    return number.quantize(Decimal("0.1"))


class RowChecker:
    """Collects the faults of one row."""

    def __init__(self, report, sheet, row, key):
        self.report, self.sheet, self.row, self.key = report, sheet, row, key
        self.failed = False

    def error(self, message):
        self.failed = True
        self.report.errors.append(RowError(self.sheet, self.row, self.key, message))

    def parse(self, parser, value, column, message):
        try:
            return parser(value)
        except ValueError:
            self.error(str(message) % {"column": column, "value": cell_text(value)})
            return None

    def belongs_to(self, body, value):
        """The row's column Körperschaft (`value`) must name `body`."""
        if cell_text(value) != body.name:
            self.error(
                _("The row belongs to “%(other)s”, not to %(body)s.")
                % {"other": cell_text(value), "body": body.name}
            )


def sheet_rows(workbook, sheet_name, columns):
    """(row number, {column: value}) of each non-empty row; ImportFileError if the sheet or
    one of its columns is missing."""
    if sheet_name not in workbook.sheetnames:
        raise ImportFileError(_("The sheet “%(sheet)s” is missing.") % {"sheet": sheet_name})
    rows = workbook[sheet_name].iter_rows(values_only=True)
    header = [cell_text(value) for value in next(rows, ())]
    missing = [name for name in columns if name not in header]
    if missing:
        raise ImportFileError(
            _("The sheet “%(sheet)s” lacks the columns %(columns)s.")
            % {"sheet": sheet_name, "columns": ", ".join(missing)}
        )
    positions = {name: header.index(name) for name in columns}
    for number, values in enumerate(rows, start=2):
        if not any(cell_text(value) for value in values):
            continue
        values = list(values) + [None] * (len(header) - len(values))
        yield number, {name: values[position] for name, position in positions.items()}


BAD_NUMBER = gettext_lazy("“%(value)s” in column %(column)s is not a valid number.")
BAD_DATE = gettext_lazy("“%(value)s” in column %(column)s is not a date (DD.MM.YYYY).")


def _check_offers(rows, *, body, report):
    services = {service.ozg_id: service for service in OZGService.objects.all()}
    solutions = {solution.name.lower(): solution for solution in SharedSolution.objects.all()}
    models = {model.code.lower(): model for model in MaturityModel.objects.all()}
    levels = set(MaturityLevel.objects.values_list("model_id", "level"))
    statuses = choice_lookup(ServiceOffer.Status.choices)
    platforms = choice_lookup(ServiceOffer.Platform.choices)
    seen = {}
    today = timezone.localdate()
    url_validator = URLValidator()
    # service pk -> (current model pk, current level, date of the latest assessment)
    current = {
        service_id: (model_id, level, latest)
        for service_id, model_id, level, latest in ServiceOffer.objects.filter(body=body)
        .annotate(latest=Max("assessments__assessed_on"))
        .values_list("service_id", "current_model_id", "current_level", "latest")
    }
    valid = []
    for number, row in rows:
        key = cell_text(row["OZG-ID"])
        check = RowChecker(report, OFFER_SHEET, number, key)
        check.belongs_to(body, row["Körperschaft"])
        service = services.get(key)
        if not key:
            check.error(_("The OZG ID is missing."))
        elif service is None:
            check.error(_("Unknown OZG ID “%(key)s”.") % {"key": key})
        elif key in seen:
            check.error(
                _("Duplicate row: OZG ID %(key)s appears already in row %(row)s.")
                % {"key": key, "row": seen[key]}
            )
        else:
            seen[key] = number
        status = statuses.get(cell_text(row["Status"]).lower())
        if status is None:
            check.error(_("Unknown status “%(value)s”.") % {"value": cell_text(row["Status"])})
        platform = ""
        if cell_text(row["Plattform"]):
            platform = platforms.get(cell_text(row["Plattform"]).lower())
            if platform is None:
                check.error(
                    _("Unknown platform “%(value)s”.") % {"value": cell_text(row["Plattform"])}
                )
        solution = None
        if cell_text(row["Gemeinsame Lösung"]):
            solution = solutions.get(cell_text(row["Gemeinsame Lösung"]).lower())
            if solution is None:
                check.error(
                    _("Unknown shared solution “%(value)s”.")
                    % {"value": cell_text(row["Gemeinsame Lösung"])}
                )
        online_since = check.parse(_date, row["Online seit"], "Online seit", BAD_DATE)
        url = cell_text(row["Link"])
        if len(url) > ServiceOffer._meta.get_field("url").max_length:
            check.error(_("The link is too long."))
        elif url:
            try:
                url_validator(url)
            except ValidationError:
                check.error(_("“%(value)s” is not a valid link.") % {"value": url})
        cases = check.parse(whole_number, row["Fälle pro Jahr"], "Fälle pro Jahr", BAD_NUMBER)
        model, level, assessed_on = None, None, None
        model_code = cell_text(row["Reifegradmodell"])
        level_text = cell_text(row["Reifegrad"])
        if model_code or level_text:
            model = models.get(model_code.lower())
            if model is None:
                check.error(_("Unknown maturity model “%(value)s”.") % {"value": model_code})
            level = check.parse(whole_number, row["Reifegrad"], "Reifegrad", BAD_NUMBER)
            if model is not None and level is not None and (model.pk, level) not in levels:
                check.error(
                    _("Level %(level)s does not exist in %(model)s.")
                    % {"level": level, "model": model.name}
                )
            elif model is not None and level is None and not check.failed:
                check.error(_("The maturity level is missing."))
            assessed_on = check.parse(_date, row["Bewertet am"], "Bewertet am", BAD_DATE)
            if assessed_on and assessed_on > today:
                check.error(_("The assessment date must not be in the future."))
            model_id, current_level, latest = current.get(
                service.pk if service else None, (None, None, None)
            )
            changes = model is not None and (model_id, current_level) != (model.pk, level)
            if changes and assessed_on and latest and assessed_on < latest:
                check.error(
                    _(
                        "The assessment date lies before the latest assessment of %(date)s: "
                        "the new level would not count. Give a later date or leave the "
                        "column unchanged (the import then dates it today)."
                    )
                    % {"date": latest.strftime("%d.%m.%Y")}
                )
        if status is not None and not check.failed:
            try:
                actions.validate_offer_values(
                    {"status": status, "online_since": online_since}, today=today
                )
            except ValidationError as error:
                for messages in error.message_dict.values():
                    for message in messages:
                        check.error(message)
        if not check.failed:
            valid.append(
                {
                    "service": service,
                    "values": {
                        "status": status,
                        "platform": platform,
                        "solution": solution,
                        "online_since": online_since,
                        "url": url,
                        "cases_per_year": cases,
                    },
                    "model": model,
                    "level": level,
                    "assessed_on": assessed_on,
                }
            )
    return valid


def _counted(rows, report):
    for row in rows:
        report.rows_read += 1
        yield row


def check_file(uploaded, body):
    """Read and check an uploaded file; returns an ImportReport (nothing is written)."""
    try:
        workbook = load_workbook(io.BytesIO(uploaded.read()), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise ImportFileError(_("The file cannot be read as an Excel workbook (XLSX).")) from error
    try:
        report = ImportReport()
        for sheet in workbook_sheets():
            rows = _counted(sheet_rows(workbook, sheet.title, sheet.columns), report)
            report.rows[sheet.title] = sheet.check(rows, body=body, report=report)
    finally:
        workbook.close()
    return report


# Import: applying --------------------------------------------------------------------------

IMPORT_AUDIT = {"audit_source": AuditEntry.Source.IMPORT, "audit_label": AUDIT_LABEL}


def _latest_assessments(offers):
    """offer pk -> its latest assessment, with the criteria it found met."""
    latest = {}
    assessments = (
        MaturityAssessment.objects.filter(offer__in=offers)
        .select_related("model")
        .prefetch_related("criteria_met")
        .order_by("offer_id", "-assessed_on", "-pk")
    )
    for assessment in assessments:
        latest.setdefault(assessment.offer_id, assessment)
    return latest


def _level_text(model, level):
    return f"{model.code} {level}" if model is not None and level is not None else "–"


def _apply_offers(*, acting_user, body, rows, report):
    services = [row["service"] for row in rows]
    existing = {
        offer.service_id: offer
        for offer in ServiceOffer.objects.filter(body=body, service__in=services).select_related(
            "current_model"
        )
    }
    latest_assessments = _latest_assessments(list(existing.values()))
    created = updated = assessed = 0
    today = timezone.localdate()
    for row in rows:
        offer = existing.get(row["service"].pk)
        if offer is None:
            offer = actions.create_offer(
                acting_user=acting_user,
                body=body,
                service=row["service"],
                **row["values"],
                **IMPORT_AUDIT,
            )
            created += 1
        else:
            version = offer.version
            offer = actions.update_offer(
                acting_user=acting_user, offer=offer, **row["values"], **IMPORT_AUDIT
            )
            updated += offer.version != version
        model, level = row["model"], row["level"]
        if model is not None and (offer.current_model_id, offer.current_level) != (model.pk, level):
            latest = latest_assessments.get(offer.pk)
            # The export fills "Bewertet am" with the latest assessment's date: left as it is,
            # it dates the new level today; another date is the assessment's own.
            given = row["assessed_on"]
            assessed_on = (
                given if given and (latest is None or given != latest.assessed_on) else today
            )
            # What the last assessment found met still holds; the level alone was edited.
            criteria = (
                list(latest.criteria_met.all()) if latest and latest.model_id == model.pk else []
            )
            old_level = _level_text(offer.current_model, offer.current_level)
            actions.record_assessment(
                acting_user=acting_user,
                offer=offer,
                model=model,
                level=level,
                assessed_on=assessed_on,
                criteria=criteria,
                **IMPORT_AUDIT,
            )
            report.level_changes.append(
                LevelChange(
                    service=row["service"].name,
                    body=body.name,
                    old=old_level,
                    new=_level_text(model, level),
                    assessed_on=assessed_on,
                )
            )
            assessed += 1
    report.created["offers"], report.updated["offers"] = created, updated
    report.created["assessments"] = assessed
    return _(
        "%(created)s offers created, %(updated)s updated, %(assessments)s assessments recorded"
    ) % {
        "created": created,
        "updated": updated,
        "assessments": assessed,
    }


OFFERS = WorkbookSheet(
    title=OFFER_SHEET,
    columns=OFFER_COLUMNS,
    rows=_offer_rows,
    check=_check_offers,
    apply=_apply_offers,
    text_columns=frozenset({"OZG-ID"}),
    date_columns=frozenset({"Online seit", "Bewertet am"}),
)


def start_import(*, acting_user, body, file, only_valid_rows=False):
    """Have the uploaded `file` checked and applied off the request: by the background job of
    the app answering the hook `start_body_import` (tasks), which runs check_file and
    apply_import and whose page shows the report. Returns that job."""
    (job,) = app_answers(
        "start_body_import",
        acting_user=acting_user,
        body=body,
        content=file.read(),
        only_valid_rows=only_valid_rows,
    )
    return job


@transaction.atomic
def apply_import(*, acting_user, body, report, only_valid_rows=False):
    """Write the checked rows of `report`. With errors, only if `only_valid_rows` is given."""
    if report.errors and not only_valid_rows:
        raise ValidationError(
            _("The file has errors; nothing has been changed."), code="has_errors"
        )
    for sheet in workbook_sheets():
        rows = report.rows[sheet.title]
        report.changes.append(
            sheet.apply(acting_user=acting_user, body=body, rows=rows, report=report)
        )
    report.applied = True
    return report
