"""Forms of the committees' work. They parse input; the rules live in governance.actions."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisations.models import OrgUnit, Person
from smartkreis.forms import DateInput, VersionedForm

from . import actions
from .models import ActionItem, Attendance, Decision, Meeting, Membership, Organization


class DateTimeInput(forms.DateTimeInput):
    """A native date and time picker; the value travels in ISO format."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def _formfield(model, name, **kwargs):
    field = model._meta.get_field(name).formfield(**kwargs)
    if isinstance(field.widget, forms.DateTimeInput):
        field.widget = DateTimeInput()
        field.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
    elif isinstance(field.widget, forms.DateInput):
        field.widget = DateInput()
    return field


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.family_name}, {obj.given_name}"


class PersonMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.family_name}, {obj.given_name}"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.body.short_name or obj.body.name}: {obj}"


def _people():
    return Person.objects.order_by("family_name", "given_name", "pk")


class OrganizationForm(forms.Form):
    name = _formfield(Organization, "name", label=_("Name"))
    short_name = _formfield(Organization, "short_name")
    kind = _formfield(Organization, "kind")
    body = _formfield(Organization, "body")
    start_date = _formfield(Organization, "start_date")
    end_date = _formfield(Organization, "end_date")

    def __init__(self, *args, organization=None, **kwargs):
        if organization is not None:
            kwargs.setdefault(
                "initial",
                {name: getattr(organization, name) for name in actions.ORGANIZATION_FIELDS},
            )
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = self.fields["body"].queryset.order_by("kind", "name")

    def values(self):
        return {name: self.cleaned_data[name] for name in actions.ORGANIZATION_FIELDS}


class MembershipForm(forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    function_title = _formfield(Membership, "function_title")
    role = _formfield(Membership, "role", widget=forms.RadioSelect)
    is_optional = _formfield(Membership, "is_optional")
    start_date = _formfield(Membership, "start_date")
    end_date = _formfield(Membership, "end_date")

    def __init__(self, *args, membership=None, **kwargs):
        if membership is not None:
            initial = {name: getattr(membership, name) for name in actions.MEMBERSHIP_FIELDS}
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people()
        self.fields["role"].choices = Membership.Role.choices

    def values(self):
        return {name: self.cleaned_data[name] for name in actions.MEMBERSHIP_FIELDS}


class MeetingForm(VersionedForm):
    name = _formfield(
        Meeting, "name", help_text=_("Optional, e.g. “12th meeting of the steering group”.")
    )
    start = _formfield(Meeting, "start")
    end = _formfield(Meeting, "end")
    location = _formfield(Meeting, "location", help_text=_("A room, or leave empty if online."))
    venue = _formfield(Meeting, "venue")
    online_url = _formfield(Meeting, "online_url", help_text=_("For online or hybrid meetings."))

    def __init__(self, *args, meeting=None, **kwargs):
        if meeting is not None:
            initial = {name: getattr(meeting, name) for name in actions.MEETING_FIELDS}
            kwargs.setdefault("initial", initial | {"version": meeting.version})
        super().__init__(*args, **kwargs)
        if meeting is None:
            del self.fields["version"]

    def values(self):
        return {name: self.cleaned_data[name] for name in actions.MEETING_FIELDS}


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title} ({obj.submitting_body})"


STANDING_CHOICES = [(kind.value, kind.label) for kind in (*actions.STANDING_KINDS,)]


