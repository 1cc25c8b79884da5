"""Seed the maturity models: OZG model 1.1 (levels 0–4) and model 2.0 (levels 0–7, 13 criteria).

Model 1.1 follows the published OZG-Reifegradmodell (BMI, after the EU eGovernment benchmark):
0 Offline, 1 Information, 2 Formular-Assistent, 3 Online-Leistung, 4 Online-Transaktion.
Model 2.0 (July 2025) rates 0 (offline) to 7 (end-to-end digital) with 13 criteria; levels 0–3
describe the front end (online application), 4–6 process orientation and data centricity, 7 the
complete digital handling. The official PDF was not at hand: the level names and the 13
criteria below are a faithful summary of its published outline, not its exact wording.
"""

from django.db import migrations

MODEL_1 = (
    "OZG-1.1",
    "OZG-Reifegradmodell 1.1",
    [
        (0, "Offline", "Auf der Webseite der Behörde gibt es keine Information zur Leistung."),
        (1, "Information", "Auf der Webseite der Behörde wird über die Leistung informiert."),
        (
            2,
            "Formular-Assistent",
            "Das Formular lässt sich online ausfüllen (Assistent); ein Online-Antrag ist "
            "nicht möglich.",
        ),
        (
            3,
            "Online-Leistung",
            "Der Antrag lässt sich einschließlich aller Nachweise online stellen; der Bescheid "
            "kann digital zugestellt werden. Ab dieser Stufe gilt das OZG als erfüllt.",
        ),
        (
            4,
            "Online-Transaktion",
            "Die Leistung wird vollständig digital abgewickelt; Nachweise werden nach dem "
            "Once-Only-Prinzip aus Registern abgerufen.",
        ),
    ],
    [],
)

MODEL_2 = (
    "OZG-2.0",
    "OZG-Reifegradmodell 2.0",
    [
        (0, "Offline", "Die Leistung ist nur offline verfügbar."),
        (1, "Information", "Informationen zur Leistung sind online auffindbar."),
        (2, "Online-Formular", "Der Antrag lässt sich online ausfüllen und übermitteln."),
        (
            3,
            "Online-Antragsdienst",
            "Antrag, Identifizierung und Nachweise online; Bescheid über den digitalen "
            "Rückkanal (Frontend vollständig digital).",
        ),
        (
            4,
            "Prozessorientiert",
            "Die Antragsdaten gehen strukturiert und ohne Medienbruch in das Fachverfahren.",
        ),
        (
            5,
            "Datenzentriert",
            "Nachweise werden nach dem Once-Only-Prinzip elektronisch abgerufen.",
        ),
        (
            6,
            "Durchgängig digital",
            "Basiskomponenten angebunden: DeutschlandID bzw. Organisationskonto mit Postfach, "
            "NOOTS, Statusmonitor, E-Akte, Zahlungs- und HKR-Systeme.",
        ),
        (
            7,
            "Ende-zu-Ende digital",
            "Die Leistung wird vollständig Ende-zu-Ende digital abgewickelt.",
        ),
    ],
    [
        ("K01", "Informationen zur Leistung online auffindbar (Verwaltungsportal, FIM)"),
        ("K02", "Online-Antrag mit nutzerfreundlicher Führung (Servicestandard)"),
        ("K03", "Barrierefreiheit des Online-Dienstes"),
        ("K04", "Identifizierung mit DeutschlandID bzw. Organisationskonto"),
        ("K05", "Elektronische Übermittlung der Nachweise"),
        ("K06", "Elektronische Bezahlung"),
        ("K07", "Digitaler Rückkanal: Bescheid ins Postfach"),
        ("K08", "Statusmonitor für den Antragsstand"),
        ("K09", "Strukturierte Datenübergabe an das Fachverfahren (FIM/XÖV)"),
        ("K10", "Nachweisabruf nach dem Once-Only-Prinzip (NOOTS)"),
        ("K11", "Elektronische Aktenführung (E-Akte)"),
        ("K12", "Digitale Bearbeitung ohne Medienbruch in der Verwaltung"),
        ("K13", "Automatisierte, Ende-zu-Ende digitale Abwicklung"),
    ],
)


def seed(apps, schema_editor):
    MaturityModel = apps.get_model("online_services", "MaturityModel")
    MaturityLevel = apps.get_model("online_services", "MaturityLevel")
    MaturityCriterion = apps.get_model("online_services", "MaturityCriterion")
    for code, name, levels, criteria in (MODEL_1, MODEL_2):
        model, _created = MaturityModel.objects.update_or_create(code=code, defaults={"name": name})
        for level, level_name, description in levels:
            MaturityLevel.objects.update_or_create(
                model=model, level=level, defaults={"name": level_name, "description": description}
            )
        for position, (criterion_code, criterion_name) in enumerate(criteria, start=1):
            MaturityCriterion.objects.update_or_create(
                model=model,
                code=criterion_code,
                defaults={"name": criterion_name, "position": position},
            )


def unseed(apps, schema_editor):
    apps.get_model("online_services", "MaturityModel").objects.filter(
        code__in=[MODEL_1[0], MODEL_2[0]]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("online_services", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
