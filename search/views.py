"""The search page and the name suggestions of the search box."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.coreutils import get_supported_content_language_variant

from search import services
from search.forms import SearchForm, facet_label
from search.query import PAGE_SIZE


class _Counted:
    """The hits of one page standing for all `total` of them, so that a Paginator can number the pages."""

    def __init__(self, total, hits):
        self.total, self.hits = total, hits

    def count(self):
        return self.total

    def __getitem__(self, part):
        return self.hits


def _link(chosen, **changes):
    """The search address with `chosen` (the valid choices) changed; a None drops a choice; the page starts again."""
    params = {**chosen, **changes}
    return "?" + urlencode({name: value for name, value in params.items() if value not in (None, "") and name != "page"})


@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    chosen = {name: data[name] for name in ("q", "kind", *form.filters) if data.get(name)}
    query = services.search_query(
        text=data.get("q", ""), kinds=(data["kind"],) if data.get("kind") else (), page=data.get("page", 1),
        locale=get_supported_content_language_variant(get_language()), **form.filters)
    results = services.search(query, request=request)
    facets = [
        (name, [{"label": facet_label(name, value), "count": count, "url": _link(chosen, **{name: value}),
                 "current": chosen.get(name) == value} for value, count in values])
        for name, values in results.facets.items()
    ]
    for group in results.groups:
        group.label, group.more_url = facet_label("kind", group.kind), _link(chosen, kind=group.kind)
        for hit in group.hits:
            hit.status_label = facet_label("status", hit.status) if hit.status else ""
    paged = None
    if query.kinds and results.groups:
        group = results.groups[0]
        paged = Paginator(_Counted(group.total, group.hits), PAGE_SIZE).get_page(query.page)
    return render(request, "search/results.html", {
        "form": form, "results": results, "query": query, "facets": facets, "page": paged,
        "chosen": [{"name": name, "value": value, "label": facet_label(name, value), "url": _link(chosen, **{name: None})}
                   for name, value in chosen.items() if name != "q"],
        "query_string": urlencode(chosen),
    })


@require_GET
@cache_control(public=True, max_age=300)
def suggest(request):
    """Agency names for the search box, as JSON: ["Bright Horizon Manpower Services", ...]."""
    return JsonResponse(services.suggest(text=request.GET.get("q", "")), safe=False)
