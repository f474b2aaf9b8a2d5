"""Text from outside (registries, feeds, uploads) made plain: no markup, no control characters, single spaces."""

import html
import re

import bleach

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def plain_text(value):
    """The text without markup or runs of white space; ValueError for control or replacement characters.

    Markup is stripped here and everything is escaped again on the way out; a replacement character
    means a wrong encoding upstream, which is refused rather than stored garbled.
    """
    if _CONTROL.search(value):
        raise ValueError("has control or replacement characters (a wrong encoding upstream?)")
    if "<" in value or "&" in value:  # only these can hold markup; the sanitiser is costly
        value = html.unescape(bleach.clean(value, tags=set(), strip=True))
    return " ".join(value.split())
