"""axe-core finds nothing on any page, and no page logs a console error (CSP violations are).

The page list comes from the URL resolver (see pages.py): a new page is checked without a
change here.
"""

import pytest
from django.urls import NoReverseMatch, reverse

from legal.tests.factories import FeedbackFactory
from oparl_import.models import OParlSource
from portal.tests.crawl import public_url_patterns
from tasks.tests.factories import BodyImportJobFactory, JobFactory
from user_management.tests.factories import InvitationFactory

from .harness import format_violations
from .pages import app_url_patterns, candidate_kwargs
from .scenario import build_scenario

# A group of its own: the every-page check is the longest browser test, and the journeys'
# group can run beside it on the other xdist worker.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-pages")]

# Pages the brief names; the test fails if one of them could not be checked.
KEY_PAGES = {
    "dashboard",
    "portfolio:initiative_list",
    "portfolio:initiative_detail",
    "portfolio:rollout_edit",
    "strategy:goal_list",
    "organisations:body_list",
    "organisations:body_detail",
    "organisations:org_unit_detail",
    "topics:topic_list",
    "topics:topic_detail",
    "topics:topic_ranking",
    "topics:statement_give",
    "governance:organization_detail",
    "governance:meeting_detail",
    "governance:agenda_item_detail",
    "governance:decision_create",
    "governance:decision_register",
    "notifications:outbox",
    "papers:paper_list",
    "papers:paper_detail",
    "papers:paper_create",
    "papers:paper_edit",
    "papers:block_create",
    "papers:block_edit",
    "papers:consultation_edit",
    "papers:version_detail",
    "papers:template_list",
    "council:decision_list",
    "council:decision_detail",
    "council:decision_create",
    "council:decision_edit",
    "reports:report_list",
    "reports:report_create",
    "reports:report_detail",
    "search:search",
    "online_services:matrix",
    "online_services:coverage",
    "online_services:gaps",
    "online_services:map",
    "online_services:offer_list",
    "online_services:body_offers",
    "online_services:offer_detail",
    "online_services:offer_create",
    "online_services:assessment_create",
    "online_services:body_import",
    "online_services:solution_list",
    "online_services:solution_detail",
    "online_services:rollout_edit",
    "processes:process_list",
    "processes:ranking",
    "processes:process_detail",
    "processes:process_edit",
    "legal:imprint",
    "legal:privacy",
    "legal:accessibility",
    "legal:feedback",
    "legal:feedback_thanks",
    "legal:easy_read",
    "legal:feedback_list",
    "legal:feedback_detail",
    "legal:feedback_answer",
    "legal:feedback_close",
    "identity:group_rule_list",
    "identity:group_rule_create",
    "identity:group_rule_edit",
    "identity:group_rule_delete",
    "user_management:user_list",
    "user_management:user_detail",
    "user_management:user_edit",
    "user_management:invitation_list",
    "user_management:invitation_create",
    "user_management:invitation_accept",
    "opendata:index",
    "tasks:queue",
    "tasks:job_detail",
    "tasks:import_list",
    "tasks:import_schedule",
}
# Pages whose interesting state needs a query string.
PAGES_WITH_QUERY = ["/suche/?q=Digitalisierungsstrategie", "/suche/?q=%22unbalanced"]


def _is_html_page(response):
    return response.status == 200 and response.headers.get("content-type", "").startswith(
        "text/html"
    )


def _page_urls(session, ids, patterns=None):
    """The address of every page the session's user can open, the patterns left out (no HTML
    page for GET, e.g. exports and POST-only actions) and the addresses that failed (5xx).
    `patterns`: (name, argument names) to try; every named pattern if not given."""
    urls, left_out, failed = {}, [], []
    for name, kwarg_names in patterns or app_url_patterns():
        url = _first_page(session, name, kwarg_names, ids, failed)
        if url is None:
            left_out.append(name)
        else:
            urls[name] = url
    return urls, left_out, failed


def _first_page(session, name, kwarg_names, ids, failed):
    for kwargs in candidate_kwargs(name, kwarg_names, ids):
        try:
            url = reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
        response = session.context.request.get(session.base_url + url, max_redirects=0)
        if response.status >= 500 and url not in failed:
            failed.append(url)
        if _is_html_page(response) and "<html" in response.text()[:500].lower():
            return url
        if response.status in (200, 405):
            # A file or a POST-only action: other objects would not make it a page, and trying
            # them all would generate every document again (minutes of PDF rendering).
            return None
    return None


def _check(session, url, problems):
    session.console_errors.clear()
    session.goto(url)
    violations = session.axe_violations()
    if violations:
        problems.append(format_violations(url, violations))
    if session.console_errors:
        problems.append(
            f"{url}: console errors:\n"
            + "\n".join(f"  {text}" for _page, text in session.console_errors)
        )


# A phone held upright; the pages must not scroll sideways there (nor at 320 px, KERN's least).
PHONE_WIDTH = 390
# The widest of an element's boxes beyond the viewport, for the message of a failure.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const wide = [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > width + 1)
    .filter((element) => !element.closest(".kern-table-responsive, .sk-scroll"))
    .map((element) => element.tagName.toLowerCase() + (element.className ? "." +
      String(element.className).trim().split(/\\s+/).join(".") : ""));
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def _check_phone_width(session, url, problems):
    session.goto(url)
    _check_overflow(session, url, problems)


def _check_overflow(session, url, problems):
    overflow = session.page.evaluate(OVERFLOW)
    if overflow:
        problems.append(f"{url}: scrolls sideways at {PHONE_WIDTH} px: {overflow}")


