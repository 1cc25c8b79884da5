"""Forms of the legal app. They parse input; the rules live in legal.actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from smartkreis.forms import DateInput, VersionedForm

from .actions import ANSWER_LENGTH, FEEDBACK_LENGTHS, LEGAL_TEXT_LENGTH, STATEMENT_FIELDS
from .models import AccessibilityStatement

__all__ = [
    "AccessibilityStatementForm",
    "FeedbackAnswerForm",
    "FeedbackCloseForm",
    "FeedbackForm",
    "LegalTextForm",
]

MARKUP_HELP = _(
    "Plain text. A blank line starts a new paragraph; a line starting with “## ” is a heading "
    "(“### ” one level below); lines starting with “- ” make a list; web and e-mail addresses "
    "become links."
)


def _too_long(limit):
    return {"max_length": _("At most %(limit)d characters, please.") % {"limit": limit}}


def _text_field(label, *, limit=LEGAL_TEXT_LENGTH, required=True, help_text=MARKUP_HELP, rows=12):
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=_too_long(limit),
    )


def _versioned_initial(obj, names):
    if obj is None:
        return {"version": 0}
    return {name: getattr(obj, name) for name in names} | {"version": obj.version}


class LegalTextForm(VersionedForm):
    text = _text_field(_("Text"), rows=20)

    def __init__(self, *args, legal_text=None, **kwargs):
        kwargs.setdefault("initial", _versioned_initial(legal_text, ["text"]))
        super().__init__(*args, **kwargs)


class AccessibilityStatementForm(VersionedForm):
    operator = forms.CharField(
        label=_("Public body"),
        max_length=200,
        help_text=_("Who publishes the portal, as the first sentence of the statement names them."),
    )
    standard = forms.CharField(
        label=_("Standard"),
        max_length=300,
        help_text=_(
            "What the portal is assessed against, as the sentence on the state of compliance "
            "names it."
        ),
    )
    compliance = forms.ChoiceField(
        label=_("State of compliance"),
        choices=AccessibilityStatement.Compliance.choices,
        widget=forms.RadioSelect,
    )
    known_gaps = _text_field(
        _("Content that is not accessible"),
        required=False,
        help_text=_(
            "Each barrier, why it exists (not yet fixed, disproportionate burden, outside the "
            "law's scope) and what is offered instead. "
        )
        + MARKUP_HELP,
    )
    method = _text_field(_("Method of assessment"), rows=5)
    prepared_on = forms.DateField(label=_("Statement prepared on"), widget=DateInput)
    reviewed_on = forms.DateField(label=_("Last reviewed on"), widget=DateInput)
    contact = _text_field(
        _("Feedback contact"),
        rows=6,
        help_text=_("Who answers feedback on accessibility: unit, address, e-mail, telephone. ")
        + MARKUP_HELP,
    )
    enforcement = _text_field(
        _("Enforcement procedure"),
        rows=8,
        help_text=_("The enforcement (conciliation) body and how to reach it. ") + MARKUP_HELP,
    )

    def __init__(self, *args, statement=None, **kwargs):
        kwargs.setdefault("initial", _versioned_initial(statement, STATEMENT_FIELDS))
        super().__init__(*args, **kwargs)

    def values(self):
        return {name: self.cleaned_data[name] for name in STATEMENT_FIELDS}


class FeedbackForm(forms.Form):
    """The public feedback form. `website` is a trap for robots: people never see it (the
    page hides it with the `hidden` attribute, so neither screen readers nor the tab order meet
    it), robots that fill in every field do."""

    template_name = "legal/_feedback_form.html"

    message = forms.CharField(
        label=_("Your message"),
        max_length=FEEDBACK_LENGTHS["message"],
        help_text=_("Which barrier did you meet, or which content do you need in another form?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=_too_long(FEEDBACK_LENGTHS["message"])
        | {"required": _("Please describe the barrier or your request.")},
    )
    page_address = forms.CharField(
        label=_("Page or content concerned"),
        max_length=FEEDBACK_LENGTHS["page_address"],
        required=False,
        help_text=_("Optional: the address or the name of the page."),
        error_messages=_too_long(FEEDBACK_LENGTHS["page_address"]),
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=FEEDBACK_LENGTHS["contact_name"],
        required=False,
        help_text=_("Optional."),
        error_messages=_too_long(FEEDBACK_LENGTHS["contact_name"]),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=FEEDBACK_LENGTHS["contact_email"],
        required=False,
        help_text=_(
            "Optional: only if you want a confirmation and an answer by e-mail. Without an "
            "address your message stays anonymous."
        ),
        error_messages=_too_long(FEEDBACK_LENGTHS["contact_email"])
        | {"invalid": _("Enter a valid e-mail address, or leave the field empty.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _(
                    "The form was filled in as only a program would. If you are a person, "
                    "please send your message again or write to the feedback contact."
                ),
                code="robot",
            )
        return cleaned

    def get_context(self):
        """The trap field rendered apart from the others (see the template)."""
        context = super().get_context()
        context["fields"] = [
            (field, errors) for field, errors in context["fields"] if field.name != "website"
        ]
        context["trap"] = self["website"]
        return context

    def values(self):
        return {name: self.cleaned_data[name] for name in FEEDBACK_LENGTHS}


class FeedbackAnswerForm(VersionedForm):
    answer = _text_field(
        _("Answer"),
        limit=ANSWER_LENGTH,
        help_text=_(
            "What the sender is told. With an e-mail address it is sent to them; otherwise note "
            "how you answered (e.g. by telephone)."
        ),
        rows=10,
    )

    def __init__(self, *args, feedback, **kwargs):
        kwargs.setdefault("initial", {"version": feedback.version})
        super().__init__(*args, **kwargs)


class FeedbackCloseForm(VersionedForm):
    close_note = _text_field(
        _("Note"),
        limit=ANSWER_LENGTH,
        required=False,
        help_text=_("Required for a case closed without an answer: why it needs none."),
        rows=5,
    )

    def __init__(self, *args, feedback, **kwargs):
        kwargs.setdefault("initial", {"version": feedback.version})
        super().__init__(*args, **kwargs)
