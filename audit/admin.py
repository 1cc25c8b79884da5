from django.contrib import admin

from .models import AuditEntry
from .recording import record_change, snapshot


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes write audit entries, like the app's actions do."""

    def save_model(self, request, obj, form, change):
        if change:
            stored = type(obj)._default_manager.get(pk=obj.pk)
            request._audit_before = snapshot(stored)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # Many-to-many values are saved here, so the entry is written after them.
        super().save_related(request, form, formsets, change)
        record_change(
            actor=request.user,
            action=AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE,
            obj=form.instance,
            before=getattr(request, "_audit_before", None),
            source=AuditEntry.Source.ADMIN,
        )

    def delete_model(self, request, obj):
        record_change(
            actor=request.user,
            action=AuditEntry.Action.DELETE,
            obj=obj,
            source=AuditEntry.Source.ADMIN,
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_name", "source", "action", "subject_repr"]
    list_filter = ["action", "source", "subject_type"]
    search_fields = ["subject_repr", "actor_name"]
    ordering = ["-created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
