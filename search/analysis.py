"""The Elasticsearch fields every kind's index shares, and the analysers they name.

Analysers are named in the mappings and defined in each index's settings when it is created (`index_settings`), so
that the same Documents work on a cluster with the ICU plugin (folding of every script) and without it (ASCII
folding, which leaves other scripts as they are).
"""

from elasticsearch_dsl import Completion, Document, Float, Integer, Keyword, Text

NAME = "lantern_name"  # names: folded, no stemming; a word is found whatever its case and accents
TEXT = "lantern_text"  # running text in any language: folded, no stemming
ENGLISH, INDONESIAN, THAI = "lantern_english", "lantern_indonesian", "lantern_thai"
LICENCE = "lantern_licence"  # licence numbers: one token, upper case, without spaces


class SearchDocument(Document):
    """The shared fields (search.documents.FIELDS); each kind's Document adds nothing it does not need."""

    kind = Keyword()
    object_id = Integer()
    language = Keyword()
    group = Keyword()
    title = Text(analyzer=NAME, fields={
        "exact": Keyword(normalizer="lantern_exact"),
        "en": Text(analyzer=ENGLISH), "id": Text(analyzer=INDONESIAN), "th": Text(analyzer=THAI),
    })
    alt_title = Text(analyzer=NAME, fields={"exact": Keyword(normalizer="lantern_exact")})
    licence = Text(analyzer=LICENCE, fields={"raw": Keyword()})
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
        """The document of a record (search.documents.record), with its id and name suggestions."""
        names = [name for name in (record["title"], record["alt_title"]) if name]
        return cls(meta={"id": f"{record['kind']}-{record['object_id']}"}, suggest={"input": names}, **record)
