"""Reading an OParl endpoint (1.0 and 1.1) into smartkreis's own models.

The run walks the System's bodies and, per body, the lists of organizations, persons,
meetings and papers (in that order, so references mostly point at objects already imported).
Memberships, agenda items, consultations and file metadata come embedded in those objects;
papers are linked to each other (relatedPaper, superordinatedPaper) as the source links them;
a meeting's participants become its attendances.

- Idempotent: every object is found by its OParl id (`external_id`) and only saved when a
  value differs, so a second run counts everything as unchanged and `modified` stays put.
- Fast: a page's existing objects are loaded with one query per model, and what the page
  creates or changes is written with one bulk query per model, in the order of WRITE_ORDER.
- Incremental: lists are asked for `modified_since` the start of the last successful run; a
  server that rejects the parameter is read whole (which adds nothing twice).
- Resumable: each list page is written in one transaction together with the URL of the next
  page (ListCheckpoint); a failed page rolls back entirely and a rerun starts at it.
- Bounded: a page URL seen twice in a list (a `next` loop), more pages or objects than the
  run's limits, and the client's limits per request end the run (client.Limits).
- Only from the source: objects whose id lies on another host than the source's (or those
  the staff unit allows for it), or on another source's host, are skipped, never written.
- Deleted at the source (an OParl 1.1 tombstone, `deleted: true`): the imported copy goes too,
  unless smartkreis's own records still use it (a council decision on its consultation, a
  steering-group decision on its agenda item); then it stays and the run reports a problem.
- A reference to a missing object (HTTP 404/410) is an ImportProblem, not a failure; malformed
  JSON, other HTTP errors and timeouts end the run with ImportFailure (German message).
- Real servers' quirks are taken as meant: a missing `type`, an embedded object where a URL
  belongs, `[]` for an empty list, control characters in strings (client), HTTP 5xx (retried
  by the client). Optional fields stay empty: a paper without a date is still imported.
"""

import datetime
import functools
import operator
from collections import defaultdict

from django.db import DatabaseError, transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime

from audit.models import AuditEntry
from audit.recording import record_change
from governance.models import (
    AgendaItem,
    Attendance,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
)
from organisations.models import Body, Person
from papers.models import Consultation, Paper, PaperFile

from .client import FetchError, OParlClient, host_of
from .models import ImportProblem, ImportRun, ListCheckpoint, OParlSource

# Body list key, label for the progress display.
BODY_LISTS = [
    ("organization", "Gremien"),
    ("person", "Personen"),
    ("meeting", "Sitzungen"),
    ("paper", "Vorlagen"),
]
LIST_MODELS = {"organization": Organization, "person": Person, "meeting": Meeting, "paper": Paper}
MISSING_STATUSES = {404, 410}
# The model each import handler writes, to find the copy of an object the source deleted.
# Bodies are absent on purpose: an own body may stand for the source's, and none is removed.
HANDLER_MODELS = {
    "import_legislative_term": LegislativeTerm,
    "import_organization": Organization,
    "import_person": Person,
    "import_membership": Membership,
    "import_location": Location,
    "import_meeting": Meeting,
    "import_agenda_item": AgendaItem,
    "import_paper": Paper,
    "import_consultation": Consultation,
    "import_file": PaperFile,
}
# A page's new and changed objects are written model by model: the referred to first.
WRITE_ORDER = [
    Body,
    LegislativeTerm,
    Location,
    Organization,
    Person,
    Membership,
    Meeting,
    AgendaItem,
    Paper,
    Consultation,
    PaperFile,
]
# The fields the import writes (and reads, as superordinated_paper), per model.
IMPORTED_FIELDS = {
    model: names.split()
    for model, names in {
        LegislativeTerm: "body name start_date end_date",
        Location: "description street_address postal_code locality room",
        Organization: "body name short_name kind start_date end_date",
        Person: "title given_name family_name email phone",
        Membership: "organization person function_title role start_date end_date",
        Meeting: "organization name start end location venue state",
        AgendaItem: "meeting number position title is_public result resolution_text",
        Paper: "body kind paper_type reference date subject originator_organization "
        "superordinated_paper",
        Consultation: "paper position organization meeting agenda_item planned_date role "
        "authoritative",
        PaperFile: "paper meeting name file_name mime_type size date access_url text is_main_file",
    }.items()
}
# Referenced objects stay cached for the run; the rest for their page only, so memory stays
# bounded on sources with many thousand papers.
RUN_CACHED = {Organization, Meeting, Person, Location}
# What an object's type names, what its embedded objects and references are by their key
# (servers leave out the `type` of embedded objects).
TYPE_MODELS = {
    "LegislativeTerm": LegislativeTerm,
    "Organization": Organization,
    "Person": Person,
    "Membership": Membership,
    "Meeting": Meeting,
    "AgendaItem": AgendaItem,
    "Location": Location,
    "Paper": Paper,
    "Consultation": Consultation,
    "File": PaperFile,
}
KEY_MODELS = {
    "legislativeTerm": LegislativeTerm,
    "membership": Membership,
    "location": Location,
    "agendaItem": AgendaItem,
    "consultation": Consultation,
    "mainFile": PaperFile,
    "auxiliaryFile": PaperFile,
    "invitation": PaperFile,
    "resultsProtocol": PaperFile,
    "verbatimProtocol": PaperFile,
    "organization": Organization,
    "originatorOrganization": Organization,
    "person": Person,
    "participant": Person,
    "meeting": Meeting,
    "relatedPaper": Paper,
    "superordinatedPaper": Paper,
    "subordinatedPaper": Paper,
}

