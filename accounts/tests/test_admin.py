"""The Django admin: only administrators reach it; every edit of a recorded object is audited."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UserFactory,
)
from audit.admin import AuditedModelAdmin
from audit.models import AuditEntry
from organisations.models import Body, Function, OrgUnit, Person
from organisations.tests.factories import CountyFactory, MunicipalityFactory, OrgUnitFactory
from portfolio.models import (
    BudgetLine,
    Initiative,
    InitiativeLink,
    Milestone,
    StatusReport,
    TrafficLight,
)
from portfolio.tests.factories import InitiativeFactory, MilestoneFactory, StatusReportFactory
from strategy.models import Goal, Indicator, IndicatorValue

pytestmark = pytest.mark.django_db

AUDITED_MODELS = [
    Initiative,
    Milestone,
    BudgetLine,
    StatusReport,
    InitiativeLink,
    Goal,
    Indicator,
    IndicatorValue,
    OrgUnit,
    Body,
    Function,
    Person,
]


@pytest.fixture
def admin_client_de(client):
    client.force_login(AdministratorFactory())
    return client


@pytest.mark.parametrize("model", AUDITED_MODELS, ids=lambda model: model.__name__)
def test_every_recorded_model_has_an_audited_admin(model):
    assert isinstance(admin.site._registry[model], AuditedModelAdmin)


def test_every_admin_list_and_add_page_renders(admin_client_de):
    InitiativeFactory()
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        query = "?q=test" if model_admin.search_fields else ""
        assert admin_client_de.get(changelist + query).status_code == 200, changelist
        add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        # 403 where adding is switched off on purpose (the audit trail).
        assert admin_client_de.get(add).status_code in (200, 403), add


def _body_form_data(body, **changes):
    data = {
        "name": body.name,
        "short_name": body.short_name,
        "kind": body.kind,
        "designation": body.designation,
        "ags": body.ags,
        "ars": body.ars,
        "population": body.population or "",
        "population_date": "",
        "area_km2": "",
        "website": body.website,
        "parent": body.parent_id or "",
    }
    data.update(changes)
    return data


def test_an_admin_edit_writes_an_audit_entry_with_old_and_new_values(admin_client_de):
    body = MunicipalityFactory(name="Siegburg", population=41_000)

    response = admin_client_de.post(
        reverse("admin:organisations_body_change", args=[body.pk]),
        _body_form_data(body, population="41234"),
    )

    assert response.status_code == 302
    body.refresh_from_db()
    assert body.population == 41_234
    entry = AuditEntry.objects.get(subject_id=str(body.pk), action=AuditEntry.Action.UPDATE)
    assert entry.source == AuditEntry.Source.ADMIN
    assert entry.changes == {"population": [41_000, 41_234]}
    assert entry.actor.is_administrator


def test_an_admin_delete_writes_an_audit_entry(admin_client_de):
    person = Person.objects.create(given_name="Erika", family_name="Muster")

    response = admin_client_de.post(
        reverse("admin:organisations_person_delete", args=[person.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    entry = AuditEntry.objects.get(subject_id=str(person.pk), action=AuditEntry.Action.DELETE)
    assert entry.source == AuditEntry.Source.ADMIN
    assert entry.changes["family_name"] == ["Muster", None]


def test_an_admin_bulk_delete_audits_each_object(admin_client_de):
    people = [Person.objects.create(given_name="A", family_name=f"P{n}") for n in range(3)]

    admin_client_de.post(
        reverse("admin:organisations_person_changelist"),
        {"action": "delete_selected", "_selected_action": [p.pk for p in people], "post": "yes"},
    )

    assert not Person.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE).count() == 3


def test_an_admin_edit_of_a_report_updates_the_initiatives_traffic_light(admin_client_de):
    report = StatusReportFactory(overall=TrafficLight.GREEN)
    initiative = report.initiative
    data = {
        "initiative": initiative.pk,
        "author": "",
        "reported_on": "31.03.2022",
        "schedule": "RED",
        "cost": "GREEN",
        "scope": "GREEN",
        "overall": "RED",
        "progress": "40",
        "summary": "Verzug",
        "next_steps": "",
        "risks": "",
        "decisions_needed": "",
    }

    response = admin_client_de.post(
        reverse("admin:portfolio_statusreport_change", args=[report.pk]), data
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    initiative.refresh_from_db()
    assert initiative.traffic_light == TrafficLight.RED
    entry = AuditEntry.objects.get(subject_id=str(report.pk), action=AuditEntry.Action.UPDATE)
    assert entry.scope_id == str(initiative.pk)
    assert entry.changes["overall"] == ["GREEN", "RED"]


def test_an_admin_edit_bumps_the_version_so_open_forms_become_stale(admin_client_de):
    milestone = MilestoneFactory(planned_date=datetime.date(2022, 6, 30))
    data = {
        "initiative": milestone.initiative_id,
        "title": "Neuer Titel",
        "description": "",
        "planned_date": "30.06.2022",
        "actual_date": "",
    }

    admin_client_de.post(reverse("admin:portfolio_milestone_change", args=[milestone.pk]), data)

    milestone.refresh_from_db()
    assert milestone.title == "Neuer Titel"
    assert milestone.version == 2


@pytest.mark.parametrize(
    "user_factory", [UserFactory, StaffUnitUserFactory, MunicipalityEditorFactory]
)
def test_non_staff_users_are_sent_to_the_admin_login(client, user_factory):
    client.force_login(user_factory())

    response = client.get(reverse("admin:organisations_body_changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_users_are_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_user_admin_edits_role_body_and_unit(admin_client_de):
    county = CountyFactory()
    unit = OrgUnitFactory(body=county)
    user = UserFactory(username="neu", body=county)

    page = admin_client_de.get(reverse("admin:accounts_user_change", args=[user.pk]))
    content = page.content.decode()
    for field in ("id_role", "id_body", "id_org_unit"):
        assert field in content
    user.role, user.org_unit = User.Role.UNIT_EDITOR, unit
    user.save()
    listing = admin_client_de.get(reverse("admin:accounts_user_changelist") + "?role=UNIT_EDITOR")
    assert "neu" in listing.content.decode()


def test_the_admin_refuses_a_unit_editor_without_unit(admin_client_de):
    response = admin_client_de.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "ohne-einheit",
            "password1": "ein-langes-passwort-2024",
            "password2": "ein-langes-passwort-2024",
            "usable_password": "true",
            "role": User.Role.UNIT_EDITOR,
            "body": "",
            "org_unit": "",
        },
    )

    assert response.status_code == 200
    assert "braucht eine Organisationseinheit" in response.content.decode()
    assert not User.objects.filter(username="ohne-einheit").exists()


def test_a_body_is_searchable_for_autocomplete(admin_client_de):
    Body.objects.create(name="Zweckverband civitec", kind=Body.Kind.ASSOCIATION)

    response = admin_client_de.get(
        reverse("admin:autocomplete"),
        {"term": "civitec", "app_label": "accounts", "model_name": "user", "field_name": "body"},
    )

    assert "Zweckverband civitec" in response.content.decode()
