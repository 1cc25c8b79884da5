import datetime

import factory
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from user_management.models import Invitation, hash_token


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation. Pass `token=...` to know its link's token: only the hash is stored."""

    class Meta:
        model = Invitation

    class Params:
        token = factory.Sequence(lambda n: f"test-token-{n:04d}")

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = User.Role.READER
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    token_hash = factory.LazyAttribute(lambda invitation: hash_token(invitation.token))
