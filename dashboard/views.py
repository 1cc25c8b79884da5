from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from . import queries


@login_required
def dashboard(request):
    page = queries.dashboard(user=request.user, today=timezone.localdate())
    return render(request, "dashboard/dashboard.html", {"page": page})
