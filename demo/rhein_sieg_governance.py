"""The steering group's work in the Rhein-Sieg-Kreis demo as plain data (demo.governance_loading
writes it through topics.actions and governance.actions).

Everything here is invented (demo): the committees' members, the meetings of the steering group
and their dates, the topics, statements, decisions, minutes and action items. The topics follow
the county paper (Vorlage of 3 Feb 2021); their titles name what the approval adds to the
register (an approval creates a new initiative), so they do not repeat the paper's initiatives.
People are the fictitious ones of demo.rhein_sieg.PEOPLE; units are keys of its ORG_UNITS.
"""

import datetime

from .rhein_sieg import Rel

D = datetime.date

STEERING_GROUP = "Lenkungsgruppe Digitalisierung"

# name: kind, short name, start date, members
# A member: (person key, function title, role, optional, start, end).
COMMITTEES = {
    STEERING_GROUP: {
        "kind": "STEERING_GROUP",
        "short_name": "LG Digi",
        "start_date": D(2021, 3, 1),
        "members": [
            ("landrat", "Landrat", "CHAIR", False, D(2021, 3, 1), None),
            ("kreisdirektorin", "Kreisdirektorin", "MEMBER", False, D(2021, 3, 1), None),
            (
                "leitung-10",
                "Leiterin des Amtes für Zentrale Steuerung",
                "MEMBER",
                False,
                D(2021, 3, 1),
                D(2022, 2, 28),
            ),
            (
                "cdo",
                "Leitung der Stabsstelle Digitalisierung (CDO)",
                "MEMBER",
                False,
                D(2022, 3, 1),
                None,
            ),
            ("leitung-12", "Leiter des Amtes 12", "MEMBER", False, D(2022, 3, 1), None),
            (
                "isb",
                "Informationssicherheitsbeauftragte",
                "ADVISORY",
                False,
                D(2021, 3, 1),
                None,
            ),
            ("dsb", "Datenschutzbeauftragter", "ADVISORY", False, D(2021, 3, 1), None),
            (
                "leitung-11",
                "Leiter des Amtes für Personal und Allgemeine Dienste (Organisation)",
                "MEMBER",
                False,
                D(2021, 3, 1),
                None,
            ),
            ("personalrat", "Personalrat", "MEMBER", False, D(2021, 3, 1), None),
            ("gleichstellung", "Gleichstellungsbeauftragte", "ADVISORY", True, D(2021, 3, 1), None),
            (
                "sbv",
                "Schwerbehindertenvertretung",
                "ADVISORY",
                True,
                D(2021, 3, 1),
                None,
            ),
        ],
    },
    "Kreistag": {
        "kind": "COUNCIL",
        "short_name": "KT",
        "start_date": D(2020, 11, 1),
        "members": [("landrat", "Landrat (Vorsitz)", "CHAIR", False, D(2020, 11, 1), None)],
    },
    "Kreisausschuss": {
        "kind": "EXECUTIVE_COMMITTEE",
        "short_name": "KA",
        "start_date": D(2020, 11, 1),
        "members": [
            ("landrat", "Landrat (Vorsitz)", "CHAIR", False, D(2020, 11, 1), None),
            ("kreisdirektorin", "Kreisdirektorin", "ADVISORY", False, D(2020, 11, 1), None),
        ],
    },
    "Ausschuss für Wirtschaft, Digitalisierung und Tourismus": {
        "kind": "COMMITTEE",
        "short_name": "WDT",
        "start_date": D(2020, 11, 1),
        "members": [
            (
                "leitung-wifoe",
                "Verwaltung: Referat Wirtschaftsförderung",
                "ADVISORY",
                False,
                D(2020, 11, 1),
                None,
            ),
        ],
    },
    "Personalausschuss": {
        "kind": "HR_COMMITTEE",
        "short_name": "PA",
        "start_date": D(2020, 11, 1),
        "members": [
            ("leitung-11", "Verwaltung: Amt 11", "ADVISORY", False, D(2020, 11, 1), None),
        ],
    },
    "SPD-Kreistagsfraktion": {
        "kind": "COUNCIL_GROUP",
        "short_name": "SPD",
        "start_date": D(2020, 11, 1),
        "members": [],
    },
}

# Meetings of the steering group ------------------------------------------------------------

