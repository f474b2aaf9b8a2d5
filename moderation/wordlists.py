"""The abuse word lists as the checks want them, read once and kept in the cache until a moderator changes them.

Checks never touch the database: whoever runs them (the moderation service, `manage.py moderation_check`, the
benchmark) reads the words here and puts them into Subject.abuse_terms. Saving or deleting a word in the admin clears
the cached copy once its transaction commits, on every server (the cache is shared where it matters: Redis).
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from moderation.models import AbuseTerm

CACHE_KEY = "moderation:abuse-terms"
CACHE_SECONDS = 24 * 60 * 60  # a safety net: a change clears it at once


def abuse_terms_load():
    """Every abuse word as (language or "", term, severe), the shape of Subject.abuse_terms."""
    terms = cache.get(CACHE_KEY)
    if terms is None:
        terms = tuple(AbuseTerm.objects.order_by("language", "term").values_list("language", "term", "severe"))
        cache.set(CACHE_KEY, terms, CACHE_SECONDS)
    return terms


@receiver(post_save, sender=AbuseTerm, dispatch_uid="moderation-abuseterm-saved")
@receiver(post_delete, sender=AbuseTerm, dispatch_uid="moderation-abuseterm-deleted")
def abuse_terms_changed(**kwargs):
    """A moderator added, changed or removed a word."""
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
