"""smartkreis's objects as OParl 1.1 JSON objects.

Every reference and embedded object passes the `queries.*_is_public` rules (or comes from a
prefetch of public rows), so nothing internal shows through a public object.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from governance.models import Meeting, Membership, Organization
from papers.content import kind_label

from . import queries
from .models import Tombstone

SCHEMA = "https://schema.oparl.org/1.1/"
ERROR_TYPE = f"{SCHEMA}Error"

ORGANIZATION_TYPES = {
    Organization.Kind.COUNCIL_GROUP: "Fraktion",
    Organization.Kind.OTHER: "Sonstiges",
}
MEETING_STATES = {
    Meeting.State.PLANNED: "terminiert",
    Meeting.State.INVITED: "eingeladen",
    Meeting.State.HELD: "durchgeführt",
    Meeting.State.CANCELLED: "abgesagt",
}
NON_VOTING_ROLES = {Membership.Role.ADVISORY, Membership.Role.GUEST}


def date_time(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def date(value):
    return value.isoformat() if value else None


def compact(data):
    """OParl leaves out properties without a value rather than writing null or ""."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


class Urls:
    """Absolute URLs: from settings.SITE_URL where set (behind a proxy), else the request's."""

    def __init__(self, request):
        self.base = settings.SITE_URL.rstrip("/") or f"{request.scheme}://{request.get_host()}"

    def _url(self, name, *args):
        return self.base + reverse(f"oparl:{name}", args=args)

    def system(self):
        return self._url("system")

    def bodies(self):
        return self._url("body_list")

    def object(self, type_name, pk):
        return self._url("object", queries.TYPES[type_name].slug, pk)

    def body_list(self, body_pk, type_name):
        return self._url("body_object_list", body_pk, queries.TYPES[type_name].slug)

    def file_content(self, pk, download=False):
        return self._url("file_download" if download else "file_access", pk)

    def absolute(self, path):
        return self.base + path


def _base(urls, type_name, obj):
    return {
        "id": urls.object(type_name, obj.pk),
        "type": f"{SCHEMA}{type_name}",
    }


def _times(obj):
    return {"created": date_time(obj.created), "modified": date_time(obj.modified)}


def system(urls):
    return {
        "id": urls.system(),
        "type": f"{SCHEMA}System",
        "oparlVersion": SCHEMA,
        "name": "smartkreis",
        "body": urls.bodies(),
        "website": urls.absolute("/"),
    }


def tombstone(urls, stone: Tombstone):
    return {
        "id": urls.object(stone.oparl_type, stone.original_pk),
        "type": f"{SCHEMA}{stone.oparl_type}",
        "created": date_time(stone.created),
        "modified": date_time(stone.deleted_at),
        "deleted": True,
    }


def body(urls, obj):
    lists = {
        oparl_type.body_property: urls.body_list(obj.pk, oparl_type.name)
        for oparl_type in queries.TYPES.values()
        if oparl_type.body_property
    }
    return compact(
        {
            **_base(urls, "Body", obj),
            "system": urls.system(),
            "name": obj.name,
            "shortName": obj.short_name,
            "website": obj.website,
            "ags": obj.ags,
            "rgs": obj.ars,
            "classification": obj.get_kind_display(),
            **lists,
            **_times(obj),
        }
    ) | {
        # Required by the schema, so kept when empty (compact() would drop it).
        "legislativeTerm": [legislative_term(urls, term) for term in obj.public_legislative_terms],
    }


def legislative_term(urls, obj):
    return compact(
        {
            **_base(urls, "LegislativeTerm", obj),
            "body": urls.object("Body", obj.body_id),
            "name": obj.name,
            "startDate": date(obj.start_date),
            "endDate": date(obj.end_date),
            **_times(obj),
        }
    )


def organization(urls, obj):
    return compact(
        {
            **_base(urls, "Organization", obj),
            "body": urls.object("Body", obj.body_id),
            "name": obj.name,
            "shortName": obj.short_name,
            "membership": [urls.object("Membership", m.pk) for m in obj.public_memberships],
            "organizationType": ORGANIZATION_TYPES.get(obj.kind, "Gremium"),
            "classification": obj.get_kind_display(),
            "startDate": date(obj.start_date),
            "endDate": date(obj.end_date),
            **_times(obj),
        }
    )


def membership(urls, obj):
    return compact(
        {
            **_base(urls, "Membership", obj),
            "person": urls.object("Person", obj.person_id),
            "organization": urls.object("Organization", obj.organization_id),
            "role": obj.function_title or obj.get_role_display(),
            "votingRight": obj.role not in NON_VOTING_ROLES,
            "startDate": date(obj.start_date),
            "endDate": date(obj.end_date),
            **_times(obj),
        }
    )


def person(urls, obj):
    # Data protection: names and public memberships only. E-mail addresses and phone numbers
    # are kept for the steering group's invitations, not for publication.
    return compact(
        {
            **_base(urls, "Person", obj),
            "name": str(obj),
            "familyName": obj.family_name,
            "givenName": obj.given_name,
            "title": [obj.title] if obj.title else [],
            "membership": [membership(urls, m) for m in obj.public_memberships],
            **_times(obj),
        }
    )