class AgendaForm(forms.Form):
    """Add items to a meeting's agenda: ready topics, standing items, a further item."""

    topics = TopicChoiceField(
        label=_("Topics ready for decision"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only topics the staff unit has marked as ready for decision are offered."),
        error_messages={
            "invalid_choice": _(
                "This topic is not ready for decision or already on the agenda; the staff unit "
                "has to finish preparing it first."
            )
        },
    )
    standing_kinds = forms.MultipleChoiceField(
        label=_("Standing items"),
        choices=STANDING_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_title = forms.CharField(
        label=_("Further item"),
        max_length=300,
        required=False,
        help_text=_("Title of an item without a topic, e.g. “Any other business”."),
    )

    def __init__(self, *args, topics, existing_kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics
        remaining = [choice for choice in STANDING_CHOICES if choice[0] not in existing_kinds]
        if remaining:
            self.fields["standing_kinds"].choices = remaining
        else:
            del self.fields["standing_kinds"]

    def clean(self):
        cleaned = super().clean()
        if not (
            cleaned.get("topics") or cleaned.get("standing_kinds") or cleaned.get("other_title")
        ):
            raise forms.ValidationError(_("Choose at least one item to add."))
        return cleaned

    def values(self):
        title = self.cleaned_data["other_title"]
        return {
            "topics": list(self.cleaned_data["topics"]),
            "standing_kinds": self.cleaned_data.get("standing_kinds", []),
            "other_titles": [title] if title else [],
        }


class GuestsForm(forms.Form):
    guests = PersonMultipleChoiceField(
        label=_("Guests for this item"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Other directorates or offices joining for this item only."),
    )

    def __init__(self, *args, item, **kwargs):
        kwargs.setdefault("initial", {"guests": [p.pk for p in item.guests.all()]})
        super().__init__(*args, **kwargs)
        self.fields["guests"].queryset = _people()


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("The course of the discussion on this item."),
    )


class DecisionForm(forms.Form):
    """The labels say what is required when: outcome and text always, a priority for an
    approval (the rules themselves are record_decision's)."""

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome: approved, rejected or deferred.")},
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=[("", _("– none –")), *Decision.Priority.choices],
        widget=forms.RadioSelect,
        required=False,
        help_text=_("The priority of the initiative the approval creates."),
    )
    priority.required_when = _("required for an approval")
    text = forms.CharField(
        label=_("Decision text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter the text of the decision.")},
    )

    def values(self):
        return {name: self.cleaned_data[name] for name in ("outcome", "priority", "text")}


class ActionItemForm(VersionedForm):
    title = _formfield(ActionItem, "title")
    description = _formfield(ActionItem, "description", required=False)
    owner_person = PersonChoiceField(
        label=_("Responsible person"), queryset=Person.objects.none(), required=False
    )
    owner_unit = UnitChoiceField(
        label=_("Responsible unit"), queryset=OrgUnit.objects.none(), required=False
    )
    due_date = _formfield(ActionItem, "due_date")
    status = _formfield(ActionItem, "status", widget=forms.RadioSelect)
    decision = forms.ModelChoiceField(
        label=_("From the decision"), queryset=Decision.objects.none(), required=False
    )

    def __init__(self, *args, meeting, action_item=None, **kwargs):
        if action_item is not None:
            initial = {name: getattr(action_item, name) for name in actions.ACTION_ITEM_FIELDS}
            kwargs.setdefault("initial", initial | {"version": action_item.version})
        super().__init__(*args, **kwargs)
        self.fields["owner_person"].queryset = _people()
        keep = action_item.owner_unit_id if action_item else None
        self.fields["owner_unit"].queryset = (
            OrgUnit.objects.filter(Q(valid_until__isnull=True) | Q(pk=keep))
            .select_related("body")
            .order_by("body__name", "number", "name")
        )
        self.fields["status"].choices = ActionItem.Status.choices
        self.fields["decision"].queryset = (
            Decision.objects.filter(agenda_item__meeting=meeting)
            .select_related("agenda_item")
            .order_by("agenda_item__position")
        )
        if action_item is None:
            del self.fields["version"]
            self.fields["status"].initial = ActionItem.Status.OPEN

    def values(self):
        return {
            name: self.cleaned_data[name]
            for name in actions.ACTION_ITEM_FIELDS
            if name in self.cleaned_data
        }


class AttendanceForm(forms.Form):
    """One radio group per expected person: present, excused, absent."""

    def __init__(self, *args, attendees, **kwargs):
        super().__init__(*args, **kwargs)
        self.attendees = attendees
        for attendee in attendees:
            self.fields[f"person_{attendee.person.pk}"] = forms.ChoiceField(
                label=f"{attendee.person} ({attendee.role})",
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=attendee.status,
            )

    def statuses(self):
        return {
            attendee.person: self.cleaned_data.get(f"person_{attendee.person.pk}", "")
            for attendee in self.attendees
        }


class ApproveMinutesForm(forms.Form):
    in_meeting = forms.ModelChoiceField(
        label=_("Approved in the meeting of"), queryset=Meeting.objects.none()
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["in_meeting"].queryset = (
            Meeting.objects.filter(organization=meeting.organization, start__gt=meeting.start)
            .exclude(state=Meeting.State.CANCELLED)
            .select_related("organization")
            .order_by("start")
        )


class _CommitteeWorkFilterForm(forms.Form):
    """Filters of the lists of the committees' work: a committee the user may read, a unit."""

    organization = forms.ModelChoiceField(
        label=_("Committee"), queryset=Organization.objects.none(), required=False
    )
    owner_unit = UnitChoiceField(
        label=_("Responsible unit"), queryset=OrgUnit.objects.none(), required=False
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations.order_by("name", "pk")
        self.fields["owner_unit"].queryset = OrgUnit.objects.select_related("body").order_by(
            "body__name", "number", "name"
        )

    def filters(self):
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class ActionItemFilterForm(_CommitteeWorkFilterForm):
    field_order = ["overdue", "organization", "status", "owner_unit"]

    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *ActionItem.Status.choices],
        required=False,
    )


class DecisionRegisterFilterForm(_CommitteeWorkFilterForm):
    field_order = ["organization", "date_from", "date_to", "owner_unit"]

    date_from = forms.DateField(label=_("Decided from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Decided until"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].help_text = _("Owns an action item or the initiative.")
