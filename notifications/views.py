"""Pages of the notifications app: the personal calendar feed, the staff unit's outbox and
sending a meeting's invitations.

Refusals: anonymous visitors are sent to the login, logged-in users without the right get 403;
neither changes anything. The feed itself needs no login: its secret token is the key.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.permissions import get_meeting_for_user

from . import actions, calendars, queries
from .permissions import can_send_invitations, can_use_calendar_feed, can_view_outbox

OUTBOX_PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
@login_required
def calendar_settings(request):
    if not can_use_calendar_feed(request.user):
        raise PermissionDenied
    if request.method == "POST":
        _feed, created = actions.renew_calendar_feed(acting_user=request.user)
        if not created:
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
    entries = queries.calendar_feed_entries(token)
    if entries is None:
        raise Http404
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


@login_required
@require_POST
def meeting_invite(request, pk):
    """Queue the meeting's invitations; a background job sends them once they are committed,
    and whatever the mail server does, they stay queued (the outbox retries them) and the
    meeting counts as invited."""
    if not can_send_invitations(request.user):
        raise PermissionDenied
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    try:
        result = actions.queue_meeting_invitation(meeting=meeting, acting_user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(meeting)
    _report_invitations(request, result)
    return redirect(meeting)


def _report_invitations(request, result):
    if result.queued:
        messages.success(
            request,
            ngettext(
                "%(count)d invitation is being sent.",
                "%(count)d invitations are being sent.",
                result.queued,
            )
            % {"count": result.queued},
        )
    elif result.unsent:
        messages.info(
            request,
            format_html(
                '{} <a class="kern-link" href="{}">{}</a>',
                ngettext(
                    "Nothing has changed; %(count)d invitation not sent yet is being sent again.",
                    "Nothing has changed; %(count)d invitations not sent yet are being sent again.",
                    result.unsent,
                )
                % {"count": result.unsent},
                reverse("notifications:outbox"),
                _("Go to the outbox"),
            ),
        )
    else:
        messages.info(
            request,
            _(
                "The invitations had already been sent and nothing has changed since; "
                "no invitation was sent again."
            ),
        )
    if result.without_email:
        names = ", ".join(str(person) for person in result.without_email)
        messages.warning(
            request,
            _("Not invited because they have no e-mail address: %(names)s.") % {"names": names},
        )
