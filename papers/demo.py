"""The demo's papers: the SPD group's motion "Smarter Rhein-Sieg-Kreis 4.0" of 25.05.2020, its
referral by the Kreisausschuss on 22.06.2020, and the administration's paper for the session of
the Ausschuss für Wirtschaft, Digitalisierung und Tourismus on 03.02.2021, rebuilt with the
sections of the seed document (its status quo as a live-data block drawn from the register).

Run after demo.loading's own steps (committees, fields of action, demo logins exist). Every
change goes through papers.actions and governance.actions with the demo staff-unit user as
the actor. Idempotent: papers are looked up by body and reference, meetings by committee and
day, agenda items by meeting and title, consultations by paper and committee.

`publish_demo_papers`, the demo's last step for papers (after the council decisions' papers),
finalises every public paper not published yet, so visitors see them as a council information
system publishes them: as released versions.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from governance import actions as governance_actions
from governance.models import AgendaItem, Meeting, Organization
from strategy.models import FieldOfAction

from . import actions
from .models import Consultation, Paper, PaperBlock

D = datetime.date
MOTION_REFERENCE = "AN/0057/2020"
PAPER_REFERENCE = "BV/0012/2021"
MOTION_SUBJECT = "Smarter Rhein-Sieg-Kreis 4.0"
PAPER_SUBJECT = "Antrag der SPD-Kreistagsfraktion vom 25.05.2020: Smarter Rhein-Sieg-Kreis 4.0"
EXECUTIVE_COMMITTEE = "Kreisausschuss"
COMMITTEE = "Ausschuss für Wirtschaft, Digitalisierung und Tourismus"
COUNCIL_GROUP = "SPD-Kreistagsfraktion"
PLACE = "Kreishaus Siegburg, Großer Sitzungssaal"
STATUS_QUO_FIELDS = ("verwaltung", "daseinsvorsorge", "mobilitaet", "bildung", "wirtschaft")
DEMO_NOTE = "Demo: Das Aktenzeichen {reference} ist erfunden; der Inhalt folgt der Vorlage."

MOTION_TEXT = (
    "Die SPD-Kreistagsfraktion beantragt die Entwicklung einer ganzheitlichen "
    "Digitalisierungsstrategie für die Bereiche Verwaltung, Daseinsvorsorge, Mobilität, Bildung "
    "und Wirtschaftsförderung unter Beteiligung der kreisangehörigen Kommunen sowie die "
    "Einrichtung einer Stabstelle Digitalisierung mit einem Chief Digital Officer (CDO) zur "
    "Umsetzung und Steuerung, die direkt dem Landrat unterstellt sein soll."
)
RESOLUTION = "Der Beschluss ergibt sich aus den Beratungen."
PRELIMINARY_REMARK = "\n".join(
    [
        (
            "Mit Schreiben vom 25.05.2020 hat die SPD-Kreistagsfraktion die Entwicklung einer "
            "ganzheitlichen Digitalisierungsstrategie für die Bereiche Verwaltung, "
            "Daseinsvorsorge, Mobilität, Bildung und Wirtschaftsförderung unter Beteiligung der "
            "kreisangehörigen Kommunen für den Rhein-Sieg-Kreis beantragt sowie die Einrichtung "
            "einer Stabstelle Digitalisierung mit einem Chief Digital Officer (CDO) zur Umsetzung"
            " und Steuerung, die direkt dem Landrat unterstellt sein soll."
        ),
        (
            "Der Kreisausschuss hatte den Antrag in seiner Sitzung vom 22.06.2020 in den "
            "zuständigen Fachausschuss in der neuen Wahlperiode verwiesen."
        ),
    ]
)
EXPLANATION = "\n".join(
    [
        ("1. Status quo"),
        (
            "Mit dem Themenfeld der Digitalisierung ist die Kreisverwaltung bereits in diversen "
            "Projekten befasst, um die Möglichkeiten der Digitalisierung für sich und seine "
            "Bürgerinnen und Bürger bestmöglich zu nutzen: vom Breitbandausbau (seit 2015, rd. 20"
            " Mio. € Fördermittel) über das Medienentwicklungskonzept #MEK2020 der Schulen, die "
            "digitale Gremienarbeit, Online-Verwaltungsleistungen und das „Bürgerportal“, rund "
            "800 mobilfähige Arbeitsplätze und das Dokumentenmanagementsystem bis zur Pandemie-"
            "Software SORMAS. Den aktuellen Stand dieser Vorhaben zeigt die Übersicht aus dem "
            "Register unten."
        ),
        (
            "Gemeinsam mit seinen Städten und Gemeinden ist der Rhein-Sieg-Kreis Mitglied des "
            "Zweckverbandes civitec (weitere Mitglieder sind der Oberbergische Kreis mit seinen "
            "Städten und Gemeinden sowie die Stadt Solingen), über den – seit dem 1.1.2020 über "
            "die Bündelung bei regio iT GmbH – sowohl gemeinsame kommunale als auch "
            "kommunenspezifische Lösungen erarbeitet werden."
        ),
        (
            "Derzeit werden die Themenfelder der Digitalisierung in den einzelnen "
            "Dezernatssträngen abgebildet und laufen beim Landrat als Verwaltungsspitze zusammen."
        ),
        ("2. Anstehende Organisationsänderung der Verwaltung"),
        (
            "Der Landrat hat mit dem Haushaltsentwurf 2021/22 das Thema Digitalisierung als eines"
            " der drei strategischen Zielfelder der Kreisverwaltung ausgewiesen."
        ),
        (
            "Aufgrund der prioritären Qualifizierung als strategisches Zielfeld, der Bedeutung "
            "und der Notwendigkeit des Themas Digitalisierung wird der Landrat eine entsprechende"
            " Organisationsänderung verfügen, die aktuell dem Personalrat zur Beratung vorliegt. "
            "Im März 2022 wird die Leiterin des Amtes 10 in die Freistellungsphase der "
            "Altersteilzeit eintreten. Zu diesem Zeitpunkt wird das derzeit aus den Abteilungen "
            "10.1 (Zentrale Steuerungsunterstützung/Organisation) und 10.2 (Informations- und "
            "Kommunikationstechnik) bestehende Amt umgewandelt."
        ),
        (
            "Die Abteilung 10.1 wird zu diesem Zeitpunkt als Abteilung 11.3 in das Amt 11 (Amt "
            "für Personal und Allgemeine Dienste) integriert. Die Abteilung 10.2 wird in das neue"
            " Amt 12 – Amt für Informationstechnik und Digitalisierung umgewandelt, in dem dann "
            "zukünftig ein eigener Arbeits- und Verantwortungsbereich in Form einer Stabstelle "
            "Digitalisierung angesiedelt sein wird, der in enger Zusammenarbeit mit IT-"
            "Organisatoren und Technikern zentraler Ansprechpartner und Treiber des "
            "Gesamtkomplexes Digitalisierung sein soll – hinter der Stabstelle wird nicht nur "
            "eine einzelne Person stehen, sondern ein Projektteam mit einer Stabstellenleitung."
        ),
        (
            "Die hierfür erforderlichen zusätzlichen Stellen werden dem Personalausschuss in "
            "seiner Sitzung am 23.02.2021 zur Beratung vorgelegt."
        ),
        (
            "Daneben wird im Weiteren eine Lenkungsgruppe Digitalisierung eingerichtet, die "
            "übergreifende sowie prioritäre Themen und Gesamtkonzepte beschließt und vorantreibt,"
            " den Gesamtprozess steuert und die Klammer um die auch außerhalb des Amtes 12 "
            "umzusetzenden Digitalisierungsthemen (z. B. Breitbandausbau, Schul-IT, Wirtschaft, "
            "Gesundheit, Mobilität) bildet. Teilnehmer der Lenkungsgruppe werden der Landrat, die"
            " Kreisdirektorin, die Stabstelle, Amt 12, Informationssicherheitsbeauftragte(r), "
            "Datenschutzbeauftragter, Vertreter der Bereiche Personal/Organisation, Personalrat "
            "und ggf. Gleichstellung und Schwerbehindertenbeauftragten sein. Themenbezogen werden"
            " weitere Dezernate/Ämter hinzugezogen. Die Aufgabenwahrnehmung der Lenkungsgruppe, "
            "in der die maßgeblichen Ziele und Prioritäten festgelegt und in der Umsetzung "
            "verfolgt werden, wird maßgeblich durch die Stabstelle Digitalisierung unterstützt, "
            "indem sie die anstehenden Themen aufbereitet, Beschlussvorlagen erarbeitet und "
            "Bericht erstattet."
        ),
    ]
)


def _staff_user():
    return User.objects.get(username="stabsstelle")


def _meeting(*, loader, staff, organization, day, item_title, result=""):
    """The committee's meeting on `day` with a public item `item_title` (created if missing)."""
    meeting = Meeting.objects.filter(organization=organization, start__date=day).first()
    if meeting is None:
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15)))
        meeting = governance_actions.plan_meeting(
            acting_user=staff,
            organization=organization,
            start=start,
            end=start + datetime.timedelta(hours=3),
            location=PLACE,
        )
        loader.result.created["Sitzungen"] += 1
    item = AgendaItem.objects.filter(meeting=meeting, title=item_title).first()
    if item is None and meeting.state == Meeting.State.PLANNED:
        governance_actions.build_agenda(
            acting_user=staff, meeting=meeting, other_titles=[item_title]
        )
        item = AgendaItem.objects.get(meeting=meeting, title=item_title)
        # A council paper's item is public (unlike the steering group's items).
        AgendaItem.objects.filter(pk=item.pk).update(is_public=True, result=result)
        item.refresh_from_db()
    if meeting.state == Meeting.State.PLANNED and day <= loader.today:
        governance_actions.mark_meeting_held(acting_user=staff, meeting=meeting, today=loader.today)
    return meeting, item