def _check_narrowed(session, url, problems):
    """The page just checked, narrowed to a phone's width without loading it again (the
    every-page checks would load each page twice). Panels that open on a wide screen stay
    open: stricter than a phone's first view, which is one tap from there."""
    wide = session.page.viewport_size
    session.page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    try:
        _check_overflow(session, url, problems)
    finally:
        session.page.set_viewport_size(wide)


def test_every_page_passes_axe_without_console_errors(open_session):
    scenario = build_scenario()
    staff = open_session()
    staff.log_in(scenario.staff_user)

    # The user management's pages: a user the staff unit manages, an open invitation's link.
    InvitationFactory(token="a11y-invitation", body=scenario.county, invited_by=scenario.staff_user)
    ids = scenario.ids() | {"user": scenario.municipality_editor.pk, "token": "a11y-invitation"}
    # Where the shared initiative stands in a body taking part (the county itself does not).
    ids |= {"portfolio:rollout_edit:body_pk": scenario.municipality.pk}
    # An open case of the accessibility feedback form, for the staff unit's pages of it.
    ids |= {"feedback": FeedbackFactory().pk}
    # A background job of the staff unit's (its progress page) and an OParl source to schedule.
    ids |= {
        "job": JobFactory(started_by=scenario.staff_user).pk,
        "source": OParlSource.objects.create(
            system_url="https://ris.example.org/oparl/v1.1/system", name="Ratsinformation"
        ).pk,
    }
    # The job page in its other form: a finished Excel import with its report.
    import_job = BodyImportJobFactory(
        started_by=scenario.staff_user, params={"body": scenario.county.pk}
    )
    urls, left_out, failed = _page_urls(staff, ids)
    problems = [f"{url}: server error (see the log above)" for url in failed]
    for url in [*sorted(urls.values()), *PAGES_WITH_QUERY, import_job.get_absolute_url()]:
        _check(staff, url, problems)
        _check_narrowed(staff, url, problems)

    print(f"checked {len(urls)} pages; not pages (no HTML for GET): {left_out}")
    problems += [f"{name}: could not be opened" for name in sorted(KEY_PAGES - set(urls))]
    assert not problems, "\n\n".join(problems)


# The public portal's pages an anonymous visitor must be able to open.
PUBLIC_KEY_PAGES = {
    "home",
    "portal:goal",
    "portal:initiative",
    "portal:decisions",
    "portal:services",
    "portal:documents",
}


def test_every_public_page_passes_axe_for_anonymous_visitors(open_session):
    """The public pages as visitors see them: without a login, with the public navigation."""
    scenario = build_scenario()
    visitor = open_session()

    urls, left_out, failed = _page_urls(visitor, scenario.ids(), public_url_patterns())
    problems = [f"{url}: server error (see the log above)" for url in failed]
    for url in sorted(urls.values()):
        _check(visitor, url, problems)
        _check_narrowed(visitor, url, problems)

    print(f"checked {len(urls)} public pages; not pages: {left_out}")
    problems += [f"{name}: could not be opened" for name in sorted(PUBLIC_KEY_PAGES - set(urls))]
    assert not problems, "\n\n".join(problems)


def test_login_404_and_403_pages_pass_axe(open_session):
    scenario = build_scenario()
    problems = []

    anonymous = open_session()
    _check(anonymous, reverse("login"), problems)
    assert anonymous.page.locator("h1").inner_text() == "Anmelden"

    municipality_user = open_session()
    municipality_user.log_in(scenario.municipality_editor)
    not_found = municipality_user.goto("/organisation/999999/")
    assert not_found.status == 404
    _check(municipality_user, "/organisation/999999/", problems)
    forbidden_url = reverse(
        "organisations:org_unit_detail", args=[scenario.municipality_initiative.owner_unit_id]
    )
    assert municipality_user.goto(forbidden_url).status == 403
    _check(municipality_user, forbidden_url, problems)
    assert municipality_user.page.locator("h1").inner_text() == "Zugriff verweigert"

    assert not problems, "\n\n".join(problems)


def test_the_checks_catch_faults(session):
    """A guard for the two tests above: axe, the console watch and the narrowed page's width
    do report real faults."""
    faulty_page = (
        '<!DOCTYPE html><html lang="de"><head><title>Fehlerseite</title></head><body><main>'
        '<h1>Fehler</h1><img src="/static/none.png"><script>window.x = 1;</script>'
        "</main></body></html>"
    )
    session.page.route(
        "**/faulty-page/",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            headers={"Content-Security-Policy": "default-src 'self'; script-src 'self'"},
            body=faulty_page,
        ),
    )

    session.goto("/faulty-page/")

    assert "image-alt" in {violation["id"] for violation in session.axe_violations()}
    assert any("Content Security Policy" in text for _url, text in session.console_errors)

    wide_page = (
        '<!DOCTYPE html><html lang="de"><head><title>Breit</title></head><body><main>'
        '<h1>Breit</h1><p style="width: 600px">Eine Zeile, die nicht umbricht.</p>'
        "</main></body></html>"
    )
    session.page.route(
        "**/wide-page/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=wide_page),
    )
    session.goto("/wide-page/")
    wide = session.page.viewport_size
    problems = []
    _check_overflow(session, "/wide-page/", problems)
    assert problems == []  # 600 px fit the wide screen
    _check_narrowed(session, "/wide-page/", problems)
    assert len(problems) == 1
    assert f"scrolls sideways at {PHONE_WIDTH} px" in problems[0]
    assert session.page.viewport_size == wide
