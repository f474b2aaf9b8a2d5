"""The search page's choices, sent by a plain GET form or a facet link. A value that is not one of the choices is
left out of cleaned_data, so that the words and the other choices still apply; the words are never refused."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from agencies.models import AgencyStatus
from config.countries import country_name
from content.models.taxonomy import TOPICS, language_name
from search.documents import kinds
from search.query import FILTERS, MAX_PAGE

RATINGS = [(str(stars), stars) for stars in range(1, 6)]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    kind = forms.ChoiceField(label=_("Show"), required=False)
    country = forms.CharField(required=False)
    status = forms.ChoiceField(required=False, choices=AgencyStatus.choices)
    min_rating = forms.TypedChoiceField(required=False, choices=RATINGS, coerce=int)
    topic = forms.ChoiceField(required=False, choices=list(TOPICS.items()))
    language = forms.ChoiceField(required=False, choices=settings.LANGUAGES)
    page = forms.IntegerField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Everything")), *((name, kind.label) for name, kind in kinds().items())]

    def clean_country(self):
        code = self.cleaned_data["country"].upper()
        if code and (len(code) != 2 or country_name(code) == code):
            raise forms.ValidationError(_("Choose a country from the list."))
        return code

    def clean_page(self):
        page = self.cleaned_data["page"]
        return min(max(page or 1, 1), MAX_PAGE)

    @property
    def filters(self):
        return {name: self.cleaned_data[name] for name in FILTERS if self.cleaned_data.get(name)}


def facet_label(name, value):
    """How a facet's value is named to the visitor."""
    if name == "kind":
        return kinds()[value].label if value in kinds() else value
    if name == "country":
        return country_name(value)
    if name == "status":
        return AgencyStatus(value).label if value in AgencyStatus.values else value
    if name == "topic":
        return TOPICS.get(value, value)
    if name == "language":
        return language_name(value)
    return value
