"""The mapping of OParl's free-text fields, and the admin pages of sources and runs."""

import pytest
from django.urls import reverse

from accounts.tests.factories import AdministratorFactory
from governance.models import Membership, Organization
from oparl_import.importer import membership_role, organization_kind, paper_kind, split_name
from oparl_import.models import ImportRun, OParlSource
from papers.models import Paper

from .conftest import run_import


@pytest.mark.parametrize(
    ("paper_type", "kind"),
    [
        ("Antrag", Paper.Kind.MOTION),
        ("Beschlussvorlage", Paper.Kind.DRAFT_RESOLUTION),
        (" mitteilungsvorlage ", Paper.Kind.INFORMATION),
        ("Anfrage", Paper.Kind.OTHER),
        (None, Paper.Kind.OTHER),
    ],
)
def test_paper_kind(paper_type, kind):
    assert paper_kind(paper_type) == kind


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ({"organizationType": "Gremium", "classification": "Kreistag"}, "COUNCIL"),
        ({"organizationType": "Gremium", "classification": "Rat"}, "COUNCIL"),
        ({"classification": "Ausschuss", "name": "Kreisausschuss"}, "EXECUTIVE_COMMITTEE"),
        ({"classification": "Ausschuss", "name": "Personalausschuss"}, "HR_COMMITTEE"),
        ({"classification": "Ausschuss", "name": "Bauausschuss"}, "COMMITTEE"),
        ({"organizationType": "Fraktion", "name": "SPD"}, "COUNCIL_GROUP"),
        ({"organizationType": "Gremium", "classification": "Beirat"}, "OTHER"),
        ({}, "OTHER"),
    ],
)
def test_organization_kind_never_makes_a_steering_group(data, kind):
    assert organization_kind(data) == Organization.Kind(kind)


@pytest.mark.parametrize(
    ("data", "role"),
    [
        ({"role": "Vorsitzender"}, Membership.Role.CHAIR),
        ({"role": "stellv. Vorsitzende"}, Membership.Role.MEMBER),
        ({"role": "Sachkundiger Bürger", "votingRight": False}, Membership.Role.ADVISORY),
        ({"role": "Gast", "votingRight": False}, Membership.Role.GUEST),
        ({}, Membership.Role.MEMBER),
    ],
)
def test_membership_role(data, role):
    assert membership_role(data) == role


def test_split_name_drops_titles():
    assert split_name("Prof. Dr. Max Mustermann", {"Prof.", "Dr."}) == ("Max", "Mustermann")
    assert split_name("Dr. Anna Maria Schmidt", set()) == ("Anna Maria", "Schmidt")
    assert split_name("", set()) == ("", "")


@pytest.mark.django_db
def test_admin_shows_sources_runs_and_problems(client, wuppertal_missing):
    run_import(wuppertal_missing.system_url)
    client.force_login(AdministratorFactory())
    run = ImportRun.objects.get()

    for url in (
        reverse("admin:oparl_import_oparlsource_changelist"),
        reverse("admin:oparl_import_oparlsource_change", args=[OParlSource.objects.get().pk]),
        reverse("admin:oparl_import_importrun_changelist"),
    ):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("admin:oparl_import_importrun_change", args=[run.pk]))
    assert "Sitzung ohne vorhandenes Gremium übersprungen." in page.content.decode()
    assert client.get(reverse("admin:oparl_import_importrun_add")).status_code == 403


@pytest.mark.django_db
def test_admin_sets_the_further_allowed_hosts_of_a_source(client):
    source = OParlSource.objects.create(system_url="https://ris.example.de/oparl/system")
    client.force_login(AdministratorFactory())

    response = client.post(
        reverse("admin:oparl_import_oparlsource_change", args=[source.pk]),
        {
            "name": "RIS",
            "allowed_hosts": "dateien.example.de\nris2.example.de:8443",
            "checkpoints-TOTAL_FORMS": "0",
            "checkpoints-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    source.refresh_from_db()
    assert source.host_names == {"ris.example.de", "dateien.example.de", "ris2.example.de:8443"}
