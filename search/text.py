"""Text helpers both engines' callers share: how a query and a record's words are normalised, keyed and marked."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from rapidfuzz import fuzz

from agencies.text import name_tokens, normalise_name, token_keys
from search.query import MAX_QUERY_LENGTH

MAX_WORDS = 8  # words of a query that count
SNIPPET = 160  # characters of a highlight


def query_words(text):
    """The normalised words of a query, at most MAX_WORDS: "P.T. Manpowr, Inc." -> ["manpowr"]."""
    return normalise_name(text[:MAX_QUERY_LENGTH]).split()[:MAX_WORDS]


def query_licence(text):
    """A licence number as compared: letters and digits only, in upper case ("poea 901-lb" -> "POEA901LB")."""
    return re.sub(r"[\W_]+", "", text[:MAX_QUERY_LENGTH]).upper()[:100]


def record_words(record):
    """Every word a record is found by, normalised: its names and its text."""
    return " ".join(filter(None, (normalise_name(record["title"]), normalise_name(record["alt_title"]),
                                  normalise_name(record["text"][:20000]))))


def encoded_key(key):
    """A name's lookup key (agencies.text.token_keys) as one ASCII word that any tokenizer keeps whole."""
    marker = {"<": "b", ">": "e", "=": "w"}
    if key.startswith(("<", "=")):
        return "k" + marker[key[0]] + key[1:].encode().hex()
    return "k" + marker[key[-1]] + key[:-1].encode().hex()


def name_keys(*names):
    """The encoded lookup keys of names (normalised): one typo in a word leaves one of its keys whole."""
    return sorted({encoded_key(key) for name in names for word in name_tokens(name) for key in token_keys(word)})


def name_likeness(words, name):
    """How alike the query is to the name, or to the part of the name of as many words, from 0 to 1 (rapidfuzz's
    ratio: what share of the letters of both match)."""
    if not words or not name:
        return 0.0
    query = " ".join(words)
    parts = name.split()
    best = fuzz.ratio(query, name)
    span = len(words)
    for start in range(max(len(parts) - span + 1, 1)):
        best = max(best, fuzz.ratio(query, " ".join(parts[start:start + span]), score_cutoff=best))
    return best / 100


def highlight(text, words, length=SNIPPET):
    """A passage of `text` around the first word of the query it holds, escaped, with the words in <mark>."""
    if not text:
        return ""
    folded = text.casefold()
    found = [folded.find(word) for word in words if word and folded.find(word) >= 0]
    start = max(min(found) - length // 4, 0) if found else 0
    passage = text[start:start + length]
    prefix, suffix = ("…" if start else ""), ("…" if start + length < len(text) else "")
    if not words:
        return escape(prefix + passage + suffix)
    pattern = re.compile("|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True)), re.IGNORECASE)
    marked, last = [], 0
    for match in pattern.finditer(passage):
        marked += [escape(passage[last:match.start()]), "<mark>", escape(match.group()), "</mark>"]
        last = match.end()
    marked.append(escape(passage[last:]))
    return mark_safe(escape(prefix) + "".join(marked) + escape(suffix))
