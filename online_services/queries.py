"""Reads of the offer pages; each runs a fixed number of queries whatever the data size."""

from django.db.models import Count, Prefetch, Q

from organisations.models import Body

from .models import (
    MaturityAssessment,
    RolloutStatus,
    ServiceOffer,
    SharedSolution,
    SolutionRollout,
)
from .permissions import visible_bodies, visible_bodies_filter


def bodies_with_offer_counts(user):
    return visible_bodies(user).annotate(
        offer_count=Count("service_offers"),
        online_count=Count(
            "service_offers", filter=Q(service_offers__status=ServiceOffer.Status.ONLINE)
        ),
    )


def offers_of_body(body, *, status=""):
    offers = ServiceOffer.objects.filter(body=body).select_related(
        "service", "service__topic", "solution", "current_model"
    )
    if status:
        offers = offers.filter(status=status)
    return offers.order_by("service__name", "pk")


def assessment_history(offer):
    return (
        MaturityAssessment.objects.filter(offer=offer)
        .select_related("model", "assessed_by")
        .prefetch_related("criteria_met")
        .order_by("-assessed_on", "-pk")
    )


def solutions_with_counts(user):
    """Shared solutions with the number of bodies (visible to `user`) where each is live."""
    visible_ids = Body.objects.filter(visible_bodies_filter(user)).values("pk")
    return SharedSolution.objects.annotate(
        live_count=Count(
            "rollouts",
            filter=Q(rollouts__status=RolloutStatus.LIVE, rollouts__body__in=visible_ids),
            distinct=True,
        ),
        service_count=Count("services", distinct=True),
    ).order_by("name")


def solution_rollouts(user, solution):
    """The solution's roll-outs in every body `user` reads (a row per body, status or None)."""
    bodies = list(
        visible_bodies(user).prefetch_related(
            Prefetch(
                "solution_rollouts",
                queryset=SolutionRollout.objects.filter(solution=solution),
                to_attr="rollouts_here",
            )
        )
    )
    return [(body, body.rollouts_here[0] if body.rollouts_here else None) for body in bodies]


def solution_rollout_in(solution, body):
    """The status of the shared `solution` in `body`, or None while none has been set."""
    return SolutionRollout.objects.filter(solution=solution, body=body).first()
