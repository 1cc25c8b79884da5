from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import FieldOfAction, Goal, Indicator, IndicatorValue


class VersionedAuditedModelAdmin(AuditedModelAdmin):
    """Bumps `version` on every change, so forms opened before an admin edit see it as stale."""

    exclude = ["version"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(FieldOfAction)
class FieldOfActionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_cross_cutting", "position"]
    list_filter = ["is_cross_cutting"]
    search_fields = ["name", "code"]
    ordering = ["position", "name"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Goal)
class GoalAdmin(VersionedAuditedModelAdmin):
    list_display = ["title", "field", "owner_unit", "target_date", "position"]
    list_filter = ["field"]
    list_select_related = ["field", "owner_unit"]
    search_fields = ["title", "description"]
    ordering = ["field__position", "position", "title"]
    autocomplete_fields = ["field", "owner_unit"]


@admin.register(Indicator)
class IndicatorAdmin(VersionedAuditedModelAdmin):
    list_display = ["name", "goal", "unit", "baseline_value", "target_value", "target_date"]
    list_filter = ["goal__field"]
    list_select_related = ["goal"]
    search_fields = ["name", "description", "source"]
    ordering = ["name"]
    autocomplete_fields = ["goal"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(AuditedModelAdmin):
    list_display = ["indicator", "measured_on", "value", "note"]
    list_select_related = ["indicator"]
    search_fields = ["indicator__name", "note"]
    ordering = ["indicator__name", "-measured_on"]
    autocomplete_fields = ["indicator"]
    date_hierarchy = "measured_on"
