"""Pages of the topic submissions. Each view checks access, makes one call, renders or redirects.

Refusals: anonymous visitors are sent to the login, logged-in users without the right get
403 (via topics.permissions); neither changes anything.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartkreis.forms import action_errors_on
from smartkreis.views import form_page

from . import actions, queries
from .forms import (
    StatementForm,
    TopicForm,
    WaiverForm,
    criteria_formset,
    score_formset,
)
from .models import Statement, Topic
from .permissions import (
    can_edit_topic,
    can_give_statement,
    can_manage_topics,
    can_see_ranking,
    can_submit_topic,
    can_waive_statement,
    get_topic_for_user,
)

PAGE_SIZE = 25


def _query_without(params, *names):
    params = params.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _section_url(topic, section):
    return f"{topic.get_absolute_url()}#{section}"


def _formset_errors(formset, error):
    """An action's refusal shown above the formset."""
    formset._non_form_errors = formset.error_class([*formset.non_form_errors(), *error.messages])


# List, ranking, detail ------------------------------------------------------------------------


@require_GET
@login_required
def topic_list(request):
    filterset, topics = queries.topic_list_queryset(request.user, request.GET)
    page_obj = Paginator(topics, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page_obj": page_obj,
        "query": _query_without(request.GET, "page"),
        "can_submit": can_submit_topic(request.user),
        "can_see_ranking": can_see_ranking(request.user),
        "can_manage": can_manage_topics(request.user),
    }
    template = "topics/topic_list.html"
    if request.htmx:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
def topic_ranking(request):
    if not can_see_ranking(request.user):
        raise PermissionDenied
    return render(
        request,
        "topics/topic_ranking.html",
        {
            **queries.ranking_page(),
            "can_manage": can_manage_topics(request.user),
        },
    )


@require_GET
@login_required
def topic_detail(request, pk):
    topic = get_topic_for_user(request.user, pk)
    context = queries.topic_detail_context(user=request.user, topic=topic)
    return render(request, "topics/topic_detail.html", context)


