"""Forms of the papers. They parse input; the rules live in papers.actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import AgendaItem, Meeting, Organization
from organisations.models import OrgUnit
from portfolio.models import Initiative
from smartkreis.forms import DateInput, VersionedForm
from strategy.models import FieldOfAction, Indicator

from . import actions
from .models import Consultation, Paper, PaperBlock


def _formfield(model, name, **kwargs):
    field = model._meta.get_field(name).formfield(**kwargs)
    if isinstance(field.widget, forms.DateInput):
        field.widget = DateInput()
    return field


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.body.short_name or obj.body.name}: {obj}"


def paper_choice_label(paper):
    day = f" ({paper.date:%d.%m.%Y})" if paper.date else ""  # imported papers may lack one
    return f"{paper.reference or '–'} {paper.subject}{day}"


class PaperChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return paper_choice_label(obj)


class PaperMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return paper_choice_label(obj)


class InitiativeMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title}"


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.organization.name}, {obj.start:%d.%m.%Y}"


class AgendaItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        meeting = obj.meeting
        return f"{meeting.organization.name}, {meeting.start:%d.%m.%Y}: {obj.number} {obj.title}"


class PaperForm(VersionedForm):
    kind = _formfield(Paper, "kind")
    reference = _formfield(Paper, "reference", help_text=_("E.g. “BV/0012/2021”; unique."))
    date = _formfield(Paper, "date")
    subject = _formfield(Paper, "subject", label=_("Subject"), widget=forms.TextInput)
    is_public = _formfield(Paper, "is_public")
    originator_unit = UnitChoiceField(
        label=_("Originating unit"), queryset=OrgUnit.objects.none(), required=False
    )
    originator_organization = forms.ModelChoiceField(
        label=_("Originating council group or committee"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("A motion comes from a council group."),
    )
    resolution_proposal = _formfield(Paper, "resolution_proposal")
    preliminary_remark = _formfield(Paper, "preliminary_remark")
    explanation = _formfield(Paper, "explanation")
    affects_budget = _formfield(Paper, "affects_budget")
    budget_effect = _formfield(Paper, "budget_effect")
    budget_amount = _formfield(Paper, "budget_amount")
    funds_available = _formfield(Paper, "funds_available")
    unplanned_spending = _formfield(Paper, "unplanned_spending")
    cover_proposal = _formfield(Paper, "cover_proposal")
    follow_up_costs = _formfield(Paper, "follow_up_costs")

    def __init__(self, *args, paper=None, **kwargs):
        if paper is not None:
            initial = {name: getattr(paper, name) for name in self.field_names()}
            kwargs.setdefault("initial", initial | {"version": paper.version})
        super().__init__(*args, **kwargs)
        if paper is None:
            del self.fields["version"]
        self.fields["originator_unit"].queryset = OrgUnit.objects.select_related("body").order_by(
            "body__name", "number", "name"
        )
        self.fields["originator_organization"].queryset = Organization.objects.exclude(
            kind=Organization.Kind.STEERING_GROUP
        ).order_by("name")

    @staticmethod
    def field_names():
        return [name for name in actions.PAPER_FIELDS if name not in ("paper_type", "demo_note")]

    def values(self):
        return {name: self.cleaned_data[name] for name in self.field_names()}


class LinksForm(forms.Form):
    initiatives = InitiativeMultipleChoiceField(
        label=_("Initiatives"), queryset=Initiative.objects.none(), required=False
    )
    related_papers = PaperMultipleChoiceField(
        label=_("Related papers"), queryset=Paper.objects.none(), required=False
    )
    superordinated_paper = PaperChoiceField(
        label=_("Answers / belongs to"), queryset=Paper.objects.none(), required=False
    )

    def __init__(self, *args, paper, papers, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "initiatives": list(paper.initiatives.all()),
                "related_papers": list(paper.related_papers.all()),
                "superordinated_paper": paper.superordinated_paper,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["initiatives"].queryset = Initiative.objects.order_by("title", "pk")
        others = papers.exclude(pk=paper.pk).order_by("-date", "pk")
        self.fields["related_papers"].queryset = others
        self.fields["superordinated_paper"].queryset = others
        if paper.external_id:
            # An imported paper's relations are its source's; only initiatives are linked here.
            del self.fields["related_papers"]
            del self.fields["superordinated_paper"]


class ConsultationForm(forms.Form):
    position = _formfield(Consultation, "position", help_text=_("Order in the sequence."))
    organization = forms.ModelChoiceField(
        label=_("Committee"), queryset=Organization.objects.none(), required=False
    )
    planned_date = _formfield(Consultation, "planned_date")
    meeting = MeetingChoiceField(
        label=_("Meeting"), queryset=Meeting.objects.none(), required=False
    )
    agenda_item = AgendaItemChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )
    role = _formfield(Consultation, "role")
    authoritative = _formfield(Consultation, "authoritative")
    is_public = _formfield(Consultation, "is_public")
    result = _formfield(Consultation, "result")

    def __init__(self, *args, consultation=None, **kwargs):
        if consultation is not None:
            initial = {name: getattr(consultation, name) for name in actions.CONSULTATION_FIELDS}
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        public = Organization.objects.exclude(kind=Organization.Kind.STEERING_GROUP)
        self.fields["organization"].queryset = public.order_by("name")
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(organization__in=public)
            .select_related("organization")
            .order_by("-start")
        )
        self.fields["agenda_item"].queryset = (
            AgendaItem.objects.filter(meeting__organization__in=public)
            .select_related("meeting__organization")
            .order_by("-meeting__start", "position")
        )

    def values(self):
        return {name: self.cleaned_data[name] for name in actions.CONSULTATION_FIELDS}


class FileForm(forms.Form):
    upload = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt), PNG or JPEG; at most 20 MB."
        ),
    )
    name = forms.CharField(
        label=_("Name"), max_length=500, required=False, help_text=_("Empty: the file name.")
    )
    is_main_file = forms.BooleanField(label=_("Main file"), required=False)


class BlockForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=PaperBlock.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Heading"), max_length=300, required=False)
    position = forms.IntegerField(label=_("Position"), min_value=1, required=False)
    fields_of_action = forms.ModelMultipleChoiceField(
        label=_("Fields of action"),
        queryset=FieldOfAction.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For the status quo (required) and the traffic lights (empty: all)."),
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.none(),
        required=False,
        help_text=_("For the indicator chart."),
    )
    since = forms.DateField(
        label=_("Decisions since"),
        widget=DateInput(),
        required=False,
        help_text=_("For the decisions of the steering group."),
    )

    def __init__(self, *args, block=None, **kwargs):
        if block is not None:
            parameters = block.parameters
            kwargs.setdefault(
                "initial",
                {
                    "kind": block.kind,
                    "title": block.title,
                    "position": block.position,
                    "fields_of_action": parameters.get("fields", []),
                    "indicator": parameters.get("indicator"),
                    "since": parameters.get("since"),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["fields_of_action"].queryset = FieldOfAction.objects.order_by(
            "is_cross_cutting", "position", "name"
        )
        self.fields["indicator"].queryset = Indicator.objects.order_by("name", "pk")

    def values(self):
        data, kind = self.cleaned_data, self.cleaned_data["kind"]
        parameters = {}
        if kind in (PaperBlock.Kind.INITIATIVE_STATUS, PaperBlock.Kind.TRAFFIC_LIGHTS):
            parameters["fields"] = [field.pk for field in data["fields_of_action"]]
        elif kind == PaperBlock.Kind.INDICATOR_CHART and data["indicator"]:
            parameters["indicator"] = data["indicator"].pk
        elif kind == PaperBlock.Kind.STEERING_DECISIONS and data["since"]:
            parameters["since"] = data["since"].isoformat()
        title = data["title"].strip() or str(PaperBlock.Kind(kind).label)
        return {
            "kind": kind,
            "title": title,
            "position": data["position"],
            "parameters": parameters,
        }


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    upload = forms.FileField(
        label=_("Word template (.docx)"),
        help_text=_("With the same placeholders as the default template."),
    )


class PaperFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all kinds")), *Paper.Kind.choices], required=False
    )
    committee = forms.ModelChoiceField(
        label=_("Committee"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("all committees"),
    )
    date_from = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    date_until = forms.DateField(label=_("Until"), widget=DateInput(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Organization.objects.exclude(
            kind__in=(Organization.Kind.STEERING_GROUP, Organization.Kind.COUNCIL_GROUP)
        ).order_by("name")
