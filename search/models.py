"""The database engine's index: one row per searchable record (search.documents), kept in step with the data."""

from django.db import models


class Entry(models.Model):
    """A record as the database engine searches it. Lists are stored as ",PH,HK," so that one LIKE finds a code;
    `key` and `alt_key` are the names normalised (agencies.text.normalise_name), `licence_key` the licence number."""

    kind = models.CharField(max_length=20)
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=12, blank=True)
    group = models.CharField(max_length=40, blank=True)
    title = models.CharField(max_length=300)
    alt_title = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=300, blank=True)
    alt_key = models.CharField(max_length=300, blank=True)
    licence = models.CharField(max_length=100, blank=True)
    licence_key = models.CharField(max_length=100, blank=True)
    text = models.TextField(blank=True)
    countries = models.CharField(max_length=800, blank=True)
    status = models.CharField(max_length=20, blank=True)
    rating = models.FloatField(null=True)
    topics = models.CharField(max_length=400, blank=True)
    languages = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]
        indexes = [
            models.Index(fields=["licence_key"], name="search_entry_licence"),
            models.Index(fields=["key"], name="search_entry_key"),
            models.Index(fields=["alt_key"], name="search_entry_alt_key"),
            models.Index(fields=["kind", "key"], name="search_entry_kind_key"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"


class EntryKey(models.Model):
    """A lookup key of a word of an entry's names (search.text.name_keys), on PostgreSQL: the rarest keys of a query
    find the names a typo or two away without reading every name (SQLite keeps them in its FTS5 table)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=40, db_index=True)
