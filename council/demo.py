"""Demo council decisions: the committee's resolution of 3 Feb 2021 on the administration's
paper BV/0012/2021 followed to implementation, with two later resolutions (invented) so the
register shows every state: in progress, delayed with a reason, implemented.

Idempotent: creates only what is missing. Needs the papers demo (BV/0012/2021 and its
consultation in the committee on 3 Feb 2021); without it nothing is created. The two later
papers are created here (through papers.actions), each with its demo note.
"""

import datetime

from django.db.models import Q

from accounts.models import User
from governance.models import ActionItem, Organization
from organisations.models import Person
from papers import actions as paper_actions
from papers.models import Consultation, Paper
from portfolio.models import Initiative

from . import actions
from .models import CouncilDecision

D = datetime.date
PAPER_REFERENCE = "BV/0012/2021"
COMMITTEE = "Ausschuss für Wirtschaft, Digitalisierung und Tourismus"
SESSION = D(2021, 2, 3)
DEMO_NOTE = "Demo: Nummer, Datum und Text dieser Vorlage sind erfunden."
KIND = "Kreistagsbeschlüsse"

MAIN_DECISION = {
    "text": (
        "Der Ausschuss für Wirtschaft, Digitalisierung und Tourismus nimmt den Bericht der "
        "Verwaltung zur Kenntnis.\n"
        "Er beauftragt die Verwaltung, eine Stabsstelle Digitalisierung einzurichten, eine "
        "Lenkungsgruppe Digitalisierung zu bilden und gemeinsam mit den 19 Kommunen eine "
        "ganzheitliche Digitalisierungsstrategie für die Handlungsfelder Verwaltung, "
        "Daseinsvorsorge, Mobilität, Bildung und Wirtschaftsförderung zu erarbeiten.\n"
        "Die Verwaltung berichtet dem Ausschuss regelmäßig über den Fortschritt."
    ),
    "state": "IN_PROGRESS",
    "unit": "stabsstelle",
    "person": ("Katharina", "Wendt"),
    "deadline": D(2026, 12, 31),
    "initiatives": (
        "Organisationsänderung: Amt 12 und Stabsstelle Digitalisierung",
        "Lenkungsgruppe Digitalisierung einrichten",
        "Ganzheitliche Digitalisierungsstrategie mit den 19 Kommunen",
        "Analyse von Geschäftsprozessen für digitale Effizienzgewinne",
    ),
    "action_items": (
        "Kommunen zur gemeinsamen OZG-Umsetzung einladen",
        "Stellenbeschreibungen für die Stabsstelle Digitalisierung erarbeiten",
    ),
}

# Later resolutions following from the first: (paper, committee, session, decision).
FOLLOW_UPS = [
    (
        {
            "reference": "BV/0031/2021",
            "subject": "Stellen für die Stabsstelle Digitalisierung im Amt 12",
            "date": D(2021, 2, 10),
        },
        "Personalausschuss",
        D(2021, 2, 23),
        {
            "text": (
                "Der Personalausschuss stimmt der Einrichtung von vier Stellen für die "
                "Stabsstelle Digitalisierung im künftigen Amt 12 zu."
            ),
            "state": "DONE",
            "done_on": D(2022, 3, 1),
            "unit": "amt-11",
            "person": None,
            "deadline": D(2022, 3, 31),
            "initiatives": ("Organisationsänderung: Amt 12 und Stabsstelle Digitalisierung",),
            "action_items": (
                "Stellenbeschreibungen für die Stabsstelle Digitalisierung erarbeiten",
            ),
        },
    ),
    (
        {
            "reference": "BV/0107/2022",
            "subject": "Gigabitausbau: zweiter Förderaufruf für unterversorgte Gebiete",
            "date": D(2022, 5, 30),
        },
        "Kreistag",
        D(2022, 6, 23),
        {
            "text": (
                "Der Kreistag beschließt, sich mit allen 19 Kommunen am zweiten Förderaufruf "
                "des Bundes für den Gigabitausbau zu beteiligen, und beauftragt das Referat "
                "Wirtschaftsförderung mit der Ausschreibung."
            ),
            "state": "DELAYED",
            "delay_reason": (
                "Die Förderbescheide von Bund und Land liegen erst seit Herbst 2024 vor; die "
                "Ausschreibung der zweiten Ausbaustufe verschiebt sich dadurch um ein Jahr."
            ),
            "unit": "wifoe",
            "person": ("Petra", "Engelskirchen"),
            "deadline": D(2025, 12, 31),
            "initiatives": (
                "Breitbandausbau im Rhein-Sieg-Kreis",
                "Breitband: rund 25.000 Haushalte mit mindestens 50 Mbit/s",
            ),
            "action_items": (),
        },
    ),
]


