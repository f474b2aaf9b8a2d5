"""Rights guides: an index per language (filtered by country pair and topic) and the guides themselves."""

from urllib.parse import urlencode, urlsplit

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from config.generations import generation
from content.blocks import GuideBodyBlock
from content.forms import FactCheckedPageForm, GuideFilterForm
from content.menus import GENERATION as PAGES_GENERATION
from content.models.checked import AbstractSource, FactCheckedPage
from content.models.taxonomy import country_choices, language_name

GUIDES_PAGE_SIZE = 20
FEED_SIZE = 50
# A guide's HTML is kept for anonymous readers until it is published again, any page is (the menus in it change), a
# support organisation is saved (its contact card), the day changes (the stale notice), or this long has passed.
GUIDE_CACHE_SECONDS = 60 * 60
FILTERS = ("origin", "destination", "topic")
# content.selectors reads these models: the pages import it where they use it.


class GuideIndexPage(RoutablePageMixin, Page):
    """Know your rights: the guides of one language, filtered by country of origin, destination and topic."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.GuidePage"]

    class Meta:
        verbose_name = _("rights guide index")

    @path("")
    def guide_index(self, request):
        from content import selectors

        origins, destinations = selectors.guide_countries(index=self)
        form = GuideFilterForm(request.GET, origins=origins, destinations=destinations)
        form.is_valid()
        chosen = form.cleaned_data  # the valid choices only: an odd value in the address leaves the others standing
        guides = Paginator(selectors.guide_list(index=self, **{name: chosen.get(name) for name in FILTERS}),
                           GUIDES_PAGE_SIZE)
        return self.render(request, context_overrides={
            "form": form, "guides": guides.get_page(request.GET.get("page")), "index_url": self.get_url(request),
            "query": urlencode({name: value for name, value in chosen.items() if value}),
        })

    @path("feed/")
    def feed(self, request):
        """An Atom feed of this language's guides, new and updated, for partners' sites and messaging channels."""
        from content import selectors

        feed = Atom1Feed(title=f"{self.title} · Lantern", link=self.get_full_url(request), description=self.intro,
                         language=self.locale.language_code, feed_url=request.build_absolute_uri(request.path),
                         author_name="Lantern")
        for guide in selectors.guide_feed(index=self, limit=FEED_SIZE):
            link = guide.get_full_url(request)
            feed.add_item(
                title=guide.title, link=link, pubdate=guide.first_published_at,
                unique_id=f"tag:{urlsplit(link).hostname},{guide.first_published_at:%Y-%m-%d}:guide:{guide.pk}",
                updateddate=guide.last_published_at, categories=[topic.slug for topic in guide.topics.all()],
                description=escape(guide.summary),  # plain text, in a summary that Atom marks as HTML
            )
        response = HttpResponse(content_type=feed.content_type)
        feed.write(response, "utf-8")
        return response

    def route(self, request, path_components):
        """A guide of the default language that is not translated into this index's language yet is read here, at its
        own slug, with this language's notice, menus and buttons around it."""
        try:
            return super().route(request, path_components)
        except Http404:
            if len(path_components) != 1 or not self.live:
                raise
            from content import selectors

            guide = selectors.guide_in_english(index=self, slug=path_components[0])
            if guide is None:
                raise
            return RouteResult(guide, kwargs={"in_english": True})


class GuidePage(FactCheckedPage, Page):
    """A rights guide: what a worker from one country, or going to one, needs to know on a few topics."""

    origin_country = models.CharField(_("country of origin"), max_length=2, blank=True, choices=country_choices,
                                      db_index=True)
    destination_country = models.CharField(_("country of destination"), max_length=2, blank=True,
                                           choices=country_choices, db_index=True)
    topics = ParentalManyToManyField("content.Topic", verbose_name=_("topics"), related_name="guides")
    summary = models.TextField(_("summary in plain language"), max_length=600,
                               help_text=_("Two or three short sentences: what a worker should know first."))
    body = StreamField(GuideBodyBlock(), verbose_name=_("body"))
    is_sample = models.BooleanField(_("sample"), default=False,
                                    help_text=_("Demonstration content: readers are told it is not advice."))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("origin_country"), FieldPanel("destination_country")]),
            FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        ], heading=_("Who and what it is for")),
        FieldPanel("body"),
        InlinePanel("sources", label=_("Source"), heading=_("Sources"),
                    help_text=_("At least one source is needed before the guide can be submitted for fact-checking.")),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("review_interval_days"), FieldPanel("is_sample")]
    base_form_class = FactCheckedPageForm
    parent_page_types = ["content.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("rights guide")

    def language_urls(self, request):
        """For the language switcher: the guide in each language, in English where it is not translated yet."""
        from content import selectors

        return selectors.guide_language_urls(guide=self, request=request)

    def get_context(self, request, *args, in_english=False, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["in_english"] = in_english
        context["translated_from"] = language_name(self.translated_from) if self.translated_on else ""
        return context

    def serve(self, request, *args, in_english=False, **kwargs):
        """An anonymous reader is served the HTML kept in the cache; editors (signed in) always see the page anew."""
        key = self.cache_key(request, in_english=in_english)
        html = cache.get(key) if key else None
        if html is not None:
            return HttpResponse(html)
        response = super().serve(request, *args, in_english=in_english, **kwargs)
        if key:
            def keep(rendered):
                if rendered.status_code == 200:
                    cache.set(key, rendered.content, GUIDE_CACHE_SECONDS)
            response.add_post_render_callback(keep)
        return response

    def cache_key(self, request, *, in_english):
        """The cache key of this page's HTML for an anonymous GET without a query string; None for any other request.
        The HTML holds no CSRF token and nothing of the reader's own."""
        if request.method != "GET" or request.META.get("QUERY_STRING") or request.user.is_authenticated:
            return None
        site = Site.find_for_request(request)
        parts = (generation(PAGES_GENERATION), site.pk if site else "", self.pk, self.live_revision_id, get_language(),
                 int(in_english), timezone.localdate().isoformat())
        return "content:guide:" + ":".join(map(str, parts))


class GuideSource(AbstractSource):
    page = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="sources")

    class Meta(AbstractSource.Meta):
        verbose_name = _("source")
