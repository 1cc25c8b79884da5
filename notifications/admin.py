from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import actions
from .models import CalendarFeed, OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The mail queue, read-only: mails are queued by the app and sent by deliver_pending."""

    list_display = ["subject", "state", "attempts", "created_at", "sent_at"]
    list_filter = ["state"]
    search_fields = ["subject", "dedup_key"]
    ordering = ["-created_at"]
    readonly_fields = [
        "dedup_key",
        "recipients",
        "subject",
        "body",
        "attachment_names",
        "state",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    ]
    exclude = ["attachments"]
    actions = ["send_now"]

    @admin.display(description=_("attachments"))
    def attachment_names(self, obj):
        return ", ".join(attachment["filename"] for attachment in obj.attachments) or "–"

    @admin.action(description=_("Send the selected mails now"))
    def send_now(self, request, queryset):
        result = actions.deliver_pending(mail_ids=list(queryset.values_list("pk", flat=True)))
        sent = ngettext("%(sent)d mail sent", "%(sent)d mails sent", result.sent)
        failed = ngettext("%(failed)d failed.", "%(failed)d failed.", result.failed)
        messages.info(
            request,
            f"{sent % {'sent': result.sent}}, {failed % {'failed': result.failed}}",
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Who has a calendar link; the token stays hidden, users renew it themselves."""

    list_display = ["user", "created_at"]
    search_fields = ["user__username", "user__last_name"]
    ordering = ["user__username"]
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
