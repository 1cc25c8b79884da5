from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import Initiative
from .permissions import get_initiative_for_user, visible_initiatives_filter


@login_required
def initiative_list(request):
    initiatives = (
        Initiative.objects.filter(visible_initiatives_filter(request.user))
        .distinct()
        .order_by("title")
    )
    return render(request, "portfolio/initiative_list.html", {"initiatives": initiatives})


@login_required
def initiative_detail(request, pk):
    initiative = get_initiative_for_user(request.user, pk)
    return render(request, "portfolio/initiative_detail.html", {"initiative": initiative})
