"""Committees and their work: meetings, agenda items, minutes, decisions, action items.

Named after OParl where it has a word: Organization, Membership, Meeting, AgendaItem.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartkreis.models import OParlObject


class Organization(OParlObject):
    """A committee or group: the steering group, the council and its committees, a council
    group (OParl Organization)."""

    class Kind(models.TextChoices):
        STEERING_GROUP = "STEERING_GROUP", _("Steering group")
        COUNCIL = "COUNCIL", _("Council")
        EXECUTIVE_COMMITTEE = "EXECUTIVE_COMMITTEE", _("Executive committee")
        COMMITTEE = "COMMITTEE", _("Specialist committee")
        HR_COMMITTEE = "HR_COMMITTEE", _("HR committee")
        COUNCIL_GROUP = "COUNCIL_GROUP", _("Council group")
        OTHER = "OTHER", _("Other committee")

    body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta(OParlObject.Meta):
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [
            *OParlObject.Meta.constraints,
            # Imported committees keep their source's names, duplicates included.
            models.UniqueConstraint(
                fields=["body", "name"], condition=Q(external_id=""), name="unique_committee_name"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:organization_detail", args=[self.pk])

    @property
    def is_public(self):
        """The council and its committees meet in public; the steering group is internal."""
        return self.kind != self.Kind.STEERING_GROUP


class LegislativeTerm(OParlObject):
    """An electoral term of a body's council (Wahlperiode; OParl LegislativeTerm)."""

    body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="legislative_terms",
    )
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta(OParlObject.Meta):
        verbose_name = _("legislative term")
        verbose_name_plural = _("legislative terms")

    def __str__(self):
        return self.name


