"""Reads of the search indexes."""

from django.db.models import Count

from search.documents import kinds
from search.models import Entry


def entry_counts():
    """{kind: records} in the database engine's index, every kind named."""
    counts = dict(Entry.objects.values_list("kind").annotate(Count("id")))
    return {kind: counts.get(kind, 0) for kind in kinds()}