# Submitting and preparing -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def topic_create(request):
    if not can_submit_topic(request.user):
        raise PermissionDenied
    form = TopicForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            topic = actions.submit_topic(acting_user=request.user, **form.values())
            messages.success(
                request,
                _("Your topic “%(title)s” has been submitted to the steering group as %(ref)s.")
                % {"title": topic.title, "ref": topic.reference},
            )
            return redirect(topic)
    return render(
        request,
        "topics/topic_form.html",
        {"form": form, "cancel_url": reverse("topics:topic_list")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def topic_edit(request, pk):
    topic = get_topic_for_user(request.user, pk)
    if not can_edit_topic(request.user, topic):
        raise PermissionDenied
    form = TopicForm(request.POST or None, user=request.user, topic=topic)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.update_topic(
                acting_user=request.user,
                topic=topic,
                expected_version=form.expected_version,
                **form.values(),
            )
            messages.success(
                request,
                _("Your changes to “%(title)s” have been saved.")
                % {"title": form.cleaned_data["title"]},
            )
            return redirect(topic)
    return render(
        request,
        "topics/topic_form.html",
        {"form": form, "topic": topic, "cancel_url": topic.get_absolute_url()},
    )


@require_POST
@login_required
def topic_status(request, pk):
    topic = get_topic_for_user(request.user, pk)
    new_status = request.POST.get("status", "")
    # The action refuses what this user may not do; this spares it users with no say at all.
    may_try = can_manage_topics(request.user) or topic.submitted_by_id == request.user.pk
    if new_status not in Topic.Status.values or not may_try:
        raise PermissionDenied
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1  # refused as stale below
    try:
        actions.change_topic_status(
            acting_user=request.user, topic=topic, new_status=new_status, expected_version=version
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The topic is now “%(status)s”.") % {"status": Topic.Status(new_status).label},
        )
    return redirect(topic)


@require_POST
@login_required
def statements_request(request, pk):
    topic = get_topic_for_user(request.user, pk)
    if not can_manage_topics(request.user):
        raise PermissionDenied
    try:
        created = actions.request_statements(acting_user=request.user, topic=topic)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if created:
            messages.success(
                request,
                _("Statements requested from: %(kinds)s.")
                % {"kinds": ", ".join(s.get_kind_display() for s in created)},
            )
        else:
            messages.info(request, _("All required statements have been requested already."))
    return redirect(_section_url(topic, "statements"))


# Statements -------------------------------------------------------------------------------


def _statement_of(request, pk, statement_pk):
    topic = get_topic_for_user(request.user, pk)
    statement = get_object_or_404(Statement, pk=statement_pk, topic=topic)
    statement.topic = topic
    return topic, statement


@require_http_methods(["GET", "POST"])
@login_required
def statement_give(request, pk, statement_pk):
    topic, statement = _statement_of(request, pk, statement_pk)
    if not can_give_statement(request.user, statement):
        raise PermissionDenied
    form = StatementForm(request.POST or None, statement=statement)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.give_statement(acting_user=request.user, statement=statement, **form.values())
            messages.success(
                request,
                _("The statement of the %(kind)s has been recorded.")
                % {"kind": statement.get_kind_display()},
            )
            return redirect(_section_url(topic, "statements"))
    return form_page(
        request,
        form=form,
        heading=_("Statement: %(kind)s") % {"kind": statement.get_kind_display()},
        submit_label=_("Record statement"),
        cancel_url=_section_url(topic, "statements"),
        back_url=topic.get_absolute_url(),
        back_label=f"{topic.reference} {topic.title}",
    )


@require_http_methods(["GET", "POST"])
@login_required
def statement_waive(request, pk, statement_pk):
    topic, statement = _statement_of(request, pk, statement_pk)
    if not can_waive_statement(request.user, statement):
        raise PermissionDenied
    form = WaiverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.waive_statement(acting_user=request.user, statement=statement, **form.values())
            messages.success(
                request,
                _("The topic may be decided without the statement of the %(kind)s.")
                % {"kind": statement.get_kind_display()},
            )
            return redirect(_section_url(topic, "statements"))
    return form_page(
        request,
        form=form,
        heading=_("Decide without the statement: %(kind)s")
        % {"kind": statement.get_kind_display()},
        intro=_(
            "As chair of the steering group you may let the topic go to decision without "
            "this statement. The reason is recorded in the topic's history."
        ),
        submit_label=_("Waive statement"),
        cancel_url=_section_url(topic, "statements"),
        back_url=topic.get_absolute_url(),
        back_label=f"{topic.reference} {topic.title}",
    )


# Scores and criteria ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def topic_score(request, pk):
    topic = get_topic_for_user(request.user, pk)
    if not can_manage_topics(request.user):
        raise PermissionDenied
    formset = score_formset(request.POST or None, topic=topic, criteria=queries.active_criteria())
    if request.method == "POST" and formset.is_valid():
        try:
            actions.score_topic(acting_user=request.user, topic=topic, **formset.values())
        except ValidationError as error:
            _formset_errors(formset, error)
        else:
            messages.success(request, _("The scores have been saved."))
            return redirect(_section_url(topic, "scores"))
    return render(
        request,
        "topics/score_form.html",
        {"topic": topic, "formset": formset, "cancel_url": _section_url(topic, "scores")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def criteria_edit(request):
    if not can_manage_topics(request.user):
        raise PermissionDenied
    formset = criteria_formset(request.POST or None, criteria=queries.all_criteria())
    if request.method == "POST" and formset.is_valid():
        try:
            actions.configure_criteria(acting_user=request.user, **formset.values())
        except ValidationError as error:
            _formset_errors(formset, error)
        else:
            messages.success(
                request, _("The criteria have been saved; the ranking uses the new weights.")
            )
            return redirect("topics:topic_ranking")
    return render(
        request,
        "topics/criteria_form.html",
        {"formset": formset, "cancel_url": reverse("topics:topic_ranking")},
    )
