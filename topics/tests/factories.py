import datetime

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from governance.models import Membership, Organization
from organisations.models import Function
from organisations.tests.factories import CountyFactory, FunctionFactory, PersonFactory
from strategy.tests.factories import FieldOfActionFactory
from topics.models import PriorityCriterion, Statement, Topic, TopicScore

SUBMITTED_AT = timezone.make_aware(datetime.datetime(2024, 5, 2, 9, 0))


class TopicFactory(factory.django.DjangoModelFactory):
    """A submitted topic, written directly (no audit entry). Behaviour tests use the actions."""

    class Meta:
        model = Topic
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Thema {n}")
    problem = "Anträge kommen auf Papier."
    proposal = "Online-Antrag einführen."
    submitted_by = factory.SubFactory(UserFactory)
    submitting_body = factory.SelfAttribute("submitted_by.body")
    submitted_at = factory.Sequence(lambda n: SUBMITTED_AT + datetime.timedelta(minutes=n))
    status = Topic.Status.SUBMITTED
    status_changed_at = factory.SelfAttribute("submitted_at")

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        if create:
            self.fields.set(extracted if extracted is not None else [FieldOfActionFactory()])


class PriorityCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityCriterion
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"criterion-{n}")
    name = factory.Sequence(lambda n: f"Kriterium {n}")
    weight = 1
    position = factory.Sequence(int)


class TopicScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicScore

    topic = factory.SubFactory(TopicFactory)
    criterion = factory.SubFactory(PriorityCriterionFactory)
    score = 3
    reason = "Begründung"


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    topic = factory.SubFactory(TopicFactory)
    kind = Statement.Kind.DATA_PROTECTION
    requested_at = factory.LazyFunction(timezone.now)


def officer_user(kind=Function.Kind.DATA_PROTECTION_OFFICER, **user_values):
    """A user whose person holds the officer function `kind` in the county."""
    person = PersonFactory()
    FunctionFactory(kind=kind, title=str(Function.Kind(kind).label), person=person)
    return UserFactory(person=person, **user_values)


def chair_user(**user_values):
    """A user whose person chairs the county's steering group."""
    person = PersonFactory()
    group, _created = Organization.objects.get_or_create(
        body=CountyFactory(),
        name="Lenkungsgruppe Digitalisierung",
        defaults={"kind": Organization.Kind.STEERING_GROUP},
    )
    Membership.objects.create(
        organization=group, person=person, role=Membership.Role.CHAIR, function_title="Landrat"
    )
    return UserFactory(person=person, **user_values)
