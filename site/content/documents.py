"""Rights guides and support organisations as search finds them (see search.documents)."""

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant

from content.models import GuidePage, SupportDirectoryPage, SupportOrganisation
from search.analysis import SearchDocument
from search.documents import Kind, record


def page_text(page, *fields):
    """The words of a page's StreamFields and text fields, without markup, for the index."""
    words = []
    for name in fields:
        field = page._meta.get_field(name)
        value = getattr(page, name)
        words += field.get_searchable_content(value) if hasattr(field, "stream_block") else [value]
    return " ".join(" ".join(strip_tags(str(word)).split()) for word in words if word)


class GuideDocument(SearchDocument):
    class Index:
        name = "guides"


class GuideKind(Kind):
    name = "guide"
    label = _("Rights guides")
    document = GuideDocument
    filters = frozenset({"country", "topic", "language"})

    def queryset(self):
        return GuidePage.objects.select_related("locale").prefetch_related("topics").order_by("pk")

    def records(self, objects):
        return [record(self, page, language=page.locale.language_code, group=str(page.translation_key),
                       title=page.title, text=page_text(page, "summary", "body"),
                       countries=[code for code in (page.origin_country, page.destination_country) if code],
                       topics=[topic.slug for topic in page.topics.all()], languages=[page.locale.language_code])
                for page in objects if page.live]

    def urls(self, hits, request):
        from content.selectors import guide_language_urls

        language = get_supported_content_language_variant(get_language())
        pages = GuidePage.objects.in_bulk([hit.object_id for hit in hits])
        urls = {}
        for pk, page in pages.items():
            in_other_language = next(hit.language for hit in hits if hit.object_id == pk) != language
            urls[pk] = (guide_language_urls(guide=page, request=request).get(language) if in_other_language else None
                        ) or page.get_url(request)
        return urls


class OrganisationDocument(SearchDocument):
    class Index:
        name = "organisations"


class OrganisationKind(Kind):
    name = "organisation"
    label = _("Support organisations")
    document = OrganisationDocument
    filters = frozenset({"country", "topic", "language"})

    def queryset(self):
        return SupportOrganisation.objects.prefetch_related("topics").order_by("pk")

    def records(self, objects):
        return [record(self, organisation, title=organisation.name, text=" ".join(filter(None, [
                    organisation.description, organisation.address, organisation.get_kind_display()])),
                       countries=list(organisation.countries), topics=[topic.slug for topic in organisation.topics.all()],
                       languages=list(organisation.languages))
                for organisation in objects]

    def urls(self, hits, request):
        """The directory, showing the organisation's country and type, scrolled to its card."""
        directory = SupportDirectoryPage.objects.live().filter(
            locale__language_code=get_supported_content_language_variant(get_language())).first() or \
            SupportDirectoryPage.objects.live().filter(
                locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)).first()
        if directory is None:
            return {}
        base = directory.get_url(request)
        organisations = SupportOrganisation.objects.only("pk", "countries", "kind").in_bulk(
            [hit.object_id for hit in hits])
        return {pk: f"{base}?{urlencode({'country': org.countries[0], 'kind': org.kind})}#organisation-{pk}"
                for pk, org in organisations.items()}


KINDS = [GuideKind(), OrganisationKind()]
