"""Country names in the visitor's language, from ISO 3166 data and its translations (pycountry)."""

import gettext
from functools import lru_cache

import pycountry
from django.utils.translation import get_language


@lru_cache(maxsize=16)
def _catalog(language):
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name(code, language=None):
    """"PH" -> "Philippines" in English, "Filipina" in Indonesian; an unknown code comes back as it is."""
    country = pycountry.countries.get(alpha_2=(code or "").upper())
    if country is None:
        return code
    english = getattr(country, "common_name", None) or country.name
    return _catalog(language or get_language() or "en").gettext(english)
