"""Forms of the user management. They parse input; the rules live in user_management.actions.

Role, body, unit and person offer only what the manager may assign (see permissions), so an
id outside them is refused at its field.
"""

from django import forms
from django.contrib.auth import password_validation
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from organisations.models import Body, OrgUnit, Person

from . import permissions


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.body.short_name or obj.body.name}: {obj}"


class AssignmentForm(forms.Form):
    """Role, body, unit and the user management flag, limited to what `manager` may give."""

    role = forms.ChoiceField(label=_("Role"))
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none(), required=False)
    org_unit = UnitChoiceField(
        label=_("Organisational unit"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_("Needed for unit editors; the unit must belong to the body."),
    )
    manages_body_users = forms.BooleanField(
        label=_("Manages the users of their body"),
        required=False,
        help_text=_(
            "May invite, change and deactivate the users of their own body (e.g. a "
            "municipality's own administrator)."
        ),
    )

    def __init__(self, *args, manager, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        roles = permissions.grantable_roles(manager)
        if current is not None and current.role not in roles:
            roles = [User.Role(current.role), *roles]
        self.fields["role"].choices = [(role.value, role.label) for role in roles]
        self.fields["body"].queryset = permissions.assignable_bodies(manager).order_by(
            "kind", "name"
        )
        units = permissions.assignable_org_units(manager)
        if current is not None and current.org_unit_id:
            units = OrgUnit.objects.filter(Q(pk__in=units.values("pk")) | Q(pk=current.org_unit_id))
        self.fields["org_unit"].queryset = units.select_related("body").order_by(
            "body__name", "number", "name"
        )
        if permissions.manages_body_only(manager):
            self.fields["body"].required = True
            self.fields["body"].empty_label = None
            self.fields["body"].initial = manager.body_id

    def assignment(self):
        data = self.cleaned_data
        return {
            "role": data["role"],
            "body": data["body"],
            "org_unit": data["org_unit"],
            "manages_body_users": data["manages_body_users"],
        }


class InvitationForm(AssignmentForm):
    field_order = ["email", "role", "body", "org_unit", "manages_body_users"]

    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The invitation with the link to create the account goes to this address."),
    )

    def values(self):
        return {"email": self.cleaned_data["email"], **self.assignment()}


class UserEditForm(AssignmentForm):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Optional: the person of the organisation this account belongs to."),
    )

    def __init__(self, *args, manager, current, **kwargs):
        super().__init__(*args, manager=manager, current=current, **kwargs)
        self.fields["person"].queryset = permissions.linkable_people(manager, current).order_by(
            "family_name", "given_name", "pk"
        )

    def values(self):
        return {**self.assignment(), "person": self.cleaned_data["person"]}


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        help_text=_("You log in with it. Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The rules of the configured password validators, as they describe themselves.
        self.fields["password1"].help_text = " ".join(
            password_validation.password_validators_help_texts()
        )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        return cleaned

    def values(self):
        data = self.cleaned_data
        return {
            "username": data["username"],
            "password": data["password1"],
            "first_name": data["first_name"],
            "last_name": data["last_name"],
        }
