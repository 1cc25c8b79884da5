"""The demo of the Rhein-Sieg-Kreis as plain data; demo.loading writes it to the database.

What is real and what is invented:
- Real: the 19 municipalities with their official keys, area and population (see MUNICIPALITIES);
  the county's keys and website; the Zweckverband civitec and regio iT; the units and dates of
  the 2022 reorganisation (office 10 with 10.1 and 10.2, division 11.3, office 12 with the staff
  unit for digitalisation); the initiatives of the county paper and every figure it gives
  (PAPER: committee session of 3 Feb 2021).
- Invented (demo): every person (fictitious, `is_demo`), the numbering and names of the
  directorates and of the offices that the paper does not number, milestones, budget splits,
  status reports, most indicator values, and the municipal initiatives. Each initiative says in
  its `demo_note` what is invented; each indicator says it in its `source`.

Dates: facts keep their real dates. Milestones, status reports and end dates that should stay
"upcoming", "overdue" or "recent" are given as `Rel(days)`, relative to the day of loading, so the
demo stays alive; historic facts are plain `datetime.date`s.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

D = datetime.date

PAPER = (
    "Vorlage zur Sitzung des Ausschusses für Wirtschaft, Digitalisierung und Tourismus "
    "am 03.02.2021"
)
DEMO_SOURCE = "Demo-Annahme"
COUNTY_WEBSITE = "https://www.rhein-sieg-kreis.de"


@dataclass(frozen=True)
class Rel:
    """A date `days` after the day the demo is loaded (negative: before it)."""

    days: int


def resolve(value, today):
    """A `Rel` as the date relative to `today`; other values unchanged."""
    return today + datetime.timedelta(days=value.days) if isinstance(value, Rel) else value


# Bodies ------------------------------------------------------------------------------------

# (AGS, ARS, name, designation, population, area in km²) from
# ../shared/data/municipalities/rhein_sieg_gemeinden.csv: keys and designation from BKG
# VG5000 (01.01.2021, © GeoBasis-DE / BKG 2021, dl-de/by-2-0), area and population from the
# Destatis Gemeindeverzeichnis (© Statistisches Bundesamt (Destatis), dl-de/by-2-0).
# The extract does not state its reference date; its SOURCE.md believes 31.12.2019 (the 19
# populations sum to 600,764, the county figure of that day). To be verified before publishing.
MUNICIPALITIES = [
    ("05382004", "053820004004", "Alfter", "Gemeinde", 23563, "34.77"),
    ("05382008", "053820008008", "Bad Honnef", "Stadt", 25812, "48.17"),
    ("05382012", "053820012012", "Bornheim", "Stadt", 48321, "82.69"),
    ("05382016", "053820016016", "Eitorf", "Gemeinde", 18749, "69.90"),
    ("05382020", "053820020020", "Hennef (Sieg)", "Stadt", 47290, "105.89"),
    ("05382024", "053820024024", "Königswinter", "Stadt", 41277, "76.17"),
    ("05382028", "053820028028", "Lohmar", "Stadt", 30453, "65.62"),
    ("05382032", "053820032032", "Meckenheim", "Stadt", 24817, "34.84"),
    ("05382036", "053820036036", "Much", "Gemeinde", 14412, "78.06"),
    ("05382040", "053820040040", "Neunkirchen-Seelscheid", "Gemeinde", 19679, "50.62"),
    ("05382044", "053820044044", "Niederkassel", "Stadt", 38667, "35.79"),
    ("05382048", "053820048048", "Rheinbach", "Stadt", 26986, "69.72"),
    ("05382052", "053820052052", "Ruppichteroth", "Gemeinde", 10420, "61.96"),
    ("05382056", "053820056056", "Sankt Augustin", "Stadt", 55847, "34.22"),
    ("05382060", "053820060060", "Siegburg", "Stadt", 41554, "23.66"),
    ("05382064", "053820064064", "Swisttal", "Gemeinde", 18749, "62.22"),
    ("05382068", "053820068068", "Troisdorf", "Stadt", 74953, "62.00"),
    ("05382072", "053820072072", "Wachtberg", "Gemeinde", 20485, "49.68"),
    ("05382076", "053820076076", "Windeck", "Gemeinde", 18730, "107.22"),
]
POPULATION_DATE = D(2019, 12, 31)

COUNTY = {
    "name": "Rhein-Sieg-Kreis",
    "short_name": "RSK",
    "designation": "Kreis",
    "ags": "05382000",
    "ars": "053820000000",
    "website": COUNTY_WEBSITE,
}

# Other bodies, keyed for the initiatives below.
OTHER_BODIES = {
    "civitec": {
        "name": "Zweckverband civitec",
        "short_name": "civitec",
        "kind": "ASSOCIATION",
        "designation": "Zweckverband",
        "website": "https://www.civitec.de",
    },
    "regioit": {
        "name": "regio iT GmbH",
        "short_name": "regio iT",
        "kind": "COMPANY",
        "designation": "GmbH",
        "website": "https://www.regioit.de",
    },
}

# Units of the county -----------------------------------------------------------------------

# key: (number, name, kind, parent key, valid_from). Numbers of directorates and of the offices
# the paper does not name are a demo assumption (KGSt-style); 10, 10.1, 10.2, 11, 11.3 and 12
# and their dates are from the paper. Office 10 and its divisions are dissolved by the loader
# (organisations.actions.dissolve_org_unit) after their initiatives exist, so that the
# initiatives' history shows the hand-over.
ORG_UNITS = {
    "dez-l": ("L", "Bereich des Landrats", "DIRECTORATE", None, None),
    "dez-1": ("1", "Zentrale Dienste", "DIRECTORATE", None, None),
    "dez-2": ("2", "Schuldezernat", "DIRECTORATE", None, None),
    "dez-3": ("3", "Gesundheit, Ordnung und Verkehr", "DIRECTORATE", None, None),
    "dez-4": ("4", "Planen, Bauen und Geoinformation", "DIRECTORATE", None, None),
    "kreistagsbuero": ("", "Kreistagsbüro", "SECTION", "dez-l", None),
    "wifoe": ("", "Referat Wirtschaftsförderung", "SECTION", "dez-l", None),
    "amt-10": ("10", "Amt für Zentrale Steuerung", "OFFICE", "dez-1", None),
    "abt-10-1": (
        "10.1",
        "Zentrale Steuerungsunterstützung/Organisation",
        "DIVISION",
        "amt-10",
        None,
    ),
    "abt-10-2": ("10.2", "Informations- und Kommunikationstechnik", "DIVISION", "amt-10", None),
    "amt-11": ("11", "Amt für Personal und Allgemeine Dienste", "OFFICE", "dez-1", None),
    "abt-11-3": (
        "11.3",
        "Zentrale Steuerungsunterstützung/Organisation",
        "DIVISION",
        "amt-11",
        D(2022, 3, 1),
    ),
    "amt-12": (
        "12",
        "Amt für Informationstechnik und Digitalisierung",
        "OFFICE",
        "dez-1",
        D(2022, 3, 1),
    ),
    "stabsstelle": ("", "Stabsstelle Digitalisierung", "STAFF_UNIT", "amt-12", D(2022, 3, 1)),
    "amt-36": ("36", "Straßenverkehrsamt", "OFFICE", "dez-3", None),
    "amt-53": ("53", "Gesundheitsamt", "OFFICE", "dez-3", None),
    "amt-62": ("62", "Kataster und Geoinformation", "OFFICE", "dez-4", None),
    "amt-63": ("63", "Bauaufsicht", "OFFICE", "dez-4", None),
}

# The reorganisation of 1 March 2022, in order: (unit, last day, successors, initiatives to).
REORGANISATION = [
    ("abt-10-1", D(2022, 2, 28), ["abt-11-3"], "abt-11-3"),
    ("abt-10-2", D(2022, 2, 28), ["amt-12"], "amt-12"),
    ("amt-10", D(2022, 2, 28), ["amt-11", "amt-12"], None),
]

# People and functions (all people fictitious) ------------------------------------------------

# key: (title, given name, family name)
PEOPLE = {
    "landrat": ("", "Matthias", "Hollenbeck"),
    "kreisdirektorin": ("Dr.", "Sabine", "Wieland-Kraus"),
    "cdo": ("", "Katharina", "Wendt"),
    "dsb": ("", "Stefan", "Roggendorf"),
    "isb": ("", "Julia", "Neumeyer"),
    "personalrat": ("", "Frank", "Pützer"),
    "gleichstellung": ("", "Martina", "Leuschner"),
    "sbv": ("", "Heinz-Peter", "Jansen"),
    "leitung-10": ("", "Renate", "Ohligschläger"),
    "leitung-11": ("", "Markus", "Degenhardt"),
    "leitung-12": ("Dr.", "Tobias", "Brückner"),
    "leitung-wifoe": ("", "Petra", "Engelskirchen"),
    "koordination-siegburg": ("", "Lena", "Hoffmeister"),
    "koordination-troisdorf": ("", "Daniel", "Kremer"),
    "koordination-sankt-augustin": ("", "Aylin", "Demirci"),
    "koordination-much": ("", "Jonas", "Schäfermeyer"),
}

# (kind, title, body: "county" or a municipality's name, unit key, person key, start, end)
FUNCTIONS = [
    ("CHIEF_EXECUTIVE", "Landrat", "county", None, "landrat", None, None),
    ("DEPUTY_CHIEF_EXECUTIVE", "Kreisdirektorin", "county", None, "kreisdirektorin", None, None),
    (
        "CHIEF_DIGITAL_OFFICER",
        "Leitung der Stabsstelle Digitalisierung (Chief Digital Officer)",
        "county",
        "stabsstelle",
        "cdo",
        D(2022, 3, 1),
        None,
    ),
    ("DATA_PROTECTION_OFFICER", "Datenschutzbeauftragter", "county", None, "dsb", None, None),
    (
        "INFORMATION_SECURITY_OFFICER",
        "Informationssicherheitsbeauftragte",
        "county",
        None,
        "isb",
        None,
        None,
    ),
    ("STAFF_COUNCIL", "Vorsitzender des Personalrats", "county", None, "personalrat", None, None),
    (
        "EQUAL_OPPORTUNITIES_OFFICER",
        "Gleichstellungsbeauftragte",
        "county",
        None,
        "gleichstellung",
        None,
        None,
    ),
    (
        "DISABILITY_REPRESENTATIVE",
        "Vertrauensperson der schwerbehinderten Menschen",
        "county",
        None,
        "sbv",
        None,
        None,
    ),
    (
        "HEAD_OF_UNIT",
        "Leiterin des Amtes für Zentrale Steuerung",
        "county",
        "amt-10",
        "leitung-10",
        None,
        D(2022, 2, 28),
    ),
    (
        "HEAD_OF_UNIT",
        "Leiter des Amtes für Personal und Allgemeine Dienste",
        "county",
        "amt-11",
        "leitung-11",
        None,
        None,
    ),
    (
        "HEAD_OF_UNIT",
        "Leiter des Amtes für Informationstechnik und Digitalisierung",
        "county",
        "amt-12",
        "leitung-12",
        D(2022, 3, 1),
        None,
    ),
    (
        "HEAD_OF_UNIT",
        "Leiterin des Referats Wirtschaftsförderung",
        "county",
        "wifoe",
        "leitung-wifoe",
        None,
        None,
    ),
    (
        "DIGITAL_COORDINATOR",
        "Digitalisierungskoordinatorin",
        "Siegburg",
        None,
        "koordination-siegburg",
        None,
        None,
    ),
    (
        "DIGITAL_COORDINATOR",
        "Digitalisierungskoordinator",
        "Troisdorf",
        None,
        "koordination-troisdorf",
        None,
        None,
    ),
    (
        "DIGITAL_COORDINATOR",
        "Digitalisierungskoordinatorin",
        "Sankt Augustin",
        None,
        "koordination-sankt-augustin",
        None,
        None,
    ),
    (
        "DIGITAL_COORDINATOR",
        "Digitalisierungskoordinator",
        "Much",
        None,
        "koordination-much",
        None,
        None,
    ),
]

# Demo logins -------------------------------------------------------------------------------

# One shared password for every demo account: these accounts exist only in the demo.
DEMO_PASSWORD = "smartkreis-demo"

# username: role, body ("county" or a municipality's name), unit key, person key, what they may
DEMO_USERS = {
    "admin": {
        "role": "ADMINISTRATOR",
        "body": "county",
        "unit": None,
        "person": None,
        "first_name": "Demo",
        "last_name": "Administration",
        "may": "alles, auch die Django-Administration unter /admin/",
    },
    "stabsstelle": {
        "role": "STAFF_UNIT",
        "body": "county",
        "unit": "stabsstelle",
        "person": "cdo",
        "may": "liest und ändert alles im Vorhabenregister",
    },
    "amt12": {
        "role": "UNIT_EDITOR",
        "body": "county",
        "unit": "amt-12",
        "person": "leitung-12",
        "may": "ändert die Vorhaben des Amtes 12 und der Stabsstelle",
    },
    "siegburg": {
        "role": "MUNICIPALITY_EDITOR",
        "body": "Siegburg",
        "unit": None,
        "person": "koordination-siegburg",
        "may": "ändert die Vorhaben Siegburgs; sieht keine Vorhaben anderer Kommunen",
    },
    "lenkungsgruppe": {
        "role": "READER",
        "body": "county",
        "unit": None,
        "person": None,
        "first_name": "Lenkungsgruppe",
        "last_name": "Digitalisierung",
        "may": "liest alle internen Daten",
    },
}

# Strategy ----------------------------------------------------------------------------------

# (code, name, cross-cutting, description)
FIELDS = [
    (
        "verwaltung",
        "Verwaltung",
        False,
        "Digitale Kreisverwaltung: mobiles Arbeiten, elektronische Akte, digitale Prozesse "
        "und Gremienarbeit.",
    ),
    (
        "daseinsvorsorge",
        "Daseinsvorsorge",
        False,
        "Verwaltungsleistungen für Bürgerinnen, Bürger und Unternehmen online – gemeinsam mit "
        "den 19 Städten und Gemeinden.",
    ),
    ("mobilitaet", "Mobilität", False, "Digitale Dienste rund um Verkehr, Zulassung und Geodaten."),
    ("bildung", "Bildung", False, "Digitale Schulen des Kreises: Medienentwicklungskonzept."),
    (
        "wirtschaft",
        "Wirtschaftsförderung",
        False,
        "Digitale Infrastruktur und Beratung für die Unternehmen im Kreis.",
    ),
    (
        "breitband",
        "Breitband",
        True,
        "Querschnittsthema: schnelles Internet für Haushalte, Unternehmen und Schulen.",
    ),
    ("schul-it", "Schul-IT", True, "Querschnittsthema: Ausstattung und Betreuung der Schul-IT."),
    (
        "gesundheit",
        "Gesundheit",
        True,
        "Querschnittsthema: Digitalisierung des Gesundheitsamts.",
    ),
]


def _values(*pairs, note=""):
    return [(day, Decimal(str(value)), note) for day, value in pairs]


# key: goal with its indicators. Indicator values: (measured on, value, note).
GOALS = {
    "mobiles-arbeiten": {
        "field": "verwaltung",
        "title": "Modernes, mobiles Arbeitsumfeld in der Kreisverwaltung",
        "description": "Mobilfähige Arbeitsplätze, Telearbeit und mobile Endgeräte für die "
        "Beschäftigten.",
        "owner_unit": "amt-12",
        "target_date": D(2027, 12, 31),
        "indicators": {
            "mobile-arbeitsplaetze": {
                "name": "Mobilfähige Arbeitsplätze (inkl. Telearbeitsplätze)",
                "unit": "Arbeitsplätze",
                "baseline": (D(2019, 12, 31), 450),
                "target": (D(2027, 12, 31), 1200),
                "source": f"Ist-Wert 03.02.2021 (rund 800): {PAPER}; übrige Werte: {DEMO_SOURCE}",
                "values": [
                    (D(2021, 2, 3), Decimal("800"), "Rund 800 laut Vorlage vom 03.02.2021"),
                    *_values((D(2022, 12, 31), 950), (D(2024, 12, 31), 1080), note="Demo-Wert"),
                ],
            },
            "ipads": {
                "name": "Beschäftigte mit dienstlichem iPad",
                "unit": "Beschäftigte",
                "baseline": (D(2019, 12, 31), 40),
                "target": (D(2027, 12, 31), 300),
                "source": f"Ist-Wert 03.02.2021 (über 100): {PAPER}; übrige Werte: {DEMO_SOURCE}",
                "values": [
                    (D(2021, 2, 3), Decimal("100"), "Über 100 laut Vorlage vom 03.02.2021"),
                    *_values((D(2023, 12, 31), 190), (D(2025, 12, 31), 240), note="Demo-Wert"),
                ],
            },
        },
    },
    "e-akte": {
        "field": "verwaltung",
        "title": "Elektronische Akte und digitale Geschäftsprozesse",
        "description": "Dokumentenmanagementsystem in allen Ämtern; Geschäftsprozesse auf "
        "digitale Effizienzgewinne untersucht.",
        "owner_unit": "amt-12",
        "target_date": D(2028, 12, 31),
        "indicators": {
            "dms-aemter": {
                "name": "Ämter mit Dokumentenmanagementsystem im Echtbetrieb",
                "unit": "Ämter",
                "baseline": (D(2020, 1, 1), 0),
                "target": (D(2028, 12, 31), 30),
                "source": DEMO_SOURCE,
                "values": _values(
                    (D(2021, 12, 31), 3),
                    (D(2023, 12, 31), 9),
                    (D(2025, 12, 31), 14),
                    note="Demo-Wert",
                ),
            },
            "prozesse": {
                "name": "Analysierte Geschäftsprozesse",
                "unit": "Prozesse",
                "baseline": (D(2020, 1, 1), 0),
                "target": (D(2027, 12, 31), 150),
                "source": DEMO_SOURCE,
                "values": _values(
                    (D(2021, 12, 31), 12),
                    (D(2023, 12, 31), 48),
                    (D(2025, 12, 31), 81),
                    note="Demo-Wert",
                ),
            },
        },
    },
    "gremien": {
        "field": "verwaltung",
        "title": "Papierlose Gremienarbeit im Kreistag",
        "description": "Die Kreistagsmitglieder arbeiten mit digitalen Sitzungsunterlagen.",
        "owner_unit": "kreistagsbuero",
        "target_date": D(2021, 12, 31),
        "indicators": {
            "gremien-geraete": {
                "name": "Kreistagsmitglieder mit Gerät für die digitale Gremienarbeit",
                "unit": "%",
                "baseline": (D(2020, 11, 1), 0),
                "target": (D(2021, 12, 31), 100),
                "source": DEMO_SOURCE,
                "values": _values((D(2021, 3, 31), 100), note="Demo-Wert"),
            },
        },
    },
    "online-leistungen": {
        "field": "daseinsvorsorge",
        "title": "Verwaltungsleistungen des Kreises online anbieten",
        "description": "Bauen-online, Geoportal, Online-Terminvergabe und die Leistungen im "
        "Bürgerportal ausbauen (Onlinezugangsgesetz).",
        "owner_unit": "amt-12",
        "target_date": D(2027, 12, 31),
        "indicators": {
            "online-leistungen": {
                "name": "Online verfügbare Verwaltungsleistungen des Kreises",
                "unit": "Leistungen",
                "baseline": (D(2016, 12, 31), 5),
                "target": (D(2027, 12, 31), 150),
                "source": DEMO_SOURCE,
                "values": _values(
                    (D(2020, 12, 31), 18),
                    (D(2022, 12, 31), 46),
                    (D(2024, 12, 31), 83),
                    (D(2025, 12, 31), 97),
                    note="Demo-Wert",
                ),
            },
        },
    },
    "buergerportal": {
        "field": "daseinsvorsorge",
        "title": "Gemeinsame E-Government-Plattform mit den Kommunen",
        "description": "Das 2016 über den Zweckverband civitec beschaffte Bürgerportal nutzen "
        "Kreis und Kommunen gemeinsam.",
        "owner_unit": "amt-12",
        "target_date": D(2026, 12, 31),
        "indicators": {
            "portal-kommunen": {
                "name": "Kommunen mit Leistungen im Bürgerportal",
                "unit": "Kommunen",
                "baseline": (D(2016, 12, 31), 3),
                "target": (D(2026, 12, 31), 19),
                "source": DEMO_SOURCE,
                "values": _values(
                    (D(2019, 12, 31), 11),
                    (D(2022, 12, 31), 16),
                    (D(2025, 12, 31), 18),
                    note="Demo-Wert",
                ),
            },
        },
    },
    "kfz-online": {
        "field": "mobilitaet",
        "title": "Zulassung und Führerscheinangelegenheiten ohne Wartezeit",
        "description": "Termine im Straßenverkehrsamt online vereinbaren.",
        "owner_unit": "amt-36",
        "target_date": D(2027, 12, 31),
        "indicators": {
            "termine-online": {
                "name": "Anteil online vereinbarter Termine im Straßenverkehrsamt",
                "unit": "%",
                "baseline": (D(2019, 12, 31), 20),
                "target": (D(2027, 12, 31), 90),
                "source": DEMO_SOURCE,
                "values": _values(
                    (D(2021, 12, 31), 55),
                    (D(2023, 12, 31), 68),
                    (D(2025, 12, 31), 74),
                    note="Demo-Wert",
                ),
            },
        },
    },
    "geodaten": {
        "field": "mobilitaet",
        "title": "Geodaten für Planung und Mobilität offen bereitstellen",
        "description": "Fachkarten im Geoportal des Kreises veröffentlichen.",
        "owner_unit": "amt-62",
        "target_date": D(2027, 12, 31),
        "indicators": {
            "fachkarten": {
                "name": "Im Geoportal veröffentlichte Fachkarten",
                "unit": "Karten",
                "baseline": (D(2018, 12, 31), 25),
                "target": (D(2027, 12, 31), 120),
                "source": DEMO_SOURCE,
                "values": _values(
                    (D(2020, 12, 31), 41),
                    (D(2022, 12, 31), 63),
                    (D(2024, 12, 31), 88),
                    note="Demo-Wert",
                ),
            },
        },
    },
    "mek": {
        "field": "bildung",
        "title": "Medienentwicklungskonzept #MEK2020 umsetzen",
        "description": "Digitalstrategie für die Schulen des Rhein-Sieg-Kreises (Vorlage zu "
        "TOP 8 des Kreisausschusses vom 22.06.2020).",
        "owner_unit": "dez-2",
        "target_date": D(2027, 7, 31),
        "indicators": {
            "wlan-raeume": {
                "name": "Unterrichtsräume der Kreisschulen mit WLAN",
                "unit": "%",
                "baseline": (D(2020, 6, 22), 35),
                "target": (D(2027, 7, 31), 100),
                "source": DEMO_SOURCE,
                "values": _values(
                    (D(2021, 12, 31), 52),
                    (D(2023, 12, 31), 71),
                    (D(2025, 12, 31), 84),
                    note="Demo-Wert",
                ),
            },
        },
    },
    "digitale-schule": {
        "field": "bildung",
        "title": "Lehrkräfte und Schulen digital ausstatten",
        "description": "Endgeräte und Lernplattformen für die Schulen in Trägerschaft des Kreises.",
        "owner_unit": "dez-2",
        "target_date": D(2027, 7, 31),
        "indicators": {
            "lehrkraefte-geraete": {
                "name": "Lehrkräfte der Kreisschulen mit dienstlichem Endgerät",
                "unit": "%",
                "baseline": (D(2020, 6, 22), 10),
                "target": (D(2027, 7, 31), 100),
                "source": DEMO_SOURCE,
                "values": _values((D(2022, 7, 31), 85), (D(2024, 7, 31), 96), note="Demo-Wert"),
            },
        },
    },
    "gewerbe-breitband": {
        "field": "wirtschaft",
        "title": "Gewerbetreibende mit schnellem Internet versorgen",
        "description": "Rund 2.000 Gewerbetreibende erhalten im geförderten Ausbau mindestens "
        "50 Mbit/s.",
        "owner_unit": "wifoe",
        "target_date": D(2026, 12, 31),
        "indicators": {
            "gewerbe-50": {
                "name": "Gewerbetreibende mit mindestens 50 Mbit/s (geförderter Ausbau)",
                "unit": "Gewerbetreibende",
                "baseline": (D(2015, 12, 31), 0),
                "target": (D(2026, 12, 31), 2000),
                "source": f"Zielwert (rund 2.000): {PAPER}; Zieldatum und Ist-Werte: {DEMO_SOURCE}",
                "values": _values(
                    (D(2018, 12, 31), 420),
                    (D(2020, 12, 31), 1150),
                    (D(2022, 12, 31), 1610),
                    (D(2024, 12, 31), 1880),
                    note="Demo-Wert",
                ),
            },
        },
    },
    "digitale-unternehmen": {
        "field": "wirtschaft",
        "title": "Unternehmen bei der Digitalisierung beraten",
        "description": "Beratung der Wirtschaftsförderung zu Digitalisierung und Förderung.",
        "owner_unit": "wifoe",
        "target_date": D(2027, 12, 31),
        "indicators": {
            "beratungen": {
                "name": "Beratungen zur Digitalisierung durch die Wirtschaftsförderung",
                "unit": "Beratungen je Jahr",
                "baseline": (D(2019, 12, 31), 40),
                "target": (D(2027, 12, 31), 150),
                "source": DEMO_SOURCE,
                "values": _values(
                    (D(2021, 12, 31), 65),
                    (D(2023, 12, 31), 92),
                    (D(2025, 12, 31), 118),
                    note="Demo-Wert",
                ),
            },
        },
    },
    "haushalte-breitband": {
        "field": "breitband",
        "title": "Unterversorgte Haushalte mit mindestens 50 Mbit/s anbinden",
        "description": "Rund 25.000 Haushalte erhalten im geförderten Breitbandausbau schnelles "
        "Internet.",
        "owner_unit": "wifoe",
        "target_date": D(2026, 12, 31),
        "indicators": {
            "haushalte-50": {
                "name": "Haushalte mit mindestens 50 Mbit/s (geförderter Ausbau)",
                "unit": "Haushalte",
                "baseline": (D(2015, 12, 31), 0),
                "target": (D(2026, 12, 31), 25000),
                "source": f"Zielwert (rund 25.000): {PAPER}; Zieldatum und Ist-Werte: "
                f"{DEMO_SOURCE}",
                "values": _values(
                    (D(2018, 12, 31), 6200),
                    (D(2020, 12, 31), 14800),
                    (D(2022, 12, 31), 21300),
                    (D(2024, 12, 31), 23900),
                    note="Demo-Wert",
                ),
            },
        },
    },
    "gigabit": {
        "field": "breitband",
        "title": "Gigabitfähige Netze im ganzen Kreis",
        "description": "Nach dem geförderten 50-Mbit/s-Ausbau: Glasfaser bis in die Gebäude.",
        "owner_unit": "wifoe",
        "target_date": D(2030, 12, 31),
        "indicators": {
            "gigabit-anteil": {
                "name": "Haushalte mit gigabitfähigem Anschluss",
                "unit": "%",
                "baseline": (D(2020, 12, 31), 30),
                "target": (D(2030, 12, 31), 95),
                "source": DEMO_SOURCE,
                "values": _values((D(2022, 12, 31), 47), (D(2024, 12, 31), 61), note="Demo-Wert"),
            },
        },
    },
    "schulen-glasfaser": {
        "field": "schul-it",
        "title": "Schulen an das Glasfasernetz anschließen",
        "description": "184 geförderte Schulen werden im FTTH-Verfahren ausgebaut und erhalten "
        "einen Glasfaseranschluss bis an das Gebäude.",
        "owner_unit": "wifoe",
        "target_date": D(2026, 12, 31),
        "indicators": {
            "schulen-ftth": {
                "name": "Geförderte Schulen mit Glasfaseranschluss (FTTH)",
                "unit": "Schulen",
                "baseline": (D(2015, 12, 31), 0),
                "target": (D(2026, 12, 31), 184),
                "source": f"Zielwert (184 Schulen): {PAPER}; Zieldatum und Ist-Werte: "
                f"{DEMO_SOURCE}",
                "values": _values(
                    (D(2019, 12, 31), 21),
                    (D(2021, 12, 31), 78),
                    (D(2023, 12, 31), 141),
                    (D(2025, 12, 31), 169),
                    note="Demo-Wert",
                ),
            },
        },
    },
    "schul-support": {
        "field": "schul-it",
        "title": "Verlässlicher IT-Support für die Kreisschulen",
        "description": "Zentrale Betreuung der Schul-IT mit festen Reaktionszeiten.",
        "owner_unit": "amt-12",
        "target_date": D(2027, 7, 31),
        "indicators": {
            "schulen-support": {
                "name": "Kreisschulen mit zentralem IT-Support",
                "unit": "Schulen",
                "baseline": (D(2020, 6, 22), 4),
                "target": (D(2027, 7, 31), 24),
                "source": DEMO_SOURCE,
                "values": _values((D(2022, 7, 31), 11), (D(2024, 7, 31), 17), note="Demo-Wert"),
            },
        },
    },
    "sormas": {
        "field": "gesundheit",
        "title": "Kontaktpersonenmanagement im Gesundheitsamt digital",
        "description": "Fälle und Kontaktpersonen werden in SORMAS erfasst und nachverfolgt.",
        "owner_unit": "amt-53",
        "target_date": D(2021, 3, 31),
        "indicators": {
            "sormas-anteil": {
                "name": "In SORMAS erfasste Indexfälle",
                "unit": "%",
                "baseline": (D(2020, 5, 4), 0),
                "target": (D(2021, 3, 31), 100),
                "source": DEMO_SOURCE,
                "values": _values((D(2020, 9, 30), 85), (D(2020, 12, 31), 100), note="Demo-Wert"),
            },
        },
    },
    "gesundheitsamt-digital": {
        "field": "gesundheit",
        "title": "Digitales Gesundheitsamt",
        "description": "Fachverfahren des Gesundheitsamts digital und mit Onlinezugang.",
        "owner_unit": "amt-53",
        "target_date": D(2027, 12, 31),
        "indicators": {
            "fachverfahren": {
                "name": "Digitalisierte Fachverfahren im Gesundheitsamt",
                "unit": "Verfahren",
                "baseline": (D(2020, 12, 31), 2),
                "target": (D(2027, 12, 31), 12),
                "source": DEMO_SOURCE,
                "values": _values((D(2022, 12, 31), 5), (D(2024, 12, 31), 8), note="Demo-Wert"),
            },
        },
    },
}

# Initiatives -------------------------------------------------------------------------------
#
# Keys of an initiative: title, description, owner ("county", "civitec" or a municipality's
# name), unit (unit key or None), participants ("municipalities" = all 19, or a list of body
# keys), fields, goals, indicators, status, priority, start, end, cycle, demo_note,
# milestones [(title, planned, actual or None)], budget [dicts], reports [Report], links
# [(title, url)], completed_on (reports are filed first, then the status is set), children
# (sub-initiatives with a weight).


@dataclass(frozen=True)
class Report:
    """A status report: `lights` are schedule, cost, scope, overall as G/Y/R letters."""

    on: object
    lights: str
    progress: int
    summary: str
    next_steps: str = ""
    risks: str = ""
    decisions_needed: str = ""


def _grant(year, amount, grant, programme, note=""):
    return {
        "year": year,
        "amount": Decimal(amount),
        "funding_source": "GRANT",
        "grant_programme": programme,
        "grant_amount": Decimal(grant),
        "note": note,
    }


def _own(year, amount, note=""):
    return {
        "year": year,
        "amount": Decimal(amount),
        "funding_source": "OWN_FUNDS",
        "grant_programme": "",
        "grant_amount": None,
        "note": note,
    }


BROADBAND_PROGRAMME = "Bundesförderprogramm Breitband mit Kofinanzierung des Landes NRW"
BROADBAND_NOTE = "Fördersumme gesamt rd. 20 Mio. € (Vorlage); Jahresaufteilung Demo-Annahme"
COUNTY_LINK = ("Internetauftritt des Rhein-Sieg-Kreises", COUNTY_WEBSITE)

NOTE_PAPER = "Kennzahlen aus der Vorlage vom 03.02.2021."

INITIATIVES = [
    {
        "title": "Breitbandausbau im Rhein-Sieg-Kreis",
        "description": (
            "2015 gestartetes Projekt: Der Rhein-Sieg-Kreis hat sich, federführend durch das "
            "Referat Wirtschaftsförderung, stellvertretend für die 19 kreisangehörigen Städte und "
            "Gemeinden um Förderung beworben und als einer der ersten Kreise in Nordrhein-"
            "Westfalen Fördermittel von insgesamt rd. 20 Mio. € bewilligt erhalten. Rund 25.000 "
            "Haushalte und 2.000 Gewerbetreibende erhalten mindestens 50 Mbit/s; 184 geförderte "
            "Schulen werden im FTTH-Verfahren an das Glasfasernetz angeschlossen."
        ),
        "owner": "county",
        "unit": "wifoe",
        "participants": "municipalities",
        "fields": ["wirtschaft", "breitband"],
        "goals": ["haushalte-breitband", "gewerbe-breitband", "schulen-glasfaser"],
        "indicators": [],
        "status": "IN_PROGRESS",
        "priority": "A",
        "start": D(2015, 1, 1),
        "end": Rel(365),
        "cycle": "QUARTERLY",
        "demo_note": (
            "Starttag, Meilensteine, Aufteilung der Fördermittel auf Jahre, Förderquote und "
            "Statusberichte sind Demo-Annahmen; " + NOTE_PAPER
        ),
        "milestones": [
            ("Förderantrag für alle 19 Kommunen gestellt", D(2015, 10, 31), D(2015, 10, 28)),
            ("Förderbescheide von Bund und Land erhalten", D(2016, 6, 30), D(2016, 8, 15)),
            ("Ausbau in allen Fördergebieten abgeschlossen", Rel(300), None),
        ],
        "budget": [
            _grant(2016, "3000000", "2700000", BROADBAND_PROGRAMME, BROADBAND_NOTE),
            _grant(2017, "5000000", "4500000", BROADBAND_PROGRAMME, BROADBAND_NOTE),
            _grant(2018, "6000000", "5400000", BROADBAND_PROGRAMME, BROADBAND_NOTE),
            _grant(2019, "5000000", "4500000", BROADBAND_PROGRAMME, BROADBAND_NOTE),
            _grant(2020, "3180000", "2900000", BROADBAND_PROGRAMME, BROADBAND_NOTE),
        ],
        "reports": [
            Report(
                Rel(-190),
                "GGGG",
                84,
                "Ausbau in den meisten Fördergebieten abgeschlossen.",
                "Restarbeiten in den Außenbereichen.",
            ),
            Report(
                Rel(-100),
                "YGGY",
                88,
                "Tiefbau in den Außenbereichen verzögert sich.",
                "Abstimmung mit den Netzbetreibern zu Ersatzterminen.",
                "Kapazitäten der Tiefbauunternehmen.",
            ),
            Report(
                Rel(-20),
                "YGGY",
                92,
                "Haushalte und Gewerbe fast vollständig angeschlossen; Schulanschlüsse "
                "hängen nach.",
                "Priorisierung der ausstehenden Schulanschlüsse mit den Schulträgern.",
                "Verzögerte Hausanschlüsse an Schulen.",
                "Lenkungsgruppe: Verlängerung des Bewilligungszeitraums beantragen?",
            ),
        ],
        "links": [COUNTY_LINK],
        "children": [
            {
                "title": "Breitband: rund 25.000 Haushalte mit mindestens 50 Mbit/s",
                "description": "Geförderter Ausbau für unterversorgte Haushalte in allen 19 "
                "Kommunen.",
                "weight": 5,
                "participants": "municipalities",
                "fields": ["breitband"],
                "goals": ["haushalte-breitband"],
                "indicators": ["haushalte-50"],
                "status": "IN_PROGRESS",
                "priority": "A",
                "start": D(2016, 8, 15),
                "end": Rel(300),
                "cycle": "QUARTERLY",
                "demo_note": "Meilensteine und Statusberichte sind Demo-Annahmen; " + NOTE_PAPER,
                "milestones": [
                    ("Erste Ausbaucluster in Betrieb", D(2018, 6, 30), D(2018, 9, 14)),
                    ("Tiefbau in allen Ausbaugebieten abgeschlossen", Rel(-40), None),
                    ("Abnahme der letzten Ausbaucluster", Rel(150), None),
                ],
                "reports": [
                    Report(Rel(-110), "GGGG", 88, "Ausbau planmäßig."),
                    Report(
                        Rel(-15),
                        "YGGG",
                        93,
                        "Letzte Cluster im Tiefbau.",
                        "Abnahme der Cluster vorbereiten.",
                    ),
                ],
            },
            {
                "title": "Breitband: rund 2.000 Gewerbetreibende mit mindestens 50 Mbit/s",
                "description": "Geförderter Ausbau für Gewerbetreibende und Gewerbegebiete.",
                "weight": 2,
                "participants": "municipalities",
                "fields": ["breitband", "wirtschaft"],
                "goals": ["gewerbe-breitband"],
                "indicators": ["gewerbe-50"],
                "status": "IN_PROGRESS",
                "priority": "A",
                "start": D(2016, 8, 15),
                "end": Rel(200),
                "cycle": "QUARTERLY",
                "demo_note": "Meilensteine und Statusberichte sind Demo-Annahmen; " + NOTE_PAPER,
                "milestones": [
                    ("Gewerbegebiete angeschlossen", D(2022, 12, 31), D(2023, 3, 15)),
                    ("Restanschlüsse Einzelgewerbe", Rel(90), None),
                ],
                "reports": [
                    Report(Rel(-105), "GGGG", 86, "Gewerbegebiete vollständig angeschlossen."),
                    Report(
                        Rel(-18),
                        "YGGY",
                        90,
                        "Einzelanschlüsse im Außenbereich verzögert.",
                        risks="Wegerechte bei Einzelanschlüssen.",
                    ),
                ],
            },
            {
                "title": "Breitband: Glasfaser (FTTH) für 184 geförderte Schulen",
                "description": "Die 184 geförderten Schulen erhalten einen Glasfaseranschluss "
                "bis an das Gebäude.",
                "weight": 3,
                "participants": "municipalities",
                "fields": ["breitband", "schul-it", "bildung"],
                "goals": ["schulen-glasfaser"],
                "indicators": ["schulen-ftth"],
                "status": "IN_PROGRESS",
                "priority": "A",
                "start": D(2016, 8, 15),
                "end": Rel(240),
                "cycle": "QUARTERLY",
                "demo_note": "Meilensteine und Statusberichte sind Demo-Annahmen; " + NOTE_PAPER,
                "milestones": [
                    ("Erste 50 Schulen am Glasfasernetz", D(2020, 12, 31), D(2021, 2, 26)),
                    ("Alle 184 Schulen angeschlossen", Rel(120), None),
                ],
                "reports": [
                    Report(Rel(-100), "YGGY", 88, "Hausanschlüsse an Schulen verzögert."),
                    Report(
                        Rel(-12),
                        "RYGR",
                        91,
                        "15 Schulen noch ohne Hausanschluss; Termin gefährdet.",
                        "Gespräche mit den Schulträgern und dem Netzbetreiber.",
                        "Bauarbeiten nur in den Ferien möglich.",
                        "Zustimmung zu Bauarbeiten außerhalb der Ferien.",
                    ),
                ],
            },
        ],
    },
    {
        "title": "#MEK2020 – Medienentwicklungskonzept für die Schulen des Kreises",
        "description": (
            "Das Schuldezernat hat mit dem Medienentwicklungskonzept #MEK2020 eine umfassende "
            "Digitalstrategie für die Schulen des Rhein-Sieg-Kreises aufgelegt (Vorlage zu TOP 8 "
            "des Kreisausschusses vom 22.06.2020)."
        ),
        "owner": "county",
        "unit": "dez-2",
        "participants": [],
        "fields": ["bildung", "schul-it"],
        "goals": ["mek", "digitale-schule"],
        "indicators": ["wlan-raeume", "lehrkraefte-geraete"],
        "status": "IN_PROGRESS",
        "priority": "A",
        "start": D(2020, 6, 22),
        "end": Rel(480),
        "cycle": "QUARTERLY",
        "demo_note": "Meilensteine, Budget und Statusberichte sind Demo-Annahmen; Kreisausschuss "
        "22.06.2020 (TOP 8) laut Vorlage vom 03.02.2021.",
        "milestones": [
            ("Vorlage im Kreisausschuss (TOP 8)", D(2020, 6, 22), D(2020, 6, 22)),
            ("WLAN-Ausleuchtung aller Kreisschulen", Rel(-45), None),
            ("Fortschreibung des Medienentwicklungskonzepts", Rel(120), None),
        ],
        "budget": [
            _grant(2021, "1200000", "1080000", "DigitalPakt Schule", "Demo-Annahme"),
            _grant(2022, "900000", "810000", "DigitalPakt Schule", "Demo-Annahme"),
            _own(2023, "450000", "Demo-Annahme"),
        ],
        "reports": [
            Report(Rel(-95), "GGGG", 58, "Endgeräte für Lehrkräfte ausgeliefert."),
            Report(
                Rel(-10),
                "YGGY",
                63,
                "WLAN-Ausleuchtung in drei Schulen verzögert.",
                "Nachbeauftragung der Ausleuchtung.",
                "Lieferzeiten der Access Points.",
            ),
        ],
        "links": [COUNTY_LINK],
    },
    {
        "title": "Digitale Gremienarbeit: Geräte für die Kreistagsmitglieder",
        "description": "Im Bereich des Kreistagsbüros werden die Geräte für die digitale "
        "Gremienarbeit an die Kreistagsmitglieder ausgehändigt.",
        "owner": "county",
        "unit": "kreistagsbuero",
        "participants": [],
        "fields": ["verwaltung"],
        "goals": ["gremien"],
        "indicators": ["gremien-geraete"],
        "status": "IN_PROGRESS",
        "priority": "B",
        "start": D(2020, 11, 1),
        "end": D(2021, 3, 31),
        "cycle": "MONTHLY",
        "completed_on": D(2021, 3, 15),
        "demo_note": "Daten, Meilensteine und Statusberichte sind Demo-Annahmen; laut Vorlage vom "
        "03.02.2021 stand die Ausgabe der Geräte „in Kürze“ an.",
        "milestones": [
            ("Geräte beschafft", D(2020, 12, 15), D(2020, 12, 18)),
            ("Geräte an die Kreistagsmitglieder ausgehändigt", D(2021, 2, 28), D(2021, 3, 10)),
        ],
        "reports": [
            Report(D(2020, 12, 21), "GGGG", 40, "Geräte beschafft und eingerichtet."),
            Report(
                D(2021, 2, 15),
                "YGGG",
                80,
                "Ausgabetermine wegen der Pandemie verschoben.",
                "Ausgabe in Einzelterminen.",
            ),
        ],
    },
    {
        "title": "Bauen-online: digitaler Bauantrag",
        "description": "Der Rhein-Sieg-Kreis bietet mit Bauen-online erste Verwaltungs"
        "leistungen der Bauaufsicht digital an; Ausbau zum vollständig digitalen Verfahren.",
        "owner": "county",
        "unit": "amt-63",
        "participants": [],
        "fields": ["daseinsvorsorge", "verwaltung"],
        "goals": ["online-leistungen"],
        "indicators": ["online-leistungen"],
        "status": "IN_PROGRESS",
        "priority": "B",
        "start": D(2019, 1, 1),
        "end": Rel(330),
        "cycle": "HALF_YEARLY",
        "demo_note": "Start, Meilensteine und Statusberichte sind Demo-Annahmen; Bauen-online "
        "laut Vorlage vom 03.02.2021 in Betrieb.",
        "milestones": [
            ("Bauen-online in Betrieb", D(2020, 6, 30), D(2020, 9, 1)),
            ("Digitale Beteiligung der Fachämter", Rel(-60), Rel(-52)),
            ("Vollständig digitales Bauantragsverfahren", Rel(200), None),
        ],
        "budget": [_own(2025, "180000", "Demo-Annahme"), _own(2026, "140000", "Demo-Annahme")],
        "reports": [
            Report(Rel(-170), "GGGG", 62, "Fachämter angebunden."),
            Report(Rel(-45), "GGGG", 70, "Pilot der digitalen Beteiligung erfolgreich."),
        ],
        "links": [COUNTY_LINK],
    },
    {
        "title": "Geoportal des Rhein-Sieg-Kreises",
        "description": "Geodaten und Fachkarten des Kreises online im Geoportal.",
        "owner": "county",
        "unit": "amt-62",
        "participants": "municipalities",
        "fields": ["daseinsvorsorge", "mobilitaet"],
        "goals": ["geodaten"],
        "indicators": ["fachkarten"],
        "status": "IN_PROGRESS",
        "priority": "C",
        "start": D(2018, 1, 1),
        "end": Rel(700),
        "cycle": "YEARLY",
        "demo_note": "Start, Meilensteine, Beteiligung der Kommunen und Statusberichte sind "
        "Demo-Annahmen; Geoportal laut Vorlage vom 03.02.2021 online.",
        "milestones": [
            ("Neue Version des Geoportals", Rel(-20), Rel(-25)),
            ("Kommunale Fachkarten eingebunden", Rel(250), None),
        ],
        "reports": [
            Report(Rel(-200), "GGGG", 78, "Geoportal stabil; neue Version in Vorbereitung.")
        ],
        "links": [COUNTY_LINK],
    },
    {
        "title": "Online-Terminvergabe im Straßenverkehrsamt",
        "description": "Termine für Zulassung und Führerscheinangelegenheiten online buchen.",
        "owner": "county",
        "unit": "amt-36",
        "participants": [],
        "fields": ["daseinsvorsorge", "mobilitaet"],
        "goals": ["kfz-online", "online-leistungen"],
        "indicators": ["termine-online"],
        "status": "IN_PROGRESS",
        "priority": "B",
        "start": D(2019, 3, 1),
        "end": Rel(180),
        "cycle": "QUARTERLY",
        "demo_note": "Start, Meilensteine und Statusberichte sind Demo-Annahmen; Online-"
        "Terminvergabe laut Vorlage vom 03.02.2021 angeboten.",
        "milestones": [
            ("Online-Terminvergabe für die Zulassung", D(2019, 9, 30), D(2019, 10, 7)),
            ("Anbindung an das Bürgerportal", Rel(-30), None),
        ],
        "reports": [
            Report(
                Rel(-160),
                "YGYY",
                55,
                "Schnittstelle zum Bürgerportal verzögert.",
                risks="Abhängigkeit vom Softwarehersteller.",
            )
        ],
        "links": [COUNTY_LINK],
    },
    {
        "title": "Bürgerportal: E-Government-Plattform über den Zweckverband civitec",
        "description": (
            "Bereits 2016 – noch vor dem Onlinezugangsgesetz (OZG) – hat der Kreis mit der "
            "Beschaffung der E-Government-Plattform „Bürgerportal“ über den Zweckverband civitec "
            "die Voraussetzung für Online-Verwaltungsleistungen geschaffen. Kreis, Kommunen, "
            "Oberbergischer Kreis und Stadt Solingen sind Mitglieder; seit 01.01.2020 gebündelt "
            "bei der regio iT GmbH."
        ),
        "owner": "county",
        "unit": "abt-10-2",
        "participants": ["civitec", "municipalities"],
        "fields": ["daseinsvorsorge", "verwaltung"],
        "goals": ["buergerportal", "online-leistungen"],
        "indicators": ["portal-kommunen", "online-leistungen"],
        "status": "IN_PROGRESS",
        "priority": "A",
        "start": D(2016, 1, 1),
        "end": Rel(400),
        "cycle": "QUARTERLY",
        "demo_note": "Starttag, Meilensteine, Budget und Statusberichte sind Demo-Annahmen; "
        "Beschaffung 2016 über civitec laut Vorlage vom 03.02.2021.",
        "milestones": [
            ("Beschaffung über den Zweckverband civitec", D(2016, 9, 30), D(2016, 11, 30)),
            ("Weitere OZG-Leistungen im Portal", Rel(60), None),
        ],
        "budget": [_own(2025, "240000", "Demo-Annahme"), _own(2026, "260000", "Demo-Annahme")],
        "reports": [
            Report(Rel(-80), "GGGG", 64, "Zwölf neue Online-Leistungen freigeschaltet."),
        ],
        "links": [COUNTY_LINK],
    },
    {
        "title": "Mobiles Arbeiten: mobilfähige Arbeitsplätze und iPads",
        "description": "Rund 800 mobilfähige Arbeitsplätze (inklusive Telearbeitsplätze) und "
        "über 100 Beschäftigte mit iPads für mindestens teilmobiles Arbeiten (Stand Vorlage "
        "03.02.2021); weiterer Ausbau.",
        "owner": "county",
        "unit": "abt-10-2",
        "participants": [],
        "fields": ["verwaltung"],
        "goals": ["mobiles-arbeiten"],
        "indicators": ["mobile-arbeitsplaetze", "ipads"],
        "status": "IN_PROGRESS",
        "priority": "B",
        "start": D(2018, 1, 1),
        "end": Rel(420),
        "cycle": "HALF_YEARLY",
        "demo_note": "Start, Ziele des Ausbaus, Meilensteine und Statusberichte sind Demo-"
        "Annahmen; " + NOTE_PAPER,
        "milestones": [
            ("Rund 800 mobilfähige Arbeitsplätze eingerichtet", D(2021, 2, 3), D(2021, 2, 3)),
            ("1.200 mobilfähige Arbeitsplätze", Rel(365), None),
        ],
        "budget": [_own(2026, "350000", "Demo-Annahme")],
        "reports": [
            Report(Rel(-150), "GGGG", 72, "Weitere Notebooks ausgerollt."),
            Report(Rel(-30), "GYGG", 76, "Preissteigerungen bei Endgeräten.", "Nachtrag prüfen."),
        ],
    },
    {
        "title": "Neue digitale Telefontechnologie",
        "description": "Ausschreibung und Einführung einer neuen digitalen Telefonanlage für die "
        "Kreisverwaltung (Ausschreibung laut Vorlage vom 03.02.2021 laufend).",
        "owner": "county",
        "unit": "abt-10-2",
        "participants": [],
        "fields": ["verwaltung"],
        "goals": ["mobiles-arbeiten"],
        "indicators": [],
        "status": "IN_PROGRESS",
        "priority": "B",
        "start": D(2020, 9, 1),
        "end": D(2022, 12, 31),
        "cycle": "QUARTERLY",
        "completed_on": D(2022, 12, 15),
        "demo_note": "Start, Zuschlag, Umstellung, Budget und Statusberichte sind Demo-Annahmen; "
        "laufende Ausschreibung laut Vorlage vom 03.02.2021.",
        "milestones": [
            ("Ausschreibung veröffentlicht", D(2021, 1, 15), D(2021, 1, 15)),
            ("Zuschlag erteilt", D(2021, 5, 31), D(2021, 6, 14)),
            ("Alle Standorte umgestellt", D(2022, 9, 30), D(2022, 11, 30)),
        ],
        "budget": [_own(2021, "650000", "Demo-Annahme"), _own(2022, "420000", "Demo-Annahme")],
        "reports": [
            Report(D(2021, 4, 1), "GGGG", 20, "Angebote werden ausgewertet."),
            Report(D(2021, 10, 1), "YGGY", 45, "Lieferverzug bei Endgeräten."),
            Report(D(2022, 6, 30), "YYGY", 80, "Umstellung der Außenstellen läuft."),
        ],
    },
    {
        "title": "Einführung eines Dokumentenmanagementsystems (DMS)",
        "description": "Einführung des Dokumentenmanagementsystems in der Kreisverwaltung, Amt "
        "für Amt.",
        "owner": "county",
        "unit": "abt-10-2",
        "participants": [],
        "fields": ["verwaltung"],
        "goals": ["e-akte"],
        "indicators": ["dms-aemter"],
        "status": "IN_PROGRESS",
        "priority": "A",
        "start": D(2020, 1, 1),
        "end": Rel(600),
        "cycle": "QUARTERLY",
        "demo_note": "Start, Meilensteine, Budget und Statusberichte sind Demo-Annahmen; "
        "DMS-Einführung laut Vorlage vom 03.02.2021.",
        "milestones": [
            ("Pilotämter im Echtbetrieb", D(2021, 9, 30), D(2021, 11, 30)),
            ("Rollout im Dezernat 3", Rel(-30), None),
            ("Alle Ämter im Echtbetrieb", Rel(550), None),
        ],
        "budget": [_own(2025, "520000", "Demo-Annahme"), _own(2026, "480000", "Demo-Annahme")],
        "reports": [
            Report(Rel(-100), "YGGY", 42, "Rollout im Dezernat 3 begonnen."),
            Report(
                Rel(-25),
                "RYGR",
                45,
                "Migration der Altakten verzögert den Rollout.",
                "Externe Unterstützung für die Migration.",
                "Personalengpass in der IT.",
                "Lenkungsgruppe: Freigabe von Mitteln für externe Unterstützung.",
            ),
        ],
    },
    {
        "title": "Analyse von Geschäftsprozessen für digitale Effizienzgewinne",
        "description": "Im Rahmen der DMS-Einführung werden Geschäftsprozesse, Verwaltungsabläufe "
        "und Verwaltungsdienstleistungen für die Bürgerinnen und Bürger im Hinblick auf digitale "
        "Effizienzgewinne analysiert.",
        "owner": "county",
        "unit": "abt-10-1",
        "participants": [],
        "fields": ["verwaltung"],
        "goals": ["e-akte"],
        "indicators": ["prozesse"],
        "status": "IN_PROGRESS",
        "priority": "B",
        "start": D(2020, 6, 1),
        "end": Rel(500),
        "cycle": "HALF_YEARLY",
        "demo_note": "Start, Meilensteine und Statusberichte sind Demo-Annahmen; Prozessanalyse "
        "laut Vorlage vom 03.02.2021.",
        "milestones": [
            ("Methodik und Prozesslandkarte", D(2020, 12, 31), D(2021, 1, 20)),
            ("100 Prozesse analysiert", Rel(200), None),
        ],
        "reports": [
            Report(Rel(-170), "GGGG", 48, "Prozesslandkarte fortgeschrieben."),
            Report(Rel(-40), "YGGY", 54, "Weniger Analysen als geplant wegen DMS-Rollout."),
        ],
    },
    {
        "title": "SORMAS: digitales Kontaktpersonenmanagement (Pilotkommune)",
        "description": "Die Verwaltung hat sich Anfang Mai 2020 für die Software SORMAS "
        "entschieden; der Rhein-Sieg-Kreis wirkt als Pilotkommune an der Weiterentwicklung mit. "
        "Die NRW-weite Einführung stand laut Vorlage vom 03.02.2021 unmittelbar bevor.",
        "owner": "county",
        "unit": "amt-53",
        "participants": [],
        "fields": ["gesundheit", "daseinsvorsorge"],
        "goals": ["sormas"],
        "indicators": ["sormas-anteil"],
        "status": "IN_PROGRESS",
        "priority": "A",
        "start": D(2020, 5, 4),
        "end": D(2023, 6, 30),
        "cycle": "MONTHLY",
        "completed_on": D(2023, 6, 30),
        "demo_note": "Tag der Entscheidung, Meilensteine, Ende und Statusberichte sind Demo-"
        "Annahmen; Entscheidung Anfang Mai 2020 und Pilotrolle laut Vorlage vom 03.02.2021.",
        "milestones": [
            ("Entscheidung für SORMAS", D(2020, 5, 4), D(2020, 5, 4)),
            ("SORMAS im Gesundheitsamt produktiv", D(2020, 6, 30), D(2020, 7, 13)),
            ("NRW-weite Einführung", D(2021, 3, 31), D(2021, 4, 30)),
        ],
        "budget": [_own(2020, "85000", "Demo-Annahme")],
        "reports": [
            Report(D(2020, 9, 30), "GGGG", 60, "Alle Teams arbeiten mit SORMAS."),
            Report(D(2021, 2, 1), "YGGG", 75, "Schnittstellen zu Meldesoftware in Arbeit."),
        ],
    },
    {
        "title": "Organisationsänderung: Amt 12 und Stabsstelle Digitalisierung",
        "description": (
            "Der Landrat hat Digitalisierung mit dem Haushaltsentwurf 2021/22 als eines von drei "
            "strategischen Zielfeldern ausgewiesen. Zum März 2022 wird Amt 10 umgewandelt: "
            "Abteilung 10.1 wird Abteilung 11.3 im Amt 11, Abteilung 10.2 wird das neue Amt 12 – "
            "Amt für Informationstechnik und Digitalisierung mit der Stabsstelle Digitalisierung "
            "(Projektteam mit Stabsstellenleitung). Die Stellen werden dem Personalausschuss am "
            "23.02.2021 zur Beratung vorgelegt."
        ),
        "owner": "county",
        "unit": "abt-10-1",
        "participants": [],
        "fields": ["verwaltung"],
        "goals": [],
        "indicators": [],
        "status": "IN_PROGRESS",
        "priority": "A",
        "start": D(2020, 12, 1),
        "end": D(2022, 3, 1),
        "cycle": "QUARTERLY",
        "completed_on": D(2022, 3, 1),
        "demo_note": "Start, Beratung im Personalrat und Statusberichte sind Demo-Annahmen; "
        "Personalausschuss 23.02.2021 und Umwandlung zum März 2022 laut Vorlage vom 03.02.2021.",
        "milestones": [
            ("Beratung im Personalrat", D(2021, 1, 31), D(2021, 1, 29)),
            ("Stellen im Personalausschuss beraten", D(2021, 2, 23), D(2021, 2, 23)),
            (
                "Amt 12 und Stabsstelle Digitalisierung nehmen die Arbeit auf",
                D(2022, 3, 1),
                D(2022, 3, 1),
            ),
        ],
        "reports": [
            Report(D(2021, 3, 1), "GGGG", 30, "Stellen im Personalausschuss beraten."),
            Report(D(2021, 12, 1), "GYGG", 80, "Besetzungsverfahren laufen."),
        ],
        "links": [COUNTY_LINK],
    },
    {
        "title": "Lenkungsgruppe Digitalisierung einrichten",
        "description": (
            "Die Lenkungsgruppe beschließt übergreifende und prioritäre Themen und Gesamtkonzepte, "
            "steuert den Gesamtprozess und bildet die Klammer um die Digitalisierungsthemen "
            "außerhalb des Amtes 12 (Breitbandausbau, Schul-IT, Wirtschaft, Gesundheit, "
            "Mobilität). Mitglieder: Landrat, Kreisdirektorin, Stabsstelle, Amt 12, "
            "Informationssicherheits- und Datenschutzbeauftragte, Personal/Organisation, "
            "Personalrat, ggf. Gleichstellung und Schwerbehindertenvertretung."
        ),
        "owner": "county",
        "unit": "stabsstelle",
        "participants": [],
        "fields": ["verwaltung"],
        "goals": [],
        "indicators": [],
        "status": "IN_PROGRESS",
        "priority": "A",
        "start": D(2022, 3, 1),
        "end": D(2022, 9, 30),
        "cycle": "QUARTERLY",
        "completed_on": D(2022, 7, 1),
        "demo_note": "Daten, Meilensteine und Statusbericht sind Demo-Annahmen; Aufgaben und "
        "Mitglieder laut Vorlage vom 03.02.2021.",
        "milestones": [
            ("Geschäftsordnung abgestimmt", D(2022, 5, 15), D(2022, 5, 20)),
            ("Konstituierende Sitzung", D(2022, 6, 30), D(2022, 6, 28)),
        ],
        "reports": [Report(D(2022, 6, 1), "GGGG", 70, "Geschäftsordnung abgestimmt.")],
    },
    {
        "title": "Ganzheitliche Digitalisierungsstrategie mit den 19 Kommunen",
        "description": (
            "Digitalisierungsstrategie für Verwaltung, Daseinsvorsorge, Mobilität, Bildung und "
            "Wirtschaftsförderung unter Beteiligung der kreisangehörigen Kommunen (Antrag der "
            "SPD-Kreistagsfraktion vom 25.05.2020 „Smarter Rhein-Sieg-Kreis 4.0“)."
        ),
        "owner": "county",
        "unit": "stabsstelle",
        "participants": "municipalities",
        "fields": ["verwaltung", "daseinsvorsorge", "mobilitaet", "bildung", "wirtschaft"],
        "goals": [],
        "indicators": [],
        "status": "IN_PROGRESS",
        "priority": "A",
        "start": D(2022, 4, 1),
        "end": Rel(400),
        "cycle": "HALF_YEARLY",
        "demo_note": "Daten, Meilensteine und Statusberichte sind Demo-Annahmen; Auftrag laut "
        "Antrag vom 25.05.2020 und Vorlage vom 03.02.2021.",
        "milestones": [
            ("Bestandsaufnahme in allen 19 Kommunen", D(2023, 6, 30), D(2023, 9, 15)),
            ("Strategieentwurf in der Lenkungsgruppe", Rel(-14), Rel(-10)),
            ("Beschluss im Fachausschuss", Rel(90), None),
        ],
        "reports": [
            Report(Rel(-200), "GGGG", 55, "Handlungsfelder mit den Kommunen abgestimmt."),
            Report(
                Rel(-8),
                "GGGG",
                70,
                "Entwurf von der Lenkungsgruppe beraten.",
                "Beschlussvorlage für den Fachausschuss.",
            ),
        ],
        "links": [COUNTY_LINK],
    },
    # Initiatives of municipalities: invented, so that their views are not empty.
    {
        "title": "Digitales Rathaus Siegburg: Online-Dienste im Bürgerportal",
        "description": "Die Stadt Siegburg bietet ihre häufigsten Leistungen im gemeinsamen "
        "Bürgerportal an.",
        "owner": "Siegburg",
        "unit": None,
        "participants": ["civitec"],
        "fields": ["daseinsvorsorge"],
        "goals": ["buergerportal"],
        "indicators": [],
        "status": "IN_PROGRESS",
        "priority": "A",
        "start": D(2023, 1, 1),
        "end": Rel(250),
        "cycle": "QUARTERLY",
        "demo_note": "Erfundenes Demo-Vorhaben der Stadt Siegburg.",
        "milestones": [
            ("Meldebescheinigung online", D(2023, 9, 30), D(2023, 10, 12)),
            ("Gewerbeanmeldung online", Rel(45), None),
        ],
        "budget": [_own(2026, "60000", "Demo-Annahme")],
        "reports": [Report(Rel(-35), "GGGG", 60, "Zehn Leistungen online.")],
    },
    {
        "title": "WLAN in den Siegburger Grundschulen",
        "description": "Flächendeckendes WLAN in allen städtischen Grundschulen.",
        "owner": "Siegburg",
        "unit": None,
        "participants": [],
        "fields": ["bildung", "schul-it"],
        "goals": [],
        "indicators": [],
        "status": "PLANNED",
        "priority": "B",
        "start": Rel(60),
        "end": Rel(420),
        "cycle": "QUARTERLY",
        "demo_note": "Erfundenes Demo-Vorhaben der Stadt Siegburg.",
        "milestones": [("Ausschreibung", Rel(120), None)],
    },
    {
        "title": "Digitale Bauakte Troisdorf",
        "description": "Scannen der Bauakten und digitale Akteneinsicht.",
        "owner": "Troisdorf",
        "unit": None,
        "participants": [],
        "fields": ["verwaltung"],
        "goals": [],
        "indicators": [],
        "status": "IN_PROGRESS",
        "priority": "B",
        "start": D(2024, 4, 1),
        "end": Rel(300),
        "cycle": "QUARTERLY",
        "demo_note": "Erfundenes Demo-Vorhaben der Stadt Troisdorf.",
        "milestones": [("Hälfte der Bauakten digitalisiert", Rel(-20), None)],
        "reports": [
            Report(
                Rel(-130),
                "YYGY",
                35,
                "Scandienstleister liefert langsamer als vereinbart.",
                risks="Vertragsstrafe prüfen.",
            )
        ],
    },
    {
        "title": "Digitale Parkraumerfassung Sankt Augustin",
        "description": "Idee: Sensoren zeigen freie Parkplätze im Zentrum an.",
        "owner": "Sankt Augustin",
        "unit": None,
        "participants": [],
        "fields": ["mobilitaet"],
        "goals": [],
        "indicators": [],
        "status": "IDEA",
        "priority": "C",
        "start": None,
        "end": None,
        "cycle": "NONE",
        "demo_note": "Erfundenes Demo-Vorhaben der Stadt Sankt Augustin.",
    },
    {
        "title": "Glasfaser für die Außenorte von Much",
        "description": "Gigabitausbau in den Außenorten, die der geförderte 50-Mbit/s-Ausbau "
        "nicht erreicht hat.",
        "owner": "Much",
        "unit": None,
        "participants": [],
        "fields": ["breitband"],
        "goals": ["gigabit"],
        "indicators": ["gigabit-anteil"],
        "status": "IN_PROGRESS",
        "priority": "A",
        "start": D(2025, 1, 1),
        "end": Rel(500),
        "cycle": "QUARTERLY",
        "demo_note": "Erfundenes Demo-Vorhaben der Gemeinde Much.",
        "milestones": [("Markterkundungsverfahren", D(2025, 6, 30), D(2025, 7, 31))],
        "budget": [
            _grant(2026, "2400000", "2160000", "Gigabitförderung des Bundes", "Demo-Annahme")
        ],
        "reports": [
            Report(
                Rel(-60),
                "RRYR",
                15,
                "Kein Angebot im ersten Ausschreibungsverfahren.",
                "Neue Ausschreibung mit geänderten Losen.",
                "Baukosten gestiegen.",
                "Gemeinderat: Eigenanteil erhöhen?",
            )
        ],
    },
]