class Location(OParlObject):
    """A place where meetings are held (OParl Location)."""

    description = models.CharField(_("description"), max_length=300)
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)

    class Meta(OParlObject.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.description


class Membership(OParlObject):
    """A person's seat in a committee, with their function and role, from/until."""

    class Role(models.TextChoices):
        CHAIR = "CHAIR", _("Chair")
        MEMBER = "MEMBER", _("Member")
        ADVISORY = "ADVISORY", _("Advisory member")
        GUEST = "GUEST", _("Guest")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("committee"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    person = models.ForeignKey(
        "organisations.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    function_title = models.CharField(
        _("as"), max_length=200, blank=True, help_text=_("E.g. “Landrat”, “Personalrat”.")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role, default=Role.MEMBER)
    is_optional = models.BooleanField(
        _("takes part where relevant"),
        default=False,
        help_text=_("E.g. the equal opportunities officer: invited when a topic concerns them."),
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta(OParlObject.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            *OParlObject.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="membership_valid_period",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}, {self.organization})"


class Meeting(OParlObject):
    """A meeting of a committee (OParl Meeting)."""

    class State(models.TextChoices):
        PLANNED = "PLANNED", _("Planned")
        INVITED = "INVITED", _("Invitations sent")
        HELD = "HELD", _("Held")
        CANCELLED = "CANCELLED", _("Cancelled")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    start = models.DateTimeField(_("begins"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    venue = models.ForeignKey(
        Location,
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("The address record of the place, as OParl publishes it."),
    )
    online_url = models.URLField(_("online meeting link"), blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.PLANNED)
    # The minutes are approved by a later meeting of the same committee.
    minutes_approved_in = models.ForeignKey(
        "self",
        verbose_name=_("minutes approved in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes_of",
    )
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta(OParlObject.Meta):
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [*OParlObject.Meta.indexes, models.Index(fields=["organization", "start"])]
        constraints = [
            *OParlObject.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")),
                name="meeting_ends_after_start",
                violation_error_message=_("The meeting must end after it begins."),
            ),
        ]

    def __str__(self):
        return self.name or f"{self.organization} – {self.start:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("governance:meeting_detail", args=[self.pk])


class AgendaItem(OParlObject):
    """An item of a meeting's agenda (Tagesordnungspunkt; OParl AgendaItem)."""

    class Kind(models.TextChoices):
        TOPIC = "TOPIC", _("Topic for decision")
        STAFF_UNIT_REPORT = "STAFF_UNIT_REPORT", _("Report of the staff unit")
        PORTFOLIO_STATUS = "PORTFOLIO_STATUS", _("Portfolio status")
        OPEN_ACTION_ITEMS = "OPEN_ACTION_ITEMS", _("Open action items")
        MINUTES_APPROVAL = "MINUTES_APPROVAL", _("Approval of the minutes")
        OTHER = "OTHER", _("Other item")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    number = models.CharField(_("item"), max_length=50)
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=1000)
    topic = models.ForeignKey(
        "topics.Topic",
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    is_public = models.BooleanField(_("public"), default=False)
    guests = models.ManyToManyField(
        "organisations.Person",
        verbose_name=_("guests for this item"),
        blank=True,
        related_name="guest_agenda_items",
        help_text=_("Other directorates or offices joining for this item only."),
    )
    minutes = models.TextField(_("minutes"), blank=True)
    # A council's result as its information system words it (OParl AgendaItem.result and
    # resolutionText); the steering group's own decisions are `Decision`s.
    result = models.CharField(_("result"), max_length=200, blank=True)
    resolution_text = models.TextField(_("resolution"), blank=True)

    class Meta(OParlObject.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            *OParlObject.Meta.constraints,
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_unique"),
            models.CheckConstraint(
                condition=~Q(kind="TOPIC") | Q(topic__isnull=False),
                name="topic_item_has_topic",
                violation_error_message=_("A topic item needs its topic."),
            ),
        ]

    def __str__(self):
        return f"TOP {self.number}: {self.title}"

    def audit_scope(self):
        return self.meeting


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "PRESENT", _("present")
        EXCUSED = "EXCUSED", _("excused")
        ABSENT = "ABSENT", _("absent")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        "organisations.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    status = models.CharField(_("attendance"), max_length=16, choices=Status)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_each"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"

    def audit_scope(self):
        return self.meeting


class Decision(models.Model):
    """The steering group's decision on an agenda item (Beschluss)."""

    class Outcome(models.TextChoices):
        APPROVED = "APPROVED", _("Approved")
        REJECTED = "REJECTED", _("Rejected")
        DEFERRED = "DEFERRED", _("Deferred")

    class Priority(models.TextChoices):
        A = "A", _("A – high")
        B = "B", _("B – medium")
        C = "C", _("C – low")

    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="decision",
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome)
    priority = models.CharField(_("priority"), max_length=1, choices=Priority, blank=True)
    text = models.TextField(_("decision text"))
    decided_on = models.DateField(_("decided on"))
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    # The ranked list the decision was based on, frozen: later weight changes leave it as it was.
    ranking_snapshot = models.JSONField(_("ranking at the time of the decision"), default=list)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    # The frozen ranking is shown on its own; as a change in the history it would be noise.
    audit_exclude_fields = ("ranking_snapshot",)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="APPROVED") | ~Q(priority=""),
                name="approval_has_priority",
                violation_error_message=_("An approval needs a priority (A, B or C)."),
            ),
        ]

    def __str__(self):
        return f"{self.agenda_item}: {self.get_outcome_display()}"

    def audit_scope(self):
        return self.agenda_item.meeting


class ActionItem(models.Model):
    """A task from a meeting (Auftrag): an owner person or unit, a due date, a status."""

    class Status(models.TextChoices):
        OPEN = "OPEN", _("Open")
        IN_PROGRESS = "IN_PROGRESS", _("In progress")
        DONE = "DONE", _("Done")
        CANCELLED = "CANCELLED", _("Cancelled")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
    )
    title = models.CharField(_("task"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner_person = models.ForeignKey(
        "organisations.Person",
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
    )
    owner_unit = models.ForeignKey(
        "organisations.OrgUnit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
    )
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_person__isnull=False) | Q(owner_unit__isnull=False),
                name="action_item_has_owner",
                violation_error_message=_("Name a responsible person or unit."),
            ),
        ]

    def __str__(self):
        return self.title

    def audit_scope(self):
        return self.meeting