PAPER_KINDS = {
    "antrag": Paper.Kind.MOTION,
    "beschlussvorlage": Paper.Kind.DRAFT_RESOLUTION,
    "mitteilungsvorlage": Paper.Kind.INFORMATION,
}
COUNCIL_WORDS = {
    "rat",
    "stadtrat",
    "gemeinderat",
    "kreistag",
    "hauptorgan",
    "stadtverordnetenversammlung",
    "gemeindevertretung",
}


class ImportFailure(Exception):
    """The run stopped; `message` is German. Pages written so far stay, a rerun resumes."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class SkipObject(Exception):
    """The object lacks something the model requires; recorded as a problem and skipped."""


def organization_kind(data):
    words = {
        str(data.get(key) or "").strip().lower() for key in ("organizationType", "classification")
    }
    text = " ".join([*words, str(data.get("name") or "").lower()])
    if "fraktion" in text:
        return Organization.Kind.COUNCIL_GROUP
    if words & COUNCIL_WORDS:
        return Organization.Kind.COUNCIL
    if "kreisausschuss" in text or "hauptausschuss" in text:
        return Organization.Kind.EXECUTIVE_COMMITTEE
    if "personalausschuss" in text:
        return Organization.Kind.HR_COMMITTEE
    if "ausschuss" in " ".join(words):
        return Organization.Kind.COMMITTEE
    return Organization.Kind.OTHER


def paper_kind(paper_type):
    return PAPER_KINDS.get(str(paper_type or "").strip().lower(), Paper.Kind.OTHER)


def membership_role(data):
    role = str(data.get("role") or "").lower()
    if "vorsitz" in role and "stellv" not in role:
        return Membership.Role.CHAIR
    if "gast" in role:
        return Membership.Role.GUEST
    if data.get("votingRight") is False:
        return Membership.Role.ADVISORY
    return Membership.Role.MEMBER


@functools.cache
def _role_labels():
    """The names of the membership roles, as smartkreis's own API writes them (in German or
    English) where a membership has no function of its own."""
    labels = set()
    for language in ("de", "en"):
        with translation.override(language):
            labels |= {str(label).lower() for label in Membership.Role.labels}
    return labels


def function_title(data):
    """A membership's function ("Fraktionsvorsitzender"); none where `role` only names the
    kind of seat ("Mitglied", "Gast"), which `membership_role` keeps."""
    role = _text(data.get("role"))
    return "" if role.lower() in _role_labels() else role


def split_name(name, titles):
    """ "Prof. Dr. Max Mustermann" -> ("Max", "Mustermann"); titles and abbreviations dropped."""
    words = [word for word in str(name or "").split() if word not in titles]
    words = [word for word in words if not word.endswith(".") or len(word) > 5]
    if not words:
        return "", ""
    return " ".join(words[:-1]), words[-1]


def _date(value):
    if not value or not isinstance(value, str):
        return None
    try:
        return parse_date(value[:10])
    except ValueError:
        return None


def _datetime(value):
    if not value or not isinstance(value, str):
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return None
    if parsed is None:
        day = _date(value)
        if day is None:
            return None
        parsed = datetime.datetime.combine(day, datetime.time())
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _text(value):
    return value.strip() if isinstance(value, str) else ""


def _first(value):
    """OParl has lists where one value is usual (email, organization): take the first."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _url(value):
    """A reference's URL; servers embed the object itself where its URL belongs."""
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) and value else None


def _urls(value):
    items = value if isinstance(value, list) else [value]
    return [url for item in items if (url := _url(item))]


def _objects(value):
    """Embedded objects: a list of them, a single one where a list belongs, or none."""
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, dict)]


def _kind(data):
    return str(data.get("type") or "").rstrip("/").rsplit("/", 1)[-1]


def _rows(model):
    """The model's rows with the columns the import compares and reads, no others: loading
    and converting the rest (`created`, `modified`, a paper's own texts and budget figures)
    is a good part of a repeat run. A column missing here costs a query per object, which
    test_repeat_run_queries_do_not_grow_with_the_objects catches."""
    return model.objects.only("external_id", *IMPORTED_FIELDS[model])


@functools.cache
def _foreign_key_attname(model, name):
    field = model._meta.get_field(name)
    return field.attname if field.is_relation else None


def _same(obj, name, value):
    """Whether the object holds `value` already; a foreign key by its key, not a query."""
    attname = _foreign_key_attname(type(obj), name)
    if attname is None:
        return getattr(obj, name) == value
    current = getattr(obj, attname)
    return current is None if value is None else value.pk is not None and current == value.pk