# The history: one meeting a quarter, 2021–2025 (the 2021 ones online, the pandemic).
MEETING_DAYS = [
    D(year, month, day)
    for year in range(2021, 2026)
    for month, day in ((3, 16), (6, 15), (9, 14), (12, 7))
]
MEETING_HOURS = (14, 16)
LOCATION = "Kreishaus Siegburg, Sitzungsraum 1.100"
# The county's seat (public address); OParl publishes it as the meetings' Location.
VENUE = {
    "description": "Kreishaus Siegburg",
    "street_address": "Kaiser-Wilhelm-Platz 1",
    "postal_code": "53721",
    "locality": "Siegburg",
    "room": "Sitzungsraum 1.100",
}

# Electoral terms of the Kreistag (local elections in NRW: 2014, 2020, 2025).
LEGISLATIVE_TERMS = [
    ("Wahlperiode 2014–2020", D(2014, 6, 1), D(2020, 10, 31)),
    ("Wahlperiode 2020–2025", D(2020, 11, 1), D(2025, 10, 31)),
    ("Wahlperiode 2025–2030", D(2025, 11, 1), None),
]
ONLINE_URL = "https://meet.example.org/lenkungsgruppe-digitalisierung"
# The next meeting: planned, its agenda prepared (relative to the day of loading).
UPCOMING_MEETING = Rel(21)

STANDING_MINUTES = {
    "MINUTES_APPROVAL": "Die Niederschrift der letzten Sitzung wird ohne Änderungen genehmigt.",
    "STAFF_UNIT_REPORT": "Die Stabsstelle berichtet über den Stand der Digitalisierung und "
    "die Abstimmung mit den Digitalisierungskoordinatorinnen und -koordinatoren der Kommunen.",
    "PORTFOLIO_STATUS": "Die Ampeln der A-Vorhaben werden besprochen; rote Ampeln werden "
    "begründet, Gegenmaßnahmen sind in den Statusberichten beschrieben.",
    "OPEN_ACTION_ITEMS": "Die offenen Aufträge werden durchgegangen; erledigte Aufträge werden "
    "geschlossen.",
}

# Topics ------------------------------------------------------------------------------------
#
# Keys of a topic: title, problem, proposal, expected_benefit, rough_cost, deadline,
# legal_obligation, flags (touches_… names), fields (field codes), unit (submitting unit key),
# affected ("municipalities" or body keys), statements {kind: (result, text)},
# decisions [(meeting day, outcome, priority, decision text, minutes)],
# actions (see ACTION ITEMS below), initiative_status (the initiative's status after the start).

