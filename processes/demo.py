"""The demo's process analysis: the paper's DMS work ("business processes, workflows and services
are analysed for digital efficiency gains") as processes of county units with invented figures,
and the roll-out status per municipality of the shared demo initiatives.

Run after demo.loading's own steps (units, initiatives, demo logins exist). Processes go through
processes.actions, statuses through portfolio.actions.set_initiative_rollout, with the demo
staff-unit user as the actor (their permission checks need one; the steering group's demo does
the same), and every record carries a demo note or flag. Idempotent: a process is looked
up by unit and name, a status by initiative and body; existing ones are never changed.
"""

import datetime

from accounts.models import User
from organisations.models import OrgUnit
from portfolio import actions as portfolio_actions
from portfolio.models import Initiative, InitiativeRollout, RolloutStatus

from . import actions
from .models import BusinessProcess

PROCESS_KIND = "Geschäftsprozesse"
ROLLOUT_KIND = "Stände je Körperschaft"
UNIT_KIND = "Organisationseinheiten"

# Units the paper does not name but its processes need (number, name, parent unit key).
EXTRA_UNITS = {
    "amt-20": ("20", "Kämmerei", "dez-1"),
    "amt-50": ("50", "Sozialamt", "dez-3"),
}

# unit key, process, cases/year, minutes today, target minutes, media breaks, state, target
PROCESSES = [
    (
        "amt-63",
        "Bauantrag (Baugenehmigungsverfahren)",
        2400,
        540,
        330,
        4,
        "PARTLY",
        "Bauantrag über Bauen-online, Beteiligung der Fachstellen im DMS, Bescheid elektronisch.",
    ),
    (
        "amt-50",
        "Wohngeldantrag",
        3100,
        95,
        55,
        3,
        "PAPER",
        "Online-Antrag über das Bürgerportal, Nachweise als Upload, E-Akte im DMS.",
    ),
    (
        "amt-36",
        "Kfz-Zulassung (Neuzulassung und Umschreibung)",
        62000,
        22,
        12,
        2,
        "DIGITAL",
        "i-Kfz-Antrag mit Online-Terminvergabe, Gebühren online, Vorgang ohne Papierakte.",
    ),
    (
        "amt-11",
        "Posteingang: Öffnen, Scannen und Verteilen",
        180000,
        3,
        1,
        2,
        "PARTLY",
        "Zentrales Scannen mit automatischer Zuordnung und Weiterleitung im DMS.",
    ),
    (
        "amt-20",
        "Rechnungsbearbeitung (Eingangsrechnungen)",
        41000,
        18,
        6,
        3,
        "PARTLY",
        "E-Rechnung (XRechnung) mit digitalem Freigabe-Workflow im DMS.",
    ),
    (
        "amt-11",
        "Urlaubs- und Dienstreiseanträge",
        9500,
        15,
        5,
        2,
        "PAPER",
        "Self-Service-Portal für Beschäftigte mit elektronischer Genehmigung.",
    ),
    (
        "amt-53",
        "Meldungen nach dem Infektionsschutzgesetz",
        8000,
        25,
        10,
        2,
        "DIGITAL",
        "Elektronische Meldung (DEMIS) mit Übernahme in SORMAS ohne Abtippen.",
    ),
]

# A shared initiative's status per body follows its own status; where it is under way, the
# bodies are spread over the statuses in a fixed pattern so the demo shows each of them.
IN_PROGRESS_PATTERN = [
    RolloutStatus.LIVE,
    RolloutStatus.IN_PROGRESS,
    RolloutStatus.LIVE,
    RolloutStatus.PLANNED,
]


def _staff_user():
    return User.objects.get(username="stabsstelle")


def _units(loader):
    units = dict(loader.units)
    county = loader.bodies["county"]
    for key, (number, name, parent_key) in EXTRA_UNITS.items():
        unit, created = OrgUnit.objects.get_or_create(
            body=county,
            number=number,
            name=name,
            defaults={"kind": OrgUnit.Kind.OFFICE, "parent": loader.units[parent_key]},
        )
        if created:
            loader.result.created[UNIT_KIND] += 1
        units[key] = unit
    return units


def _processes(loader, staff, units):
    existing = set(BusinessProcess.objects.values_list("org_unit_id", "name"))
    for unit_key, name, cases, minutes, target, breaks, state, target_state in PROCESSES:
        unit = units[unit_key]
        if (unit.pk, name) in existing:
            continue
        actions.create_process(
            acting_user=staff,
            org_unit=unit,
            name=name,
            cases_per_year=cases,
            minutes_per_case=minutes,
            target_minutes_per_case=target,
            media_breaks=breaks,
            digitisation=state,
            target_state=target_state,
            is_demo=True,
        )
        loader.result.created[PROCESS_KIND] += 1


def _status_for(initiative, position):
    if initiative.status == Initiative.Status.COMPLETED:
        return RolloutStatus.LIVE
    if initiative.status == Initiative.Status.STOPPED:
        return RolloutStatus.STOPPED
    if initiative.status in (Initiative.Status.IDEA, Initiative.Status.PLANNED):
        return RolloutStatus.PLANNED
    return IN_PROGRESS_PATTERN[position % len(IN_PROGRESS_PATTERN)]


def _since(initiative, status, position, today):
    if status == RolloutStatus.PLANNED:
        return None
    start = initiative.start_date or today
    return min(start + datetime.timedelta(days=30 * (position % 12)), today)


def _rollouts(loader, staff):
    shared = (
        Initiative.objects.filter(participating_bodies__isnull=False)
        .distinct()
        .prefetch_related("participating_bodies")
        .order_by("pk")
    )
    existing = set(InitiativeRollout.objects.values_list("initiative_id", "body_id"))
    for initiative in shared:
        bodies = sorted(initiative.participating_bodies.all(), key=lambda body: body.name)
        for position, body in enumerate(bodies):
            if (initiative.pk, body.pk) in existing:
                continue
            status = _status_for(initiative, position)
            portfolio_actions.set_initiative_rollout(
                acting_user=staff,
                initiative=initiative,
                body=body,
                status=status,
                since=_since(initiative, status, position, loader.today),
                note="Demo: Stand erfunden.",
                today=loader.today,
            )
            loader.result.created[ROLLOUT_KIND] += 1


def load_demo_processes(loader):
    """Create whatever of the demo process analysis and roll-out statuses is missing."""
    staff = _staff_user()
    _processes(loader, staff, _units(loader))
    _rollouts(loader, staff)