def _person(names):
    if names is None:
        return None
    return Person.objects.filter(given_name=names[0], family_name=names[1]).first()


def _follow_up_consultation(loader, staff, paper_spec, committee_name, session):
    county = loader.bodies["county"]
    committee = Organization.objects.filter(body=county, name=committee_name).first()
    if committee is None:
        return None
    paper = Paper.objects.filter(body=county, reference=paper_spec["reference"]).first()
    if paper is None:
        paper = paper_actions.create_paper(
            acting_user=staff,
            body=county,
            kind=Paper.Kind.DRAFT_RESOLUTION,
            paper_type="Beschlussvorlage",
            is_public=True,
            originator_unit=loader.units.get("amt-12"),
            demo_note=DEMO_NOTE,
            **paper_spec,
        )
    consultation = paper.consultations.filter(organization=committee).first()
    if consultation is None:
        consultation = paper_actions.add_consultation(
            acting_user=staff,
            paper=paper,
            organization=committee,
            planned_date=session,
            role="Entscheidung",
            authoritative=True,
            is_public=True,
        )
    return consultation


def _decide(loader, staff, consultation, session, spec):
    if CouncilDecision.objects.filter(consultation=consultation).exists():
        return
    owner_unit = loader.units.get(spec["unit"])
    owner_person = _person(spec["person"])
    decision = actions.record_council_decision(
        acting_user=staff,
        consultation=consultation,
        text=spec["text"],
        decided_on=session,
        result=Consultation.Result.APPROVED,
        owner_unit=owner_unit,
        owner_person=owner_person,
        deadline=spec["deadline"],
        today=loader.today,
    )
    loader.result.created[KIND] += 1
    for title in spec["initiatives"]:
        initiative = Initiative.objects.filter(title=title).order_by("pk").first()
        if initiative is not None:
            actions.link_initiative(acting_user=staff, decision=decision, initiative=initiative)
    for title in spec["action_items"]:
        action_item = ActionItem.objects.filter(title=title).order_by("pk").first()
        if action_item is not None:
            actions.link_action_item(acting_user=staff, decision=decision, action_item=action_item)
    actions.update_implementation(
        acting_user=staff,
        decision=decision,
        state=spec["state"],
        owner_unit=owner_unit,
        owner_person=owner_person,
        deadline=spec["deadline"],
        delay_reason=spec.get("delay_reason", ""),
        done_on=spec.get("done_on"),
        today=loader.today,
    )


def load_demo_council(loader):
    county = loader.bodies.get("county")
    staff = User.objects.filter(username="stabsstelle").first()
    if county is None or staff is None:
        return
    consultation = (
        Consultation.objects.filter(
            paper__body=county,
            paper__reference=PAPER_REFERENCE,
            organization__name=COMMITTEE,
        )
        .filter(Q(planned_date=SESSION) | Q(meeting__start__date=SESSION))
        .order_by("pk")
        .first()
    )
    if consultation is None:
        return
    _decide(loader, staff, consultation, SESSION, MAIN_DECISION)
    for paper_spec, committee_name, session, spec in FOLLOW_UPS:
        follow_up = _follow_up_consultation(loader, staff, paper_spec, committee_name, session)
        if follow_up is not None:
            _decide(loader, staff, follow_up, session, spec)
