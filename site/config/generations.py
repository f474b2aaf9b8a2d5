"""Cache generations: a counter in the cache that is part of every key of some cached data, so that bumping it makes
all of that data stale at once, on every server, without knowing its keys."""

from django.core.cache import cache


def generation(name):
    return cache.get(f"generation:{name}", 0)


def generation_bump(name):
    try:
        cache.incr(f"generation:{name}")
    except ValueError:  # never set, or evicted: any fresh generation will do
        cache.set(f"generation:{name}", 1, None)
