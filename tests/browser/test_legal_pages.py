"""The legal pages in the browser: a visitor without JavaScript and without an account reports
a barrier from the accessibility statement; every public page (also the form with its errors)
passes axe and fits 390 px for anonymous visitors, and so do the administrator's edit pages."""

import pytest
from django.urls import reverse

from accounts.tests.factories import AdministratorFactory
from legal.models import Feedback, LegalText
from legal.tests.factories import AccessibilityStatementFactory, LegalTextFactory

from .harness import format_violations
from .test_accessibility import PHONE_WIDTH, _check, _check_phone_width

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PUBLIC_PAGES = [
    "legal:imprint",
    "legal:privacy",
    "legal:accessibility",
    "legal:feedback",
    "legal:feedback_thanks",
    "legal:easy_read",
]
EDIT_PAGES = ["legal:imprint_edit", "legal:privacy_edit", "legal:accessibility_edit"]
SUBMIT = "main form[method=post] button[type=submit]"


def _published_texts():
    LegalTextFactory()
    LegalTextFactory(kind=LegalText.Kind.PRIVACY, text="## Verantwortliche Stelle\n\n- Kreis")
    AccessibilityStatementFactory()


def test_a_visitor_without_javascript_reports_a_barrier(browser, open_session, live_server):
    _published_texts()
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(reverse("legal:imprint"))
        page.click("footer >> text=Barrierefreiheit")
        page.click("text=Eine Barriere mit dem Rückmeldeformular melden")
        page.fill(
            "#id_message", "Die Karte der Kommunen lässt sich nicht mit der Tastatur bedienen."
        )
        page.fill("#id_contact_email", "erika@example.org")
        with page.expect_navigation():
            page.click(SUBMIT)

        case = Feedback.objects.get()
        assert page.url.endswith(reverse("legal:feedback_thanks"))
        assert f"unter dem Aktenzeichen {case.reference} eingegangen" in page.content()
        assert case.contact_email == "erika@example.org"
    finally:
        context.close()


def test_public_pages_pass_axe_and_fit_a_phone_for_anonymous_visitors(open_session):
    _published_texts()
    visitor = open_session()
    phone = open_session(viewport={"width": PHONE_WIDTH, "height": 844})
    problems = []

    for name in PUBLIC_PAGES:
        _check(visitor, reverse(name), problems)
        _check_phone_width(phone, reverse(name), problems)

    # The form again, with the server's error for a message of blanks (the browser itself
    # holds back an empty one).
    visitor.goto(reverse("legal:feedback"))
    visitor.page.fill("#id_message", "   ")
    with visitor.page.expect_navigation():
        visitor.page.click(SUBMIT)
    assert "Bitte beschreiben Sie die Barriere" in visitor.page.content()
    violations = visitor.axe_violations()
    if violations:
        problems.append(format_violations("feedback form with errors", violations))
    assert not problems, "\n\n".join(problems)


def test_the_administrators_pages_pass_axe_and_fit_a_phone(open_session):
    _published_texts()
    admin = AdministratorFactory()
    desk = open_session()
    desk.log_in(admin)
    phone = open_session(viewport={"width": PHONE_WIDTH, "height": 844})
    phone.log_in(admin)
    problems = []

    # The edit pages, and the public pages with the editors' button and change history.
    for url in [reverse(name) for name in EDIT_PAGES + PUBLIC_PAGES[:3]]:
        _check(desk, url, problems)
        _check_phone_width(phone, url, problems)

    assert not problems, "\n\n".join(problems)
