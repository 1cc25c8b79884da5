"""Importing the OZG catalogue (Themenfelder, Lebenslagen, OZG-Leistungen, LeiKa-Leistungen).

The four CSV files are read and checked completely before anything is written; the writes run
in one transaction, so a broken file leaves the database as it was. Rows are matched by the
source's id (`catalogue_id`): a re-import updates them and never duplicates. Keys stay strings.
"""

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .models import LeikaService, LifeSituation, OZGService, ServiceTopic

NOT_IN_LEIKA = "nicht im LeiKa"
LEIKA_KEY = re.compile(r"\d{14}")

FILES = {
    "topics": ("themenfelder.csv", ("id", "name")),
    "situations": ("lebenslagen.csv", ("id", "themenfeld_id", "name")),
    "services": ("ozg_leistungen.csv", ("id", "ozg_id", "name", "lebenslage_id", "themenfeld_id")),
    "leika": (
        "leika_leistungen.csv",
        ("id", "leika_schluessel", "name", "leika_typ", "ozg_leistung_id", "rechtsgrundlage"),
    ),
}

# The LeiKa type says who regulates a service and who executes it. Responsibility here is the
# level that executes it, i.e. whose authorities have to offer it online: type 1 federal
# (federal law, federal authorities), types 2 and 4 the state's authorities, types 3, 2/3, 5
# and 6 mostly the counties and municipalities. A combined type ("1, 2/3") counts by its first.
RESPONSIBILITY_BY_TYPE = {
    "1": LeikaService.Responsibility.FEDERAL,
    "2": LeikaService.Responsibility.STATE,
    "4": LeikaService.Responsibility.STATE,
    "3": LeikaService.Responsibility.MUNICIPAL,
    "2/3": LeikaService.Responsibility.MUNICIPAL,
    "5": LeikaService.Responsibility.MUNICIPAL,
    "6": LeikaService.Responsibility.MUNICIPAL,
}


class CatalogueError(Exception):
    """The catalogue cannot be imported; the message says why, in the user's language."""


@dataclass
class ImportSummary:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    without_leika_key: int = 0
    skipped: list = field(default_factory=list)


def responsibility_for(leika_type):
    first = leika_type.split(",")[0].strip()
    return RESPONSIBILITY_BY_TYPE.get(first, "")


def _read(directory, key):
    file_name, columns = FILES[key]
    path = Path(directory) / file_name
    if not path.is_file():
        raise CatalogueError(_("The file %(file)s is missing.") % {"file": path})
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [name for name in columns if name not in (reader.fieldnames or ())]
            if missing:
                raise CatalogueError(
                    _("%(file)s lacks the columns %(columns)s.")
                    % {"file": file_name, "columns": ", ".join(missing)}
                )
            rows = []
            for row in reader:
                if None in row or any(row[name] is None for name in columns):
                    raise CatalogueError(
                        _("%(file)s, line %(line)s: the row has the wrong number of fields.")
                        % {"file": file_name, "line": reader.line_num}
                    )
                rows.append((reader.line_num, {name: row[name].strip() for name in columns}))
            return file_name, rows
    except (UnicodeDecodeError, csv.Error) as error:
        raise CatalogueError(
            _("%(file)s cannot be read as a UTF-8 CSV file: %(error)s")
            % {"file": file_name, "error": error}
        ) from error


def _row_error(file_name, line, message):
    return CatalogueError(
        _("%(file)s, line %(line)s: %(message)s")
        % {"file": file_name, "line": line, "message": message}
    )


def _integer(file_name, line, row, name, *, required=True):
    value = row[name]
    if not value and not required:
        return None
    if not value.isdigit():
        raise _row_error(
            file_name,
            line,
            _("“%(value)s” in column %(column)s is not a whole number.")
            % {"value": value, "column": name},
        )
    return int(value)


def _unique_ids(file_name, rows):
    ids = {}
    for line, row in rows:
        catalogue_id = _integer(file_name, line, row, "id")
        if catalogue_id in ids:
            raise _row_error(
                file_name, line, _("the id %(id)s occurs twice.") % {"id": catalogue_id}
            )
        if not row["name"]:
            raise _row_error(file_name, line, _("the name is empty."))
        ids[catalogue_id] = (line, row)
    return ids


def _reference(file_name, line, row, name, known, *, required=True):
    value = _integer(file_name, line, row, name, required=required)
    if value is not None and value not in known:
        raise _row_error(
            file_name,
            line,
            _("%(column)s %(value)s refers to no row of the catalogue.")
            % {"column": name, "value": value},
        )
    return value


