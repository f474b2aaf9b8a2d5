"""Admin forms for fact-checked pages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue

from config.countries import country_name

# The editor's buttons that send a page on its way to readers: submitting to the fact-check, or publishing.
GOING_LIVE = ("action-submit", "action-publish", "action-workflow-action")


class FactCheckedPageForm(WagtailAdminPageForm):
    """A draft may be saved with no source yet; a page cannot be sent to the fact-check or published without one,
    and a citation must point to a source that exists."""

    def _kept_sources(self):
        formset = self.formsets.get("sources")
        if formset is None:
            return 0
        formset.is_valid()  # cleans its forms now (the page's own fields are cleaned first), so deletions are known
        return sum(1 for form in formset.forms if (form.has_changed() or form.instance.pk)
                   and not (formset.can_delete and formset._should_delete_form(form)))

    def clean(self):
        cleaned_data = super().clean()
        sources = self._kept_sources()
        if sources == 0 and any(action in self.data for action in GOING_LIVE):
            self.add_error(None, _("Add at least one source (title, publisher, address and the date you read it) "
                                   "before this page is sent for fact-checking: it is checked against its sources."))
        streams = [(name, value) for name, value in cleaned_data.items() if isinstance(value, StreamValue)]
        for name, stream in streams:  # a guide's body, a provider page's "what to check"
            cited = [block.value["source"] for block in stream if block.block_type == "citation"]
            missing = sorted({number for number in cited if number > sources})
            if missing:
                self.add_error(name, _("A citation points to source %(numbers)s, but the page lists %(count)d "
                                       "source(s).") % {"numbers": ", ".join(map(str, missing)), "count": sources})
        return cleaned_data


def _by_name(pairs):
    return sorted(pairs, key=lambda pair: str(pair[1]).casefold())


def _country_choices(codes):
    """The choices of a country filter: "Any country", then `codes` named in the visitor's language, by name."""
    return [("", _("Any country")), *_by_name((code, country_name(code)) for code in codes)]


class DirectoryFilterForm(forms.Form):
    """The support directory's filters, sent by a plain GET form. A value that is not one of the choices is left out
    of cleaned_data, so the other choices still apply. Countries and languages are those of the listed organisations,
    named in the visitor's language."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    kind = forms.ChoiceField(label=_("Type of organisation"), required=False)

    def __init__(self, *args, countries, languages, **kwargs):
        from content.models.directory import SupportOrganisation  # content.models imports this module
        from content.models.taxonomy import TOPICS, language_name

        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices(countries)
        self.fields["topic"].choices = [("", _("Any topic")), *TOPICS.items()]
        self.fields["language"].choices = [("", _("Any language")),
                                           *_by_name((code, language_name(code)) for code in languages)]
        self.fields["kind"].choices = [("", _("Any type")), *SupportOrganisation.Kind.choices]


class GuideFilterForm(forms.Form):
    """The rights guides' filters, sent by a plain GET form: a value that is not one of the choices is left out of
    cleaned_data, so the other choices still apply. The countries are those the listed guides are for."""

    origin = forms.ChoiceField(label=_("Workers from"), required=False)
    destination = forms.ChoiceField(label=_("Working in"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, origins, destinations, **kwargs):
        from content.models.taxonomy import TOPICS  # content.models imports this module

        super().__init__(*args, **kwargs)
        self.fields["origin"].choices = _country_choices(origins)
        self.fields["destination"].choices = _country_choices(destinations)
        self.fields["topic"].choices = [("", _("Any topic")), *TOPICS.items()]
