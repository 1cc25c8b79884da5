from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditedModelAdmin

from .models import ImportProblem, ImportRun, ListCheckpoint, OParlSource


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CheckpointInline(ReadOnlyInline):
    model = ListCheckpoint
    fields = ["list_url", "next_url", "done"]
    readonly_fields = fields


class ProblemInline(ReadOnlyInline):
    model = ImportProblem
    fields = ["object_id", "message"]
    readonly_fields = fields


@admin.register(OParlSource)
class OParlSourceAdmin(AuditedModelAdmin):
    """Sources are made by `import_oparl`; here they can be looked at, given further allowed
    hosts, or removed."""

    list_display = ["__str__", "system_url", "last_success_started_at", "pending_started_at"]
    fields = [
        "system_url",
        "name",
        "allowed_hosts",
        "last_success_started_at",
        "pending_started_at",
        "pending_modified_since",
    ]
    readonly_fields = [
        "system_url",
        "last_success_started_at",
        "pending_started_at",
        "pending_modified_since",
    ]
    inlines = [CheckpointInline]

    def has_add_permission(self, request):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["source", "started_at", "finished_at", "status", "problem_count"]
    list_filter = ["status", "source"]
    inlines = [ProblemInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("source")
            .annotate(number_of_problems=Count("problems"))
        )

    @admin.display(description=_("problems"), ordering="number_of_problems")
    def problem_count(self, obj):
        return obj.number_of_problems

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
