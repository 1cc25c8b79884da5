"""The default prioritisation criteria of the steering group (the staff unit may change them).

Idempotent: criteria that exist already (by code) are left as they are, with their weights.
Reversible: removes the default criteria that have not been used for a score.
"""

from django.db import migrations

DEFAULT_CRITERIA = [
    # code, name, description, weight, lowers_priority
    (
        "legal_obligation",
        "Rechtliche Verpflichtung mit Frist",
        "Wie stark verpflichtet ein Gesetz oder eine Verordnung zur Umsetzung bis zu einer Frist?",
        3,
        False,
    ),
    (
        "citizen_benefit",
        "Nutzen für Bürgerinnen, Bürger und Unternehmen",
        "Wie sehr erleichtert das Thema Bürgerinnen, Bürgern und Unternehmen den Kontakt mit der "
        "Verwaltung?",
        3,
        False,
    ),
    (
        "efficiency",
        "Effizienzgewinn in der Verwaltung",
        "Wie viel Arbeitszeit, Papier oder Medienbrüche spart die Verwaltung?",
        2,
        False,
    ),
    (
        "strategy",
        "Beitrag zu den Zielen der Digitalisierungsstrategie",
        "Wie stark zahlt das Thema auf die Ziele der Handlungsfelder ein?",
        2,
        False,
    ),
    (
        "cost",
        "Kosten",
        "Wie hoch sind Investitions- und Folgekosten? Hohe Kosten senken die Priorität.",
        2,
        True,
    ),
    (
        "risk",
        "Risiko / Umsetzbarkeit",
        "Wie hoch ist das Risiko der Umsetzung? Ein hohes Risiko senkt die Priorität.",
        1,
        True,
    ),
    (
        "urgency",
        "Dringlichkeit",
        "Wie dringend ist eine Entscheidung, auch ohne rechtliche Frist?",
        2,
        False,
    ),
]


def add_default_criteria(apps, schema_editor):
    PriorityCriterion = apps.get_model("topics", "PriorityCriterion")
    for position, (code, name, description, weight, lowers) in enumerate(DEFAULT_CRITERIA, 1):
        PriorityCriterion.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "weight": weight,
                "lowers_priority": lowers,
                "position": position * 10,
                "is_active": True,
            },
        )


def remove_default_criteria(apps, schema_editor):
    PriorityCriterion = apps.get_model("topics", "PriorityCriterion")
    codes = [code for code, *_rest in DEFAULT_CRITERIA]
    PriorityCriterion.objects.filter(code__in=codes, scores__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_initial")]

    operations = [migrations.RunPython(add_default_criteria, remove_default_criteria)]
