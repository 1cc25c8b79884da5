"""Council decisions in the Django admin, for administrators' corrections (audited)."""

from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import CouncilDecision


@admin.register(CouncilDecision)
class CouncilDecisionAdmin(AuditedModelAdmin):
    list_display = ("__str__", "decided_on", "state", "owner_unit", "deadline", "done_on")
    list_filter = ("state",)
    raw_id_fields = ("consultation", "initiatives", "action_items")
    exclude = ["version"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
