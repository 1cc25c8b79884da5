"""What the public portal shows, and only that.

`published_goals`, `published_initiatives` and `public_council_decisions` are the portal's
public selection; the open-data app reads the same functions, so both publish the same. A
published goal's or initiative's approved summary is `obj.publication.summary` (loaded with
it), approved on `obj.publication.approved_at`.
"""

from council.models import CouncilDecision
from oparl.queries import public_consultations
from portfolio.models import Initiative
from strategy.models import Goal

from .models import Publication

PUBLISHED = Publication.State.PUBLISHED


def published_goals():
    """The goals whose summary is published, with their publication and field loaded."""
    return Goal.objects.filter(publication__state=PUBLISHED).select_related(
        "publication", "field", "owner_unit"
    )


def published_initiatives():
    """The initiatives whose summary is published, with their publication, responsible body
    and unit loaded."""
    return Initiative.objects.filter(publication__state=PUBLISHED).select_related(
        "publication", "owner_body", "owner_unit"
    )


def public_council_decisions():
    """The council decisions the public may read: taken in a public consultation (not the
    steering group's) of a published public paper, as the OParl API publishes them."""
    return CouncilDecision.objects.filter(
        consultation__in=public_consultations().filter(is_public=True)
    ).select_related(
        "consultation__paper__published_version",
        "consultation__organization",
        "owner_unit",
    )
