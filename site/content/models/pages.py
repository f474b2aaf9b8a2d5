from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from content.blocks import BodyBlock, WayInBlock


class HomePage(Page):
    """The front page of a language: a short welcome and the ways in to what Lantern offers."""

    lead = models.TextField(_("lead"), max_length=300, help_text=_("One or two plain sentences under the title."))
    ways_in = StreamField([("way_in", WayInBlock())], verbose_name=_("ways in"), max_num=6)

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("ways_in")]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """A plain page of text: about Lantern, privacy, how we compare, and so on."""

    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")
