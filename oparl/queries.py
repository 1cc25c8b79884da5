"""What the OParl API publishes, and the reads behind its objects and list pages.

Public means: smartkreis's own data (`external_id == ""`: imported data of other systems is
not re-published), never the steering group (internal) or anything of it, and for agenda
items, papers and their files only what is marked public; of papers only those published
(finalised while public, see papers.permissions) and the files published with them. The
`..._is_public` predicates judge an already loaded object by the same rules as the querysets,
for references and embedded objects.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, F, Prefetch, Q, Value
from django.db.models.functions import Coalesce

from governance.models import (
    AgendaItem,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
)
from organisations.models import Body, Person
from papers.models import Consultation, Paper, PaperFile

from .models import Tombstone

STEERING_GROUP = Organization.Kind.STEERING_GROUP


def public_bodies():
    return Body.objects.filter(external_id="")


def public_organizations():
    return Organization.objects.filter(external_id="").exclude(kind=STEERING_GROUP)


def public_legislative_terms():
    return LegislativeTerm.objects.filter(external_id="")


def public_memberships():
    return Membership.objects.filter(
        external_id="", person__external_id="", organization__in=public_organizations()
    )


def public_persons():
    return Person.objects.filter(external_id="", pk__in=public_memberships().values("person_id"))


def public_meetings():
    return Meeting.objects.filter(external_id="", organization__in=public_organizations())


def public_agenda_items():
    return AgendaItem.objects.filter(external_id="", is_public=True, meeting__in=public_meetings())


def public_papers():
    # Published: finalised while public (papers.permissions), never a draft's live data.
    return Paper.objects.filter(external_id="", is_public=True, published_version__isnull=False)


def public_consultations():
    # A public paper's passage through the steering group is the steering group's business.
    return Consultation.objects.filter(external_id="", paper__in=public_papers()).exclude(
        organization__kind=STEERING_GROUP
    )


def public_files():
    return (
        PaperFile.objects.filter(external_id="")
        .exclude(content="")
        .filter(
            Q(paper__in=public_papers(), published_at__isnull=False)
            | Q(meeting__in=public_meetings())
        )
    )


def public_locations():
    return Location.objects.filter(external_id="", pk__in=public_meetings().values("venue_id"))


def organization_is_public(organization):
    return (
        organization is not None
        and not organization.external_id
        and organization.kind != STEERING_GROUP
    )


def meeting_is_public(meeting):
    return (
        meeting is not None
        and not meeting.external_id
        and organization_is_public(meeting.organization)
    )


def agenda_item_is_public(item):
    return (
        item is not None
        and not item.external_id
        and item.is_public
        and meeting_is_public(item.meeting)
    )


def paper_is_public(paper):
    return (
        paper is not None
        and not paper.external_id
        and paper.is_public
        and paper.published_version_id is not None
    )


@dataclass(frozen=True)
class OParlType:
    """One OParl object type: its URL slug, its public rows and how they belong to a body."""

    name: str
    slug: str
    public: object  # () -> QuerySet
    # Lookup from the model to its body's pk; None where an object has no single body.
    body_lookup: object
    # The Body property naming the list of this type (OParl's names).
    body_property: str = ""

    def public_in_body(self, body):
        if self.name == "Person":
            members = public_memberships().filter(organization__body=body)
            return self.public().filter(pk__in=members.values("person_id"))
        if self.name == "Location":
            meetings = public_meetings().filter(organization__body=body)
            return self.public().filter(pk__in=meetings.values("venue_id"))
        if self.name == "File":
            return self.public().filter(Q(paper__body=body) | Q(meeting__organization__body=body))
        return self.public().filter(**{self.body_lookup: body})

    def body_pk_of(self, obj):
        """The body pk to file the tombstone under, or None for persons and locations."""
        if self.body_lookup is None:
            return None
        if self.name == "File":
            expression = Coalesce("paper__body_id", "meeting__organization__body_id")
        else:
            expression = F(self.body_lookup)
        return (
            self.public()
            .filter(pk=obj.pk)
            .annotate(body_pk=expression)
            .values_list("body_pk", flat=True)
            .first()
        )


TYPES = {
    oparl_type.name: oparl_type
    for oparl_type in (
        OParlType("Body", "body", public_bodies, "pk"),
        OParlType("Organization", "organization", public_organizations, "body", "organization"),
        OParlType("Person", "person", public_persons, None, "person"),
        OParlType("Meeting", "meeting", public_meetings, "organization__body", "meeting"),
        OParlType("Paper", "paper", public_papers, "body", "paper"),
        OParlType(
            "LegislativeTerm",
            "legislative-term",
            public_legislative_terms,
            "body",
            "legislativeTermList",
        ),
        OParlType(
            "Membership", "membership", public_memberships, "organization__body", "membership"
        ),
        OParlType(
            "AgendaItem",
            "agenda-item",
            public_agenda_items,
            "meeting__organization__body",
            "agendaItem",
        ),
        OParlType(
            "Consultation", "consultation", public_consultations, "paper__body", "consultation"
        ),
        OParlType("File", "file", public_files, "paper__body", "file"),
        OParlType("Location", "location", public_locations, None, "locationList"),
    )
}
TYPES_BY_SLUG = {oparl_type.slug: oparl_type for oparl_type in TYPES.values()}
TYPES_BY_MODEL = {
    Body: TYPES["Body"],
    Organization: TYPES["Organization"],
    Person: TYPES["Person"],
    Meeting: TYPES["Meeting"],
    Paper: TYPES["Paper"],
    LegislativeTerm: TYPES["LegislativeTerm"],
    Membership: TYPES["Membership"],
    AgendaItem: TYPES["AgendaItem"],
    Consultation: TYPES["Consultation"],
    PaperFile: TYPES["File"],
    Location: TYPES["Location"],
}


def with_related(oparl_type, queryset):
    """Everything the serializer of the type reads, in a constant number of queries."""
    public_files_qs = public_files().select_related("paper", "meeting__organization").order_by("pk")
    match oparl_type.name:
        case "Body":
            return queryset.prefetch_related(
                Prefetch(
                    "legislative_terms",
                    queryset=public_legislative_terms().order_by("pk"),
                    to_attr="public_legislative_terms",
                )
            )
        case "Organization":
            return queryset.prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=public_memberships().order_by("pk"),
                    to_attr="public_memberships",
                )
            )
        case "Person":
            return queryset.prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=public_memberships().order_by("pk"),
                    to_attr="public_memberships",
                )
            )
        case "Meeting":
            return queryset.select_related("organization", "venue").prefetch_related(
                Prefetch(
                    "agenda_items",
                    queryset=public_agenda_items()
                    .prefetch_related(
                        Prefetch(
                            "consultations",
                            queryset=public_consultations().order_by("pk"),
                            to_attr="public_consultations",
                        )
                    )
                    .order_by("position", "pk"),
                    to_attr="public_agenda_items",
                ),
                Prefetch("files", queryset=public_files_qs, to_attr="public_files"),
            )
        case "Paper":
            public_papers_qs = public_papers().order_by("pk")
            return queryset.select_related(
                "superordinated_paper", "originator_organization", "published_version"
            ).prefetch_related(
                Prefetch("related_papers", queryset=public_papers_qs, to_attr="public_related"),
                Prefetch(
                    "subordinated_papers", queryset=public_papers_qs, to_attr="public_subordinated"
                ),
                Prefetch("files", queryset=public_files_qs, to_attr="public_files"),
                Prefetch(
                    "consultations",
                    queryset=public_consultations()
                    .select_related(
                        "organization",
                        "meeting__organization",
                        "agenda_item__meeting__organization",
                    )
                    .order_by("position", "pk"),
                    to_attr="public_consultations",
                ),
            )
        case "AgendaItem":
            return queryset.prefetch_related(
                Prefetch(
                    "consultations",
                    queryset=public_consultations().order_by("pk"),
                    to_attr="public_consultations",
                )
            )
        case "Consultation":
            return queryset.select_related(
                "organization", "meeting__organization", "agenda_item__meeting__organization"
            )
        case "File":
            return queryset.select_related("paper", "meeting__organization")
    return queryset


def public_object(oparl_type, pk):
    """The public object with this pk, ready to serialize, or None."""
    return with_related(oparl_type, oparl_type.public().filter(pk=pk)).first()


def tombstone(oparl_type, pk):
    return Tombstone.objects.filter(oparl_type=oparl_type.name, original_pk=pk).first()


def public_object_or_tombstone(oparl_type, pk):
    """The public object with this pk, or the tombstone of a deleted one, or None."""
    return public_object(oparl_type, pk) or tombstone(oparl_type, pk)


def public_body(pk):
    """The own body with this pk, or None."""
    return public_bodies().filter(pk=pk).first()


def filter_by_dates(queryset, filters, modified_field="modified"):
    """Apply OParl's created_since/_until and modified_since/_until (already parsed)."""
    lookups = {
        "created_since": "created__gte",
        "created_until": "created__lte",
        "modified_since": f"{modified_field}__gte",
        "modified_until": f"{modified_field}__lte",
    }
    return queryset.filter(
        **{lookups[name]: value for name, value in filters.items() if value is not None}
    )


