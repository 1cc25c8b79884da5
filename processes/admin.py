from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import BusinessProcess


@admin.register(BusinessProcess)
class BusinessProcessAdmin(AuditedModelAdmin):
    list_display = ("name", "org_unit", "cases_per_year", "digitisation", "is_demo")
    list_filter = ("digitisation", "is_demo")
    search_fields = ("name",)
    raw_id_fields = ("org_unit", "service", "topic")