def _consultation(*, staff, paper, organization, meeting, item, **values):
    if Consultation.objects.filter(paper=paper, organization=organization).exists():
        return
    actions.add_consultation(
        acting_user=staff,
        paper=paper,
        organization=organization,
        meeting=meeting,
        agenda_item=item,
        planned_date=None,
        **values,
    )


def _motion(loader, staff, county, group, executive):
    motion = Paper.objects.filter(body=county, reference=MOTION_REFERENCE).first()
    if motion is None:
        motion = actions.create_paper(
            acting_user=staff,
            body=county,
            kind=Paper.Kind.MOTION,
            paper_type="Antrag",
            reference=MOTION_REFERENCE,
            date=D(2020, 5, 25),
            subject=MOTION_SUBJECT,
            is_public=True,
            originator_organization=group,
            resolution_proposal=MOTION_TEXT,
            demo_note=DEMO_NOTE.format(reference=MOTION_REFERENCE),
        )
        loader.result.created["Vorlagen"] += 1
    meeting, item = _meeting(
        loader=loader,
        staff=staff,
        organization=executive,
        day=D(2020, 6, 22),
        item_title=f"{PAPER_SUBJECT} ({MOTION_REFERENCE})",
        result="Verwiesen in den zuständigen Fachausschuss der neuen Wahlperiode",
    )
    _consultation(
        staff=staff,
        paper=motion,
        organization=executive,
        meeting=meeting,
        item=item,
        position=1,
        role="Beratung",
        authoritative=False,
        is_public=True,
        result=Consultation.Result.REFERRED,
    )
    return motion, meeting


