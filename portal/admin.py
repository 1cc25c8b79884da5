"""Publications in the Django admin, for administrators' corrections (audited)."""

from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import Publication


@admin.register(Publication)
class PublicationAdmin(AuditedModelAdmin):
    list_display = ("__str__", "state", "approved_at", "published_at")
    list_filter = ("state",)
    raw_id_fields = ("goal", "initiative", "written_by", "approved_by")
    exclude = ["version"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
