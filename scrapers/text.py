"""Text helpers shared by the spiders and pipelines: markup removal, whitespace, dates, headers."""

import html
import re
import unicodedata
from datetime import date, datetime, timezone

# Markup that registries leak into their text. Script and style blocks go with their content.
_HIDDEN_BLOCK = re.compile(r"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(-->|$)", re.DOTALL)
# Block-level tags separate words; inline ones (b, i, span, a...) do not.
_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(br|p|div|li|ul|ol|tr|td|th|table|tbody|thead|h[1-6])\b[^<>]*>", re.IGNORECASE
)
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")
# Spaces, including the no-break and typographic ones. Control characters are left in on purpose:
# the validation pipeline rejects them rather than hiding them.
_SPACES = re.compile(r"[ \t\n\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
# Longer values are not searched for markup: the length check rejects them anyway, and a hostile
# megabyte of half-open tags must not cost quadratic time.
MARKUP_SCAN_LIMIT = 100_000


def strip_markup(value):
    """Removes tags, comments and entities, repeating while escaped markup keeps unfolding."""
    for _ in range(4):
        previous = value
        value = _HIDDEN_BLOCK.sub(" ", value)
        value = _COMMENT.sub(" ", value)
        value = _BLOCK_TAG.sub(" ", value)
        value = _TAG.sub("", value)
        value = html.unescape(value)
        if value == previous:
            break
    return value


def clean_text(value):
    """Registry text as plain, NFC-normalised, single-spaced text; None becomes ""."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    if len(value) <= MARKUP_SCAN_LIMIT:
        value = strip_markup(value)
    value = value.replace("\u200b", "").replace("\ufeff", "")
    value = unicodedata.normalize("NFC", value)
    return _SPACES.sub(" ", value).strip()


def clean_licence(value):
    """A licence number as the registry writes it, stripped and upper-cased."""
    return clean_text(value).upper()


def normalise_label(value):
    """A header or status label for comparison: case-folded, punctuation as spaces, one space."""
    value = _DASHES.sub("-", clean_text(value)).casefold()
    value = "".join(char if char.isalnum() else " " for char in value)
    return " ".join(value.split())


def parse_date(value, formats, month_names=None):
    """Parses a registry date with the given strptime formats; "" gives None, junk raises ValueError.

    month_names maps lower-case month names (e.g. Indonesian "maret") to month numbers, so that a
    format such as "%d %m %Y" reads "12 Maret 2024" whatever the machine's locale.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_text(value)
    if not text:
        return None
    if month_names:
        text = re.sub(
            r"[^\W\d_]+",
            lambda match: str(month_names.get(match.group(0).casefold(), match.group(0))),
            text,
        )
    for pattern in formats:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} matches none of {', '.join(formats)}")


def utc_now():
    """The current UTC time as an ISO 8601 string with seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
