from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import AccessibilityStatement, Feedback, LegalText


@admin.register(LegalText)
class LegalTextAdmin(AuditedModelAdmin):
    list_display = ("kind", "revised_on")


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(AuditedModelAdmin):
    list_display = ("operator", "compliance", "reviewed_on")


@admin.register(Feedback)
class FeedbackAdmin(AuditedModelAdmin):
    list_display = ("reference", "received_at", "due_date", "state")
    list_filter = ("state",)
    readonly_fields = ("received_at", "message", "page_address", "contact_name", "contact_email")
