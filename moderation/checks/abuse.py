"""abuse: insults, slurs and threats from the word lists moderators keep (moderation.AbuseTerm).

The caller puts the words into Subject.abuse_terms (moderation.wordlists.abuse_terms_load reads them); the check uses
those of the text's language and those kept for every language, or all of them when the language is unknown. Words
are matched whole where the script puts spaces between words, and anywhere in the text in Thai, Lao, Khmer and
Burmese, which do not. Matching ignores case and sees through simple disguises: repeated letters ("stuuupid"), a few
digits for letters ("1d10t"), and spaces, dots or dashes between the letters ("i.d.i.o.t"). Diacritics count: in
Vietnamese they tell words apart. Slurs and threats, marked severe, score high enough to put an item at the top.
"""

import functools
import re
import unicodedata

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from moderation.checks import Hit, any_of, check, quoted
from moderation.personal_data import excerpt

SEVERE_SCORE, SCORE = 0.9, 0.6
EXAMPLE_LENGTH = 30
SPACED_AT_LEAST = 3  # letters a word needs before "i d i o t" is looked for too (shorter gives false alarms)

_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]")  # Thai, Lao, Burmese, Khmer
_LATIN = re.compile("[a-z\u00c0-\u024f\u1e00-\u1eff]")
# What continues a word: letters and digits, and the combining marks of Latin and Devanagari letters.
_WORD_CHAR = r"[^\W_]|[\u0300-\u036f\u0900-\u0963\u0966-\u097f]"
_SEPARATOR = r"[\s.\-_*·•]+"
# Endings a word takes after it, by the script of its last letter: English plurals, Nepali plurals and cases.
_ENDINGS = ((_LATIN, "(?:e?s)?"), (re.compile("[\u0900-\u097f]"), "(?:हरू)?(?:ले|लाई|को|का|की)?"))
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_LEET_NEXT_TO_LETTERS = re.compile(r"(?<=[a-z])[013457@$]|[013457@$](?=[a-z])")


class _Folding(dict):
    """str.translate's table: each character in lower case and its compatibility form (full-width letters), one
    character for one, so that positions in the folded text are those of the original."""

    def __missing__(self, code):
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char).lower()
        self[code] = folded if len(folded) == 1 else char.lower() if len(char.lower()) == 1 else char
        return self[code]


_FOLDING = _Folding()


def fold(text):
    """The text as matched: folded, and digits or signs standing for letters next to letters made those letters."""
    return _LEET_NEXT_TO_LETTERS.sub(lambda match: _LEET[match.group()], text.translate(_FOLDING))


def _key(folded):
    """What a folded term and a folded match of it have in common: their letters, marks and digits, each repeat
    made single ("f.u.u.c.k" and "fuck" -> "fuck")."""
    kept = [char for char in folded if char.isalnum() or unicodedata.category(char)[0] == "M"]
    return "".join(char for index, char in enumerate(kept) if index == 0 or kept[index - 1] != char)


def _sequences(term):
    """The ways one folded term is written, as sequences of regular expressions: each letter may repeat, words may
    be run together or split by signs, and take the endings of a plural or a case ("idiots", "हरामीहरू"); a Latin
    term of a few letters may also be spelt out with separators between every letter."""
    letters = [char for char in term if not char.isspace()]
    compact = [r"[\W_]*" if char.isspace() else re.escape(char) + "+" for char in " ".join(term.split())]
    ending = next((ending for script, ending in _ENDINGS if script.match(letters[-1])), "")
    yield compact + [ending] if ending else compact
    if len(letters) >= SPACED_AT_LEAST and all(_LATIN.match(char) for char in letters):
        spelt = [_SEPARATOR] * (2 * len(letters) - 1)
        spelt[::2] = [re.escape(char) + "+" for char in letters]
        yield spelt


@functools.lru_cache(maxsize=32)
def _matcher(terms, language):
    """The compiled expressions for the terms that apply to `language`, and whether each term (by its _key) is
    severe. Spaced and unspaced scripts are kept apart: each expression is searched far faster alone."""
    severities, spaced, unspaced = {}, [], []
    for term_language, term, severe in terms:
        folded = " ".join(fold(term).split())
        key = _key(folded)
        if key and (not language or not term_language or term_language.split("-")[0].lower() == language):
            severities[key] = severities.get(key, False) or severe
            (unspaced if _UNSPACED.search(folded) else spaced).extend(_sequences(folded))
    expressions = []
    if spaced:
        expressions.append(re.compile(f"(?<!{_WORD_CHAR}){any_of(spaced)}(?!{_WORD_CHAR})"))
    if unspaced:
        expressions.append(re.compile(any_of(unspaced)))
    return expressions, severities


def _severe(severities, key):
    """Whether the term a match stands for is severe: the longest term its key begins with (the match may carry
    an ending)."""
    for length in range(len(key), 0, -1):
        if key[:length] in severities:
            return severities[key[:length]]
    return False


@check("abuse", _("Abuse"))
def abuse(subject):
    expressions, severities = _matcher(subject.abuse_terms, subject.language.split("-")[0].lower())
    found = {True: [], False: []}
    folded = fold(subject.text) if expressions else ""
    for expression in expressions:
        for match in expression.finditer(folded):
            found[_severe(severities, _key(match.group()))].append(match.span())
    for severe, spans in found.items():
        if spans:
            examples = quoted([excerpt(subject.text, start, end, EXAMPLE_LENGTH) for start, end in spans])
            reason = (_("Severe abuse (a slur or a threat): {examples}") if severe else _("Abusive words: {examples}"))
            yield Hit("abuse", SEVERE_SCORE if severe else SCORE, format_lazy(reason, examples=examples), tuple(spans))
