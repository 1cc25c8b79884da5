"""Pages of the legal app. The imprint, privacy notice, accessibility statement, feedback form
and the page in Leichte Sprache are public; their edit pages are for administrators, the
feedback cases for the staff unit (legal.permissions). Each view checks access, makes one
call, renders or redirects."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET, require_http_methods

from audit.queries import audit_entries_for
from smartkreis.forms import action_errors_on
from smartkreis.views import form_flow, form_page

from . import actions, queries
from .forms import (
    AccessibilityStatementForm,
    FeedbackAnswerForm,
    FeedbackCloseForm,
    FeedbackForm,
    LegalTextForm,
)
from .models import LegalText
from .permissions import (
    can_edit_legal_texts,
    check_may_edit_legal_texts,
    check_may_handle_feedback,
    get_feedback_for_user_or_404,
)


@dataclass(frozen=True)
class LegalTextPage:
    url_name: str
    edit_url_name: str
    edit_heading: str
    published_message: str


# Each with its own words: German gives the two texts different articles.
LEGAL_TEXT_PAGES = {
    LegalText.Kind.IMPRINT: LegalTextPage(
        "legal:imprint",
        "legal:imprint_edit",
        gettext_lazy("Edit the imprint"),
        gettext_lazy("The imprint has been published."),
    ),
    LegalText.Kind.PRIVACY: LegalTextPage(
        "legal:privacy",
        "legal:privacy_edit",
        gettext_lazy("Edit the privacy notice"),
        gettext_lazy("The privacy notice has been published."),
    ),
}


def _history_for_editors(user, obj):
    """The change history, shown to those who may change the text."""
    return audit_entries_for(obj) if obj is not None and can_edit_legal_texts(user) else []


def _legal_text_page(request, kind):
    legal_text = queries.legal_text(kind)
    return render(
        request,
        "legal/legal_text.html",
        {
            "title": LegalText.Kind(kind).label,
            "legal_text": legal_text,
            "edit_url": reverse(LEGAL_TEXT_PAGES[kind].edit_url_name),
            "can_edit": can_edit_legal_texts(request.user),
            "audit_entries": _history_for_editors(request.user, legal_text),
        },
    )


@require_GET
def imprint(request):
    return _legal_text_page(request, LegalText.Kind.IMPRINT)


@require_GET
def privacy(request):
    return _legal_text_page(request, LegalText.Kind.PRIVACY)


def _legal_text_edit(request, kind):
    check_may_edit_legal_texts(request.user)
    legal_text = queries.legal_text(kind)
    form = LegalTextForm(request.POST or None, legal_text=legal_text)
    page = LEGAL_TEXT_PAGES[kind]
    page_url = reverse(page.url_name)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.update_legal_text(
            acting_user=request.user,
            kind=kind,
            text=form.cleaned_data["text"],
            expected_version=form.expected_version,
        ),
        saved_message=page.published_message,
        success_url=page_url,
        heading=page.edit_heading,
        submit_label=_("Publish"),
        cancel_url=page_url,
        back_url=page_url,
        back_label=LegalText.Kind(kind).label,
        intro=_("The public page shows the new text at once, with today's date as its “as of”."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def imprint_edit(request):
    return _legal_text_edit(request, LegalText.Kind.IMPRINT)


@require_http_methods(["GET", "POST"])
@login_required
def privacy_edit(request):
    return _legal_text_edit(request, LegalText.Kind.PRIVACY)


@require_GET
def accessibility(request):
    statement = queries.accessibility_statement()
    return render(
        request,
        "legal/accessibility_statement.html",
        {
            "statement": statement,
            "can_edit": can_edit_legal_texts(request.user),
            "audit_entries": _history_for_editors(request.user, statement),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def accessibility_edit(request):
    check_may_edit_legal_texts(request.user)
    statement = queries.accessibility_statement()
    form = AccessibilityStatementForm(request.POST or None, statement=statement)
    page_url = reverse("legal:accessibility")
    return form_flow(
        request,
        form=form,
        save=lambda: actions.update_accessibility_statement(
            acting_user=request.user, expected_version=form.expected_version, **form.values()
        ),
        saved_message=_("The accessibility statement has been published."),
        success_url=page_url,
        heading=_("Edit the accessibility statement"),
        submit_label=_("Publish"),
        cancel_url=page_url,
        back_url=page_url,
        back_label=_("Accessibility statement"),
    )


@require_http_methods(["GET", "POST"])
def feedback(request):
    """The feedback form; works without JavaScript and without logging in."""
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            handled = actions.submit_feedback(acting_user=request.user, **form.values())
            messages.success(
                request,
                _("Thank you. Your feedback has been received under the reference %(reference)s.")
                % {"reference": handled.feedback.reference},
            )
            return redirect("legal:feedback_thanks")
    return form_page(
        request,
        form=form,
        heading=_("Report a barrier"),
        intro=_(
            "Did you meet a barrier on smartkreis, or do you need content in another form? "
            "Tell us. We answer within one month. You need no account, and your name and "
            "e-mail address are optional."
        ),
        submit_label=_("Send feedback"),
        cancel_url=reverse("legal:accessibility"),
        back_url=reverse("legal:accessibility"),
        back_label=_("Accessibility statement"),
    )


@require_GET
def feedback_thanks(request):
    return render(request, "legal/feedback_thanks.html")


@require_GET
def easy_read(request):
    return render(request, "legal/easy_read.html")


@require_GET
@login_required
def feedback_list(request):
    check_may_handle_feedback(request.user)
    page = queries.feedback_list_page(
        shown=request.GET.get("state", "open"),
        page_number=request.GET.get("page"),
        today=timezone.localdate(),
    )
    return render(
        request,
        "legal/feedback_list.html",
        {
            "page": page,
            "page_obj": page.page_obj,
            "query": f"state={page.shown}",
            "today": timezone.localdate(),
        },
    )


@require_GET
@login_required
def feedback_detail(request, pk):
    case = get_feedback_for_user_or_404(request.user, pk)
    return render(
        request,
        "legal/feedback_detail.html",
        {
            "feedback": case,
            "today": timezone.localdate(),
            "audit_entries": audit_entries_for(case),
        },
    )


def _case_page(case, heading, submit_label):
    return {
        "success_url": case,
        "heading": heading,
        "submit_label": submit_label,
        "cancel_url": case.get_absolute_url(),
        "back_url": case.get_absolute_url(),
        "back_label": case.reference,
    }


@require_http_methods(["GET", "POST"])
@login_required
def feedback_answer(request, pk):
    case = get_feedback_for_user_or_404(request.user, pk)
    form = FeedbackAnswerForm(request.POST or None, feedback=case)

    def save():
        # The answer's mail goes out by a worker after the commit (notifications.queue_mail).
        return actions.answer_feedback(
            acting_user=request.user,
            feedback=case,
            answer=form.cleaned_data["answer"],
            expected_version=form.expected_version,
        )

    return form_flow(
        request,
        form=form,
        save=save,
        saved_message=lambda handled: (
            _("The answer has been recorded and sent to %(address)s.")
            % {"address": handled.feedback.contact_email}
            if handled.mail is not None
            else _("The answer has been recorded.")
        ),
        **_case_page(
            case, _("Answer %(reference)s") % {"reference": case.reference}, _("Record answer")
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def feedback_close(request, pk):
    case = get_feedback_for_user_or_404(request.user, pk)
    form = FeedbackCloseForm(request.POST or None, feedback=case)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.close_feedback(
            acting_user=request.user,
            feedback=case,
            note=form.cleaned_data["close_note"],
            expected_version=form.expected_version,
        ),
        saved_message=_("The feedback has been closed."),
        **_case_page(
            case,
            _("Close %(reference)s") % {"reference": case.reference},
            pgettext("button", "Close"),
        ),
    )
