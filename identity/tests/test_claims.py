"""Reading the subject and the groups from the claims, as the providers send them."""

import pytest

from identity.oidc import claim_value, groups_from_claims

ADFS_GROUPS = "http://schemas.xmlsoap.org/claims/Group"


@pytest.mark.parametrize(
    ("claim", "claims", "groups"),
    [
        ("groups", {"groups": ["a", "b"]}, ["a", "b"]),
        ("roles", {"roles": "Smartkreis.Admin"}, ["Smartkreis.Admin"]),
        ("realm_access.roles", {"realm_access": {"roles": ["x"]}}, ["x"]),
        (ADFS_GROUPS, {ADFS_GROUPS: ["Domain Users"]}, ["Domain Users"]),
        ("realm_access.roles", {"realm_access": ["not", "a", "mapping"]}, []),
        ("groups", {}, []),
        ("groups", {"groups": {"odd": "shape"}}, []),
    ],
)
def test_groups_come_from_the_configured_claim(settings, claim, claims, groups):
    settings.OIDC_GROUPS_CLAIM = claim

    assert groups_from_claims(claims) == groups


def test_a_claim_with_the_full_dotted_name_wins_over_the_path():
    claims = {"a.b": "whole", "a": {"b": "nested"}}

    assert claim_value(claims, "a.b") == "whole"
    assert claim_value({"a": {"b": "nested"}}, "a.b") == "nested"