def _parse(directory):
    """All four files as lists of model field values; raises CatalogueError on any fault."""
    directory = Path(directory)
    if not directory.is_dir():
        raise CatalogueError(_("The directory %(dir)s does not exist.") % {"dir": directory})
    file_name, rows = _read(directory, "topics")
    topics = {
        catalogue_id: {"name": row["name"]}
        for catalogue_id, (line, row) in _unique_ids(file_name, rows).items()
    }
    file_name, rows = _read(directory, "situations")
    situations = {}
    for catalogue_id, (line, row) in _unique_ids(file_name, rows).items():
        topic = _reference(file_name, line, row, "themenfeld_id", topics)
        situations[catalogue_id] = {"name": row["name"], "topic": topic}
    file_name, rows = _read(directory, "services")
    services, ozg_ids = {}, set()
    for catalogue_id, (line, row) in _unique_ids(file_name, rows).items():
        if not row["ozg_id"]:
            raise _row_error(file_name, line, _("the OZG ID is empty."))
        if row["ozg_id"] in ozg_ids:
            raise _row_error(
                file_name, line, _("the OZG ID %(id)s occurs twice.") % {"id": row["ozg_id"]}
            )
        ozg_ids.add(row["ozg_id"])
        services[catalogue_id] = {
            "ozg_id": row["ozg_id"],
            "name": row["name"],
            "topic": _reference(file_name, line, row, "themenfeld_id", topics),
            "life_situation": _reference(
                file_name, line, row, "lebenslage_id", situations, required=False
            ),
        }
    file_name, rows = _read(directory, "leika")
    leika, skipped = {}, []
    for catalogue_id, (line, row) in _unique_ids(file_name, rows).items():
        key = row["leika_schluessel"]
        has_key = key != NOT_IN_LEIKA
        if has_key and not LEIKA_KEY.fullmatch(key):
            # Test rows of the source ("Test 124" with key "25323525"): not a LeiKa service.
            skipped.append(
                _("%(file)s, line %(line)s: “%(key)s” is no 14-digit LeiKa key; row skipped.")
                % {"file": file_name, "line": line, "key": key}
            )
            continue
        leika[catalogue_id] = {
            "leika_key": key if has_key else "",
            "has_leika_key": has_key,
            "name": row["name"][:500],
            "leika_type": row["leika_typ"][:20],
            "responsibility": responsibility_for(row["leika_typ"]),
            "ozg_service": _reference(
                file_name, line, row, "ozg_leistung_id", services, required=False
            ),
            "legal_basis": row["rechtsgrundlage"],
        }
    return topics, situations, services, leika, skipped


def _upsert(model, rows, summary, label, foreign_keys=()):
    """Create or update `rows` (catalogue id → values) of `model`; return catalogue id → pk."""
    existing = set(model.objects.values_list("catalogue_id", flat=True))
    objects = []
    for catalogue_id, values in rows.items():
        values = dict(values)
        for name, mapping in foreign_keys:
            reference = values.pop(name)
            values[f"{name}_id"] = None if reference is None else mapping[reference]
        objects.append(model(catalogue_id=catalogue_id, **values))
    update_fields = [
        field.name
        for field in model._meta.concrete_fields
        if field.name not in ("id", "catalogue_id")
    ]
    model.objects.bulk_create(
        objects,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["catalogue_id"],
        update_fields=update_fields,
    )
    summary.created[label] += len(rows.keys() - existing)
    summary.updated[label] += len(rows.keys() & existing)
    return dict(model.objects.values_list("catalogue_id", "pk"))


def import_catalogue(directory):
    """Import the catalogue in `directory`; returns an ImportSummary or raises CatalogueError."""
    topics, situations, services, leika, skipped = _parse(directory)
    if not (topics and services):
        raise CatalogueError(_("The catalogue holds no topics or no OZG services."))
    summary = ImportSummary(skipped=skipped)
    with transaction.atomic():
        topic_ids = _upsert(ServiceTopic, topics, summary, "topics")
        situation_ids = _upsert(
            LifeSituation, situations, summary, "life_situations", [("topic", topic_ids)]
        )
        service_ids = _upsert(
            OZGService,
            services,
            summary,
            "ozg_services",
            [("topic", topic_ids), ("life_situation", situation_ids)],
        )
        if leika:
            _upsert(LeikaService, leika, summary, "leika_services", [("ozg_service", service_ids)])
    summary.without_leika_key = sum(1 for values in leika.values() if not values["has_leika_key"])
    return summary
