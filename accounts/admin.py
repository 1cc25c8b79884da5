from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User

# The admin is for administrators (users with is_staff) only; Django's own admin login keeps
# everyone else out.
admin.site.site_header = _("smartkreis administration")
admin.site.site_title = _("smartkreis administration")
admin.site.index_title = _("Reference data and register")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Role in smartkreis"), {"fields": ["role", "body", "org_unit", "person"]}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (
            _("Role in smartkreis"),
            {
                "classes": ["wide"],
                "fields": ["first_name", "last_name", "email", "role", "body", "org_unit"],
            },
        ),
    )
    list_display = [
        "username",
        "first_name",
        "last_name",
        "email",
        "role",
        "body",
        "org_unit",
        "is_staff",
        "is_active",
    ]
    list_filter = ["role", "is_staff", "is_superuser", "is_active", "body"]
    list_select_related = ["body", "org_unit"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["username"]
    autocomplete_fields = ["body", "org_unit", "person"]
