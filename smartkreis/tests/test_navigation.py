"""The main navigation offers each user exactly the pages the user may open."""

import pytest
from django.urls import reverse

from accounts.tests import factories as accounts

ROLES = {
    "administrator": accounts.AdministratorFactory,
    "staff unit": accounts.StaffUnitUserFactory,
    "unit editor": accounts.UnitEditorFactory,
    "municipality editor": accounts.MunicipalityEditorFactory,
    "reader": accounts.UserFactory,
}


def _navigation(client):
    return client.get(reverse("dashboard")).context["navigation"]


@pytest.mark.parametrize("role", ROLES)
def test_every_entry_of_the_menu_opens(client, db, role):
    client.force_login(ROLES[role]())
    entries = _navigation(client)
    assert len(entries) >= 10
    refused = [
        (entry["label"], status)
        for entry in entries
        if (status := client.get(entry["url"]).status_code) != 200
    ]
    assert refused == []


def test_a_municipality_is_not_offered_the_county_s_reports(client, db):
    client.force_login(accounts.MunicipalityEditorFactory())
    urls = [entry["url"] for entry in _navigation(client)]
    assert reverse("reports:report_list") not in urls
    assert reverse("portfolio:initiative_list") in urls


def test_only_django_admin_users_see_the_administration(client, db):
    client.force_login(accounts.StaffUnitUserFactory())
    assert reverse("admin:index") not in [entry["url"] for entry in _navigation(client)]
    client.force_login(accounts.AdministratorFactory())
    assert [entry["url"] for entry in _navigation(client)][-1] == reverse("admin:index")


def test_the_entries_keep_their_order_and_mark_the_current_page(client, db):
    client.force_login(accounts.StaffUnitUserFactory())
    entries = client.get(reverse("papers:paper_list")).context["navigation"]
    assert [entry["url"] for entry in entries][:3] == [
        reverse("dashboard"),
        reverse("portfolio:initiative_list"),
        reverse("strategy:goal_list"),
    ]
    assert [entry["label"] for entry in entries if entry["current"]] == ["Vorlagen"]


def test_anonymous_visitors_see_only_the_public_menu(client, db):
    response = client.get(reverse("login"))

    entries = response.context["navigation"]
    assert [entry["label"] for entry in entries] == [
        "Beschlüsse",
        "Online erledigen",
        "Dokumente",
        "Offene Daten",
    ]
    # Each opens for the anonymous visitor; none is an internal page behind the login.
    assert [client.get(entry["url"]).status_code for entry in entries] == [200] * len(entries)