def _answer(loader, staff, county, motion, committee):
    paper = Paper.objects.filter(body=county, reference=PAPER_REFERENCE).first()
    if paper is None:
        paper = actions.create_paper(
            acting_user=staff,
            body=county,
            kind=Paper.Kind.DRAFT_RESOLUTION,
            paper_type="Beschlussvorlage",
            reference=PAPER_REFERENCE,
            date=D(2021, 1, 20),
            subject=PAPER_SUBJECT,
            is_public=True,
            originator_unit=loader.units.get("amt-10"),
            resolution_proposal=RESOLUTION,
            preliminary_remark=PRELIMINARY_REMARK,
            explanation=EXPLANATION,
            affects_budget=False,
            demo_note=DEMO_NOTE.format(reference=PAPER_REFERENCE)
            + " Datum der Vorlage (20.01.2021) ebenfalls Demo-Annahme.",
        )
        actions.relate_papers(
            acting_user=staff, paper=paper, related_papers=[motion], superordinated_paper=motion
        )
        loader.result.created["Vorlagen"] += 1
    if not paper.blocks.exists():
        fields = FieldOfAction.objects.filter(code__in=STATUS_QUO_FIELDS)
        actions.add_block(
            acting_user=staff,
            paper=paper,
            kind=PaperBlock.Kind.INITIATIVE_STATUS,
            title="Status quo der Vorhaben in den Handlungsfeldern",
            position=1,
            parameters={"fields": [field.pk for field in fields]},
        )
    meeting, item = _meeting(
        loader=loader,
        staff=staff,
        organization=committee,
        day=D(2021, 2, 3),
        item_title=PAPER_SUBJECT,
    )
    _consultation(
        staff=staff,
        paper=paper,
        organization=committee,
        meeting=meeting,
        item=item,
        position=1,
        role="Entscheidung",
        authoritative=True,
        is_public=True,
        result="",
    )
    return paper


def load_demo_papers(loader):
    """Create whatever of the demo papers is missing (see the module's docstring)."""
    staff = _staff_user()
    county = loader.bodies["county"]
    organizations = {
        org.name: org
        for org in Organization.objects.filter(
            body=county, name__in=(EXECUTIVE_COMMITTEE, COMMITTEE, COUNCIL_GROUP)
        )
    }
    motion, _meeting_of_referral = _motion(
        loader, staff, county, organizations[COUNCIL_GROUP], organizations[EXECUTIVE_COMMITTEE]
    )
    _answer(loader, staff, county, motion, organizations[COMMITTEE])


def publish_demo_papers(loader):
    """Finalise the demo's public papers that are not published (see the module's docstring)."""
    staff = _staff_user()
    unpublished = Paper.objects.filter(
        body=loader.bodies["county"],
        external_id="",
        is_public=True,
        is_finalised=False,
        published_version=None,
    )
    for paper in unpublished.order_by("pk"):
        actions.finalise_paper(acting_user=staff, paper=paper)
        loader.result.created["Vorlagenfassungen"] += 1
