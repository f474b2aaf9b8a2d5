"""The agency pages as one Wagtail page: licence check, a directory per country, and each agency's page."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from agencies import selectors
from agencies.forms import DirectoryFilterForm, LicenceCheckForm
from agencies.models import Agency
from content import selectors as content_selectors
from reviews import selectors as review_selectors

DIRECTORY_PAGE_SIZE = 50
REVIEWS_PAGE_SIZE = 20


class AgencyIndexPage(RoutablePageMixin, Page):
    """Check an agency: where workers learn whether an agency is licensed and what happened to its licence."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True,
                             help_text=_("A sentence or two above the licence check box."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("agency licence check")

    @path("")
    def licence_check(self, request):
        countries = [source.country for source in selectors.sources_as_of()]
        form = LicenceCheckForm(request.GET or None, countries=sorted(set(countries)))
        result = None
        if form.is_valid() and form.cleaned_data["q"]:
            result = selectors.agency_licence_check(query=form.cleaned_data["q"], country=form.cleaned_data["country"] or None)
        return self.render(request, context_overrides={
            "form": form, "result": result, "countries": selectors.agency_countries(),
        })

    @path("<str:country>/")
    def directory(self, request, country):
        country = country.upper()
        sources = selectors.sources_as_of(country=country)
        if not sources:
            raise Http404
        form = DirectoryFilterForm(request.GET)
        form.is_valid()
        chosen = form.cleaned_data  # the valid choices only: an odd value in the address leaves the others standing
        sort = chosen.get("sort") or "name"
        agencies = Paginator(selectors.agency_directory(
            country=country, status=chosen.get("status"), min_rating=chosen.get("min_rating"), sort=sort,
        ), DIRECTORY_PAGE_SIZE)
        return render(request, "agencies/directory.html", {
            "page": self, "country": country, "sources": sources, "form": form, "sort": sort,
            "agencies": agencies.get_page(request.GET.get("page")),
            "query": urlencode({key: value for key, value in chosen.items() if value}),  # the choices, for other pages
        })

    @path("<str:country>/<slug:slug>/")
    def agency(self, request, country, slug):
        try:
            agency = selectors.agency_get(country=country.upper(), slug=slug)
        except Agency.DoesNotExist:
            raise Http404 from None
        summary = review_selectors.rating_summary(agency=agency)
        reviews = Paginator(review_selectors.agency_reviews(agency=agency), REVIEWS_PAGE_SIZE)
        reviews.count = summary.count if summary else 0  # the summary counts the published reviews: no COUNT query
        return render(request, "agencies/agency.html", {
            "page": self, "agency": agency, "history": selectors.agency_history(agency=agency),
            "sources": selectors.sources_as_of(country=agency.country), "summary": summary,
            "reviews": reviews.get_page(request.GET.get("page")),
            "represented": review_selectors.represented_agency_ids(user=request.user),
            "guides": content_selectors.guides_for_country(country=agency.country, request=request),
        })
