"""What reviewers, reporters and agencies write, checked before it is stored: plain text only, nothing invisible.

Text is refused with a clear message, never silently changed, when it holds HTML markup (found with bleach),
characters that turn the direction of the writing (which can make a text read differently from what is stored),
zero-width characters (which hide words from the checks) or control characters. Zero-width joiners and non-joiners
are part of writing Devanagari, Burmese and Khmer (and of emoji), so they are welcome inside words. What is stored
is the text as written, with line breaks normalised; templates escape it on the way out.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from config.text import plain_text

_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff\u2061-\u2064\u206a-\u206f\ufff9-\ufffb\u180e]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_JOINERS = "\u200c\u200d"
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")
_LINE_END_SPACES = re.compile(r"[ \t]+\n")
CONTROL_MESSAGE = _("Your text contains control characters that cannot be shown. Please remove them, or type the text "
                    "again.")


def _joiner_in_a_word(text, index):
    """ZWJ and ZWNJ belong between two letters, marks, digits or symbols (Devanagari conjuncts, emoji sequences)."""
    if index == 0 or index == len(text) - 1:
        return False
    return all(unicodedata.category(text[side])[0] in "LMNS" for side in (index - 1, index + 1))


def has_markup(text):
    """True when the site's sanitiser (config.text.plain_text: bleach, removing every tag and comment) would change
    more than the white space of `text`, which holds no control characters (clean_user_text refuses them first)."""
    return plain_text(text) != " ".join(text.split())


def clean_user_text(value, *, multiline=True):
    """The text to store, or ValidationError with a message for the writer.

    Multi-line text keeps its line breaks ("\\r\\n" becomes "\\n", at most one blank line in a row); one-line text
    has its white space made single spaces. Both are NFC-normalised and stripped at the ends.
    """
    text = unicodedata.normalize("NFC", value or "")
    if _DIRECTION.search(text):
        raise ValidationError(
            _("Your text contains invisible characters that change the direction of the writing. Please remove them, "
              "or type the text again."), code="direction")
    if _ZERO_WIDTH.search(text) or any(
            char in _JOINERS and not _joiner_in_a_word(text, index) for index, char in enumerate(text)):
        raise ValidationError(
            _("Your text contains invisible zero-width characters outside words. Please remove them, or type the text "
              "again."), code="zero_width")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if _CONTROL.search(text):
        raise ValidationError(CONTROL_MESSAGE, code="control")
    if has_markup(text):
        raise ValidationError(
            _("Please remove the HTML tags (like <b> or <script>) and codes (like &amp;) from your text: write plain "
              "text only."), code="markup")
    if not multiline:
        return " ".join(text.split())
    text = _LINE_END_SPACES.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()
