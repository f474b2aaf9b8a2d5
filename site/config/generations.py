"""Cache generations: a counter in the cache that is part of every key of some cached data, so that bumping it makes
all of that data stale at once, on every server, without knowing its keys.

A generation that is missing (never set, or evicted) starts again from the clock in nanoseconds, never from a value
that an older key may still carry.
"""

import time

from django.core.cache import cache


def generation(name):
    key = f"generation:{name}"
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), None)
        value = cache.get(key)
    return value


def generation_bump(name):
    try:
        cache.incr(f"generation:{name}")
    except ValueError:  # missing: a fresh start from the clock
        cache.set(f"generation:{name}", time.time_ns(), None)
