"""Money transfer providers as search finds them: their fact-checked pages (see search.documents)."""

from django.utils.translation import gettext_lazy as _

from content.documents import page_text
from remittance.models import Corridor
from remittance.pages import ProviderPage
from search.analysis import SearchDocument
from search.documents import Kind, record


class ProviderDocument(SearchDocument):
    class Index:
        name = "providers"


class ProviderKind(Kind):
    name = "provider"
    label = _("Money transfer providers")
    document = ProviderDocument
    filters = frozenset({"country", "language"})

    def queryset(self):
        return ProviderPage.objects.select_related("locale", "provider").order_by("pk")

    def records(self, objects):
        pages = [page for page in objects if page.live]
        countries = {}
        for provider, sending, receiving in Corridor.objects.filter(
                products__provider__in={page.provider_id for page in pages}).values_list(
                "products__provider", "sending_country", "receiving_country").distinct():
            countries.setdefault(provider, set()).update((sending, receiving))
        return [record(self, page, language=page.locale.language_code, group=str(page.translation_key),
                       title=page.provider.name or page.title,
                       text=" ".join(filter(None, [page.title, page.provider.licence,
                                                   page_text(page, "intro", "what_to_check"), page.provider.complaints])),
                       countries=sorted(countries.get(page.provider_id, ())), languages=[page.locale.language_code])
                for page in pages]

    def urls(self, hits, request):
        return {pk: page.get_url(request) for pk, page in ProviderPage.objects.in_bulk([hit.object_id for hit in hits]).items()}


KINDS = [ProviderKind()]
