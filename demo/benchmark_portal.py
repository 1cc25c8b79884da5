"""Benchmark support for the public portal: published summaries on the bench county, and the
public pages to measure as an anonymous visitor."""

from django.utils import timezone

from portal.models import Publication
from portfolio.models import Initiative
from strategy.models import Goal

from .benchmark import Page

# One initiative in this many gets a published summary (the portal shows a selection).
INITIATIVE_SHARE = 4


def publish_summaries(*, user):
    """Publish every goal and every INITIATIVE_SHARE-th top-level initiative, written directly
    (bulk, no audit entries) as the bench county is; returns the count and one of each."""
    now = timezone.now()
    goals = list(Goal.objects.order_by("pk"))
    initiatives = list(
        Initiative.objects.filter(parent__isnull=True).order_by("pk")[::INITIATIVE_SHARE]
    )
    text = "Kurz erklärt: worum es geht, was sich ändert und wo es steht."
    Publication.objects.bulk_create(
        Publication(
            goal=subject if isinstance(subject, Goal) else None,
            initiative=subject if isinstance(subject, Initiative) else None,
            draft=text,
            summary=text,
            written_by=user,
            written_at=now,
            approved_by=user,
            approved_at=now,
            published_at=now,
            state=Publication.State.PUBLISHED,
        )
        for subject in [*goals, *initiatives]
    )
    counts = {"veröffentlichte Zusammenfassungen": len(goals) + len(initiatives)}
    return counts, goals[0].pk, initiatives[0].pk


def portal_pages(*, goal_id, initiative_id):
    return [
        Page("Portal: Startseite", "home"),
        Page("Portal: Ziel", "portal:goal", args=(goal_id,)),
        Page("Portal: Projekt", "portal:initiative", args=(initiative_id,)),
        Page("Portal: Beschlüsse", "portal:decisions"),
        Page("Portal: Beschlüsse gefiltert", "portal:decisions", query="state=DELAYED"),
        Page("Portal: Online erledigen", "portal:services"),
        Page("Portal: Online erledigen, Suche", "portal:services", query="q=an"),
        Page("Portal: Dokumente", "portal:documents"),
        Page("Portal: Atom-Feed", "portal:feed"),
    ]
