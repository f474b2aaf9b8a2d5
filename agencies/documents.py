"""Agencies as search finds them: by name (in Latin letters or the local script), licence number, country, status and
rating (see search.documents)."""

from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from search.analysis import SearchDocument
from search.documents import Kind, record


class AgencyDocument(SearchDocument):
    class Index:
        name = "agencies"


class AgencyKind(Kind):
    name = "agency"
    label = _("Agencies")
    document = AgencyDocument
    filters = frozenset({"country", "status", "min_rating"})

    def queryset(self):
        return Agency.objects.select_related("rating_summary").order_by("pk")

    def records(self, objects):
        return [record(self, agency, title=agency.name, alt_title=agency.name_local, licence=agency.licence_number,
                       text=agency.address, countries=[agency.country], status=agency.status,
                       rating=_average(agency))
                for agency in objects]

    def urls(self, hits, request):
        from agencies.selectors import agency_url_maker

        url = agency_url_maker(request=request)
        agencies = Agency.objects.only("pk", "country", "slug").in_bulk([hit.object_id for hit in hits])
        return {pk: url(agency) for pk, agency in agencies.items()}


def _average(agency):
    summary = getattr(agency, "rating_summary", None)
    return float(summary.average) if summary is not None and summary.average is not None else None


KINDS = [AgencyKind()]
