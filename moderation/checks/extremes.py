"""extremes: a review that gives 1 or 5 stars with hardly any text, the shape of a review written to move an
agency's rating rather than to tell what happened.

Length is counted in letters and the marks written on them (vowel signs, tone marks), leaving out spaces, digits,
punctuation and emoji, so that a short Thai, Burmese or Devanagari text is measured about as a short English one.
"""

import unicodedata

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from moderation.checks import Hit, check

SHORT_BELOW = 25  # letters: about five words
EXTREME_RATINGS = (1, 5)


def letters(text, at_most):
    """How many letters and marks the text has, counting no further than `at_most`."""
    count = 0
    for char in text:
        if unicodedata.category(char)[0] in "LM":
            count += 1
            if count >= at_most:
                break
    return count


@check("extremes", _("Very short with an extreme rating"))
def extremes(subject):
    if subject.kind != "review" or subject.rating not in EXTREME_RATINGS:
        return
    count = letters(subject.text, SHORT_BELOW)
    if count < SHORT_BELOW:
        yield Hit("extremes", round(0.5 + 0.3 * (1 - count / SHORT_BELOW), 2), format_lazy(
            _("A rating of {stars} of 5 with a very short text ({letters} letters)"), stars=subject.rating,
            letters=count))
