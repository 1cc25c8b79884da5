from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import Body


@login_required
def body_list(request):
    bodies = Body.objects.order_by("kind", "name")
    return render(request, "organisations/body_list.html", {"bodies": bodies})
