"""Recording deleted objects as tombstones, in one place.

A pre_delete receiver (connected in apps.OParlConfig.ready) rather than calls in each app's
actions: papers, governance, organisations, the import and the admin all delete such objects,
including by cascade, and a missed call would make a deleted object's URL answer 404, which
OParl forbids. pre_delete, not post_delete: whether the object was published is judged while
the rows it depends on (its committee, its paper) still exist. The row is written in the
deleting transaction, so a rolled-back deletion leaves no tombstone.
"""

from django.utils import timezone

from governance.models import AgendaItem, LegislativeTerm, Meeting, Membership, Organization
from organisations.models import Body, Person
from papers.models import Consultation, Paper, PaperFile

from .models import Tombstone
from .queries import TYPES_BY_MODEL

# The objects that embed or list a sub-object: the spec asks that their `modified` moves when
# a sub-object is deleted, so clients syncing with modified_since fetch them again.
PARENTS = {
    AgendaItem: ((Meeting, "meeting_id"),),
    Consultation: ((Paper, "paper_id"),),
    Membership: ((Person, "person_id"), (Organization, "organization_id")),
    LegislativeTerm: ((Body, "body_id"),),
    PaperFile: ((Paper, "paper_id"), (Meeting, "meeting_id")),
}


def record_tombstone(sender, instance, **kwargs):
    oparl_type = TYPES_BY_MODEL.get(sender)
    if oparl_type is None or instance.external_id:
        return
    if oparl_type.body_lookup is None:
        # Persons and locations can only be deleted once their memberships and meetings are
        # gone (PROTECT), so they are no longer public by then; a tombstone holds no personal
        # data, so every own one gets one.
        body_pk = None
    else:
        body_pk = oparl_type.body_pk_of(instance)
        if body_pk is None:
            return
    now = timezone.now()
    Tombstone.objects.update_or_create(
        oparl_type=oparl_type.name,
        original_pk=instance.pk,
        defaults={"body_pk": body_pk, "created": instance.created, "deleted_at": now},
    )
    for model, attname in PARENTS.get(sender, ()):
        if parent_pk := getattr(instance, attname):
            model.objects.filter(pk=parent_pk).update(modified=now)
