"""One search over agencies, rights guides, money transfer providers and support organisations.

`search()` answers with the configured engine (Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise)
and falls back to the database engine, with a warning in the log, when Elasticsearch fails. The database index is
written in the caller's transaction whatever the engine, so that it is current when it has to answer; Elasticsearch is
updated after the commit, through the task interface.
"""

import dataclasses
import logging
import math
import unicodedata

from django.conf import settings
from django.db import transaction

from search.documents import kinds as all_kinds
from search.engines import EngineError
from search.engines.database import DatabaseEngine
from search.query import FILTERS, MAX_PAGE, MAX_QUERY_LENGTH, Query

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
SUGGESTIONS = 8


def _configured():
    if settings.SEARCH_ENGINE == "elasticsearch":
        from search.engines.elastic import ElasticEngine

        return ElasticEngine()
    return DatabaseEngine()


def _clean(text):
    """The query as typed, without control characters, its spaces collapsed, cut at MAX_QUERY_LENGTH."""
    kept = "".join(char if unicodedata.category(char)[0] != "C" else " " for char in str(text)[:MAX_QUERY_LENGTH * 2])
    return " ".join(kept.split())[:MAX_QUERY_LENGTH]


def search_query(*, text="", kinds=(), locale="en", page=1, **filters):
    """A Query from a visitor's words and choices; a page out of range is brought back into it."""
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise TypeError(f"unknown filters: {', '.join(sorted(unknown))}")
    known = set(all_kinds())
    return Query(text=_clean(text), kinds=tuple(kind for kind in kinds if kind in known), locale=locale,
                 page=min(max(int(page or 1), 1), MAX_PAGE), **{name: value for name, value in filters.items() if value})


def _answer(query, searched):
    engine = _configured()
    try:
        return engine.search(query, searched)
    except EngineError as error:
        logger.warning("Search: %s failed (%s); the database answered.", engine.name, error)
        results = DatabaseEngine().search(query, searched)
        results.degraded = True
        return results


def search(query, *, request=None):
    """Results of `query` (search_query) with each hit's URL on the site; never raises for what a visitor typed."""
    kinds = all_kinds()
    searched = {name: kinds[name] for name in query.kinds_searched(kinds)}
    results = _answer(query, searched)
    last = max(math.ceil(group.total / query.size) for group in results.groups) if results.groups else 1
    if query.page > last:  # a page out of range shows the last one
        results = _answer(dataclasses.replace(query, page=last), searched)
    for group in results.groups:
        urls = kinds[group.kind].urls(group.hits, request)
        for hit in group.hits:
            hit.url = urls.get(hit.object_id)
    return results


def suggest(*, text, limit=SUGGESTIONS):
    """Agency names that begin like `text`, for the search box as a visitor types."""
    engine = _configured()
    text = _clean(text)
    try:
        return engine.suggest(text, limit=limit)
    except EngineError as error:
        logger.warning("Search suggestions: %s failed (%s); the database answered.", engine.name, error)
        return DatabaseEngine().suggest(text, limit=limit)


# --- Keeping the indexes in step with the data --------------------------------------------------------------------


def _records(kind, object_ids):
    objects = kind.queryset().filter(pk__in=list(object_ids))
    return kind.records(objects)


def index_refresh(*, kind, object_ids):
    """The search records of these objects are made anew (or removed, for those no longer to be found): at once in the
    database engine, in the caller's transaction; after the commit in Elasticsearch, through the task interface."""
    object_ids = sorted(set(object_ids))
    if not object_ids:
        return
    found = all_kinds()[kind]
    database = DatabaseEngine()
    for start in range(0, len(object_ids), BATCH_SIZE):
        chunk = object_ids[start:start + BATCH_SIZE]
        records = _records(found, chunk)
        database.remove(kind, chunk)
        database.index(records)
    if settings.SEARCH_ENGINE == "elasticsearch":
        from search.tasks import search_index_refresh

        transaction.on_commit(lambda: search_index_refresh.enqueue(kind=kind, object_ids=object_ids))


def elastic_refresh(*, kind, object_ids):
    """Elasticsearch's part of index_refresh (the task's work): a failure is logged; a rebuild mends the index."""
    from search.engines.elastic import ElasticEngine

    engine = ElasticEngine()
    found = all_kinds()[kind]
    try:
        for start in range(0, len(object_ids), BATCH_SIZE):
            chunk = object_ids[start:start + BATCH_SIZE]
            engine.remove(kind, chunk)
            engine.index(_records(found, chunk))
    except EngineError as error:
        logger.warning("Search: Elasticsearch was not updated for %s %s (%s).", kind, object_ids[:10], error)


def _batches():
    for name, kind in all_kinds().items():
        queryset = kind.queryset()
        last = 0
        while True:
            objects = list(queryset.filter(pk__gt=last)[:BATCH_SIZE])
            if not objects:
                break
            last = objects[-1].pk
            yield name, kind.records(objects)


def index_rebuild(*, engine=None, progress=None):
    """Indexes every searchable object anew in `engine` ("database" or "elasticsearch"; by default the database and,
    when it is configured, Elasticsearch); returns {engine name: records indexed}."""
    names = [engine] if engine else ["database", *(["elasticsearch"] if settings.SEARCH_ENGINE == "elasticsearch" else [])]
    counts = {}
    for name in names:
        if name == "elasticsearch":
            from search.engines.elastic import ElasticEngine

            chosen = ElasticEngine()
        else:
            chosen = DatabaseEngine()
        counts[name] = chosen.rebuild(_batches(), progress=(lambda done, name=name: progress(name, done))
                                      if progress else None)
    return counts
