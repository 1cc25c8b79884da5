import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_ui_speaks_german_by_default(client):
    response = client.get(reverse("login"))
    assert 'lang="de"' in response.text
    assert "Anmelden" in response.text


def test_german_whatever_the_browser_asks_for_until_the_user_switches(client):
    response = client.get(reverse("login"), headers={"accept-language": "en-US,en;q=0.9"})
    assert "Anmelden" in response.text
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    response = client.get(reverse("login"))
    assert 'lang="en"' in response.text
    assert "Log in" in response.text


def test_empty_choices_are_labelled_in_german():
    """Django 6.1's own German catalogue lacks this label; ours provides it."""
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override("de"):
        assert str(BLANK_CHOICE_LABEL) == "– Bitte auswählen –"


def test_on_the_login_page_the_language_switch_follows_the_form(client, db):
    html = client.get(reverse("login")).content.decode()
    assert html.count('name="language"') == 1
    assert html.index('class="sk-login"') < html.index('name="language" value="en"')
