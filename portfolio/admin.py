"""The register in the Django admin, for administrators' corrections.

Every edit is audited (AuditedModelAdmin); edits of reports, milestones and sub-initiatives
recompute the initiative's derived values (progress, traffic light, reporting dates), as the
app's actions do.
"""

from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .actions import refresh_derived_state
from .models import BudgetLine, Initiative, InitiativeLink, Milestone, StatusReport


class VersionedAuditedModelAdmin(AuditedModelAdmin):
    """Bumps `version` on every change, so forms opened before an admin edit see it as stale."""

    exclude = ["version"]

    def save_model(self, request, obj, form, change):
        if change and hasattr(obj, "version"):
            obj.version += 1
        super().save_model(request, obj, form, change)


class RefreshesInitiativeMixin:
    """Recomputes the derived values of the initiative an object belongs to."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_derived_state(form.instance.initiative)

    def delete_model(self, request, obj):
        initiative = obj.initiative
        super().delete_model(request, obj)
        refresh_derived_state(initiative)


@admin.register(Initiative)
class InitiativeAdmin(VersionedAuditedModelAdmin):
    list_display = [
        "title",
        "owner_body",
        "owner_unit",
        "status",
        "priority",
        "traffic_light",
        "progress",
        "next_report_due",
    ]
    list_filter = ["status", "priority", "traffic_light", "reporting_cycle", "owner_body", "fields"]
    list_select_related = ["owner_body", "owner_unit"]
    search_fields = ["title", "description"]
    ordering = ["title"]
    autocomplete_fields = [
        "owner_body",
        "owner_unit",
        "participating_bodies",
        "parent",
        "goals",
        "indicators",
    ]
    filter_horizontal = ["fields"]
    readonly_fields = ["progress", "traffic_light", "last_report_on", "next_report_due"]
    date_hierarchy = "start_date"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_derived_state(form.instance)


@admin.register(InitiativeLink)
class InitiativeLinkAdmin(AuditedModelAdmin):
    list_display = ["title", "initiative", "url"]
    list_select_related = ["initiative"]
    search_fields = ["title", "url", "initiative__title"]
    ordering = ["initiative__title", "title"]
    autocomplete_fields = ["initiative"]


@admin.register(BudgetLine)
class BudgetLineAdmin(VersionedAuditedModelAdmin):
    list_display = [
        "initiative",
        "year",
        "amount",
        "funding_source",
        "grant_programme",
        "grant_amount",
    ]
    list_filter = ["funding_source", "year"]
    list_select_related = ["initiative"]
    search_fields = ["initiative__title", "grant_programme", "note"]
    ordering = ["initiative__title", "year"]
    autocomplete_fields = ["initiative"]


@admin.register(Milestone)
class MilestoneAdmin(RefreshesInitiativeMixin, VersionedAuditedModelAdmin):
    list_display = ["title", "initiative", "planned_date", "actual_date"]
    list_select_related = ["initiative"]
    search_fields = ["title", "description", "initiative__title"]
    ordering = ["planned_date", "title"]
    autocomplete_fields = ["initiative"]
    date_hierarchy = "planned_date"


@admin.register(StatusReport)
class StatusReportAdmin(RefreshesInitiativeMixin, AuditedModelAdmin):
    list_display = ["initiative", "reported_on", "overall", "schedule", "cost", "scope", "author"]
    list_filter = ["overall", "schedule", "cost", "scope"]
    list_select_related = ["initiative", "author"]
    search_fields = ["initiative__title", "summary"]
    ordering = ["-reported_on", "-id"]
    autocomplete_fields = ["initiative", "author"]
    date_hierarchy = "reported_on"
