"""The pages of the user management: what each manager sees and may do, and every refusal
(403 or 404, data unchanged)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from identity.models import ExternalAccount
from user_management.models import Invitation

from .conftest import users_state
from .factories import InvitationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Kreishaus-Siegburg-2026"


def _client(client, user):
    client.force_login(user)
    return client


def _edit_data(user, **overrides):
    return {
        "role": user.role,
        "body": user.body_id or "",
        "org_unit": user.org_unit_id or "",
        "manages_body_users": "on" if user.manages_body_users else "",
        "person": user.person_id or "",
    } | overrides


# Who opens what ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "staff", "town_manager"])
def test_managers_see_the_navigation_entry_and_the_list(client, world, who):
    response = _client(client, getattr(world, who)).get(reverse("user_management:user_list"))

    assert response.status_code == 200
    assert 'href="/benutzer/"' in response.content.decode()


@pytest.mark.parametrize("who", ["unit_editor", "town_editor", "town_reader"])
def test_others_see_no_entry_and_get_403(client, world, who):
    client = _client(client, getattr(world, who))

    assert 'href="/benutzer/"' not in client.get(reverse("dashboard")).content.decode()
    for url in (
        reverse("user_management:user_list"),
        reverse("user_management:invitation_list"),
        reverse("user_management:invitation_create"),
        reverse("user_management:user_detail", args=[world.town_reader.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_go_to_the_login(client, world):
    response = client.get(reverse("user_management:user_list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_list_shows_everything_about_a_user(client, world):
    world.town_editor.last_login = timezone.make_aware(datetime.datetime(2026, 3, 4, 9, 30))
    world.town_editor.save()
    ExternalAccount.objects.create(
        user=world.town_editor,
        source="LDAP",
        issuer="ldap://dc.kreis.local",
        subject="cn=siegburg",
        disabled_at=timezone.make_aware(datetime.datetime(2026, 5, 1, 8, 0)),
    )
    ExternalAccount.objects.create(
        user=world.town_reader, source="OIDC", issuer="https://sso.kreis", subject="abc"
    )
    world.town_reader.set_unusable_password()
    world.town_reader.is_active = False
    world.town_reader.save()

    content = (
        _client(client, world.staff)
        .get(reverse("user_management:user_list"), {"body": world.town.pk})
        .content.decode()
    )

    assert "3 Benutzer gefunden" in content
    assert world.town_editor.email in content
    assert "Redaktion einer Kommune" in content
    assert "04.03.2026 09:30" in content
    assert "Verzeichnis – <strong>bei der Quelle gesperrt seit 01.05.2026 08:00</strong>" in content
    assert "Lokal (Passwort)" in content
    assert "Single Sign-on" in content
    assert "<strong>deaktiviert</strong>" in content
    assert world.other_town_user.username not in content


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"role": User.Role.READER}, {"siegburg-lesen"}),
        ({"active": "no"}, {"siegburg-lesen"}),
        ({"active": "yes", "role": User.Role.MUNICIPALITY_EDITOR}, {"siegburg", "siegburg-admin"}),
    ],
)
def test_the_filters_narrow_the_list(client, world, filters, expected):
    world.town_reader.is_active = False
    world.town_reader.save()

    response = _client(client, world.town_manager).get(
        reverse("user_management:user_list"), filters
    )

    assert {user.username for user in response.context["page_obj"]} == expected


def test_a_body_manager_lists_only_their_bodys_users_and_has_no_body_filter(client, world):
    response = _client(client, world.town_manager).get(reverse("user_management:user_list"))

    usernames = {user.username for user in response.context["page_obj"]}
    assert usernames == {"siegburg", "siegburg-admin", "siegburg-lesen"}
    assert "body" not in response.context["filter"].form.fields


def test_the_user_page_shows_the_history_of_changes(client, world):
    client = _client(client, world.staff)
    client.post(
        reverse("user_management:user_edit", args=[world.town_reader.pk]),
        _edit_data(world.town_reader, role=User.Role.MUNICIPALITY_EDITOR),
    )

    content = client.get(
        reverse("user_management:user_detail", args=[world.town_reader.pk])
    ).content.decode()

    assert "Änderungsverlauf" in content
    assert "Lesezugriff → Redaktion einer Kommune" in content


# Changing ----------------------------------------------------------------------------------


def test_a_body_manager_changes_a_user_of_their_body(client, world):
    response = _client(client, world.town_manager).post(
        reverse("user_management:user_edit", args=[world.town_reader.pk]),
        _edit_data(
            world.town_reader, role=User.Role.MUNICIPALITY_EDITOR, org_unit=world.town_unit.pk
        ),
    )

    assert response.status_code == 302
    world.town_reader.refresh_from_db()
    assert (world.town_reader.role, world.town_reader.org_unit) == (
        User.Role.MUNICIPALITY_EDITOR,
        world.town_unit,
    )


def test_the_edit_form_offers_a_body_manager_only_the_roles_inside_the_body(client, world):
    response = _client(client, world.town_manager).get(
        reverse("user_management:user_edit", args=[world.town_reader.pk])
    )

    form = response.context["form"]
    assert [value for value, _label in form.fields["role"].choices] == [
        "MUNICIPALITY_EDITOR",
        "READER",
    ]
    assert list(form.fields["body"].queryset) == [world.town]


@pytest.mark.parametrize(
    ("manager", "target", "status"),
    [
        ("town_manager", "other_town_user", 404),
        ("town_manager", "staff", 404),
        ("town_manager", "admin", 404),
        ("staff", "admin", 403),
    ],
)
def test_users_out_of_reach_are_refused_on_every_page(client, world, manager, target, status):
    client = _client(client, getattr(world, manager))
    pk = getattr(world, target).pk
    before = users_state()

    if status == 404:
        assert client.get(reverse("user_management:user_detail", args=[pk])).status_code == 404
    assert client.get(reverse("user_management:user_edit", args=[pk])).status_code == status
    response = client.post(
        reverse("user_management:user_edit", args=[pk]),
        _edit_data(getattr(world, target), role=User.Role.READER),
    )
    assert response.status_code == status
    deactivated = client.post(reverse("user_management:user_deactivate", args=[pk]))
    assert deactivated.status_code == status

    assert users_state() == before


@pytest.mark.parametrize(
    ("manager", "target", "overrides", "message"),
    [
        ("town_manager", "town_reader", {"role": "STAFF_UNIT"}, "keine gültige Auswahl"),
        ("town_manager", "town_reader", {"role": "ADMINISTRATOR"}, "keine gültige Auswahl"),
        ("town_manager", "town_reader", {"body": "other_town"}, "keine gültige Auswahl"),
        ("staff", "town_reader", {"role": "ADMINISTRATOR"}, "keine gültige Auswahl"),
        ("admin", "admin", {"role": "READER"}, "letzte aktive Administrator"),
        ("staff", "town_reader", {"role": "UNIT_EDITOR"}, "braucht eine Organisationseinheit"),
        ("staff", "town_reader", {"org_unit": "office"}, "gehört nicht zur gewählten"),
    ],
)
def test_refused_changes_show_a_german_message_and_change_nothing(
    client, world, manager, target, overrides, message
):
    overrides = {
        name: getattr(world, value).pk if hasattr(world, value) else value
        for name, value in overrides.items()
    }
    client = _client(client, getattr(world, manager))
    before = users_state()

    response = client.post(
        reverse("user_management:user_edit", args=[getattr(world, target).pk]),
        _edit_data(getattr(world, target), **overrides),
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert users_state() == before


@pytest.mark.parametrize("who", ["town_manager", "staff"])
def test_one_does_not_change_ones_own_account(client, world, who):
    user = getattr(world, who)
    client = _client(client, user)
    before = users_state()

    page = client.get(reverse("user_management:user_detail", args=[user.pk]))
    edit_url = reverse("user_management:user_edit", args=[user.pk])
    response = client.post(edit_url, _edit_data(user, role="READER", manages_body_users=""))

    assert page.status_code == 200
    assert edit_url not in page.content.decode()
    assert client.get(edit_url).status_code == 403
    assert response.status_code == 403
    assert users_state() == before


def test_deactivating_and_reactivating_from_the_user_page(client, world):
    client = _client(client, world.town_manager)
    url = reverse("user_management:user_detail", args=[world.town_editor.pk])

    response = client.post(
        reverse("user_management:user_deactivate", args=[world.town_editor.pk]), follow=True
    )

    assert response.redirect_chain[-1][0] == url
    content = response.content.decode()
    assert "ist deaktiviert: Die Anmeldung ist nicht mehr möglich" in content
    assert "Wieder aktivieren" in content
    world.town_editor.refresh_from_db()
    assert not world.town_editor.is_active
    client.post(reverse("user_management:user_reactivate", args=[world.town_editor.pk]))
    world.town_editor.refresh_from_db()
    assert world.town_editor.is_active


def test_one_does_not_deactivate_oneself(client, world):
    client = _client(client, world.admin)
    before = users_state()

    page = client.get(reverse("user_management:user_detail", args=[world.admin.pk]))
    response = client.post(reverse("user_management:user_deactivate", args=[world.admin.pk]))

    assert "Deaktivieren" not in page.content.decode()
    assert response.status_code == 403
    assert users_state() == before


def test_deactivating_needs_a_post(client, world):
    response = _client(client, world.staff).get(
        reverse("user_management:user_deactivate", args=[world.town_editor.pk])
    )

    assert response.status_code == 405


# Invitations -------------------------------------------------------------------------------


def test_inviting_through_the_form(client, world, mailoutbox):
    response = _client(client, world.town_manager).post(
        reverse("user_management:invitation_create"),
        {"email": "neu@siegburg.de", "role": "READER", "body": world.town.pk},
        follow=True,
    )

    assert "Die Einladung ist an neu@siegburg.de versandt." in response.content.decode()
    assert "neu@siegburg.de" in response.content.decode()
    assert len(mailoutbox) == 1
    assert "http://testserver/benutzer/einladung/" in mailoutbox[0].body


def test_the_links_use_the_site_url_when_configured(client, world, mailoutbox, settings):
    settings.SITE_URL = "https://smartkreis.rhein-sieg-kreis.de/"

    _client(client, world.staff).post(
        reverse("user_management:invitation_create"),
        {"email": "neu@siegburg.de", "role": "READER", "body": world.town.pk},
    )

    assert "https://smartkreis.rhein-sieg-kreis.de/benutzer/einladung/" in mailoutbox[0].body


def test_inviting_an_address_with_an_account_shows_a_clear_message(client, world, mailoutbox):
    client = _client(client, world.staff)
    before = users_state()

    response = client.post(
        reverse("user_management:invitation_create"),
        {"email": world.other_town_user.email, "role": "READER", "body": world.county.pk},
    )

    assert "Für diese E-Mail-Adresse gibt es bereits ein Konto" in response.content.decode()
    assert users_state() == before
    assert mailoutbox == []


def test_a_body_manager_cannot_invite_into_another_body(client, world, mailoutbox):
    client = _client(client, world.town_manager)
    before = users_state()

    response = client.post(
        reverse("user_management:invitation_create"),
        {"email": "x@troisdorf.de", "role": "READER", "body": world.other_town.pk},
    )

    assert "keine gültige Auswahl" in response.content.decode()
    assert users_state() == before
    assert mailoutbox == []


def test_a_body_manager_sees_and_changes_only_their_bodys_invitations(client, world, mailoutbox):
    own = InvitationFactory(email="eigen@siegburg.de", body=world.town)
    other = InvitationFactory(email="fremd@troisdorf.de", body=world.other_town)
    client = _client(client, world.town_manager)

    content = client.get(reverse("user_management:invitation_list")).content.decode()
    assert own.email in content
    assert other.email not in content

    before = users_state()
    for name in ("invitation_resend", "invitation_revoke"):
        assert client.post(reverse(f"user_management:{name}", args=[other.pk])).status_code == 404
    assert users_state() == before
    assert mailoutbox == []

    client.post(reverse("user_management:invitation_revoke", args=[own.pk]))
    own.refresh_from_db()
    assert own.revoked_at is not None


def test_resending_from_the_list(client, world, mailoutbox):
    invitation = InvitationFactory(token="first", email="neu@siegburg.de", body=world.town)

    response = _client(client, world.staff).post(
        reverse("user_management:invitation_resend", args=[invitation.pk]), follow=True
    )

    assert "der frühere Link gilt nicht mehr" in response.content.decode()
    assert len(mailoutbox) == 1
    old_link = reverse("user_management:invitation_accept", args=["first"])
    assert client.get(old_link).status_code == 404


# Accepting ---------------------------------------------------------------------------------


def _accept_data(**overrides):
    return {
        "username": "nina.neu",
        "first_name": "Nina",
        "last_name": "Neu",
        "password1": PASSWORD,
        "password2": PASSWORD,
    } | overrides


def test_accepting_leads_to_the_login(client, world):
    InvitationFactory(token="welcome", email="nina@siegburg.de", body=world.town)

    page = client.get(reverse("user_management:invitation_accept", args=["welcome"]))
    response = client.post(
        reverse("user_management:invitation_accept", args=["welcome"]), _accept_data(), follow=True
    )

    assert "Sie sind zu smartkreis eingeladen" in page.content.decode()
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Ihr Konto „nina.neu“ ist angelegt" in response.content.decode()
    assert User.objects.get(username="nina.neu").email == "nina@siegburg.de"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"password2": "Anderes-Passwort-1"}, "stimmen nicht überein"),
        ({"password1": "kurz", "password2": "kurz"}, "zu kurz"),
        ({"username": "siegburg"}, "bereits vergeben"),
        ({"username": ""}, "Dieses Feld ist zwingend erforderlich"),
    ],
)
def test_bad_input_on_the_accept_page_shows_german_messages(client, world, overrides, message):
    InvitationFactory(token="welcome", body=world.town)
    before = users_state()

    response = client.post(
        reverse("user_management:invitation_accept", args=["welcome"]), _accept_data(**overrides)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert users_state() == before


@pytest.mark.parametrize(
    ("token", "status", "message"),
    [
        ("welcome-tampered", 404, "Dieser Einladungslink ist ungültig"),
        ("used", 410, "bereits verwendet"),
        ("expired", 410, "abgelaufen"),
        ("revoked", 410, "widerrufen"),
    ],
)
def test_bad_links_show_a_german_message_and_change_nothing(client, world, token, status, message):
    InvitationFactory(token="welcome")
    InvitationFactory(token="used", accepted_at=timezone.now(), accepted_user=world.town_editor)
    InvitationFactory(token="expired", expires_at=timezone.now() - datetime.timedelta(days=1))
    InvitationFactory(token="revoked", revoked_at=timezone.now())
    before = users_state()

    for response in (
        client.get(reverse("user_management:invitation_accept", args=[token])),
        client.post(reverse("user_management:invitation_accept", args=[token]), _accept_data()),
    ):
        assert response.status_code == status
        assert "Einladung nicht gültig" in response.content.decode()
        assert message in response.content.decode()

    assert users_state() == before
    assert not Invitation.objects.filter(accepted_user__username="nina.neu").exists()
