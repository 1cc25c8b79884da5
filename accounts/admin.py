from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import User

# The admin is for administrators (users with is_staff) only; Django's own admin login keeps
# everyone else out.
admin.site.site_header = _("smartkreis administration")
admin.site.site_title = _("smartkreis administration")
admin.site.index_title = _("Reference data and register")


def _login_through_the_app(request, extra_context=None):
    """The admin has no login of its own: the app's, with its second factor, serves it. Who is
    logged in but no administrator gets the 403 page instead of a second login form."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


admin.site.login = _login_through_the_app


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
