"""The topic submissions in the Django admin, for administrators' corrections (all audited)."""

from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import PriorityCriterion, Statement, Topic, TopicScore


@admin.register(Topic)
class TopicAdmin(AuditedModelAdmin):
    list_display = ["title", "submitting_body", "status", "deadline", "submitted_at"]
    list_filter = ["status", "submitting_body", "fields"]
    list_select_related = ["submitting_body"]
    search_fields = ["title", "problem", "proposal"]
    ordering = ["-submitted_at"]
    autocomplete_fields = [
        "submitted_by",
        "submitting_body",
        "submitting_unit",
        "affected_bodies",
        "affected_units",
    ]
    filter_horizontal = ["fields"]
    exclude = ["version"]

    def save_model(self, request, obj, form, change):
        # Forms opened before an admin edit then see it as stale.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(PriorityCriterion)
class PriorityCriterionAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "weight", "lowers_priority", "is_active", "position"]
    ordering = ["position", "name"]
    search_fields = ["name", "code"]


@admin.register(TopicScore)
class TopicScoreAdmin(AuditedModelAdmin):
    list_display = ["topic", "criterion", "score"]
    list_select_related = ["topic", "criterion"]
    list_filter = ["criterion"]
    search_fields = ["topic__title"]
    ordering = ["topic__title", "criterion__position"]
    autocomplete_fields = ["topic"]


@admin.register(Statement)
class StatementAdmin(AuditedModelAdmin):
    list_display = ["topic", "kind", "result", "given_on", "override_reason"]
    list_select_related = ["topic"]
    list_filter = ["kind", "result"]
    search_fields = ["topic__title", "text"]
    ordering = ["topic__title", "kind"]
    autocomplete_fields = ["topic", "given_by", "overridden_by"]
