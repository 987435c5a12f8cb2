"""
Generations: one counter per thing responses depend on, in the shared cache.

A cached response records the generations of everything it shows (every page, the taxonomies,
each article it lists); it is served only while they are all unchanged, so invalidating is one
write per changed thing, whatever the number of responses, URLs and query strings showing it.

Values come from one clock (`api:gen:clock`, incremented on every change), which lets a response
computed while a change was committing notice it and not be stored (`read_clock`,
`changed_since`). A bump moves the clock again once its generations are written, so while the
clock still reads a value read before some generations were found current, they still are: a
copy a process remembers is served on the clock alone (docs/caching.md, Races). Every operation
is fail-safe: when the cache is unreachable the API answers from the database, as on a miss.
"""

import logging
import time
from functools import partial

from django.core.cache import caches
from django.db import connection, transaction

from ..conf import api_settings
from . import channel

logger = logging.getLogger(__name__)

PREFIX = "api:gen:"
CLOCK = PREFIX + "clock"
# Everything about pages: which are public, where, and their URLs.
PAGES = "pages"
# Technique and condition names and slugs, which listings filter on.
TAXONOMIES = "taxonomies"


def article(pk):
    """Everything one article's representation shows: its snippets, images, approved comments."""
    return f"article:{pk}"


def shared_cache():
    return caches[api_settings.API_CACHE_ALIAS]


def safely(operation, default=None):
    """Run a cache operation; when the cache fails, log it and return `default`."""
    try:
        return operation()
    except Exception as error:  # noqa: BLE001 - any backend error (connection, timeout) is a miss
        logger.warning("Shared cache unavailable, answering without it: %r", error)
        return default


def read_clock():
    """The clock now, or None when the cache cannot be read (then nothing is stored)."""

    def read():
        cache = shared_cache()
        return cache.get(CLOCK) or _start_clock(cache)

    return safely(read)


def current(names, clock):
    """
    {name: generation} for `names`. A name without one (never changed, or evicted) gets `clock`,
    read before the response was computed: any later change gives it a greater value. None when
    the cache is unreachable.
    """

    def read():
        cache = shared_cache()
        keys = {PREFIX + name: name for name in names}
        found = cache.get_many(keys)
        for key in keys.keys() - found.keys():
            cache.add(key, clock, timeout=None)
            found[key] = cache.get(key)
        return {name: found[key] for key, name in keys.items()}

    return safely(read)


def unchanged(generations):
    """Whether every generation in {name: value} is still current."""
    keys = {PREFIX + name: value for name, value in generations.items()}
    found = safely(lambda: shared_cache().get_many(keys))
    return found is not None and all(found.get(key) == value for key, value in keys.items())


def changed_since(generations, clock):
    """Whether any of `generations` was bumped after `clock` was read."""
    return any(value is None or value > clock for value in generations.values())


def bump(*names):
    """
    Mark `names` changed, now and again once the transaction commits: the second bump voids
    any response computed from the database between the first one and the commit.
    """
    _bump(names)
    if connection.in_atomic_block:
        transaction.on_commit(partial(_bump, names), robust=True)


def _bump(names):
    def write():
        cache = shared_cache()
        tick = _tick(cache)
        cache.set_many({PREFIX + name: tick for name in names}, timeout=None)
        # The clock moves again once the generations are written: a copy found current at an
        # earlier clock value is checked again (ResponseCache.lookup serves it on the clock alone
        # while that value lasts). Then every process hears of it (channel.py).
        channel.announce(_tick(cache))

    safely(write)


def _tick(cache):
    """The next value of the clock."""
    try:
        return cache.incr(CLOCK)
    except ValueError:
        _start_clock(cache)
        return cache.incr(CLOCK)


def _start_clock(cache):
    """Start the clock from the time (in microseconds), so a lost clock still only moves forward."""
    cache.add(CLOCK, time.time_ns() // 1000, timeout=None)
    return cache.get(CLOCK)
