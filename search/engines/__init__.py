"""The two engines behind search.services: `database` (the default) and `elastic` (when ELASTICSEARCH_URL is set).

Both take the records of search.documents and answer a search.query.Query with search.query.Results (hits without
URLs: search.services adds them for the page shown).
"""


class EngineError(Exception):
    """The engine could not answer (down, timed out, refused the request); the database engine answers instead."""


class Engine:
    name = ""

    def search(self, query, kinds):
        """Results for `query` among `kinds` ({name: Kind}, those the query can find)."""
        raise NotImplementedError

    def suggest(self, text, *, limit):
        """Up to `limit` agency names that `text` begins (a search-as-you-type box)."""
        raise NotImplementedError

    def index(self, records):
        """Adds or replaces these records (search.documents.record)."""
        raise NotImplementedError

    def remove(self, kind, object_ids):
        """Removes the records of these objects of `kind`, if they are indexed."""
        raise NotImplementedError

    def rebuild(self, batches, *, progress=None):
        """Indexes anew every record from `batches` (an iterable of (kind name, [records])), replacing the old index
        only once the new one is complete; calls `progress(done)` after each batch; returns how many records."""
        raise NotImplementedError
