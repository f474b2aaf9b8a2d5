"""The database engine: search.Entry rows, found by SQLite FTS5 or by PostgreSQL full text and trigram similarity.

A search asks the database for up to MATCH_LIMIT candidates of the wanted kinds that pass the filters (the best first,
as the database ranks them), then ranks them the same way on both databases: a licence number first, then an exact
name, then names by likeness to the query (tolerating a typo or two), then other words that match. Facet counts are
those of the candidates, so a very broad query counts at most MATCH_LIMIT hits (the group says it is capped).
"""

from collections import Counter

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL

from search.engines import Engine
from search.models import Entry, EntryKey
from search.query import Group, Hit, Results
from search.text import (highlight, name_keys, name_likeness, normalise_name, query_licence, query_words,
                         record_words)

MATCH_LIMIT = 500
KEY_CANDIDATES = 100  # rows sharing the most name keys with the query that are compared with it
MIN_LIKENESS = 0.55  # how alike a name found by its keys must be to the query (search.text.name_likeness)
RERANK = 200  # candidates compared in full with the query
KEY_BUDGET = 2000  # rows that the rarest name keys may bring, but always MIN_KEYS keys
MIN_KEYS = 2
FTS = "search_entry_fts"
COMMON_KEYS_CACHE = "search:common-keys"
COMMON_KEYS_SECONDS = 600


def _coded(values):
    return f",{','.join(values)}," if values else ""


class _Row:
    """An entry as a search reads it: the fields that filter, rank and show it (its text is read for the hits shown)."""

    FIELDS = ("pk", "kind", "object_id", "language", "group", "title", "alt_title", "key", "alt_key", "licence",
              "licence_key", "countries", "status", "rating", "topics", "languages")
    __slots__ = (*FIELDS, "score")

    def __init__(self, *values):
        for name, value in zip(self.FIELDS, values):
            setattr(self, name, value)
        self.score = 0.0


def _rows(queryset, limit):
    return [_Row(*values) for values in queryset.values_list(*_Row.FIELDS)[:limit]]


def _common_keys():
    """{key: names holding it, about} of the most common name keys ("<man", "wer>"), as PostgreSQL's statistics
    (ANALYZE) estimate them; cached. Empty until the table has been analysed."""
    def read():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.most_common_vals::text::text[], s.most_common_freqs, c.reltuples FROM pg_stats s "
                "JOIN pg_class c ON c.relname = s.tablename WHERE s.tablename = 'search_entrykey' AND s.attname = 'key'")
            row = cursor.fetchone()
        if not row or row[0] is None:
            return {}
        values, shares, rows = row
        return {value: int(share * rows) for value, share in zip(values, shares)}

    return cache.get_or_set(COMMON_KEYS_CACHE, read, COMMON_KEYS_SECONDS)


def _key_counts(keys):
    """{key: names holding it} (PostgreSQL): the common keys as the statistics estimate them (counting them would cost
    most), the others counted, which their index makes cheap, so that a name just imported is found at once."""
    common = _common_keys()
    counts = {key: common[key] for key in keys if key in common}
    rare = [key for key in keys if key not in counts]
    if rare:
        found = dict(EntryKey.objects.filter(key__in=rare).values_list("key").annotate(Count("id")))
        counts.update({key: found.get(key, 0) for key in rare})
    return counts


def _rarest(counts):
    """The rarest keys of (key, rows holding it): as many as KEY_BUDGET rows allow, but at least MIN_KEYS, since one
    of them may be a typo that happens to exist."""
    chosen, budget = [], KEY_BUDGET
    for count, key in sorted((count, key) for key, count in counts if count):
        if len(chosen) >= MIN_KEYS and count > budget:
            break
        chosen.append(key)
        budget -= count
    return chosen


def _codes(coded):
    return [code for code in coded.split(",") if code]


def _entry(record):
    title_key, alt_key = normalise_name(record["title"]), normalise_name(record["alt_title"])
    return Entry(kind=record["kind"], object_id=record["object_id"], language=record["language"],
                 group=record["group"], title=record["title"][:300], alt_title=record["alt_title"][:300],
                 key=title_key, alt_key=alt_key, licence=record["licence"][:100],
                 licence_key=query_licence(record["licence"]), text=record["text"],
                 countries=_coded(record["countries"]), status=record["status"], rating=record["rating"],
                 topics=_coded(record["topics"]), languages=_coded(record["languages"]))


