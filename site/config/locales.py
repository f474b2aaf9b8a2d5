"""The Babel locale for the visitor's language, for numbers, money and dates written as that language writes them."""

from functools import lru_cache

from babel import Locale
from django.conf import settings
from django.utils.translation import get_language, to_locale

# English in the day-month-year order and number style most of Lantern's readers use ("12 March 2027").
BABEL_LOCALES = {"en": "en_GB"}


@lru_cache(maxsize=32)
def _parsed(identifier):
    return Locale.parse(identifier)


def babel_locale(language=None):
    """A parsed Babel Locale (parsing one costs more than formatting a number with it, so they are kept)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    return _parsed(BABEL_LOCALES.get(language, to_locale(language)))
