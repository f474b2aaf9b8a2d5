"""duplicates: a text that is nearly the same as another recent one (Subject.neighbours), as when one person posts
the same review many times, or a template is passed round.

Texts are compared by their shingles: every run of SHINGLE characters of the text reduced to letters, marks and
digits in lower case. Characters work the same in every script, with or without spaces between words. The
similarity is the larger of Jaccard's (shared shingles over all shingles of both) and, when the shorter text is
long enough not to be a common phrase, its containment in the longer (shared shingles over its own): a review
copied into a longer one, or cut short, is a copy too. A neighbour's shingles are kept for the next call, so a run
over many texts shingles each text once; pairs whose sizes cannot reach the threshold are never intersected.
"""

import functools
import unicodedata

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from moderation.checks import Hit, check
from moderation.personal_data import excerpt

SHINGLE = 5  # characters
SIMILAR_AT = 0.6
CONTAINED_FROM = 30  # shingles (about 35 letters, a sentence) the shorter text needs before its containment counts
EXAMPLE_LENGTH = 40
NEIGHBOURS_KEPT = 1100  # texts whose shingles stay in memory: a thousand neighbours and the texts compared with them


class _Keeping(dict):
    """str.translate's table: letters, marks and digits stay, the rest goes (filled in as characters are met)."""

    def __missing__(self, code):
        self[code] = chr(code) if unicodedata.category(chr(code))[0] in "LMN" else None
        return self[code]


_KEEP = _Keeping()


@functools.lru_cache(maxsize=NEIGHBOURS_KEPT)
def shingles(text):
    """The set of SHINGLE-character runs of the text's letters, marks and digits, folded to lower case (as hashes,
    which take less memory than the runs)."""
    kept = unicodedata.normalize("NFKC", text).casefold().translate(_KEEP)
    if len(kept) <= SHINGLE:
        return frozenset([hash(kept)]) if kept else frozenset()
    return frozenset(hash(kept[index:index + SHINGLE]) for index in range(len(kept) - SHINGLE + 1))


def similarity(own, other):
    """How alike two sets of shingles are, from 0 to 1."""
    if not own or not other:
        return 0.0
    shared = len(own & other)
    jaccard = shared / (len(own) + len(other) - shared)
    smaller = min(len(own), len(other))
    return max(jaccard, shared / smaller) if smaller >= CONTAINED_FROM else jaccard


def _could_reach(own_size, other_size):
    """Whether sets of these sizes can be SIMILAR_AT alike: Jaccard is at most the smaller size over the larger, so
    only containment can make sets of very different sizes alike, and only when the smaller is long enough."""
    smaller, larger = min(own_size, other_size), max(own_size, other_size)
    return smaller >= CONTAINED_FROM or (smaller > 0 and smaller >= SIMILAR_AT * larger)


@check("duplicates", _("Near-duplicates"))
def duplicates(subject):
    own = shingles(subject.text)
    best, best_text = 0.0, ""
    for neighbour in subject.neighbours:
        other = shingles(neighbour)
        if _could_reach(len(own), len(other)):
            score = similarity(own, other)
            if score > best:
                best, best_text = score, neighbour
    if best >= SIMILAR_AT:
        yield Hit("duplicates", round(best, 2), format_lazy(
            _("{percent} the same as another recent text: “{example}”"), percent=f"{best:.0%}",
            example=excerpt(best_text, 0, len(best_text), EXAMPLE_LENGTH)))
