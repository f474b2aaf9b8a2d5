"""Normalising agency names so that the same agency matches however a registry or a worker writes it."""

import re
import unicodedata

# Words of a company's legal form that registries add or drop at will.
LEGAL_FORMS = frozenset(
    "inc incorporated corp corporation co company ltd limited llc pvt private pt cv sdn bhd tbk plc "
    "intl".split()
)


def _fold(name):
    """Case-folded, accents dropped from Latin letters; vowel signs of other scripts (Thai, Devanagari, ...) kept."""
    kept = []
    for char in unicodedata.normalize("NFKD", name.casefold()):
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue
        # Letters, marks and digits make words; everything else separates them.
        kept.append(char if unicodedata.category(char)[0] in "LMN" or char == "." else " ")
    return "".join(kept).replace("đ", "d")


def normalise_name(name):
    """Lower case, without accents, punctuation or legal-form words: "P.T. Bintang-Jaya, Inc." -> "bintang jaya"."""
    # Dotted abbreviations ("P.T.", "I.N.C.") are joined before the dots become spaces.
    joined = re.sub(r"\b(\w)\.(?=\w\.)", r"\1", _fold(name)).replace(".", " ")
    words = [word for word in joined.split() if word not in LEGAL_FORMS]
    return unicodedata.normalize("NFKC", " ".join(words))[:300]


def name_tokens(normalised):
    """The distinct words of a normalised name worth indexing (two characters or more)."""
    return sorted({word[:60] for word in normalised.split() if len(word) >= 2})


KEY_LENGTH = 3


def token_keys(token):
    """The keys by which a word is looked up: its first and its last letters, so one typo leaves one key whole.

    "bright" -> {"<bri", "ght>"}; a word of three letters or fewer is its own key: "abc" -> {"=abc"}.
    """
    if len(token) <= KEY_LENGTH:
        return {f"={token}"}
    return {f"<{token[:KEY_LENGTH]}", f"{token[-KEY_LENGTH:]}>"}


def normalise_licence(licence_number):
    """Licence numbers compared without case or spaces."""
    return re.sub(r"\s+", "", licence_number).upper()