@dataclass
class ListPage:
    objects: list  # live model instances and Tombstones, by pk
    total: int


def list_page(oparl_type, body, filters, offset, limit):
    """One page of a list: the public objects and the tombstones of the type, by pk.

    Tombstones are listed like live objects, their `modified` being the time of deletion: the
    OParl 1.1 spec ("Gelöschte Objekte") keeps them as objects with `deleted: true` so that
    clients updating through the modified_since filter learn of the deletion, and sets no other
    rule for lists. Queries: two counts, one for the page's keys, then the objects and their
    prefetches, whatever the page size.
    """
    live = oparl_type.public() if body is None else oparl_type.public_in_body(body)
    live = filter_by_dates(live, filters)
    dead = Tombstone.objects.filter(oparl_type=oparl_type.name)
    if body is not None:
        dead = dead.filter(Q(body_pk=body.pk) | Q(body_pk__isnull=True))
    dead = filter_by_dates(dead, filters, modified_field="deleted_at")
    total = live.count() + dead.count()
    keys = list(
        live.order_by()
        .annotate(key=F("pk"), gone=Value(False, output_field=BooleanField()))
        .values_list("key", "gone")
        .union(
            dead.order_by()
            .annotate(key=F("original_pk"), gone=Value(True, output_field=BooleanField()))
            .values_list("key", "gone")
        )
        .order_by("key")[offset : offset + limit]
    )
    live_pks = [pk for pk, gone in keys if not gone]
    dead_pks = [pk for pk, gone in keys if gone]
    objects = {}
    if live_pks:
        objects.update(
            (("live", obj.pk), obj)
            for obj in with_related(oparl_type, oparl_type.public().filter(pk__in=live_pks))
        )
    if dead_pks:
        objects.update(
            (("dead", stone.original_pk), stone)
            for stone in Tombstone.objects.filter(
                oparl_type=oparl_type.name, original_pk__in=dead_pks
            )
        )
    return ListPage(
        objects=[objects[("dead" if gone else "live", pk)] for pk, gone in keys], total=total
    )
