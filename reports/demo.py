"""Demo progress reports: the committee hears of the strategy's progress once a year.

The report on the last full year is issued (its data frozen), the one on the current year is
a draft, so the draft shows "changes since the last report" against it. Idempotent.
"""

import datetime

from accounts.models import User
from governance.models import Organization

from . import actions
from .models import ProgressReport

COMMITTEE = "Ausschuss für Wirtschaft, Digitalisierung und Tourismus"
KIND = "Fortschrittsberichte"
SUMMARIES = {
    "issued": (
        "Die Stabsstelle Digitalisierung berichtet über das vergangene Jahr: die meisten "
        "Vorhaben liegen im Plan, beim Breitbandausbau verzögert sich die zweite Ausbaustufe."
    ),
    "draft": "Entwurf des Berichts über das laufende Jahr (Demo).",
}


def load_demo_reports(loader):
    committee = Organization.objects.filter(
        body=loader.bodies["county"], name=COMMITTEE, external_id=""
    ).first()
    if committee is None:
        return
    staff = User.objects.get(username="stabsstelle")
    year = loader.today.year
    last_year = (datetime.date(year - 1, 1, 1), datetime.date(year - 1, 12, 31))
    this_year = (datetime.date(year, 1, 1), loader.today)
    if not ProgressReport.objects.filter(committee=committee, period_start=last_year[0]).exists():
        report = actions.create_progress_report(
            acting_user=staff,
            committee=committee,
            period_start=last_year[0],
            period_end=last_year[1],
            summary=SUMMARIES["issued"],
        )
        actions.issue_progress_report(acting_user=staff, report=report, today=loader.today)
        loader.result.created[KIND] += 1
    if not ProgressReport.objects.filter(committee=committee, period_start=this_year[0]).exists():
        actions.create_progress_report(
            acting_user=staff,
            committee=committee,
            period_start=this_year[0],
            period_end=this_year[1],
            summary=SUMMARIES["draft"],
        )
        loader.result.created[KIND] += 1