TOPICS = [
    {
        "title": "OZG-Umsetzung: Onlinedienste gemeinsam mit den 19 Kommunen",
        "problem": "Das Onlinezugangsgesetz verpflichtet Kreis und Kommunen, ihre "
        "Verwaltungsleistungen bis Ende 2022 auch online anzubieten. Viele Leistungen sind "
        "noch nicht im Bürgerportal.",
        "proposal": "Der Kreis koordiniert die Umsetzung mit den Kommunen über das gemeinsame "
        "Bürgerportal (civitec) und nutzt Einer-für-Alle-Leistungen, wo es sie gibt.",
        "expected_benefit": "Leistungen rund um die Uhr online; weniger Wege für Bürgerinnen, "
        "Bürger und Unternehmen.",
        "rough_cost": "450000",
        "deadline": D(2022, 12, 31),
        "legal_obligation": "OZG",
        "flags": ("touches_personal_data", "touches_it_security"),
        "fields": ("daseinsvorsorge",),
        "unit": "dez-1",
        "affected": "municipalities",
        "statements": {
            "DATA_PROTECTION": ("AGREED", ""),
            "INFORMATION_SECURITY": (
                "AGREED_WITH_CONDITIONS",
                "Nur Leistungen mit Schutzbedarfsfeststellung freischalten.",
            ),
        },
        "decisions": [
            (
                D(2021, 6, 15),
                "APPROVED",
                "A",
                "Die Lenkungsgruppe beschließt die gemeinsame OZG-Umsetzung mit den Kommunen "
                "mit Priorität A (rechtliche Verpflichtung mit Frist).",
                "Vorrang wegen der gesetzlichen Frist. Die Kommunen werden über die "
                "Bürgermeisterkonferenz eingebunden.",
            ),
        ],
        "initiative_status": "IN_PROGRESS",
    },
    {
        "title": "Aufbau der Stabsstelle Digitalisierung: Stellen und Besetzung",
        "problem": "Die Zuständigkeiten für Digitalisierung sind auf Amt 10 und die IT verteilt; "
        "es fehlt eine Stelle, die die Digitalisierung steuert.",
        "proposal": "Neuorganisation zum 01.03.2022: Amt 12 für Informationstechnik und "
        "Digitalisierung mit einer Stabsstelle Digitalisierung; die Organisation wechselt als "
        "Abteilung 11.3 in das Amt 11. Die Stellen der Stabsstelle werden ausgeschrieben.",
        "expected_benefit": "Eine Stelle steuert die Digitalisierung; klare Zuständigkeiten.",
        "rough_cost": "380000",
        "flags": ("touches_working_conditions", "touches_equality"),
        "fields": ("verwaltung",),
        "unit": "amt-11",
        "statements": {
            "STAFF_COUNCIL": (
                "AGREED_WITH_CONDITIONS",
                "Die Beschäftigten der Abteilungen 10.1 und 10.2 werden vor dem Wechsel "
                "informiert; ihre Eingruppierung bleibt erhalten.",
            ),
            "EQUAL_OPPORTUNITIES": ("AGREED", ""),
        },
        "decisions": [
            (
                D(2021, 9, 14),
                "APPROVED",
                "A",
                "Die Lenkungsgruppe empfiehlt die Neuorganisation zum 01.03.2022 und beauftragt "
                "Amt 11 mit der Ausschreibung der Stellen der Stabsstelle (Priorität A).",
                "Die Vorlage für den Personalausschuss wird vorbereitet.",
            ),
        ],
        "initiative_status": "COMPLETED",
    },
    {
        "title": "Eigene Smartphone-App des Kreises für Bürgerinnen und Bürger",
        "problem": "Bürgerinnen und Bürger erwarten Informationen und Termine mobil.",
        "proposal": "Der Kreis lässt eine eigene App mit Nachrichten, Terminen und Meldungen "
        "entwickeln.",
        "rough_cost": "250000",
        "flags": ("touches_personal_data",),
        "fields": ("daseinsvorsorge",),
        "unit": "dez-l",
        "statements": {
            "DATA_PROTECTION": (
                "CONCERNS",
                "Tracking durch App-Stores; Einwilligungen müssten gesondert eingeholt werden.",
            ),
        },
        "decisions": [
            (
                D(2021, 12, 7),
                "REJECTED",
                "",
                "Die Lenkungsgruppe lehnt eine eigene App ab. Das Bürgerportal wird stattdessen "
                "für mobile Geräte optimiert.",
                "Doppelstruktur zum Bürgerportal; hohe Folgekosten; Bedenken des "
                "Datenschutzbeauftragten.",
            ),
        ],
    },
    {
        "title": "Ausschreibung und Vergabe der Cloud-Telefonie",
        "problem": "Die Telefonanlage der Kreisverwaltung ist abgekündigt; Ersatzteile gibt es "
        "nur noch bis 2024.",
        "proposal": "EU-weite Ausschreibung einer Cloud-Telefonie mit Anbindung an die "
        "Kollaborationsplattform; Vergabe bis Ende 2022.",
        "expected_benefit": "Telefonie auch im mobilen Arbeiten; geringere Wartungskosten.",
        "rough_cost": "1200000",
        "flags": ("touches_personal_data", "touches_it_security", "touches_working_conditions"),
        "fields": ("verwaltung",),
        "unit": "amt-12",
        "statements": {
            "DATA_PROTECTION": ("AGREED", ""),
            "INFORMATION_SECURITY": (
                "AGREED_WITH_CONDITIONS",
                "Rechenzentrum in der EU, Zertifizierung nach BSI C5.",
            ),
            "STAFF_COUNCIL": (
                "AGREED_WITH_CONDITIONS",
                "Keine Auswertung von Verbindungsdaten zur Leistungskontrolle.",
            ),
        },
        "decisions": [
            (
                D(2022, 6, 15),
                "APPROVED",
                "B",
                "Die Lenkungsgruppe beschließt die Ausschreibung der Cloud-Telefonie "
                "(Priorität B).",
                "Die Auflagen des Personalrats werden in das Leistungsverzeichnis übernommen.",
            ),
        ],
        "initiative_status": "IN_PROGRESS",
    },
    {
        "title": "#MEK2020: zentraler IT-Support für die Kreisschulen",
        "problem": "Die Schulen des Kreises betreuen ihre IT weitgehend selbst; Lehrkräfte "
        "verlieren Unterrichtszeit mit Störungen.",
        "proposal": "Ein zentraler Support mit festen Reaktionszeiten für alle Kreisschulen, "
        "getragen von Amt 12 und dem Schuldezernat, finanziert aus dem DigitalPakt.",
        "expected_benefit": "Verlässliche Schul-IT; Lehrkräfte können sich auf den Unterricht "
        "konzentrieren.",
        "rough_cost": "900000",
        "flags": ("touches_it_security",),
        "fields": ("bildung", "schul-it"),
        "unit": "dez-2",
        "statements": {"INFORMATION_SECURITY": ("AGREED", "")},
        "decisions": [
            (
                D(2022, 9, 14),
                "DEFERRED",
                "",
                "Die Entscheidung wird vertagt, bis die Förderzusage aus dem DigitalPakt vorliegt.",
                "Ohne Förderzusage ist die Finanzierung offen; das Schuldezernat berichtet in "
                "der nächsten Sitzung.",
            ),
            (
                D(2022, 12, 7),
                "APPROVED",
                "B",
                "Nach der Förderzusage beschließt die Lenkungsgruppe den zentralen IT-Support "
                "für die Kreisschulen (Priorität B).",
                "Die Förderzusage liegt vor; der Support startet mit vier Pilotschulen.",
            ),
        ],
        "initiative_status": "IN_PROGRESS",
    },
    {
        "title": "Prozessanalyse Jugendamt für die E-Akte",
        "problem": "Das DMS ist eingeführt, aber die Abläufe im Jugendamt sind noch auf Papier "
        "ausgelegt; eine E-Akte ohne Prozessanalyse bildet nur das Papier nach.",
        "proposal": "Die Stabsstelle analysiert mit dem Jugendamt die zehn häufigsten "
        "Verfahren und gestaltet sie für die E-Akte neu.",
        "expected_benefit": "Kürzere Bearbeitungszeiten; weniger Medienbrüche.",
        "rough_cost": "120000",
        "flags": ("touches_personal_data", "touches_working_conditions"),
        "fields": ("verwaltung",),
        "unit": "stabsstelle",
        "statements": {
            "DATA_PROTECTION": (
                "AGREED_WITH_CONDITIONS",
                "Sozialdaten nur pseudonymisiert in den Prozessmodellen.",
            ),
            "STAFF_COUNCIL": ("AGREED", ""),
        },
        "decisions": [
            (
                D(2023, 3, 16),
                "APPROVED",
                "A",
                "Die Lenkungsgruppe beschließt die Prozessanalyse im Jugendamt als "
                "Voraussetzung der E-Akte (Priorität A).",
                "Das Jugendamt benennt zwei Prozessverantwortliche.",
            ),
        ],
        "initiative_status": "IN_PROGRESS",
    },
]