class DatabaseEngine(Engine):
    name = "database"

    @property
    def sqlite(self):
        return connection.vendor == "sqlite"

    # --- Writing -------------------------------------------------------------------------------------------------

    @transaction.atomic
    def index(self, records):
        by_kind = {}
        for record in records:
            by_kind.setdefault(record["kind"], []).append(record["object_id"])
        for kind, ids in by_kind.items():
            self.remove(kind, ids)
        entries = Entry.objects.bulk_create([_entry(record) for record in records])
        if self.sqlite:
            self._fts_add(entries, records)
        else:
            self._vectors_set([entry.pk for entry in entries])
            EntryKey.objects.bulk_create([EntryKey(entry_id=entry.pk, key=key) for entry in entries
                                          for key in name_keys(entry.key, entry.alt_key)])

    def remove(self, kind, object_ids):
        gone = Entry.objects.filter(kind=kind, object_id__in=list(object_ids))
        if self.sqlite:
            ids = list(gone.values_list("pk", flat=True))
            with connection.cursor() as cursor:
                cursor.executemany(f"DELETE FROM {FTS} WHERE rowid = %s", [(pk,) for pk in ids])
        gone.delete()

    def _fts_add(self, entries, records):
        rows = [(entry.pk, record_words(record), " ".join(name_keys(entry.key, entry.alt_key)))
                for entry, record in zip(entries, records)]
        with connection.cursor() as cursor:
            # A row of an entry deleted without the engine (a test database flushed) may hold the id still.
            cursor.executemany(f"DELETE FROM {FTS} WHERE rowid = %s", [(row[0],) for row in rows])
            cursor.executemany(f"INSERT INTO {FTS} (rowid, words, keys) VALUES (%s, %s, %s)", rows)

    def _vectors_set(self, ids):
        """PostgreSQL keeps the words, folded as search.text folds them, in a tsvector beside each entry."""
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 2000):
                chunk = ids[start:start + 2000]
                rows = Entry.objects.filter(pk__in=chunk).values("pk", "title", "alt_title", "text")
                cursor.executemany(
                    "UPDATE search_entry SET words = to_tsvector('simple', %s) WHERE id = %s",
                    [(record_words({"title": row["title"], "alt_title": row["alt_title"], "text": row["text"]}),
                      row["pk"]) for row in rows])

    def rebuild(self, batches, *, progress=None):
        done = 0
        with transaction.atomic():  # readers see the old index until the new one is complete
            Entry.objects.all().delete()
            if self.sqlite:
                with connection.cursor() as cursor:
                    cursor.execute(f"DELETE FROM {FTS}")
            for _kind, records in batches:
                self.index(records)
                done += len(records)
                if progress:
                    progress(done)
        return done

    # --- Reading -------------------------------------------------------------------------------------------------

    def search(self, query, kinds):
        words, licence = query_words(query.text), query_licence(query.text)
        if not kinds or not (words or licence or query.chosen_filters):
            return Results(query=query, engine=self.name)
        entries = Entry.objects.filter(self._filters(query, kinds))
        if words:
            candidates = self._candidates(entries, words, licence)
        else:
            candidates = _rows(entries.order_by("key", "pk"), MATCH_LIMIT)
        capped = len(candidates) >= MATCH_LIMIT
        candidates = self._in_visitors_language(candidates, query.locale)
        ranked = self._rank(candidates, words, licence) if words else candidates
        return self._results(query, kinds, ranked, words, capped)

    def _filters(self, query, kinds):
        """Only the wanted kinds, each row passing every chosen filter; pages in the visitor's language or English."""
        chosen = Q(kind__in=list(kinds))
        if query.country:
            chosen &= Q(countries__contains=f",{query.country},")
        if query.status:
            chosen &= Q(status=query.status)
        if query.min_rating:
            chosen &= Q(rating__gte=query.min_rating)
        if query.topic:
            chosen &= Q(topics__contains=f",{query.topic},")
        if query.language:
            chosen &= Q(languages__contains=f",{query.language},")
        return chosen & (Q(language="") | Q(language__in={query.locale, "en"}))

    def _candidates(self, entries, words, licence):
        """The rows with the licence number or exactly the name; rows whose names are alike (a typo or two); rows whose
        words begin with every query word."""
        name = " ".join(words)
        exact = Q(key=name) | Q(alt_key=name) | (Q(licence_key=licence) if licence else Q(pk__in=[]))
        candidates = {entry.pk: entry for entry in _rows(entries.filter(exact), RERANK)}
        alike = [entry for entry in self._name_neighbours(entries, words)
                 if max(name_likeness(words, entry.key), name_likeness(words, entry.alt_key)) >= MIN_LIKENESS]
        for entry in alike + _rows(self._word_matches(entries, words), MATCH_LIMIT):
            candidates.setdefault(entry.pk, entry)
        return list(candidates.values())[:MATCH_LIMIT]

    def _name_neighbours(self, entries, words):
        """Up to KEY_CANDIDATES rows that share the most of the query's rarest name keys: on SQLite as FTS5 ranks them,
        on PostgreSQL the nearest by pg_trgm's word similarity among those sharing the most keys."""
        name = " ".join(words)
        keys = name_keys(name)
        if not keys:
            return []
        if self.sqlite:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT term, doc FROM {FTS}_vocab WHERE term IN ({', '.join(['%s'] * len(keys))})",
                               keys)
                rare = _rarest(cursor.fetchall())
            if not rare:  # no name holds any of the keys
                return []
            return _rows(self._fts_match(entries, f"keys : ({' OR '.join(rare)})", ranked=True), KEY_CANDIDATES)
        rare = _rarest(_key_counts(keys).items())
        if not rare:
            return []
        sharing = EntryKey.objects.filter(key__in=rare).values("entry_id").annotate(hits=Count("id")).order_by(
            "-hits")[:KEY_CANDIDATES * 3].values("entry_id")
        nearest = RawSQL("GREATEST(word_similarity(%s, search_entry.key), word_similarity(%s, search_entry.alt_key))",
                         [name, name])
        return _rows(entries.filter(pk__in=sharing).order_by(nearest.desc()), KEY_CANDIDATES)

    def _word_matches(self, entries, words):
        """The rows that hold every query word, the last one perhaps not yet typed in full ("manpower serv")."""
        *whole, last = words
        if self.sqlite:
            return self._fts_match(entries, "words : ({})".format(" AND ".join([*(f'"{word}"' for word in whole),
                                                                              f'"{last}"*'])))
        return entries.extra(where=["search_entry.words @@ to_tsquery('simple', %s)"],
                             params=[" & ".join([*whole, f"{last}:*"])])

    def _fts_match(self, entries, expression, ranked=False):
        """The entries that the FTS5 expression matches; `ranked`: only the KEY_CANDIDATES that FTS5 ranks best (the
        most keys in common), for a match set that the rarest keys keep small."""
        order = f" ORDER BY rank LIMIT {KEY_CANDIDATES}" if ranked else ""
        return entries.extra(where=[f"search_entry.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s{order})"],
                             params=[expression])

    @staticmethod
    def _in_visitors_language(candidates, locale):
        """A page in the visitor's language hides the same page in English."""
        translated = {entry.group for entry in candidates if entry.group and entry.language == locale}
        return [entry for entry in candidates
                if not (entry.group and entry.language != locale and entry.group in translated)]

    @staticmethod
    def _rank(candidates, words, licence):
        name = " ".join(words)

        def score(entry):
            if licence and entry.licence_key == licence:
                return 1000.0
            if name in (entry.key, entry.alt_key):
                return 500.0
            return 100 * max(name_likeness(words, entry.key), name_likeness(words, entry.alt_key))

        scored = sorted(((score(entry), position, entry) for position, entry in enumerate(candidates[:RERANK])),
                        key=lambda item: (-item[0], item[1]))
        for value, _position, entry in scored:
            entry.score = value / 100
        return [entry for _score, _position, entry in scored] + candidates[RERANK:]

    def _results(self, query, kinds, ranked, words, capped):
        by_kind = {}
        for entry in ranked:
            by_kind.setdefault(entry.kind, []).append(entry)
        start = (query.page - 1) * query.size
        shown = {kind: by_kind[kind][start:start + query.size] for kind in kinds if by_kind.get(kind)}
        texts = dict(Entry.objects.filter(pk__in=[entry.pk for part in shown.values() for entry in part]).values_list(
            "pk", "text"))
        groups = [Group(kind=kind, total=len(by_kind[kind]), capped=capped,
                        hits=[self._hit(entry, texts.get(entry.pk, ""), words) for entry in part])
                  for kind, part in shown.items()]
        return Results(query=query, groups=groups, facets=self._facets(ranked), engine=self.name)

    @staticmethod
    def _hit(entry, text, words):
        return Hit(kind=entry.kind, object_id=entry.object_id, title=entry.title, language=entry.language,
                   alt_title=entry.alt_title, licence=entry.licence, countries=_codes(entry.countries),
                   status=entry.status, rating=entry.rating, topics=_codes(entry.topics),
                   highlight=highlight(text, words), score=entry.score)

    @staticmethod
    def _facets(entries):
        counts = {name: Counter() for name in ("kind", "country", "status", "topic", "language")}
        for entry in entries:
            counts["kind"][entry.kind] += 1
            counts["country"].update(_codes(entry.countries))
            if entry.status:
                counts["status"][entry.status] += 1
            counts["topic"].update(_codes(entry.topics))
            counts["language"].update(_codes(entry.languages))
        return {name: counter.most_common() for name, counter in counts.items() if counter}

    # --- Suggestions -----------------------------------------------------------------------------------------------

    def suggest(self, text, *, limit):
        name = " ".join(query_words(text))
        if len(name) < 2:
            return []
        names = Entry.objects.filter(kind="agency", key__gte=name, key__lt=name + "\U0010ffff").order_by("key")
        return list(dict.fromkeys(names.values_list("title", flat=True)[:limit * 2]))[:limit]


