"""Reads of the agency registry for pages and other apps."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from agencies.models import Agency, AgencyStatus, LicenceEvent, RefreshRun, Source
from agencies.text import normalise_licence, normalise_name
from config.generations import generation
from reviews.selectors import rating_annotate

MAX_QUERY_LENGTH = 200
CACHE_SECONDS = 600
CACHE_GENERATION = "agencies"  # bumped by every applied import (agencies.services)
SUGGESTIONS = 5


@dataclass
class LicenceCheck:
    """The answer to "is this agency licensed?": the agencies that match, or close names and what was searched."""

    query: str
    matches: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    sources: list = field(default_factory=list)


def sources_as_of(*, country=None):
    """The registries Lantern reads, each with `as_of`: when its latest applied run read it (None if never); cached
    until the next import."""
    def read():
        sources = Source.objects.annotate(
            as_of=Max(Coalesce("runs__fetched_at", "runs__finished_at"), filter=Q(runs__state=RefreshRun.State.APPLIED))
        )
        return list(sources.filter(country=country) if country else sources)

    return cache.get_or_set(f"agencies:sources:{generation(CACHE_GENERATION)}:{country}", read, CACHE_SECONDS)


def agency_countries():
    """Countries that have at least one agency, with how many, for the directory links; cached until the next import."""
    return cache.get_or_set(
        f"agencies:countries:{generation(CACHE_GENERATION)}",
        lambda: list(Agency.objects.values("country").annotate(agencies=Count("id")).order_by("country")),
        CACHE_SECONDS,
    )


def agency_close_matches(*, query, country=None, limit=SUGGESTIONS):
    """Agencies whose names are close to the query, best first, as the site's search finds them (a typo or two in a
    name, the name in the local script)."""
    from search.services import search, search_query  # search reads agencies' documents, which import these models

    results = search(search_query(text=query, kinds=("agency",), country=country or ""))
    ids = [hit.object_id for hit in results.hits][:limit]
    agencies = Agency.objects.select_related("source").in_bulk(ids)
    return [agencies[pk] for pk in ids if pk in agencies]


def agency_licence_check(*, query, country=None):
    """Looks an agency up by licence number, then by name; suggests close names when nothing matches."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    check = LicenceCheck(query=query, sources=sources_as_of(country=country))
    if not query:
        return check
    agencies = Agency.objects.select_related("source").order_by("normalised_name")
    if country:
        agencies = agencies.filter(country=country)
    check.matches = list(agencies.filter(licence_key=normalise_licence(query))[:SUGGESTIONS])
    if not check.matches and (normalised := normalise_name(query)):
        check.matches = list(agencies.filter(normalised_name=normalised)[:SUGGESTIONS])
    if not check.matches:
        check.suggestions = agency_close_matches(query=query, country=country)
    return check


def agency_directory(*, country, status=None, min_rating=None, sort="name"):
    """A country's agencies with their workers' rating, by name or best rated first, optionally filtered."""
    agencies = rating_annotate(Agency.objects.filter(country=country).select_related("source"))  # the card names it
    if status:
        agencies = agencies.filter(status=status)
    if min_rating:
        agencies = agencies.filter(rating__gte=min_rating)
    if sort == "rating":
        return agencies.order_by("-rating", "-review_count", "normalised_name")
    return agencies.order_by("normalised_name")


def agency_by_id(*, pk):
    return Agency.objects.filter(pk=pk).first()


def agency_names(*, ids):
    """{id: name} of the agencies with these ids, in one query."""
    return dict(Agency.objects.filter(pk__in=ids).values_list("pk", "name"))


def agency_url_maker(*, request):
    """A function giving an agency's page on the site (in the visitor's language where there is one), or None."""
    from agencies.pages import AgencyIndexPage  # pages import these selectors

    page = AgencyIndexPage.objects.live().first()
    page = page and page.localized
    base = page and page.get_url(request)

    def url(agency):
        if not base:
            return None
        return base + page.reverse_subpage("agency", kwargs={"country": agency.country.lower(), "slug": agency.slug})

    return url


def agency_get(*, country, slug):
    return Agency.objects.select_related("source", "rating_summary").get(country=country, slug=slug)


def agency_history(*, agency):
    return list(LicenceEvent.objects.filter(agency=agency).select_related("run"))


def agency_effective_status(agency, today=None):
    """The status a worker should act on: a "valid" licence past its end date has expired, whatever the list says."""
    today = today or timezone.localdate()
    if agency.status == AgencyStatus.VALID and agency.valid_until and agency.valid_until < today:
        return AgencyStatus.EXPIRED
    return agency.status
