from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import AgencyStatus
from config.countries import country_name

MAX_QUERY_LENGTH = 200


class LicenceCheckForm(forms.Form):
    """One box: an agency's name or licence number, and optionally the country that licensed it."""

    q = forms.CharField(label=_("Agency name or licence number"), required=False, strip=True)
    country = forms.ChoiceField(label=_("Country that licensed it"), required=False)

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country"))] + [(code, country_name(code)) for code in countries]

    def clean_q(self):
        # Any text is accepted; only the first characters are looked up.
        return " ".join(self.cleaned_data["q"].split())[:MAX_QUERY_LENGTH]


def _rating_choices():
    """Called when the choices are shown, so in the visitor's language (a lazy string formatted with % is not lazy)."""
    return [("", _("Any rating")), *((str(stars), _("%(stars)s stars or more") % {"stars": stars}) for stars in (4, 3, 2))]


class DirectoryFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Licence status"), required=False,
                               choices=[("", _("Any status")), *AgencyStatus.choices])
    min_rating = forms.TypedChoiceField(label=_("Workers' rating"), required=False, coerce=int, empty_value=None,
                                        choices=_rating_choices)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=[("name", _("Name")), ("rating", _("Rating"))])