# Topics not decided (yet): (title, submitting user, steps, statements, scores, extra values).
# Steps: [(status, Rel day)] after the submission on the first day.
OPEN_TOPICS = [
    {
        "title": "Digitale Personalakte",
        "user": "stabsstelle",
        "unit": "amt-11",
        "problem": "Personalakten liegen auf Papier; Auskünfte und Vertretungen sind mühsam.",
        "proposal": "Einführung einer digitalen Personalakte im DMS, mit Dienstvereinbarung.",
        "expected_benefit": "Schneller Zugriff für die Personalsachbearbeitung; weniger Archiv.",
        "rough_cost": "160000",
        "flags": ("touches_personal_data", "touches_working_conditions"),
        "fields": ("verwaltung",),
        "submitted": Rel(-70),
        "steps": [("IN_PREPARATION", Rel(-60)), ("READY_FOR_DECISION", Rel(-10))],
        "statements": {
            "DATA_PROTECTION": (
                "AGREED_WITH_CONDITIONS",
                "Zugriffe werden protokolliert; Löschfristen werden im DMS hinterlegt.",
                Rel(-20),
            ),
            "STAFF_COUNCIL": ("AGREED", "", Rel(-15)),
        },
        "scores": {"efficiency": 4, "strategy": 3, "cost": 2, "risk": 2, "urgency": 3},
        "on_upcoming_agenda": True,
    },
    {
        "title": "KI-Assistenz für Bürgeranfragen im Bürgerportal",
        "user": "stabsstelle",
        "unit": "stabsstelle",
        "problem": "Die Servicehotline beantwortet täglich dieselben Fragen zu Zulassung, "
        "Bauantrag und Terminen.",
        "proposal": "Ein KI-gestützter Assistent beantwortet Standardfragen im Bürgerportal "
        "und verweist auf die passenden Onlinedienste.",
        "rough_cost": "90000",
        "flags": ("touches_personal_data", "touches_it_security", "touches_accessibility"),
        "fields": ("daseinsvorsorge",),
        "submitted": Rel(-35),
        "steps": [("IN_PREPARATION", Rel(-28))],
        "statements": {"INFORMATION_SECURITY": ("AGREED", "", Rel(-7))},
        "scores": {"citizen_benefit": 4, "efficiency": 3, "cost": 2, "risk": 4},
    },
    {
        "title": "Gemeinsames Ratsinformationssystem für Kreis und Kommunen",
        "user": "siegburg",
        "unit": None,
        "problem": "Jede Kommune betreibt ein eigenes Ratsinformationssystem mit eigenen "
        "Verträgen.",
        "proposal": "Kreis und Kommunen schreiben ein gemeinsames System über civitec aus.",
        "flags": (),
        "fields": ("verwaltung", "daseinsvorsorge"),
        "submitted": Rel(-6),
        "steps": [],
    },
    {
        "title": "Faxgeräte in der Kreisverwaltung abschaffen",
        "user": "amt12",
        "unit": "amt-12",
        "problem": "Rund 60 Faxgeräte verursachen Wartungskosten.",
        "proposal": "Die Faxgeräte werden abgebaut; eingehende Faxe kommen als E-Mail an.",
        "flags": (),
        "fields": ("verwaltung",),
        "submitted": Rel(-200),
        "steps": [("WITHDRAWN", Rel(-190))],
    },
]

