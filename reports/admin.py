"""Progress reports in the Django admin, for administrators' corrections (audited)."""

from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import ProgressReport


@admin.register(ProgressReport)
class ProgressReportAdmin(AuditedModelAdmin):
    list_display = ("title", "committee", "period_start", "period_end", "status", "issued_on")
    list_filter = ("status", "committee")
    # The snapshot is what the report said when it was issued; it is never edited.
    exclude = ["version", "snapshot"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
