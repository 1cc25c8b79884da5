"""Committees, meetings and their work in the Django admin, for administrators' corrections.

Every edit is audited (AuditedModelAdmin). Decisions are recorded through the app, where an
approval also creates the initiative; the admin only corrects them.
"""

from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
)


class VersionedAuditedModelAdmin(AuditedModelAdmin):
    """Bumps `version` on every change, so forms opened before an admin edit see it as stale."""

    exclude = ["version"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(Organization)
class OrganizationAdmin(AuditedModelAdmin):
    list_display = ["name", "short_name", "kind", "body", "start_date", "end_date"]
    list_filter = ["kind", "body"]
    list_select_related = ["body"]
    search_fields = ["name", "short_name"]
    ordering = ["body__name", "name"]
    autocomplete_fields = ["body"]


@admin.register(LegislativeTerm)
class LegislativeTermAdmin(AuditedModelAdmin):
    list_display = ["name", "body", "start_date", "end_date"]
    list_filter = ["body"]
    list_select_related = ["body"]
    ordering = ["body__name", "-start_date"]


@admin.register(Location)
class LocationAdmin(AuditedModelAdmin):
    list_display = ["description", "street_address", "postal_code", "locality", "room"]
    search_fields = ["description", "street_address", "locality"]
    ordering = ["description"]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["person", "organization", "role", "function_title", "start_date", "end_date"]
    list_filter = ["role", "is_optional", "organization"]
    list_select_related = ["person", "organization"]
    search_fields = ["person__family_name", "person__given_name", "function_title"]
    ordering = ["organization__name", "person__family_name"]
    autocomplete_fields = ["organization", "person"]


@admin.register(Meeting)
class MeetingAdmin(VersionedAuditedModelAdmin):
    list_display = ["__str__", "organization", "start", "state", "minutes_approved_in"]
    list_filter = ["state", "organization"]
    list_select_related = ["organization", "minutes_approved_in__organization"]
    search_fields = ["name", "location", "organization__name"]
    ordering = ["-start"]
    autocomplete_fields = ["organization", "minutes_approved_in"]
    date_hierarchy = "start"


@admin.register(AgendaItem)
class AgendaItemAdmin(AuditedModelAdmin):
    list_display = ["__str__", "meeting", "kind", "topic"]
    list_filter = ["kind"]
    list_select_related = ["meeting__organization", "topic"]
    search_fields = ["title", "meeting__name", "topic__title"]
    ordering = ["-meeting__start", "position"]
    autocomplete_fields = ["meeting", "topic", "guests"]


@admin.register(Attendance)
class AttendanceAdmin(AuditedModelAdmin):
    list_display = ["person", "meeting", "status"]
    list_filter = ["status"]
    list_select_related = ["person", "meeting__organization"]
    search_fields = ["person__family_name", "person__given_name"]
    ordering = ["-meeting__start", "person__family_name"]
    autocomplete_fields = ["meeting", "person"]


@admin.register(Decision)
class DecisionAdmin(AuditedModelAdmin):
    list_display = ["__str__", "outcome", "priority", "decided_on", "initiative"]
    list_filter = ["outcome", "priority"]
    list_select_related = ["agenda_item__meeting__organization", "initiative"]
    search_fields = ["text", "agenda_item__title"]
    ordering = ["-decided_on", "-id"]
    autocomplete_fields = ["agenda_item", "initiative", "recorded_by"]
    readonly_fields = ["ranking_snapshot"]
    date_hierarchy = "decided_on"


@admin.register(ActionItem)
class ActionItemAdmin(VersionedAuditedModelAdmin):
    list_display = ["title", "meeting", "owner_person", "owner_unit", "due_date", "status"]
    list_filter = ["status"]
    list_select_related = ["meeting__organization", "owner_person", "owner_unit"]
    search_fields = ["title", "description"]
    ordering = ["due_date", "id"]
    autocomplete_fields = ["meeting", "decision", "owner_person", "owner_unit"]
    date_hierarchy = "due_date"
