import factory

from accounts.models import User
from identity.models import GroupRule


class GroupRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupRule

    source = GroupRule.Source.OIDC
    group = factory.Sequence(lambda n: f"smartkreis-group-{n}")
    role = User.Role.READER
