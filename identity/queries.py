"""Reads of the identity app."""

from .models import ExternalAccount, GroupRule


def group_rules_by_source():
    """Each source (OpenID Connect, directory) with its rules in the order they are tried."""
    rules = GroupRule.objects.select_related("body", "org_unit")
    return [
        {"source": source, "rules": [rule for rule in rules if rule.source == source.value]}
        for source in GroupRule.Source
    ]


def external_accounts_for(user):
    """The user's accounts at the identity provider and in the directory, with the groups of
    their last login and whether the source has disabled them."""
    return ExternalAccount.objects.filter(user=user).order_by("source", "issuer")
