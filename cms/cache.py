"""
The shared cache as the site uses it: Django's Redis cache, but an unreachable Redis is a miss.

Django's RedisCache raises when Redis is down, and every request that touches the cache (Wagtail
looks up its sites there on each page or API read) would then fail with a 500. This backend
answers as if the cache were empty and writes nothing, logging each failure, so the site keeps
answering from the database until Redis is back. `incr` and `clear` still raise: a counter
cannot pretend, and a flush should say it did not happen.

The throttles count in a strict alias instead (CACHES["throttle"], Django's own RedisCache), so
that whether they fail open or closed stays a decision (COMMENT_THROTTLE_FAIL_OPEN).
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


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
