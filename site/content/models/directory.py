"""The support directory: organisations that help migrant workers, and the page that lists them."""

from urllib.parse import urlencode

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from config.countries import country_name
from content.forms import DirectoryFilterForm
from content.models.taxonomy import CodeListField, country_choices, language_choices, language_name

DIRECTORY_PAGE_SIZE = 20


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

    def clean(self):
        super().clean()
        if self.phone:
            written = phone_number_parse(phone=self.phone, countries=self.countries)
            if written is None:
                raise ValidationError({"phone": _(
                    "This is not a phone number we can call. Write it in international form, with + and the country "
                    "code (e.g. +852 2345 6789), or a short hotline number of a country the organisation serves "
                    "(e.g. 1823).")})
            self.phone = written

    @property
    def phone_uri(self):
        """The phone number as a tel: link: its digits, with the + of an international number."""
        return "tel:" + "".join(character for character in self.phone if character.isdigit() or character == "+")

    def country_names(self):
        """The countries served, named in the visitor's language."""
        return [country_name(code) for code in self.countries]

    def language_names(self):
        """The languages spoken, named in the visitor's language."""
        return [language_name(code) for code in self.languages]


def phone_number_parse(*, phone, countries):
    """`phone` written the way the directory shows it: an international number ("+852 2345 6789"), or a short hotline
    number ("1823") valid in one of `countries`; None if it is neither."""
    phone = phone.strip()
    try:
        if phone.startswith("+"):
            number = phonenumbers.parse(phone, None)
            if phonenumbers.is_valid_number(number):
                return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        elif phone.isascii() and phone.isdigit() and any(
            phonenumbers.is_valid_short_number_for_region(phonenumbers.parse(phone, region), region)
            for region in countries
        ):
            return phone
    except phonenumbers.NumberParseException:
        pass
    return None


class SupportDirectoryPage(Page):
    """Get help: the organisations that help migrant workers, filtered by country, topic and language."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("support directory")

    def get_context(self, request, *args, **kwargs):
        from content import selectors  # content.selectors reads these models: imported here, not at the top

        context = super().get_context(request, *args, **kwargs)
        form = DirectoryFilterForm(request.GET, countries=selectors.organisation_countries(),
                                   languages=selectors.organisation_languages())
        form.is_valid()
        chosen = {name: value for name, value in form.cleaned_data.items() if value}  # an odd value is left out
        organisations = Paginator(selectors.organisation_directory(
            country=chosen.get("country"), topic=chosen.get("topic"), language=chosen.get("language"),
            kind=chosen.get("kind"),
        ), DIRECTORY_PAGE_SIZE)
        context.update({
            "form": form, "organisations": organisations.get_page(request.GET.get("page")),
            "query": urlencode(chosen),  # the valid choices, kept in the links to other pages
        })
        return context
