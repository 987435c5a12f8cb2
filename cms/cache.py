"""
The shared cache as the site uses it: Redis, but an unreachable Redis is a cache miss.

Django's RedisCache raises when Redis is down, and every request that touches the cache (Wagtail
looks up its sites there on each page or API read) would then fail with a 500. This backend
answers as if the cache were empty and writes nothing, logging each failure, so the site keeps
answering from the database until Redis is back. `incr` and `clear` still raise: a counter
cannot pretend, and a flush should say it did not happen.

The throttles count in a strict alias instead (CACHES["throttle"], `RedisCache` here), so that
whether they fail open or closed stays a decision (COMMENT_THROTTLE_FAIL_OPEN), not an accident.

Both keep one connected redis-py client per connection pool and skip memcached's key warnings:
a response-cache hit is a single read, and Django's per-operation overheads (building a
`redis.Redis`, whose table of response callbacks costs more CPU than the round trip itself;
checking a connection out of the pool; a regular expression per key) were most of its cost.
"""

import functools
import logging
import os

from django.core.cache.backends import redis as django_redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)


class ReusedClientRedisCacheClient(django_redis.RedisCacheClient):
    """
    Django's Redis client, keeping one `redis.Redis` per connection pool, holding its connection.

    Django's cache backends are per thread, so each thread has its own connection; a forked
    process (a gunicorn worker) starts its own rather than share its parent's socket. Before each
    operation the connection is checked as the pool checks one it lends: one closed by the server
    (a restart, an idle timeout) or left with a reply unread is opened afresh, not failed on.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._pid = os.getpid()

    def get_client(self, key=None, *, write=False):
        if self._pid != os.getpid():
            self._clients, self._pid = {}, os.getpid()
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool, single_connection_client=True)
        client = self._clients[pool]
        _reset_if_stale(client.connection)
        return client


def _reset_if_stale(connection):
    """Disconnect a connection with anything to read: the next command reconnects."""
    if not connection.is_connected:
        return
    try:
        stale = connection.can_read()
    except (RedisConnectionError, RedisTimeoutError, OSError):
        stale = True
    if stale:
        connection.disconnect()


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def validate_key(self, key):
        """Redis takes any key: no warnings about keys memcached would refuse."""


def _soft(fallback):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                logger.warning("Cache %s failed, answering without it: %s", method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _missing(key, default=None, version=None):
    return default


class FailSoftRedisCache(RedisCache):
    get = _soft(_missing)(RedisCache.get)
    get_many = _soft(lambda keys, version=None: {})(RedisCache.get_many)
    has_key = _soft(lambda *args, **kwargs: False)(RedisCache.has_key)
    add = _soft(lambda *args, **kwargs: False)(RedisCache.add)
    set = _soft(lambda *args, **kwargs: False)(RedisCache.set)
    touch = _soft(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _soft(lambda *args, **kwargs: False)(RedisCache.delete)
    set_many = _soft(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete_many = _soft(lambda *args, **kwargs: None)(RedisCache.delete_many)
