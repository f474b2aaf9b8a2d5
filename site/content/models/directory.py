"""The support directory: organisations that help migrant workers, and the page that lists them."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from content.models.taxonomy import CodeListField, country_choices, language_choices


class SupportOrganisation(ClusterableModel):
    """A union, NGO, embassy, hotline, shelter or legal aid service, with how to reach it."""

    class Kind(models.TextChoices):
        UNION = "union", _("Trade union")
        NGO = "ngo", _("Non-governmental organisation")
        EMBASSY = "embassy", _("Embassy or consulate")
        HOTLINE = "hotline", _("Government hotline")
        SHELTER = "shelter", _("Shelter")
        LEGAL_AID = "legal_aid", _("Legal aid")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    description = models.TextField(_("what it does"), max_length=600, blank=True)
    countries = CodeListField(_("countries served"), choices_function=country_choices, blank=False,
                              help_text=_("Where it helps workers: the country it is in, and the countries of the "
                                          "workers it serves."))
    languages = CodeListField(_("languages spoken"), choices_function=language_choices, blank=False)
    topics = ParentalManyToManyField("content.Topic", verbose_name=_("topics"), related_name="organisations",
                                     blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True,
                             help_text=_("In international form, e.g. +852 2345 6789."))
    messaging = models.CharField(_("messaging"), max_length=200, blank=True,
                                 help_text=_("WhatsApp, Viber, LINE, Telegram or Messenger, with the number or name."))
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    address = models.TextField(_("address"), max_length=400, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    verified_on = models.DateField(_("contacts verified on"))
    is_sample = models.BooleanField(_("sample"), default=False,
                                    help_text=_("An invented organisation for the demonstration site."))

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("countries"), FieldPanel("languages")]),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("phone"), FieldPanel("messaging")]),
            FieldRowPanel([FieldPanel("email"), FieldPanel("website")]),
            FieldPanel("address"), FieldPanel("opening_hours"),
        ], heading=_("Contacts")),
        FieldRowPanel([FieldPanel("verified_on"), FieldPanel("is_sample")]),
    ]

    class Meta:
        verbose_name = _("support organisation")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SupportDirectoryPage(Page):
    """Get help: the organisations that help migrant workers, filtered by country, topic and language."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("support directory")
