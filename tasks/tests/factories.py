import factory

from tasks.models import Job


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    kind = Job.Kind.REPORT_PDF
    params = factory.Dict({})
    subject = "Fortschrittsbericht"
    max_attempts = 3


class BodyImportJobFactory(JobFactory):
    """A finished Excel import whose page shows a report with every part: what was applied, a
    changed level and rows with errors."""

    kind = Job.Kind.BODY_IMPORT
    state = Job.State.DONE
    progress = 100
    subject = "Sankt Augustin"
    report = factory.Dict(
        {
            "applied": True,
            "valid_rows": 1,
            "changes": ["1 Onlineangebote angelegt, 0 aktualisiert, 1 Bewertungen erfasst"],
            "errors": [
                {"sheet": "Onlineangebote", "row": 3, "key": "99999", "message": "Unbekannt"}
            ],
            "level_changes": [
                {
                    "service": "Wohngeld",
                    "body": "Sankt Augustin",
                    "old": "–",
                    "new": "OZG-2.0 3",
                    "assessed_on": "2030-03-05",
                }
            ],
        }
    )
