"""The Babel locale for the visitor's language, for numbers, money and dates written as that language writes them."""

from django.conf import settings
from django.utils.translation import get_language, to_locale

# English in the day-month-year order and number style most of Lantern's readers use ("12 March 2027").
BABEL_LOCALES = {"en": "en_GB"}


def babel_locale(language=None):
    language = language or get_language() or settings.LANGUAGE_CODE
    return BABEL_LOCALES.get(language, to_locale(language))
