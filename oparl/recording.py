"""Recording deleted and withdrawn objects as tombstones, in one place.

A pre_delete receiver (connected in apps.OParlConfig.ready) rather than calls in each app's
actions: papers, governance, organisations, the import and the admin all delete such objects,
including by cascade, and a missed call would make a deleted object's URL answer 404, which
OParl forbids. pre_delete, not post_delete: whether the object was published is judged while
the rows it depends on (its committee, its paper) still exist. The row is written in the
deleting transaction, so a rolled-back deletion leaves no tombstone.

A published paper or agenda item later marked non-public is, to an OParl client, gone: it gets
a tombstone too (with the paper's consultations and files), caught by pre_save for the same
reasons. Made public again, it is served live and its tombstones go.
"""

from django.utils import timezone

from governance.models import AgendaItem, LegislativeTerm, Meeting, Membership, Organization
from organisations.models import Body, Person
from papers.models import Consultation, Paper, PaperFile

from . import queries
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
    _bury(oparl_type, instance, body_pk, now)
    for model, attname in PARENTS.get(sender, ()):
        if parent_pk := getattr(instance, attname):
            model.objects.filter(pk=parent_pk).update(modified=now)


# The models whose rows can be withdrawn from the public by a change: their own `is_public`,
# judged with the same predicates as the serializers, and what is public only through them.
WITHDRAWABLE = {
    Paper: queries.paper_is_public,
    AgendaItem: queries.agenda_item_is_public,
}


def record_withdrawal(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance.external_id:
        return
    oparl_type = TYPES_BY_MODEL[sender]
    was_public = oparl_type.public().filter(pk=instance.pk).exists()
    will_be_public = WITHDRAWABLE[sender](instance)
    if was_public and not will_be_public:
        now = timezone.now()
        for dependent in [instance, *_published_dependents(instance)]:
            dependent_type = TYPES_BY_MODEL[type(dependent)]
            _bury(dependent_type, dependent, dependent_type.body_pk_of(dependent), now)
        _touch_embedding_meetings(instance, now)
    elif will_be_public and not was_public:
        for dependent in [instance, *_all_dependents(instance)]:
            Tombstone.objects.filter(
                oparl_type=TYPES_BY_MODEL[type(dependent)].name, original_pk=dependent.pk
            ).delete()


def _published_dependents(instance):
    if isinstance(instance, Paper):
        return [
            *queries.public_consultations().filter(paper=instance),
            *queries.public_files().filter(paper=instance),
        ]
    return []


def _all_dependents(instance):
    if isinstance(instance, Paper):
        return [*instance.consultations.all(), *instance.files.all()]
    return []


def _touch_embedding_meetings(instance, now):
    """Meetings embed their agenda items, and those the consultations of papers."""
    if isinstance(instance, AgendaItem):
        Meeting.objects.filter(pk=instance.meeting_id).update(modified=now)
    else:
        items = AgendaItem.objects.filter(consultations__paper=instance)
        Meeting.objects.filter(agenda_items__in=items).update(modified=now)
        items.update(modified=now)


def _bury(oparl_type, instance, body_pk, now):
    Tombstone.objects.update_or_create(
        oparl_type=oparl_type.name,
        original_pk=instance.pk,
        defaults={"body_pk": body_pk, "created": instance.created, "deleted_at": now},
    )
