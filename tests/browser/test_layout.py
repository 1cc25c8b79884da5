"""Layout as people see it, at desktop and at phone width: labels stay whole words, the menu
and the filters fold on a phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from organisations.tests.factories import CountyFactory
from portfolio.tests.factories import InitiativeFactory

from .scenario import build_scenario

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# Every word of every description-list key, with the number of lines it is drawn on.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const key of document.querySelectorAll("main dt")) {
    const text = key.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) continue;
    for (const match of text.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [1400, 390])
def test_no_label_of_a_status_report_breaks_inside_a_word(session, width):
    scenario = build_scenario()
    session.page.set_viewport_size({"width": width, "height": 900})
    session.log_in(scenario.staff_user)
    session.goto(scenario.initiative.get_absolute_url())
    assert session.page.locator("main dt", has_text="Leistungsumfang").count() >= 1
    assert session.page.evaluate(BROKEN_WORDS) == []


def test_on_a_phone_the_menu_folds_and_the_results_come_before_the_filters(open_session):
    scenario = build_scenario()
    phone = open_session(viewport={"width": 390, "height": 844})
    phone.log_in(scenario.staff_user)
    page = phone.page
    phone.goto(reverse("portfolio:initiative_list"))
    # The filters are folded: the first results are on the first screen.
    expect(page.locator("#id_q")).to_be_hidden()
    assert page.locator("#results-heading").bounding_box()["y"] < 844
    page.get_by_text("Filter anzeigen").click()
    expect(page.locator("#id_q")).to_be_visible()
    menu = page.get_by_role("navigation", name="Hauptnavigation")
    expect(menu.get_by_role("link", name="Vorlagen", exact=True)).to_be_hidden()
    menu.get_by_text("Menü").click()
    expect(menu.get_by_role("link", name="Vorlagen", exact=True)).to_be_visible()


def test_on_a_wide_screen_menu_and_filters_show_at_once(open_session):
    scenario = build_scenario()
    desk = open_session(viewport={"width": 1400, "height": 900})
    desk.log_in(scenario.staff_user)
    page = desk.page
    desk.goto(reverse("portfolio:initiative_list"))
    menu = page.get_by_role("navigation", name="Hauptnavigation")
    expect(menu.get_by_role("link", name="Vorlagen", exact=True)).to_be_visible()
    expect(menu.get_by_text("Menü")).to_be_hidden()
    expect(page.locator("#id_q")).to_be_visible()
    expect(page.get_by_text("Filter anzeigen")).to_be_hidden()


def test_in_a_land_the_staff_unit_switches_the_county_of_the_register(session):
    """Several counties in one installation: the register starts in the staff unit's county,
    its switcher leads to another and to all, and axe finds nothing on the page."""
    scenario = build_scenario()
    neighbour = CountyFactory(name="Nachbarkreis", ags="05998000")
    InitiativeFactory(title="Portal des Nachbarkreises", owner_body=neighbour, owner_unit=None)
    page = session.page
    session.log_in(scenario.staff_user)
    session.goto(reverse("portfolio:initiative_list"))
    switcher = page.get_by_label("Kreis (mit seinen Kommunen)")
    expect(switcher).to_have_value(str(scenario.county.pk))
    expect(page.get_by_role("link", name="Portal des Nachbarkreises")).to_have_count(0)
    assert session.axe_violations() == []
    switcher.select_option(label="Nachbarkreis")
    page.get_by_role("button", name="Kreis anzeigen").click()
    expect(page.get_by_role("link", name="Portal des Nachbarkreises")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("1 Vorhaben gefunden")
    # Filtering live keeps the county in view.
    page.locator("#id_q").fill("Portal")
    page.get_by_role("button", name="Filter anwenden").click()
    expect(page.get_by_role("link", name="Portal des Nachbarkreises")).to_be_visible()
    assert f"county={neighbour.pk}" in page.url
