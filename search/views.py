"""The search page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import querytext
from .forms import SearchForm
from .queries import SearchResults

PAGE_SIZE = 20


@require_GET
@login_required
def search(request):
    form = SearchForm(request.GET or None, user=request.user)
    context = {"form": form, "page_obj": None, "hints": []}
    if form.is_bound and form.is_valid():
        parsed = querytext.parse(form.cleaned_data["q"])
        if form.cleaned_data["q"].strip():
            context["hints"] = parsed.hints
            results = SearchResults(request.user, parsed, form.filters())
            context["page_obj"] = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
            params = request.GET.copy()
            params.pop("page", None)
            context["query"] = params.urlencode()
    return render(request, "search/search.html", context)
