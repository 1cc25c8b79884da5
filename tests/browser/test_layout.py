"""Layout as people see it: labels stay whole words, at desktop and at phone width."""

import pytest

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