class Importer:
    def __init__(self, system_url, *, client=None, full=False, progress=None):
        self.system_url = system_url
        self.client = client or OParlClient()
        self.limits = self.client.limits
        self.full = full
        self.progress = progress or (lambda line: None)
        self.counts = defaultdict(
            lambda: {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0}
        )
        self.objects = defaultdict(dict)  # model -> {external_id: instance or None}
        self.missing = set()  # URLs that answered 404/410 in this run
        self.pages = 0  # list pages read in this run
        self.objects_read = 0
        # What the current page creates and changes, written together (_write_page).
        self.to_create = defaultdict(list)  # model -> [instance]
        self.to_update = defaultdict(dict)  # model -> {instance: {field name}}
        self.after_write = []  # steps that need the page's new rows' keys
        # Pairs of paper pks to link or unlink, and meetings' participants, written together.
        self.linked_papers = set()
        self.unlinked_papers = set()
        self.participants = []  # (meeting, [person])
        # Paper pk -> pks of the imported papers it is related to, for the current page.
        self.related_papers = {}
        self.agenda_items = {}  # meeting pk -> its existing agenda items, for the current page
        self.max_lengths = {}
        self.run = None

    # The run ------------------------------------------------------------------------------

    def execute(self):
        source, _created = OParlSource.objects.get_or_create(system_url=self.system_url)
        now = timezone.now()
        resumed = source.pending_started_at is not None and not self.full
        if resumed:
            modified_since = source.pending_modified_since
        else:
            source.checkpoints.all().delete()
            modified_since = None if self.full else source.last_success_started_at
            source.pending_started_at = now
            source.pending_modified_since = modified_since
            source.save(update_fields=["pending_started_at", "pending_modified_since"])
        self.source = source
        self.modified_since = modified_since
        # Another source's host stays closed even if allowed here: its objects are its own.
        others = OParlSource.objects.exclude(pk=source.pk)
        other_hosts = {host_of(url) for url in others.values_list("system_url", flat=True)}
        self.client.restrict(
            allowed_hosts=source.host_names,
            denied_hosts=other_hosts - {host_of(source.system_url)},
        )
        self.run = ImportRun.objects.create(
            source=source, started_at=now, modified_since=modified_since, resumed=resumed
        )
        if resumed:
            self.progress("Setze den unterbrochenen Import fort.")
        try:
            self._import_system()
        except (FetchError, ImportFailure) as error:
            self._finish(ImportRun.Status.FAILED, error.message)
            raise ImportFailure(error.message) from error
        except DatabaseError as error:
            message = f"Speichern fehlgeschlagen: {error}"
            self._finish(ImportRun.Status.FAILED, message)
            raise ImportFailure(message) from error
        with transaction.atomic():
            source.checkpoints.all().delete()
            source.last_success_started_at = source.pending_started_at
            source.pending_started_at = None
            source.pending_modified_since = None
            source.save()
            self._finish(ImportRun.Status.SUCCEEDED, "")
        return self.run

    def _finish(self, status, error):
        run = self.run
        run.status = status
        run.error = error
        run.finished_at = timezone.now()
        run.counts = {label: dict(numbers) for label, numbers in sorted(self.counts.items())}
        run.save()
        # One audit entry per run, not per object: a run writes thousands of rows whose
        # source of truth is the council information system; the run's counts and problems
        # say what it changed, and per-object entries would bury the history of own data.
        record_change(
            actor=None,
            action=AuditEntry.Action.CREATE,
            obj=run,
            source=AuditEntry.Source.IMPORT,
            label="OParl-Import",
        )

    def _import_system(self):
        system = self._get_object(self.system_url)
        name = _text(system.get("name"))
        if name and name != self.source.name:
            self.source.name = name[:300]
            self.source.save(update_fields=["name"])
        body_list = system.get("body")
        if not isinstance(body_list, str) or not body_list:
            raise ImportFailure(f"Das System-Objekt {self.system_url} nennt keine Körperschaften.")
        # The body list is short and always read whole: it names the other lists.
        bodies = []
        seen = set()
        url = body_list
        while url:
            page = self._get_page(url, None, seen=seen, list_url=body_list)
            with transaction.atomic():
                for data in page["data"]:
                    body = self._import_object(self.import_body, data)
                    if body is not None:
                        bodies.append((body, data))
                self._write_page()
            url = page["next"]
        self.progress(f"Körperschaften: {len(bodies)}")
        for body, data in bodies:
            for key, label in BODY_LISTS:
                list_url = data.get(key)
                if isinstance(list_url, str) and list_url:
                    self._import_list(body, list_url, key, label)

    def _get_object(self, url):
        data = self.client.get(url)
        if isinstance(data, list):
            # Some servers wrap a single object in a list.
            data = next((item for item in data if isinstance(item, dict)), None)
            if data is None:
                raise FetchError(f"Die Antwort von {url} ist kein OParl-Objekt.")
        return data

    def _get_page(self, url, params, *, seen, list_url):
        """A list page's objects and next link, checked before anything of it is written."""
        if self.pages >= self.limits.pages:
            raise ImportFailure(
                f"Mehr als {self.limits.pages} Listenseiten in einem Lauf "
                f"(OPARL_IMPORT_MAX_PAGES); bei {url} angehalten."
            )
        self.pages += 1
        page = self.client.get(url, params)
        if isinstance(page, list):
            # A bare list where a list object belongs (mostly `[]` for an empty list).
            page = {"data": page}
        data = page.get("data")
        if not isinstance(data, list):
            raise ImportFailure(f"Die Antwort von {url} ist keine OParl-Liste (es fehlt „data“).")
        items = [item for item in data if isinstance(item, dict)]
        self.objects_read += len(items)
        if self.objects_read > self.limits.objects:
            raise ImportFailure(
                f"Mehr als {self.limits.objects} Objekte in einem Lauf "
                f"(OPARL_IMPORT_MAX_OBJECTS); bei {url} angehalten."
            )
        links = page.get("links") if isinstance(page.get("links"), dict) else {}
        next_url = links.get("next") if isinstance(links.get("next"), str) else ""
        seen.add(url)
        if next_url in seen:
            raise ImportFailure(
                f"Die Seite {url} der Liste {list_url} verweist mit „next“ auf die schon "
                f"gelesene Seite {next_url}; der Import bricht ab, statt im Kreis zu lesen."
            )
        if next_url and not self.client.allows(next_url):
            raise ImportFailure(
                f"Die Seite {url} verweist mit „next“ auf {next_url}, das nicht auf dem Host "
                "der Quelle oder einem für sie zugelassenen Host liegt."
            )
        return {"data": items, "next": next_url}

    def _import_list(self, body, list_url, key, label):
        checkpoint, _created = ListCheckpoint.objects.get_or_create(
            source=self.source, list_url=list_url
        )
        if checkpoint.done:
            self.progress(f"{label} ({body}): bereits importiert")
            return
        handler = getattr(self, f"import_{key}")
        url = checkpoint.next_url or list_url
        params = None
        if not checkpoint.next_url and self.modified_since:
            # Following pages carry the filter in their `next` links (OParl 1.1, 2.4.6).
            params = {"modified_since": self.modified_since.isoformat(timespec="seconds")}
        seen = set()
        pages = objects = 0
        while url:
            try:
                page = self._get_page(url, params, seen=seen, list_url=list_url)
            except FetchError as error:
                if params is None or error.status is None or error.status in MISSING_STATUSES:
                    raise
                # The server does not take the filter: read the list whole instead; what is
                # there already is found again, not added twice.
                self.progress(
                    f"{label} ({body}): der Server lehnt modified_since ab (HTTP "
                    f"{error.status}); lese die Liste vollständig."
                )
                params = None
                continue
            params = None
            for model in list(self.objects):
                if model not in RUN_CACHED:
                    del self.objects[model]
            self._prefetch(page["data"], LIST_MODELS[key])
            with transaction.atomic():
                for data in page["data"]:
                    self._import_object(handler, data, body)
                self._write_page()
                checkpoint.next_url = page["next"]
                checkpoint.done = not page["next"]
                checkpoint.save()
            pages += 1
            objects += len(page["data"])
            self.progress(f"{label} ({body}): Seite {pages}, {objects} Objekte")
            url = page["next"]

    def _prefetch(self, items, list_model):
        """Load the page's known objects in one query per model instead of one per object."""
        ids = defaultdict(set)

        def collect(value, model):
            if isinstance(value, list):
                for item in value:
                    collect(item, model)
            elif isinstance(value, dict):
                model = TYPE_MODELS.get(_kind(value), model)
                if model is not None and isinstance(value.get("id"), str):
                    ids[model].add(value["id"])
                for key, item in value.items():
                    if isinstance(item, dict | list) or key in KEY_MODELS:
                        collect(item, KEY_MODELS.get(key))
            elif isinstance(value, str) and value and model is not None:
                ids[model].add(value)

        collect(items, list_model)
        self.agenda_items = {}
        if list_model is Meeting:
            # A meeting's agenda is compared with the one here (loaded with it, not again by
            # the items' ids); papers only refer to meetings.
            self._load(Meeting, ids.pop(Meeting, set()))
            self._prefetch_agenda_items([item["id"] for item in items if _url(item)])
        for model, external_ids in ids.items():
            self._load(model, external_ids)
        self._prefetch_related_papers(ids.get(Paper, ()))

    def _load(self, model, external_ids):
        cache = self.objects[model]
        wanted = external_ids - cache.keys()
        if wanted:
            found = {obj.external_id: obj for obj in _rows(model).filter(external_id__in=wanted)}
            # None marks "not there yet", so creating the object needs no further query.
            for external_id in wanted:
                cache[external_id] = found.get(external_id)

    def _prefetch_agenda_items(self, external_ids):
        meetings = [self.objects[Meeting][external_id] for external_id in external_ids]
        pks = [meeting.pk for meeting in meetings if meeting is not None]
        self.agenda_items = {pk: [] for pk in pks}
        cache = self.objects[AgendaItem]
        for item in _rows(AgendaItem).filter(meeting_id__in=pks):
            item = cache.get(item.external_id) or item
            if item.external_id:
                cache[item.external_id] = item
            self.agenda_items[item.meeting_id].append(item)

    def _prefetch_related_papers(self, external_ids):
        papers = [self.objects[Paper][external_id] for external_id in external_ids]
        pks = [paper.pk for paper in papers if paper is not None]
        self.related_papers = {pk: set() for pk in pks}
        links = Paper.related_papers.through.objects.filter(
            from_paper_id__in=pks, to_paper__external_id__gt=""
        ).values_list("from_paper_id", "to_paper_id")
        for from_pk, to_pk in links:
            self.related_papers[from_pk].add(to_pk)

    def _write_page(self):
        """Write what the page created and changed: one bulk query per model and kind."""
        now = timezone.now()
        for model in WRITE_ORDER:
            created = self.to_create.pop(model, None)
            if created:
                model.objects.bulk_create(created)
            changed = self.to_update.pop(model, None)
            if changed:
                for obj in changed:
                    obj.modified = now
                fields = sorted(set().union(*changed.values()) | {"modified"})
                model.objects.bulk_update(list(changed), fields)
        steps, self.after_write = self.after_write, []
        for step in steps:
            step()
        self._write_paper_links()
        self._write_participants()

    def _write_paper_links(self):
        # Related is symmetrical: each link is a row in both directions.
        through = Paper.related_papers.through
        if self.unlinked_papers:
            pairs = self.unlinked_papers | {(b, a) for a, b in self.unlinked_papers}
            links = (Q(from_paper_id=a, to_paper_id=b) for a, b in pairs)
            through.objects.filter(functools.reduce(operator.or_, links)).delete()
        if self.linked_papers:
            pairs = self.linked_papers | {(b, a) for a, b in self.linked_papers}
            through.objects.bulk_create(
                [through(from_paper_id=a, to_paper_id=b) for a, b in sorted(pairs)],
                ignore_conflicts=True,
            )
        self.linked_papers, self.unlinked_papers = set(), set()

    def _write_participants(self):
        """A page's meetings' participants (OParl Meeting.participant) as their attendances."""
        if not self.participants:
            return
        existing = defaultdict(dict)
        for attendance in Attendance.objects.filter(
            meeting__in=[meeting.pk for meeting, _persons in self.participants if meeting.pk]
        ).select_related("person"):
            existing[attendance.meeting_id][attendance.person_id] = attendance
        new, gone = [], []
        for meeting, persons in self.participants:
            if meeting.pk is None:
                continue  # deleted again on its page
            wanted = {person.pk for person in persons if person.pk is not None}
            present = existing[meeting.pk]
            new += [
                Attendance(meeting=meeting, person_id=pk, status=Attendance.Status.PRESENT)
                for pk in sorted(wanted - present.keys())
            ]
            # Attendance recorded here for smartkreis's own people stays.
            gone += [
                attendance.pk
                for pk, attendance in present.items()
                if pk not in wanted and attendance.person.external_id
            ]
        Attendance.objects.bulk_create(new)
        if gone:
            Attendance.objects.filter(pk__in=gone).delete()
        self.participants = []

    # Bookkeeping ----------------------------------------------------------------------------

    def problem(self, object_id, message):
        ImportProblem.objects.create(run=self.run, object_id=str(object_id)[:1000], message=message)

    def _import_object(self, handler, data, *args):
        object_id = data.get("id")
        if not isinstance(object_id, str) or not object_id:
            self.problem("–", "Objekt ohne OParl-ID übersprungen.")
            return None
        if not self.client.allows(object_id):
            self.problem(
                object_id,
                "Objekt übersprungen: seine ID liegt nicht auf dem Host der Quelle oder einem "
                "für sie zugelassenen Host (oder auf dem einer anderen Quelle).",
            )
            return None
        if data.get("deleted") is True:
            self._remove(HANDLER_MODELS.get(handler.__name__), object_id)
            return None
        try:
            return handler(*args, data) if args else handler(data)
        except SkipObject as skip:
            self.problem(object_id, str(skip))
            return None

    def _remove(self, model, external_id):
        obj = self.lookup(model, external_id) if model is not None else None
        if obj is None:
            return
        if obj.pk is None:
            # Created on this very page and deleted again: it is simply not written, nor
            # what the page made for it (its consultations, files, agenda items).
            self._drop_pending(obj)
            self.objects[model][external_id] = None
            return
        try:
            if isinstance(obj, Paper) and obj.initiatives.exists():
                # Links to initiatives are the staff's own work; a cascade would drop them.
                raise ProtectedError("linked to initiatives", set())
            # A savepoint: a refused deletion must not undo the page's other writes.
            with transaction.atomic():
                obj.delete()
        except (ProtectedError, RestrictedError):
            self.problem(
                external_id,
                "In der Quelle gelöscht, bleibt aber erhalten: smartkreis verwendet das Objekt "
                "noch (etwa in einem Kreistagsbeschluss, einem Vorhaben oder einer "
                "Entscheidung der Lenkungsgruppe).",
            )
            return
        self.to_update[model].pop(obj, None)
        self.objects[model][external_id] = None
        self.counts[model._meta.label]["deleted"] += 1

    def _drop_pending(self, obj):
        self.to_create[type(obj)].remove(obj)
        for model, pending in list(self.to_create.items()):
            relations = [field for field in model._meta.concrete_fields if field.is_relation]
            for other in [
                other
                for other in pending
                if any(field.get_cached_value(other, None) is obj for field in relations)
            ]:
                self._drop_pending(other)
                if other.external_id:
                    self.objects[model][other.external_id] = None

    def lookup(self, model, external_id):
        if external_id in self.objects[model]:
            return self.objects[model][external_id]
        obj = model.objects.filter(external_id=external_id).first()
        self.objects[model][external_id] = obj
        return obj

    def _fit(self, model, values):
        """Cut text to the column's length: the source's limits are not ours."""
        lengths = self.max_lengths.get(model)
        if lengths is None:
            lengths = self.max_lengths[model] = {
                field.name: field.max_length
                for field in model._meta.concrete_fields
                if getattr(field, "max_length", None)
            }
        for name, value in values.items():
            if isinstance(value, str) and name in lengths:
                values[name] = value[: lengths[name]]
        return values

    def upsert(self, model, external_id, values):
        """Create or change the object; `values` name foreign keys by field, with instances.

        Nothing is written yet: _write_page writes the page's objects together, so a new
        object may refer to another one new on the same page.
        """
        values = self._fit(model, values)
        obj = self.lookup(model, external_id)
        counts = self.counts[model._meta.label]
        if obj is None:
            obj = model(external_id=external_id, **values)
            self.to_create[model].append(obj)
            self.objects[model][external_id] = obj
            counts["created"] += 1
            return obj
        changed = [name for name, value in values.items() if not _same(obj, name, value)]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            if obj.pk is not None:  # one new on this page is written as it is now
                self.to_update[model].setdefault(obj, set()).update(changed)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
        return obj

    def reference(self, model, value, referrer, *, fetch=None, body=None):
        """The local object for an OParl reference; fetched and imported when `fetch` is given.

        The reference is a URL or, from some servers, the object embedded. A missing object
        (404/410) is recorded as a problem of the referring object.
        """
        url = _url(value)
        if url is None:
            return None
        obj = self.lookup(model, url)
        if obj is not None:
            return obj
        if fetch is not None and isinstance(value, dict) and len(value) > 1:
            return (
                self._import_object(fetch, value, body)
                if body
                else self._import_object(fetch, value)
            )
        if fetch is None or url in self.missing:
            self.problem(referrer, f"Verweis auf fehlendes Objekt {url}.")
            return None
        if not self.client.allows(url):
            self.problem(referrer, f"Verweis auf {url} übergangen: fremder Host.")
            return None
        try:
            data = self._get_object(url)
        except FetchError as error:
            if error.status not in MISSING_STATUSES:
                raise
            self.missing.add(url)
            self.problem(referrer, f"Verweis auf fehlendes Objekt {url} (HTTP {error.status}).")
            return None
        data.setdefault("id", url)
        return self._import_object(fetch, data, body) if body else self._import_object(fetch, data)

    def first_reference(self, model, values, referrer, *, fetch=None, body=None):
        for value in values if isinstance(values, list) else [values]:
            obj = self.reference(model, value, referrer, fetch=fetch, body=body)
            if obj is not None:
                return obj
        return None

    # Object types ---------------------------------------------------------------------------

    def import_body(self, data):
        external_id = data["id"]
        name = _text(data.get("name")) or _text(data.get("shortName"))
        body = Body.objects.filter(external_id=external_id).first()
        if body is None:
            ags = _text(data.get("ags"))
            match = Body.objects.filter(ags=ags).first() if ags else None
            if match is None and name:
                match = Body.objects.filter(name=name).first()
            if match is not None:
                # An own body stays as smartkreis knows it; it is found again the same way.
                self.counts[Body._meta.label]["unchanged"] += 1
                self._import_terms(match, data)
                return match
        if not name:
            raise SkipObject("Körperschaft ohne Namen übersprungen.")
        values = {
            "short_name": _text(data.get("shortName")),
            "website": _text(data.get("website")),
        }
        if not Body.objects.filter(name=name).exclude(external_id=external_id).exists():
            values["name"] = name
        elif body is None:
            raise SkipObject(f"Eine andere Körperschaft heißt bereits „{name}“.")
        for field, key, length in (("ags", "ags", 8), ("ars", "rgs", 12)):
            code = _text(data.get(key))
            if len(code) == length and code.isdigit():
                taken = Body.objects.filter(**{field: code}).exclude(external_id=external_id)
                if not taken.exists():
                    values[field] = code
        if body is None:
            values["kind"] = Body.Kind.OTHER
        body = self.upsert(Body, external_id, values)
        self._import_terms(body, data)
        return body

    def _import_terms(self, body, data):
        for term in _objects(data.get("legislativeTerm")):
            self._import_object(self.import_legislative_term, term, body)

    def import_legislative_term(self, body, data):
        start = _date(data.get("startDate"))
        if start is None:
            raise SkipObject("Wahlperiode ohne Beginn übersprungen.")
        end = _date(data.get("endDate"))
        return self.upsert(
            LegislativeTerm,
            data["id"],
            {
                "body": body,
                "name": _text(data.get("name")) or str(start.year),
                "start_date": start,
                "end_date": end if end and end >= start else None,
            },
        )

    def import_organization(self, body, data):
        start, end = _date(data.get("startDate")), _date(data.get("endDate"))
        organization = self.upsert(
            Organization,
            data["id"],
            {
                "body": body,
                "name": _text(data.get("name")) or _text(data.get("shortName")),
                "short_name": _text(data.get("shortName")),
                "kind": organization_kind(data),
                "start_date": start,
                "end_date": end,
            },
        )
        for membership in _objects(data.get("membership")):
            # OParl 1.1 lists membership URLs here; they come embedded in the persons.
            membership.setdefault("organization", data["id"])
            self._import_object(self.import_membership, membership, body)
        return organization

    def import_person(self, body, data):
        titles = data.get("title") if isinstance(data.get("title"), list) else []
        title = " ".join(str(item) for item in titles) or _text(data.get("title"))
        given, family = _text(data.get("givenName")), _text(data.get("familyName"))
        if not family:
            given, family = split_name(data.get("name"), set(titles))
        email, phone = _first(data.get("email")), _first(data.get("phone"))
        person = self.upsert(
            Person,
            data["id"],
            {
                "title": title,
                "given_name": given,
                "family_name": family,
                "email": email if isinstance(email, str) else "",
                "phone": phone if isinstance(phone, str) else "",
            },
        )
        for membership in _objects(data.get("membership")):
            membership.setdefault("person", data["id"])
            self._import_object(self.import_membership, membership, body)
        return person

    def import_membership(self, body, data):
        organization = self.reference(
            Organization,
            data.get("organization"),
            data["id"],
            fetch=self.import_organization,
            body=body,
        )
        person = self.reference(
            Person, data.get("person"), data["id"], fetch=self.import_person, body=body
        )
        if organization is None or person is None:
            raise SkipObject("Mitgliedschaft ohne Gremium oder Person übersprungen.")
        start, end = _date(data.get("startDate")), _date(data.get("endDate"))
        return self.upsert(
            Membership,
            data["id"],
            {
                "organization": organization,
                "person": person,
                "function_title": function_title(data),
                "role": membership_role(data),
                "start_date": start,
                "end_date": end if not (start and end) or end >= start else None,
            },
        )

    def import_location(self, data):
        street = _text(data.get("streetAddress"))
        locality = " ".join(
            part for part in (_text(data.get("postalCode")), _text(data.get("locality"))) if part
        )
        description = _text(data.get("description")) or ", ".join(
            part for part in (street, locality) if part
        )
        if not description:
            return None
        return self.upsert(
            Location,
            data["id"],
            {
                "description": description,
                "street_address": street,
                "postal_code": _text(data.get("postalCode")),
                "locality": _text(data.get("locality")),
                "room": _text(data.get("room")),
            },
        )

    def import_meeting(self, body, data):
        start = _datetime(data.get("start"))
        if start is None:
            raise SkipObject("Sitzung ohne Beginn übersprungen.")
        organization = self.first_reference(
            Organization,
            data.get("organization"),
            data["id"],
            fetch=self.import_organization,
            body=body,
        )
        if organization is None:
            raise SkipObject("Sitzung ohne vorhandenes Gremium übersprungen.")
        end = _datetime(data.get("end"))
        if end is not None and end <= start:
            self.problem(data["id"], "Das Ende der Sitzung liegt nicht nach ihrem Beginn.")
            end = None
        location = data.get("location")
        if isinstance(location, dict) and isinstance(location.get("id"), str):
            venue = self._import_object(self.import_location, location)
        else:
            venue = self.reference(Location, location, data["id"], fetch=self.import_location)
        if data.get("cancelled"):
            state = Meeting.State.CANCELLED
        elif start < timezone.now():
            state = Meeting.State.HELD
        else:
            state = Meeting.State.PLANNED
        meeting = self.upsert(
            Meeting,
            data["id"],
            {
                "organization": organization,
                "name": _text(data.get("name")),
                "start": start,
                "end": end,
                "location": venue.description if venue else "",
                "venue": venue,
                "state": state,
            },
        )
        if "agendaItem" in data:
            self._import_agenda(meeting, _objects(data["agendaItem"]))
        if "participant" in data:
            self._import_participants(meeting, data["participant"], body)
        files = [data.get(key) for key in ("invitation", "resultsProtocol", "verbatimProtocol")]
        auxiliary = data.get("auxiliaryFile")
        files += auxiliary if isinstance(auxiliary, list) else [auxiliary]
        for file_data in files:
            self._import_file(file_data, data["id"], meeting=meeting)
        return meeting

    def _import_agenda(self, meeting, items):
        orders = [item.get("order") for item in items]
        if all(isinstance(order, int) and 0 <= order < 30000 for order in orders) and len(
            set(orders)
        ) == len(orders):
            positions = orders
        else:
            positions = list(range(1, len(items) + 1))
        ids = [item.get("id") for item in items]
        cache = self.objects[AgendaItem]
        existing = self.agenda_items.get(meeting.pk, []) if meeting.pk else []
        for item in existing:
            # Items the source dropped go too, unless the steering group decided on one.
            if item.external_id and item.external_id not in ids and not hasattr(item, "decision"):
                cache.pop(item.external_id, None)
                self.to_update[AgendaItem].pop(item, None)
                item.delete()
                self.counts[AgendaItem._meta.label]["deleted"] += 1
        wanted = dict(zip(ids, positions, strict=True))
        if any(
            item.external_id in wanted and wanted[item.external_id] != item.position
            for item in existing
        ):
            # Positions are unique per meeting: move the shifted items aside first.
            for offset, item in enumerate(existing):
                if item.external_id in wanted:
                    AgendaItem.objects.filter(pk=item.pk).update(position=30000 + offset)
                    item.position = 30000 + offset
        for item, position in zip(items, positions, strict=True):
            self._import_object(self.import_agenda_item, item, (meeting, position))

    def import_agenda_item(self, placement, data):
        meeting, position = placement
        number = _text(data.get("number"))
        return self.upsert(
            AgendaItem,
            data["id"],
            {
                "meeting": meeting,
                "number": number,
                "position": position,
                "title": _text(data.get("name")) or number or "–",
                "is_public": data.get("public") is not False,
                "result": _text(data.get("result")),
                "resolution_text": _text(data.get("resolutionText")),
            },
        )

    def _import_participants(self, meeting, participants, body):
        persons = [
            person
            for value in (participants if isinstance(participants, list) else [participants])
            if (
                person := self.reference(
                    Person, value, meeting.external_id, fetch=self.import_person, body=body
                )
            )
            is not None
        ]
        self.participants.append((meeting, persons))

    def import_paper(self, body, data):
        originator = self.first_reference(
            Organization,
            data.get("originatorOrganization"),
            data["id"],
            fetch=self.import_organization,
            body=body,
        )
        paper_type = _text(data.get("paperType"))
        is_new = self.lookup(Paper, data["id"]) is None
        paper = self.upsert(
            Paper,
            data["id"],
            {
                "body": body,
                "kind": paper_kind(paper_type),
                "paper_type": paper_type,
                "reference": _text(data.get("reference")),
                # Both optional in OParl: a paper without them is kept, with them empty.
                "date": _date(data.get("date")),
                "subject": _text(data.get("name")) or _text(data.get("reference")),
                "originator_organization": originator,
            },
        )
        self.after_write.append(lambda: self._link_papers(paper, data, is_new=is_new))
        for position, consultation in enumerate(_objects(data.get("consultation")), start=1):
            self._import_object(self.import_consultation, consultation, (paper, position, body))
        self._import_file(data.get("mainFile"), data["id"], paper=paper, is_main_file=True)
        auxiliary = data.get("auxiliaryFile")
        for file_data in auxiliary if isinstance(auxiliary, list) else [auxiliary]:
            self._import_file(file_data, data["id"], paper=paper)
        return paper

    def _link_papers(self, paper, data, *, is_new):
        """Links among imported papers: related, and which paper one belongs to.

        Only papers imported already are linked; one that comes later links back itself, as
        OParl gives both sides (relatedPaper on each, superordinatedPaper against
        subordinatedPaper). Links staff made to smartkreis's own papers stay untouched.
        """
        if paper.pk is None:
            return  # deleted again on its page
        known = [
            other
            for url in _urls(data.get("relatedPaper"))
            if (other := self.lookup(Paper, url)) is not None and other.pk != paper.pk
        ]
        current = set() if is_new else self.related_papers.get(paper.pk)
        if current is None:
            current = set(paper.related_papers.exclude(external_id="").values_list("pk", flat=True))
        wanted = {other.pk for other in known}
        self.unlinked_papers.update((paper.pk, other_pk) for other_pk in current - wanted)
        self.linked_papers.update((paper.pk, other_pk) for other_pk in wanted - current)
        # Related is symmetrical: keep the other side's prefetched links true as well.
        self.related_papers[paper.pk] = wanted
        for other_pk in current - wanted:
            self.related_papers.get(other_pk, set()).discard(paper.pk)
        for other_pk in wanted - current:
            self.related_papers.get(other_pk, set()).add(paper.pk)

        parent_urls = _urls(data.get("superordinatedPaper"))
        parent = self.lookup(Paper, parent_urls[0]) if parent_urls else None
        if parent is not None and parent.pk != paper.pk:
            parent_pk = parent.pk
        elif parent_urls:
            parent_pk = paper.superordinated_paper_id  # not here yet: it links itself later
        else:
            parent_pk = None
        if paper.superordinated_paper_id != parent_pk:
            Paper.objects.filter(pk=paper.pk).update(superordinated_paper_id=parent_pk)
            paper.superordinated_paper_id = parent_pk
        for url in _urls(data.get("subordinatedPaper")):
            child = self.lookup(Paper, url)
            if child is not None and paper.pk not in (child.pk, child.superordinated_paper_id):
                Paper.objects.filter(pk=child.pk).update(superordinated_paper_id=paper.pk)
                child.superordinated_paper_id = paper.pk

    def import_consultation(self, placement, data):
        paper, position, body = placement
        organization = self.first_reference(
            Organization,
            data.get("organization"),
            data["id"],
            fetch=self.import_organization,
            body=body,
        )
        meeting = self.reference(
            Meeting, data.get("meeting"), data["id"], fetch=self.import_meeting, body=body
        )
        # Agenda items come with their meeting; one that is not there is not fetched alone.
        agenda_item = self.reference(AgendaItem, data.get("agendaItem"), data["id"])
        return self.upsert(
            Consultation,
            data["id"],
            {
                "paper": paper,
                "position": position,
                "organization": organization,
                "meeting": meeting,
                "agenda_item": agenda_item,
                "planned_date": timezone.localdate(meeting.start) if meeting else None,
                "role": _text(data.get("role")),
                "authoritative": data.get("authoritative") is True,
            },
        )

    def _import_file(self, data, referrer, *, paper=None, meeting=None, is_main_file=False):
        if isinstance(data, str) and data:
            # OParl 1.0 servers may reference files instead of embedding them.
            if data in self.missing:
                return None
            if not self.client.allows(data):
                self.problem(referrer, f"Verweis auf {data} übergangen: fremder Host.")
                return None
            try:
                fetched = self._get_object(data)
            except FetchError as error:
                if error.status not in MISSING_STATUSES:
                    raise
                self.missing.add(data)
                self.problem(referrer, f"Verweis auf fehlende Datei {data} (HTTP {error.status}).")
                return None
            fetched.setdefault("id", data)
            data = fetched
        if not isinstance(data, dict):
            return None
        return self._import_object(
            self.import_file, data, {"paper": paper, "meeting": meeting, "main": is_main_file}
        )

    def import_file(self, owner, data):
        size = data.get("size")
        return self.upsert(
            PaperFile,
            data["id"],
            {
                "paper": owner["paper"],
                "meeting": owner["meeting"],
                "name": _text(data.get("name")) or _text(data.get("fileName")) or "Datei",
                "file_name": _text(data.get("fileName")),
                "mime_type": _text(data.get("mimeType")),
                "size": size if isinstance(size, int) and size >= 0 else None,
                "date": _date(data.get("date")),
                "access_url": _text(data.get("accessUrl")) or _text(data.get("downloadUrl")),
                "text": _text(data.get("text")),
                "is_main_file": owner["main"],
            },
        )
