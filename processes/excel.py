"""The business processes' sheet of a body's Excel workbook (online_services.excel).

ProcessesConfig.body_workbook_sheets contributes it: the export lists the processes of the
body's units, and the import checks each row and writes the valid ones with the source "import".
"""

from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot
from online_services.excel import (
    AUDIT_LABEL,
    BAD_NUMBER,
    RowChecker,
    WorkbookSheet,
    cell_text,
    choice_lookup,
    decimal_number,
    whole_number,
)
from online_services.models import OZGService
from organisations.models import OrgUnit

from .models import BusinessProcess

# The file's columns are its interface: German, fixed, whatever the UI language.
PROCESS_SHEET = "Prozesse"
PROCESS_COLUMNS = (
    "Körperschaft",
    "Einheit-Nr.",
    "Einheit",
    "Prozess",
    "OZG-ID",
    "Fälle pro Jahr",
    "Minuten je Fall",
    "Minuten je Fall (Ziel)",
    "Medienbrüche",
    "Digitalisierung",
    "Zielzustand",
)


def _process_rows(body):
    processes = (
        BusinessProcess.objects.filter(org_unit__body=body)
        .select_related("org_unit", "service")
        .order_by("org_unit__number", "org_unit__name", "name")
    )
    return [
        (
            body.name,
            process.org_unit.number,
            process.org_unit.name,
            process.name,
            process.service.ozg_id if process.service else None,
            process.cases_per_year,
            process.minutes_per_case,
            process.target_minutes_per_case,
            process.media_breaks,
            process.get_digitisation_display(),
            process.target_state or None,
        )
        for process in processes
    ]


def _check_processes(rows, *, body, report):
    units = list(OrgUnit.objects.select_related("body"))
    own_by_number = {unit.number: unit for unit in units if unit.body_id == body.pk and unit.number}
    own_by_name = {unit.name: unit for unit in units if unit.body_id == body.pk}
    other_numbers = {unit.number for unit in units if unit.body_id != body.pk and unit.number}
    services = {service.ozg_id: service for service in OZGService.objects.all()}
    digitisations = choice_lookup(BusinessProcess.Digitisation.choices)
    seen = {}
    valid = []
    for number, row in rows:
        unit_number, unit_name = cell_text(row["Einheit-Nr."]), cell_text(row["Einheit"])
        name = cell_text(row["Prozess"])
        key = f"{unit_number or unit_name}: {name}"
        check = RowChecker(report, PROCESS_SHEET, number, key)
        check.belongs_to(body, row["Körperschaft"])
        unit = own_by_number.get(unit_number) if unit_number else own_by_name.get(unit_name)
        if unit is None:
            if unit_number in other_numbers:
                check.error(_("Unit %(unit)s belongs to another body.") % {"unit": unit_number})
            else:
                check.error(_("Unknown unit “%(unit)s”.") % {"unit": unit_number or unit_name})
        if not name:
            check.error(_("The process name is missing."))
        elif len(name) > BusinessProcess._meta.get_field("name").max_length:
            check.error(_("The process name is too long."))
        elif unit is not None:
            if (unit.pk, name) in seen:
                check.error(
                    _("Duplicate row: this process appears already in row %(row)s.")
                    % {"row": seen[(unit.pk, name)]}
                )
            else:
                seen[(unit.pk, name)] = number
        service = None
        service_key = cell_text(row["OZG-ID"])
        if service_key:
            service = services.get(service_key)
            if service is None:
                check.error(_("Unknown OZG ID “%(key)s”.") % {"key": service_key})
        values = {}
        for column, name_, parser in (
            ("Fälle pro Jahr", "cases_per_year", whole_number),
            ("Minuten je Fall", "minutes_per_case", decimal_number),
            ("Minuten je Fall (Ziel)", "target_minutes_per_case", decimal_number),
            ("Medienbrüche", "media_breaks", whole_number),
        ):
            values[name_] = check.parse(parser, row[column], column, BAD_NUMBER)
            if values[name_] is None and cell_text(row[column]) == "" and name_ != "media_breaks":
                check.error(_("The column %(column)s is empty.") % {"column": column})
        if values["media_breaks"] is None:
            values["media_breaks"] = 0
        if values["media_breaks"] > 32767:
            breaks = values["media_breaks"]
            check.error(str(BAD_NUMBER) % {"column": "Medienbrüche", "value": breaks})
        if (
            values["minutes_per_case"] is not None
            and values["target_minutes_per_case"] is not None
            and values["target_minutes_per_case"] > values["minutes_per_case"]
        ):
            check.error(_("The target state cannot take longer per case than today."))
        digitisation = digitisations.get(cell_text(row["Digitalisierung"]).lower())
        if digitisation is None:
            check.error(
                _("Unknown digitisation status “%(value)s”.")
                % {"value": cell_text(row["Digitalisierung"])}
            )
        if not check.failed:
            valid.append(
                {
                    "org_unit": unit,
                    "name": name,
                    "values": values
                    | {
                        "service": service,
                        "digitisation": digitisation,
                        "target_state": cell_text(row["Zielzustand"]),
                    },
                }
            )
    return valid


def _apply_processes(*, acting_user, body, rows, report):
    created = updated = 0
    for row in rows:
        process = BusinessProcess.objects.filter(org_unit=row["org_unit"], name=row["name"])
        process = process.select_for_update().first()
        if process is None:
            process = BusinessProcess.objects.create(
                org_unit=row["org_unit"], name=row["name"], **row["values"]
            )
            record_change(
                actor=acting_user,
                action=AuditEntry.Action.CREATE,
                obj=process,
                source=AuditEntry.Source.IMPORT,
                label=AUDIT_LABEL,
            )
            created += 1
            continue
        before = snapshot(process)
        for name, value in row["values"].items():
            setattr(process, name, value)
        if snapshot(process) == before:
            continue
        process.version += 1
        process.save()
        record_change(
            actor=acting_user,
            action=AuditEntry.Action.UPDATE,
            obj=process,
            before=before,
            source=AuditEntry.Source.IMPORT,
            label=AUDIT_LABEL,
        )
        updated += 1
    report.created["processes"], report.updated["processes"] = created, updated
    return _("%(created)s processes created, %(updated)s updated") % {
        "created": created,
        "updated": updated,
    }


PROCESSES = WorkbookSheet(
    title=PROCESS_SHEET,
    columns=PROCESS_COLUMNS,
    rows=_process_rows,
    check=_check_processes,
    apply=_apply_processes,
    text_columns=frozenset({"OZG-ID", "Einheit-Nr."}),
    position=10,
)
