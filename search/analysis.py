"""The Elasticsearch fields every kind's index shares, and the analysers they name.

Analysers are named in the mappings and defined in each index's settings when it is created (`index_settings`), so
that the same Documents work on a cluster with the ICU plugin (folding of every script, dictionary word breaks for
Thai, Khmer, Lao and Burmese running text) and without it (ASCII folding, which leaves other scripts as they are).

Two values are computed here rather than by an analyser, so that Elasticsearch compares them exactly as the database
engine does: `name_key`, the names normalised by agencies.text.normalise_name ("P.T. Bintang Jaya, Inc." ->
"bintang jaya"), and the licence number, whose analyser and normaliser keep only letters and digits in upper case,
as search.text.query_licence does with a typed number.
"""

import re

from elasticsearch_dsl import Completion, Document, Float, Integer, Keyword, Text

from agencies.text import normalise_name

NAME = "lantern_name"  # names: folded, no stemming; a word is found whatever its case and accents
TEXT = "lantern_text"  # running text in any language: folded, no stemming
ENGLISH, INDONESIAN, THAI = "lantern_english", "lantern_indonesian", "lantern_thai"
LICENCE = "lantern_licence"  # licence numbers: one token, upper case, letters and digits only
EXACT = "lantern_exact"  # normaliser of whole names compared exactly: lower case, folded
LICENCE_KEY = "lantern_licence_key"  # normaliser of a whole licence number: as LICENCE, for a keyword field

# Everything but letters and digits (Java's regular expressions, as Python's [\W_] with Unicode letters and digits).
_NOT_LETTER_OR_DIGIT = r"[^\p{L}\p{N}]+"


def index_settings(icu):
    """The `settings` of an index: its analysers and normalisers, with ICU folding and tokenizing where `icu` (the
    cluster has the analysis-icu plugin on every node), ASCII folding and the standard tokenizer otherwise."""
    fold = "icu_folding" if icu else "asciifolding"
    return {
        "analysis": {
            "filter": {
                "lantern_english_possessive": {"type": "stemmer", "language": "possessive_english"},
                "lantern_english_stop": {"type": "stop", "stopwords": "_english_"},
                "lantern_english_stemmer": {"type": "stemmer", "language": "english"},
                "lantern_indonesian_stop": {"type": "stop", "stopwords": "_indonesian_"},
                "lantern_indonesian_stemmer": {"type": "stemmer", "language": "indonesian"},
                "lantern_thai_stop": {"type": "stop", "stopwords": "_thai_"},
                "lantern_letters_and_digits": {"type": "pattern_replace", "pattern": _NOT_LETTER_OR_DIGIT,
                                               "replacement": "", "all": True},
            },
            "analyzer": {
                NAME: {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", fold]},
                TEXT: {"type": "custom", "tokenizer": "icu_tokenizer" if icu else "standard",
                       "filter": ["lowercase", fold]},
                ENGLISH: {"type": "custom", "tokenizer": "standard",
                          "filter": ["lantern_english_possessive", "lowercase", fold, "lantern_english_stop",
                                     "lantern_english_stemmer"]},
                INDONESIAN: {"type": "custom", "tokenizer": "standard",
                             "filter": ["lowercase", fold, "lantern_indonesian_stop", "lantern_indonesian_stemmer"]},
                THAI: {"type": "custom", "tokenizer": "thai", "filter": ["lowercase", "decimal_digit", "lantern_thai_stop"]},
                LICENCE: {"type": "custom", "tokenizer": "keyword", "filter": ["lantern_letters_and_digits", "uppercase"]},
            },
            "normalizer": {
                EXACT: {"type": "custom", "filter": ["lowercase", fold]},
                LICENCE_KEY: {"type": "custom", "filter": ["lantern_letters_and_digits", "uppercase"]},
            },
        },
    }


def licence_key(licence_number):
    """A licence number as LICENCE and LICENCE_KEY index it: letters and digits only, in upper case (what
    search.text.query_licence makes of a typed number; agencies.text.normalise_licence's numbers give the same key)."""
    return re.sub(r"[\W_]+", "", licence_number).upper()[:100]


def variant_key(record):
    """What one page shares with its translations (their group), or the record's own id: the search collapses
    the hits of one key into one, so that a page is shown once, in the visitor's language where it is found in it."""
    return f"group-{record['group']}" if record["group"] else f"{record['kind']}-{record['object_id']}"


class SearchDocument(Document):
    """The shared fields (search.documents.FIELDS), and those derived from them for the search: `name_key` (the
    normalised names, compared exactly), `variant` (the key of a page's translations) and `suggest` (the names that
    a search box completes). Each kind's Document adds nothing it does not need."""

    kind = Keyword()
    object_id = Integer()
    language = Keyword()
    group = Keyword()
    variant = Keyword()
    title = Text(analyzer=NAME, fields={
        "exact": Keyword(normalizer=EXACT),
        "en": Text(analyzer=ENGLISH), "id": Text(analyzer=INDONESIAN), "th": Text(analyzer=THAI),
    })
    alt_title = Text(analyzer=NAME, fields={"exact": Keyword(normalizer=EXACT)})
    name_key = Keyword()
    licence = Text(analyzer=LICENCE, fields={"raw": Keyword(normalizer=LICENCE_KEY)})
    text = Text(analyzer=TEXT, fields={
        "en": Text(analyzer=ENGLISH), "id": Text(analyzer=INDONESIAN), "th": Text(analyzer=THAI),
    })
    countries = Keyword()
    status = Keyword()
    rating = Float()
    topics = Keyword()
    languages = Keyword()
    suggest = Completion(analyzer=NAME)

    @classmethod
    def from_record(cls, record):
        """The document of a record (search.documents.record), with its id, name keys and name suggestions."""
        names = [name for name in (record["title"], record["alt_title"]) if name]
        keys = list(dict.fromkeys(key for key in map(normalise_name, names) if key))
        # A name is also completed from its first word after a legal form: "PT Bintang Jaya" from "bintang".
        inputs = list(dict.fromkeys(names + [key for key in keys if key not in {name.casefold() for name in names}]))
        return cls(meta={"id": f"{record['kind']}-{record['object_id']}"}, suggest={"input": inputs}, name_key=keys,
                   variant=variant_key(record), **record)
