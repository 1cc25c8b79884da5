import datetime

import factory
from django.utils import timezone

from legal.deadlines import one_month_after
from legal.models import AccessibilityStatement, Feedback, LegalText


class LegalTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalText
        django_get_or_create = ("kind",)

    kind = LegalText.Kind.IMPRINT
    text = "## Herausgeber\n\nRhein-Sieg-Kreis\nKaiser-Wilhelm-Platz 1\n53721 Siegburg"
    revised_on = datetime.date(2026, 11, 16)


class AccessibilityStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessibilityStatement
        django_get_or_create = ("id",)

    id = 1
    operator = "Der Rhein-Sieg-Kreis"
    standard = "der BITV 2.0"
    compliance = AccessibilityStatement.Compliance.PARTIAL
    known_gaps = "### Dateien\n\nNicht jede Datei ist barrierefrei."
    method = "Selbstbewertung mit axe-core."
    prepared_on = datetime.date(2026, 11, 16)
    reviewed_on = datetime.date(2026, 11, 30)
    contact = "Stabsstelle Digitalisierung\nE-Mail: barrierefreiheit@example.org"
    enforcement = "Ombudsstelle für barrierefreie Informationstechnik des Landes NRW"


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    received_at = factory.LazyFunction(timezone.now)
    due_date = factory.LazyAttribute(
        lambda case: one_month_after(timezone.localdate(case.received_at))
    )
    message = factory.Sequence(lambda n: f"Die Tabelle auf Seite {n} hat keine Überschriften.")
