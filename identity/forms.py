from django import forms

from .models import GroupRule


class GroupRuleForm(forms.ModelForm):
    """A group rule; the model's constraints (a unit editor needs a unit, a municipality
    editor a body, one rule per group) give the German messages."""

    class Meta:
        model = GroupRule
        fields = ["source", "group", "role", "body", "org_unit", "position"]
