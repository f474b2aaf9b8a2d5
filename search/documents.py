"""What is searched: one `Kind` per sort of thing a worker looks for, each defined next to its app's data
(`agencies/documents.py`, `content/documents.py`, `remittance/documents.py`).

A kind turns its objects into plain records of the shared fields below. Both engines index those records: the database
engine keeps them in `search.Entry`, Elasticsearch in the kind's own index (its `document` class gives the mapping).
"""

import importlib

KIND_MODULES = ("agencies.documents", "content.documents", "remittance.documents")

# The fields every record has; a kind leaves blank those it has not.
FIELDS = (
    "kind",        # the kind's name
    "object_id",   # the object's primary key
    "language",    # the language of a page ("" where the object is the same in every language)
    "group",       # a page's translation key: its translations share it ("" otherwise)
    "title",       # the name or title
    "alt_title",   # another name: an agency's name in the local script
    "licence",     # a licence number
    "text",        # the words worth searching besides the name: a summary, an address, a description
    "countries",   # ISO 3166 codes: an agency's licensing country, a guide's origin and destination, ...
    "status",      # an agency's licence status
    "rating",      # an agency's average rating (None without published reviews)
    "topics",      # topic slugs of guides and organisations
    "languages",   # languages spoken by an organisation; a page's own language
)


class Kind:
    """A sort of searchable thing. Subclasses say how to read, describe and link their objects."""

    name = ""
    label = ""  # lazily translated, plural: "Agencies"
    document = None  # the elasticsearch-dsl Document class of its index
    filters = frozenset()  # the filters (FILTERS in search.services) that apply to it; others leave it out

    def queryset(self):
        """Every object that could be searchable, for a rebuild (read in batches)."""
        raise NotImplementedError

    def records(self, objects):
        """The records of those of `objects` that should be found now (live, not hidden)."""
        raise NotImplementedError

    def urls(self, hits, request):
        """{object_id: URL on the site} for these hits, in the visitor's language where there is one."""
        raise NotImplementedError


def record(kind, obj, **values):
    """A record with every shared field, blanks where `values` says nothing."""
    blank = {"language": "", "group": "", "alt_title": "", "licence": "", "text": "", "countries": [], "status": "",
             "rating": None, "topics": [], "languages": []}
    return {**blank, **values, "kind": kind.name, "object_id": obj.pk}


_kinds = {}


def kinds():
    """{name: Kind} of every searchable kind, in the order results are shown."""
    if not _kinds:
        for module in KIND_MODULES:
            for kind in importlib.import_module(module).KINDS:
                _kinds[kind.name] = kind
    return _kinds