# Action items ------------------------------------------------------------------------------
#
# meeting day: [(title, owner person key or None, owner unit key or None, due, status, done on,
# title of the topic whose decision it belongs to, or None)]. Due dates given as Rel stay open
# or overdue relative to the day of loading.
ACTION_ITEMS = {
    D(2021, 6, 15): [
        (
            "Kommunen zur gemeinsamen OZG-Umsetzung einladen",
            "leitung-10",
            None,
            D(2021, 8, 31),
            "DONE",
            D(2021, 8, 20),
            "OZG-Umsetzung: Onlinedienste gemeinsam mit den 19 Kommunen",
        ),
    ],
    D(2021, 9, 14): [
        (
            "Stellenbeschreibungen für die Stabsstelle Digitalisierung erarbeiten",
            "leitung-11",
            None,
            D(2021, 12, 1),
            "DONE",
            D(2021, 11, 26),
            "Aufbau der Stabsstelle Digitalisierung: Stellen und Besetzung",
        ),
    ],
    D(2021, 12, 7): [
        (
            "Bürgerportal für Smartphones optimieren lassen",
            "leitung-10",
            None,
            D(2022, 3, 31),
            "CANCELLED",
            None,
            None,
        ),
    ],
    D(2022, 6, 15): [
        (
            "Leistungsverzeichnis Cloud-Telefonie mit dem Personalrat abstimmen",
            None,
            "amt-12",
            D(2022, 9, 30),
            "DONE",
            D(2022, 9, 28),
            "Ausschreibung und Vergabe der Cloud-Telefonie",
        ),
    ],
    D(2022, 12, 7): [
        (
            "Supportkonzept mit den Schulleitungen der Pilotschulen abstimmen",
            None,
            "dez-2",
            D(2023, 5, 15),
            "DONE",
            D(2023, 5, 10),
            "#MEK2020: zentraler IT-Support für die Kreisschulen",
        ),
    ],
    D(2023, 3, 16): [
        (
            "Prozesslandkarte des Jugendamts erstellen",
            None,
            "stabsstelle",
            D(2023, 11, 30),
            "DONE",
            D(2023, 11, 22),
            "Prozessanalyse Jugendamt für die E-Akte",
        ),
    ],
    D(2025, 12, 7): [
        (
            "Statusberichte aller A-Vorhaben vor der nächsten Sitzung aktualisieren",
            None,
            "stabsstelle",
            Rel(14),
            "OPEN",
            None,
            None,
        ),
        (
            "Dienstvereinbarung zur digitalen Personalakte mit dem Personalrat vorbereiten",
            "leitung-11",
            None,
            Rel(45),
            "IN_PROGRESS",
            None,
            None,
        ),
        (
            "Informationssicherheitskonzept für die Cloud-Telefonie fortschreiben",
            "isb",
            None,
            Rel(-20),
            "OPEN",
            None,
            None,
        ),
    ],
}
