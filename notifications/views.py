"""Pages of the notifications app: the personal calendar feed and the staff unit's outbox.

Refusals: anonymous visitors are sent to the login, logged-in users without the right get 403;
neither changes anything. The feed itself needs no login: its secret token is the key.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import actions, calendars, queries
from .permissions import can_use_calendar_feed, can_view_outbox

OUTBOX_PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
@login_required
def calendar_settings(request):
    if not can_use_calendar_feed(request.user):
        raise PermissionDenied
    if request.method == "POST":
        had_feed = queries.calendar_feed_for_user(request.user) is not None
        actions.renew_calendar_feed(acting_user=request.user)
        if had_feed:
            messages.success(
                request,
                _("Your calendar link has been renewed. The old link no longer works."),
            )
        else:
            messages.success(request, _("Your calendar link has been created."))
        return redirect("notifications:calendar")
    feed = queries.calendar_feed_for_user(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("notifications:calendar_feed", args=[feed.token]))
        if feed
        else ""
    )
    context = {"feed": feed, "feed_url": feed_url, "has_person": request.user.person_id is not None}
    return render(request, "notifications/calendar_settings.html", context)


@require_GET
def calendar_feed(request, token):
    feed = queries.calendar_feed_by_token(token)
    if feed is None:
        raise Http404
    entries = queries.feed_entries(feed.user.person)
    body = calendars.feed_ics(entries, name=_("smartkreis meetings"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="smartkreis.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def outbox(request):
    if not can_view_outbox(request.user):
        raise PermissionDenied
    page_obj = Paginator(queries.undelivered_mails(), OUTBOX_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/outbox.html", {"page_obj": page_obj, "query": ""})


@login_required
@require_POST
def outbox_send(request):
    if not can_view_outbox(request.user):
        raise PermissionDenied
    result = actions.deliver_pending()
    if result.failed:
        messages.warning(
            request,
            _("%(sent)d mail(s) sent, %(failed)d failed again; they stay in the outbox.")
            % {"sent": result.sent, "failed": result.failed},
        )
    else:
        messages.success(request, _("%(sent)d mail(s) sent.") % {"sent": result.sent})
    return redirect("notifications:outbox")