def location(urls, obj):
    return compact(
        {
            **_base(urls, "Location", obj),
            "description": obj.description,
            "streetAddress": obj.street_address,
            "room": obj.room,
            "postalCode": obj.postal_code,
            "locality": obj.locality,
            **_times(obj),
        }
    )


def meeting(urls, obj):
    return compact(
        {
            **_base(urls, "Meeting", obj),
            # The meeting's own name only: a client names an unnamed one itself, and an import
            # of this API must not store a made-up name as the meeting's.
            "name": obj.name,
            "meetingState": MEETING_STATES[obj.state],
            "cancelled": obj.state == Meeting.State.CANCELLED or None,
            "start": date_time(obj.start),
            "end": date_time(obj.end),
            # A venue of a public meeting is public by definition (queries.public_locations).
            "location": location(urls, obj.venue)
            if obj.venue and not obj.venue.external_id
            else None,
            "organization": [urls.object("Organization", obj.organization_id)],
            "agendaItem": [agenda_item(urls, item) for item in obj.public_agenda_items],
            "auxiliaryFile": [file(urls, f) for f in obj.public_files],
            **_times(obj),
        }
    )


def agenda_item(urls, obj):
    consultations = obj.public_consultations
    return compact(
        {
            **_base(urls, "AgendaItem", obj),
            "meeting": urls.object("Meeting", obj.meeting_id),
            "number": obj.number,
            "order": obj.position,
            "name": obj.title,
            "public": True,
            "consultation": urls.object("Consultation", consultations[0].pk)
            if consultations
            else None,
            "result": obj.result,
            "resolutionText": obj.resolution_text,
            **_times(obj),
        }
    )


def paper(urls, obj):
    files = obj.public_files
    main_file = next((f for f in files if f.is_main_file), None)
    superordinated = obj.superordinated_paper
    # Named as the published version names it, not as a draft may have renamed it since.
    published = obj.published_version.content
    return compact(
        {
            **_base(urls, "Paper", obj),
            "body": urls.object("Body", obj.body_id),
            "name": published["subject"],
            "reference": published["reference"],
            "date": published["date"],
            "paperType": kind_label(published),
            "relatedPaper": [urls.object("Paper", p.pk) for p in obj.public_related],
            "superordinatedPaper": [urls.object("Paper", superordinated.pk)]
            if queries.paper_is_public(superordinated)
            else [],
            "subordinatedPaper": [urls.object("Paper", p.pk) for p in obj.public_subordinated],
            "mainFile": file(urls, main_file) if main_file else None,
            "auxiliaryFile": [file(urls, f) for f in files if f is not main_file],
            "originatorOrganization": [urls.object("Organization", obj.originator_organization_id)]
            if queries.organization_is_public(obj.originator_organization)
            else [],
            "consultation": [consultation(urls, c) for c in obj.public_consultations],
            **_times(obj),
        }
    )


def consultation(urls, obj):
    return compact(
        {
            **_base(urls, "Consultation", obj),
            "paper": urls.object("Paper", obj.paper_id),
            "agendaItem": urls.object("AgendaItem", obj.agenda_item_id)
            if queries.agenda_item_is_public(obj.agenda_item)
            else None,
            "meeting": urls.object("Meeting", obj.meeting_id)
            if queries.meeting_is_public(obj.meeting)
            else None,
            "organization": [urls.object("Organization", obj.organization_id)]
            if queries.organization_is_public(obj.organization)
            else [],
            "authoritative": obj.authoritative,
            "role": obj.role,
            **_times(obj),
        }
    )


def file(urls, obj):
    return compact(
        {
            **_base(urls, "File", obj),
            "name": obj.name,
            "fileName": obj.file_name,
            "mimeType": obj.mime_type,
            "date": date(obj.date),
            "size": obj.size,
            "text": obj.text,
            "accessUrl": urls.file_content(obj.pk),
            "downloadUrl": urls.file_content(obj.pk, download=True),
            "paper": [urls.object("Paper", obj.paper_id)]
            if queries.paper_is_public(obj.paper)
            else [],
            "meeting": [urls.object("Meeting", obj.meeting_id)]
            if queries.meeting_is_public(obj.meeting)
            else [],
            **_times(obj),
        }
    )


SERIALIZERS = {
    "Body": body,
    "Organization": organization,
    "Person": person,
    "Meeting": meeting,
    "Paper": paper,
    "LegislativeTerm": legislative_term,
    "Membership": membership,
    "AgendaItem": agenda_item,
    "Consultation": consultation,
    "File": file,
    "Location": location,
}


def serialize(urls, type_name, obj):
    if isinstance(obj, Tombstone):
        return tombstone(urls, obj)
    return SERIALIZERS[type_name](urls, obj)


def error(message, debug=""):
    return compact({"type": ERROR_TYPE, "message": str(message), "debug": debug})
