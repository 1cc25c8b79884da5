from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import Goal


@login_required
def goal_list(request):
    goals = Goal.objects.select_related("field").order_by("field__position", "position")
    return render(request, "strategy/goal_list.html", {"goals": goals})
