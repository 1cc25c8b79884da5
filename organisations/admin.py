from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import Body, Function, OrgUnit, Person


@admin.register(Body)
class BodyAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "designation", "ags", "population", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "ags", "ars"]
    ordering = ["name"]
    autocomplete_fields = ["parent"]


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedModelAdmin):
    list_display = ["__str__", "body", "kind", "parent", "valid_from", "valid_until"]
    list_filter = ["kind", "body"]
    list_select_related = ["body", "parent"]
    search_fields = ["number", "name", "body__name"]
    ordering = ["body__name", "number", "name"]
    autocomplete_fields = ["body", "parent", "predecessors"]
    date_hierarchy = "valid_from"


@admin.register(Person)
class PersonAdmin(AuditedModelAdmin):
    list_display = ["family_name", "given_name", "title", "email", "phone", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["family_name", "given_name", "email"]
    ordering = ["family_name", "given_name"]


@admin.register(Function)
class FunctionAdmin(AuditedModelAdmin):
    list_display = ["title", "kind", "body", "org_unit", "person", "start_date", "end_date"]
    list_filter = ["kind", "body"]
    list_select_related = ["body", "org_unit", "person"]
    search_fields = ["title", "person__family_name", "person__given_name", "body__name"]
    ordering = ["body__name", "title"]
    autocomplete_fields = ["body", "org_unit", "person"]
