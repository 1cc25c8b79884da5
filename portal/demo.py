"""The demo's plain-language summaries on the public portal, from demo/data/portal.toml.

Run after demo.loading's own steps (the goals, initiatives and demo logins exist). Through
portal.actions: the staff unit's demo login writes, the demo administrator approves, so the
portal at "/" shows them. Idempotent: a goal or initiative with a publication is left alone.
"""

from accounts.models import User
from portfolio.models import Initiative

from . import actions
from .models import Publication

KIND = "Veröffentlichte Zusammenfassungen"


def load_demo_portal(loader):
    """Write and publish the summaries of the demo's goals and initiatives that have none."""
    writer = User.objects.get(username="stabsstelle")
    approver = User.objects.get(username="admin")
    subjects = [(loader.goals[key], spec) for key, spec in loader.data.goal_summaries.items()]
    subjects += [
        (Initiative.objects.filter(title=title, parent__isnull=True).order_by("pk").first(), spec)
        for title, spec in loader.data.initiative_summaries.items()
    ]
    for subject, spec in subjects:
        if Publication.objects.filter(**{_subject_field(subject): subject}).exists():
            continue
        publication = actions.write_summary(
            acting_user=writer, subject=subject, text=spec["summary"]
        )
        actions.publish_summary(acting_user=approver, publication=publication)
        if "draft" in spec:
            actions.write_summary(acting_user=writer, subject=subject, text=spec["draft"])
        loader.result.created[KIND] += 1


def _subject_field(subject):
    return "initiative" if isinstance(subject, Initiative) else "goal"
