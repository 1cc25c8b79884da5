"""The pages through the test client: who may open what, the public pages without login, the
feedback form's validation, trap and CSRF, and that refusals change nothing."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from legal.models import Feedback, LegalText

from .conftest import legal_state
from .factories import AccessibilityStatementFactory, FeedbackFactory, LegalTextFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "legal:imprint",
    "legal:privacy",
    "legal:accessibility",
    "legal:feedback",
    "legal:feedback_thanks",
    "legal:easy_read",
]
ADMIN_PAGES = ["legal:imprint_edit", "legal:privacy_edit", "legal:accessibility_edit"]
STAFF_PAGES = ["legal:feedback_list"]
CASE_PAGES = ["legal:feedback_detail", "legal:feedback_answer", "legal:feedback_close"]
FEEDBACK = {"message": "Die Tabelle hat keine Spaltenüberschriften.", "page_address": "/vorhaben/"}


def _login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_open_without_login_and_link_the_legal_pages(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    content = response.content.decode()
    for linked in ("/impressum/", "/datenschutz/", "/barrierefreiheit/", "/leichte-sprache/"):
        assert f'href="{linked}"' in content


def test_the_imprint_shows_its_text_and_as_of_date(client):
    LegalTextFactory(revised_on=datetime.date(2026, 11, 16))

    content = client.get(reverse("legal:imprint")).content.decode()

    assert '<h2 class="kern-heading-medium">Herausgeber</h2>' in content
    assert "Kaiser-Wilhelm-Platz 1" in content
    assert "Stand: 16. November 2026" in content
    assert "Text bearbeiten" not in content


def test_an_unpublished_text_says_so(client):
    content = client.get(reverse("legal:privacy")).content.decode()
    assert "Dieser Text ist noch nicht veröffentlicht." in content


def test_html_in_a_legal_text_is_shown_as_text(client):
    LegalTextFactory(text='<script>alert("x")</script> <a href="javascript:alert(1)">Klick</a>')

    content = client.get(reverse("legal:imprint")).content.decode()

    assert "<script>alert" not in content
    assert "&lt;script&gt;" in content
    assert 'href="javascript' not in content


def test_the_statement_shows_the_parts_bitv_asks_for(client):
    AccessibilityStatementFactory()

    content = client.get(reverse("legal:accessibility")).content.decode()

    assert "Der Rhein-Sieg-Kreis ist bemüht, smartkreis" in content
    assert "smartkreis ist mit der BITV 2.0 teilweise vereinbar." in content
    assert "Nicht jede Datei ist barrierefrei." in content
    assert "16. November 2026" in content
    assert "30. November 2026" in content
    assert "Selbstbewertung mit axe-core." in content
    assert f'href="{reverse("legal:feedback")}"' in content
    assert "Ombudsstelle für barrierefreie Informationstechnik des Landes NRW" in content


@pytest.mark.parametrize("name", ADMIN_PAGES + STAFF_PAGES)
def test_internal_pages_send_anonymous_visitors_to_the_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["staff", "reader", "unit_editor", "municipality_editor"])
@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_only_administrators_open_the_edit_pages(client, users, role, name):
    assert _login(client, getattr(users, role)).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("role", ["reader", "unit_editor", "municipality_editor"])
def test_only_the_staff_unit_opens_the_feedback_cases(client, users, role):
    case = FeedbackFactory()
    _login(client, getattr(users, role))
    assert client.get(reverse("legal:feedback_list")).status_code == 403
    for name in CASE_PAGES:
        assert client.get(reverse(name, args=[case.pk])).status_code == 403


@pytest.mark.parametrize("role", ["admin", "staff"])
def test_the_staff_unit_and_administrators_open_the_cases(client, users, role):
    case = FeedbackFactory()
    _login(client, getattr(users, role))
    assert client.get(reverse("legal:feedback_list")).status_code == 200
    for name in CASE_PAGES:
        assert client.get(reverse(name, args=[case.pk])).status_code == 200


def test_an_administrator_publishes_the_imprint_and_sees_its_history(client, users):
    _login(client, users.admin)
    form = client.get(reverse("legal:imprint_edit")).content.decode()
    assert 'name="version" value="0"' in form

    response = client.post(
        reverse("legal:imprint_edit"), {"text": "## Herausgeber\n\nRhein-Sieg-Kreis", "version": 0}
    )

    assert response.status_code == 302
    assert response.url == reverse("legal:imprint")
    imprint = LegalText.objects.get(kind="IMPRINT")
    assert imprint.revised_on == timezone.localdate()
    page = client.get(reverse("legal:imprint")).content.decode()
    assert "Das Impressum wurde veröffentlicht." in page
    assert "Änderungsverlauf" in page


def test_a_stale_or_empty_edit_shows_the_form_again_and_changes_nothing(client, users):
    LegalTextFactory(kind="PRIVACY", text="Alt", version=2)
    _login(client, users.admin)
    before = legal_state()

    stale = client.post(reverse("legal:privacy_edit"), {"text": "Neu", "version": 1})
    empty = client.post(reverse("legal:privacy_edit"), {"text": " ", "version": 2})

    assert stale.status_code == empty.status_code == 200
    assert "Jemand anderes hat dies geändert" in stale.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in empty.content.decode()
    assert legal_state() == before


def test_a_staff_user_posting_to_an_edit_page_changes_nothing(client, users):
    LegalTextFactory()
    _login(client, users.staff)
    before = legal_state()

    response = client.post(reverse("legal:imprint_edit"), {"text": "Gekapert", "version": 1})

    assert response.status_code == 403
    assert legal_state() == before


def test_an_administrator_publishes_the_statement(client, users):
    _login(client, users.admin)
    response = client.post(
        reverse("legal:accessibility_edit"),
        {
            "operator": "Der Rhein-Sieg-Kreis",
            "standard": "der BITV 2.0",
            "compliance": "FULL",
            "known_gaps": "",
            "method": "Selbstbewertung",
            "prepared_on": "2026-11-16",
            "reviewed_on": "2026-11-30",
            "contact": "Stabsstelle",
            "enforcement": "Ombudsstelle",
            "version": 0,
        },
    )
    assert response.status_code == 302
    content = client.get(reverse("legal:accessibility")).content.decode()
    assert "smartkreis ist mit der BITV 2.0 vollständig vereinbar." in content
    assert "Es sind keine Inhalte bekannt, die nicht barrierefrei sind." in content


# The feedback form --------------------------------------------------------------------------


def test_anyone_sends_feedback_and_reads_the_reference(client):
    response = client.post(reverse("legal:feedback"), FEEDBACK, follow=True)

    case = Feedback.objects.get()
    assert response.redirect_chain == [(reverse("legal:feedback_thanks"), 302)]
    assert f"unter dem Aktenzeichen {case.reference} eingegangen" in response.content.decode()
    assert (case.message, case.page_address, case.contact_email) == (
        FEEDBACK["message"],
        "/vorhaben/",
        "",
    )


def test_the_form_hides_its_trap_from_people(client):
    content = client.get(reverse("legal:feedback")).content.decode()
    assert '<div hidden><div class="kern-form-input sk-field">' in content
    assert 'name="website"' in content
    assert 'name="csrfmiddlewaretoken"' in content


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"message": ""}, "Bitte beschreiben Sie die Barriere oder Ihr Anliegen."),
        ({"message": "x" * 5001}, "Höchstens 5000 Zeichen, bitte."),
        ({"contact_email": "erika@"}, "Geben Sie eine gültige E-Mail-Adresse ein"),
        ({"page_address": "x" * 501}, "Höchstens 500 Zeichen, bitte."),
        ({"website": "http://spam.example"}, "wie es nur ein Programm tut"),
    ],
)
def test_bad_feedback_shows_the_form_again_in_german_and_records_nothing(client, data, message):
    before = legal_state()

    response = client.post(reverse("legal:feedback"), FEEDBACK | data)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Es wurde nichts gespeichert." in content
    assert message in content
    assert legal_state() == before


def test_the_feedback_form_needs_its_csrf_token(db):
    before = legal_state()
    response = Client(enforce_csrf_checks=True).post(reverse("legal:feedback"), FEEDBACK)
    assert response.status_code == 403
    assert legal_state() == before


# The staff unit's cases ---------------------------------------------------------------------


def test_the_list_shows_open_cases_by_deadline_and_counts_the_overdue(client, users):
    today = timezone.localdate()
    overdue = FeedbackFactory(due_date=today - datetime.timedelta(days=2))
    soon = FeedbackFactory(due_date=today + datetime.timedelta(days=3))
    done = FeedbackFactory(state=Feedback.State.ANSWERED, answered_on=today, answer="Erledigt")
    _login(client, users.staff)

    content = client.get(reverse("legal:feedback_list")).content.decode()

    assert content.index(overdue.reference) < content.index(soon.reference)
    assert done.reference not in content
    assert "1 offene Rückmeldung ist überfällig." in content
    assert content.count(">überfällig<") == 1
    assert "Beantwortet (1)" in content
    answered = client.get(reverse("legal:feedback_list"), {"state": "answered"}).content.decode()
    assert done.reference in answered
    assert overdue.reference not in answered


def test_the_list_runs_the_same_queries_for_many_cases(
    client, users, django_assert_max_num_queries
):
    FeedbackFactory.create_batch(3)
    _login(client, users.staff)
    client.get(reverse("legal:feedback_list"))
    FeedbackFactory.create_batch(20)
    with django_assert_max_num_queries(8):
        client.get(reverse("legal:feedback_list"))


def test_the_staff_unit_answers_a_case(client, users):
    case = FeedbackFactory()
    _login(client, users.staff)

    response = client.post(
        reverse("legal:feedback_answer", args=[case.pk]),
        {"answer": "Am Telefon erklärt.", "version": 1},
        follow=True,
    )

    case.refresh_from_db()
    assert (case.state, case.answer, case.handled_by) == (
        "ANSWERED",
        "Am Telefon erklärt.",
        users.staff,
    )
    content = response.content.decode()
    assert "Die Antwort wurde erfasst." in content
    assert "Am Telefon erklärt." in content


def test_a_reader_posting_an_answer_changes_nothing(client, users):
    case = FeedbackFactory()
    _login(client, users.reader)
    before = legal_state()

    response = client.post(
        reverse("legal:feedback_answer", args=[case.pk]), {"answer": "Nein", "version": 1}
    )

    assert response.status_code == 403
    assert legal_state() == before


def test_closing_an_open_case_without_a_note_is_refused_at_the_field(client, users):
    case = FeedbackFactory()
    _login(client, users.staff)
    before = legal_state()

    response = client.post(
        reverse("legal:feedback_close", args=[case.pk]), {"close_note": "", "version": 1}
    )

    assert response.status_code == 200
    assert "Begründen Sie, warum diese Rückmeldung ohne Antwort geschlossen wird." in (
        response.content.decode()
    )
    assert legal_state() == before
