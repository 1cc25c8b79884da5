import factory

from tasks.models import Job


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    kind = Job.Kind.REPORT_PDF
    params = factory.Dict({})
    subject = "Fortschrittsbericht"
    max_attempts = 3
