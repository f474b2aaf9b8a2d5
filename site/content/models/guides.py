"""Rights guides: an index per language (filtered by country pair and topic) and the guides themselves."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Page

from content.blocks import GuideBodyBlock
from content.forms import FactCheckedPageForm
from content.models.checked import AbstractSource, FactCheckedPage
from content.models.taxonomy import country_choices


class GuideIndexPage(RoutablePageMixin, Page):
    """Know your rights: the guides of one language, filtered by country of origin, destination and topic."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.GuidePage"]

    class Meta:
        verbose_name = _("rights guide index")


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
        InlinePanel("sources", label=_("Sources"), heading=_("Sources"),
                    help_text=_("At least one source is needed before the guide can be submitted for fact-checking.")),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("review_interval_days"), FieldPanel("is_sample")]
    base_form_class = FactCheckedPageForm
    parent_page_types = ["content.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("rights guide")


class GuideSource(AbstractSource):
    page = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="sources")

    class Meta(AbstractSource.Meta):
        verbose_name = _("source")
