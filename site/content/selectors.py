"""Reads of Lantern's content for pages and other apps."""

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from content.models import GuideIndexPage, GuidePage, SupportOrganisation
from content.models.taxonomy import codes_contain


def organisation_directory(*, country=None, topic=None, language=None, kind=None):
    """The support organisations that match every given choice (a country served, a topic's slug, a language spoken,
    a type): real ones first, then the samples, each by name."""
    organisations = SupportOrganisation.objects.prefetch_related("topics")
    if country:
        organisations = organisations.filter(codes_contain("countries", country))
    if language:
        organisations = organisations.filter(codes_contain("languages", language))
    if topic:
        organisations = organisations.filter(topics__slug=topic)
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations.order_by("is_sample", "name")


def _codes_in_use(field):
    return sorted({code for codes in SupportOrganisation.objects.values_list(field, flat=True) for code in codes})


def organisation_countries():
    """The codes of the countries that at least one organisation serves."""
    return _codes_in_use("countries")


def organisation_languages():
    """The codes of the languages that at least one organisation speaks."""
    return _codes_in_use("languages")


# --- Rights guides -----------------------------------------------------------------------------------------------------
# A reader of one language sees that language's live guides and, until they are translated, the default language's:
# a guide "in English" is one with no live translation in the reader's language yet.

GUIDE_ORDER = (F("last_verified_on").desc(nulls_last=True), F("last_published_at").desc(nulls_last=True), "pk")


def _default_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def _translation_keys(language):
    return GuidePage.objects.live().filter(locale__language_code=language).values("translation_key")


def _guides_readable_in(language, *, own, default):
    """Live guides in `language` that match the filter `own`, and live guides of the default language that match the
    filter `default` (None: none) and have no live translation in `language`; each annotated with `in_english`."""
    readable = Q(locale__language_code=language) & own
    if default is not None and language != _default_language():
        readable |= (Q(locale__language_code=_default_language()) & default
                     & ~Q(translation_key__in=_translation_keys(language)))
    return GuidePage.objects.live().filter(readable).annotate(
        in_english=ExpressionWrapper(~Q(locale__language_code=language), output_field=BooleanField()))


def _default_index(index):
    """The default language's guide index that `index` translates, if `index` is in another language."""
    translations = index.get_translations().filter(locale__language_code=_default_language())
    return None if index.locale.language_code == _default_language() else translations.first()


def _index_guides(index, *, origin=None, destination=None, topic=None):
    chosen = Q()
    if origin:
        chosen &= Q(origin_country=origin)
    if destination:
        chosen &= Q(destination_country=destination)
    if topic:
        chosen &= Q(topics__slug=topic)
    default_index = _default_index(index)
    return _guides_readable_in(
        index.locale.language_code, own=GuidePage.objects.child_of_q(index) & chosen,
        default=None if default_index is None else GuidePage.objects.child_of_q(default_index) & chosen,
    )


def guide_list(*, index, origin=None, destination=None, topic=None):
    """The guides that a reader of the guide index `index` can read, in its language or in English (`in_english`),
    that match every given choice (country of origin, country of destination, a topic's slug), newest verified first,
    with their topics."""
    return _index_guides(index, origin=origin, destination=destination, topic=topic).order_by(
        *GUIDE_ORDER).prefetch_related("topics")


def guide_countries(*, index):
    """(origins, destinations): the codes of the countries that the guides listed by `index` are for."""
    pairs = list(_index_guides(index).order_by().values_list("origin_country", "destination_country").distinct())
    return (sorted({origin for origin, _destination in pairs} - {""}),
            sorted({destination for _origin, destination in pairs} - {""}))


def guide_in_english(*, index, slug):
    """The live guide with that slug under the default language's translation of `index`, if it has no live
    translation in the language of `index` yet; None otherwise."""
    default_index = _default_index(index)
    if default_index is None:
        return None
    return GuidePage.objects.live().child_of(default_index).filter(slug=slug).exclude(
        translation_key__in=_translation_keys(index.locale.language_code)).first()


def guide_feed(*, index, limit=50):
    """The live guides of `index` (of its language only), the latest published first, with their topics."""
    return GuidePage.objects.live().child_of(index).order_by("-last_published_at", "pk").prefetch_related(
        "topics")[:limit]


def guides_for_country(*, country, limit=5, request=None):
    """Up to `limit` guides for workers from or going to `country` that a reader of the active language can read,
    newest verified first, each with `reader_url`: a guide in English is read in the reader's language's guide index,
    at its own slug (see GuideIndexPage.route)."""
    language = get_supported_content_language_variant(get_language())
    about = Q(origin_country=country) | Q(destination_country=country)
    guides = list(_guides_readable_in(language, own=about, default=about).order_by(*GUIDE_ORDER)[:limit])
    steps = GuideIndexPage.steplen
    english_parents = {guide.path[:-steps] for guide in guides if guide.in_english}
    indexes = {}
    if english_parents:
        paths = dict(GuideIndexPage.objects.filter(path__in=english_parents).values_list("translation_key", "path"))
        indexes = {paths[index.translation_key]: index for index in GuideIndexPage.objects.live().filter(
            locale__language_code=language, translation_key__in=paths)}
    for guide in guides:
        index = indexes.get(guide.path[:-steps])
        guide.reader_url = f"{index.get_url(request)}{guide.slug}/" if index else guide.get_url(request)
    return guides


def guide_language_urls(*, guide, request=None):
    """{language code: URL} where a reader of each language reads `guide`: its live translation in that language, or,
    where there is none, the default language's guide under that language's guide index (see GuideIndexPage.route).
    A language without a live guide index is left out."""
    translations = {page.locale.language_code: page for page in
                    GuidePage.objects.live().filter(translation_key=guide.translation_key).select_related("locale")}
    urls = {code: page.get_url(request) for code, page in translations.items()}
    english = translations.get(_default_language())
    if english is None:
        return urls
    parent = GuideIndexPage.objects.filter(path=english.path[:-GuideIndexPage.steplen]).first()
    if parent is None:
        return urls
    for index in GuideIndexPage.objects.live().filter(translation_key=parent.translation_key).exclude(
            locale__language_code__in=list(translations)).select_related("locale"):
        urls[index.locale.language_code] = f"{index.get_url(request)}{english.slug}/"
    return urls


# --- Fact-checked pages due for another check ----------------------------------------------------------------------


def stale_pages(*, today):
    """The live fact-checked pages (rights guides, money transfer provider pages) whose review date is before `today`,
    the longest overdue first, each with its locale."""
    from wagtail.models import get_page_models

    from content.models.checked import FactCheckedPage

    pages = [page for model in get_page_models() if issubclass(model, FactCheckedPage)
             for page in model.objects.live().filter(review_due_on__lt=today).select_related("locale")]
    return sorted(pages, key=lambda page: (page.review_due_on, page.pk))
