"""Reads of the agency registry for pages and other apps."""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from agencies.models import Agency, AgencyStatus, LicenceEvent, RefreshRun, Source
from agencies.text import name_tokens, normalise_licence, normalise_name, token_keys

MAX_QUERY_LENGTH = 200
CANDIDATES = 100
SUGGESTIONS = 5
MIN_SIMILARITY = 0.55


@dataclass
class LicenceCheck:
    """The answer to "is this agency licensed?": the agencies that match, or close names and what was searched."""

    query: str
    matches: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    sources: list = field(default_factory=list)


def sources_as_of(*, country=None):
    """The registries Lantern reads, each with `as_of`: when its latest applied run read it (None if never)."""
    sources = Source.objects.annotate(
        as_of=Max(Coalesce("runs__fetched_at", "runs__finished_at"), filter=Q(runs__state=RefreshRun.State.APPLIED))
    )
    return list(sources.filter(country=country) if country else sources)


def agency_countries():
    """Countries that have at least one agency, with how many, for the directory links."""
    return list(Agency.objects.values("country").annotate(agencies=Count("id")).order_by("country"))


def agency_close_matches(*, query, country=None, limit=SUGGESTIONS):
    """Agencies whose names are close to the query, best first; a word needs its first or last letters right."""
    normalised = normalise_name(query[:MAX_QUERY_LENGTH])
    keys = {key for token in name_tokens(normalised) for key in token_keys(token)}
    if not keys:
        return []
    hits = Agency.objects.filter(tokens__key__in=keys)
    if country:
        hits = hits.filter(country=country)
    candidates = hits.values("pk").annotate(hits=Count("pk")).order_by("-hits")[:CANDIDATES]
    names = Agency.objects.filter(pk__in=[row["pk"] for row in candidates]).values_list("pk", "normalised_name")
    scored = sorted(
        ((SequenceMatcher(None, normalised, name).ratio(), pk) for pk, name in names), reverse=True
    )
    best = [pk for score, pk in scored[:limit] if score >= MIN_SIMILARITY]
    agencies = Agency.objects.select_related("source").in_bulk(best)
    return [agencies[pk] for pk in best]


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


def agency_directory(*, country, status=None):
    """A country's agencies, by name, optionally of one status."""
    agencies = Agency.objects.filter(country=country).order_by("normalised_name")
    return agencies.filter(status=status) if status else agencies


def agency_get(*, country, slug):
    return Agency.objects.select_related("source").get(country=country, slug=slug)


def agency_history(*, agency):
    return list(LicenceEvent.objects.filter(agency=agency).select_related("run"))


def agency_effective_status(agency, today=None):
    """The status a worker should act on: a "valid" licence past its end date has expired, whatever the list says."""
    today = today or timezone.localdate()
    if agency.status == AgencyStatus.VALID and agency.valid_until and agency.valid_until < today:
        return AgencyStatus.EXPIRED
    return agency.status
