"""What a progress report says, and how issuing freezes it for the next report's changes."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from governance.models import Organization
from reports import actions, content
from reports.models import ProgressReport

from .conftest import DAY, add_initiative

pytestmark = pytest.mark.django_db


def _draft(world, **values):
    return actions.create_progress_report(
        acting_user=world.users["staff"],
        committee=world.committee,
        period_start=values.pop("period_start", world.start),
        period_end=values.pop("period_end", world.end),
        summary="Die Strategie kommt voran.\nDer Pilot ist abgeschlossen.",
        **values,
    )


def _rows(context, field):
    section = next(section for section in context["fields"] if section["name"] == field)
    return {row["title"]: row for row in section["initiatives"]}


def test_a_draft_shows_every_section_from_the_register(world):
    report = _draft(world)
    assert report.title.startswith("Fortschrittsbericht Digitalisierung für Ausschuss für")
    context = content.report_context(report, today=world.today)

    assert context["summary"] == ["Die Strategie kommt voran.", "Der Pilot ist abgeschlossen."]
    assert "erste Bericht" in context["comparison"]
    assert [section["name"] for section in context["fields"]] == ["Verwaltung", "Bildung"]
    administration = _rows(context, "Verwaltung")
    # Not the town's initiative, not an idea; a field's initiatives in every field they serve.
    assert set(administration) == {"E-Akte", "Schul-WLAN"}
    assert set(_rows(context, "Bildung")) == {"Schul-WLAN"}
    assert administration["Schul-WLAN"]["light_label"] == "gelb"
    assert administration["E-Akte"]["change"] == "–"

    (indicators,) = context["indicator_sections"]
    assert indicators["name"] == "Verwaltung"
    chart = indicators["chart"]
    assert chart.svg.startswith("<svg")
    assert chart.rows[0][0] == "Online-Leistungen"
    assert chart.rows[0][1] == "10\u00a0%"
    assert chart.rows[0][4] == "50\u00a0%"

    assert [row["title"] for row in context["milestones_reached"]] == ["Pilot im Schulamt"]
    assert [row["title"] for row in context["milestones_next"]] == ["Rollout"]
    (decision,) = context["decisions"]
    assert decision["outcome"] == "Beschlossen, Priorität A"
    assert [row["initiative"] for row in context["overdue_reports"]["rows"]] == [
        f"{world.initiatives['e_file'].reference} E-Akte"
    ]
    assert [row["title"] for row in context["overdue_milestones"]["rows"]] == ["Ausschreibung"]
    assert [row["title"] for row in context["overdue_action_items"]["rows"]] == [
        "Projektplan vorlegen"
    ]


def test_issuing_freezes_the_report_and_the_next_one_shows_the_changes(world):
    first = actions.issue_progress_report(
        acting_user=world.users["staff"], report=_draft(world), today=world.today
    )
    assert first.status == ProgressReport.Status.ISSUED
    assert first.issued_on == world.today

    e_file = world.initiatives["e_file"]
    e_file.traffic_light, e_file.progress = "RED", 55
    e_file.save()
    schools = world.initiatives["schools"]
    schools.status = "STOPPED"
    schools.status_changed_on = world.start - DAY
    schools.save()
    add_initiative(world.county, [world.fields["education"]], "Lernplattform")

    # The issued report still says what it said.
    frozen = content.report_context(first, today=world.today)
    assert _rows(frozen, "Verwaltung")["E-Akte"]["light_label"] == "grün"
    assert "Herausgegeben am" in frozen["facts"][2]["value"]

    second = _draft(world)
    context = content.report_context(second, today=world.today)
    assert first.title in context["comparison"]
    administration = _rows(context, "Verwaltung")
    assert administration["E-Akte"]["change"] == "Ampel: grün → rot; Fortschritt: 50 % → 55 %"
    assert _rows(context, "Bildung")["Lernplattform"]["change"] == "neu in diesem Bericht"
    assert context["removed"] == [f"{schools.reference} Schul-WLAN"]


def test_bad_input_is_refused_in_german_and_nothing_is_written(world):
    steering = world.steering_group
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        _draft(world, period_start=world.end, period_end=world.start)
    assert caught.value.message_dict["period_end"] == [
        "Der Zeitraum kann nicht enden, bevor er beginnt."
    ]
    with pytest.raises(ValidationError) as caught:
        actions.create_progress_report(
            acting_user=world.users["staff"],
            committee=steering,
            period_start=world.start,
            period_end=world.end,
        )
    assert "Kreistag" in caught.value.message_dict["committee"][0]
    assert steering.kind == Organization.Kind.STEERING_GROUP
    assert not ProgressReport.objects.exists()
    assert AuditEntry.objects.count() == before


def test_an_issued_report_cannot_change_and_a_stale_edit_is_refused(world):
    report = _draft(world)
    staff = world.users["staff"]
    with pytest.raises(ValidationError) as caught:
        actions.update_progress_report(
            acting_user=staff, report=report, expected_version=report.version + 1, summary="x"
        )
    assert caught.value.error_dict["__all__"][0].code == "stale"
    report = actions.update_progress_report(acting_user=staff, report=report, summary="Neu")
    assert report.version == 2
    actions.issue_progress_report(acting_user=staff, report=report, today=world.today)
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="herausgegeben"):
        actions.update_progress_report(acting_user=staff, report=report, summary="Später")
    with pytest.raises(ValidationError, match="herausgegeben"):
        actions.issue_progress_report(acting_user=staff, report=report, today=world.today)
    assert ProgressReport.objects.get(pk=report.pk).summary == "Neu"
    assert AuditEntry.objects.count() == entries
    changes = [
        entry.changes
        for entry in AuditEntry.objects.filter(subject_type__model="progressreport").order_by("pk")
    ]
    assert changes[1] == {
        "summary": ["Die Strategie kommt voran.\nDer Pilot ist abgeschlossen.", "Neu"]
    }
    assert changes[2]["status"] == ["DRAFT", "ISSUED"]
