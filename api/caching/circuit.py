"""
A circuit breaker in front of Redis, so that a Redis that hangs (accepts connections, never
answers) costs a request at most one socket timeout, not one per cache operation.

A request touches the cache a dozen times (each throttle reads and writes its counter, the
response cache, Wagtail's own lookups, the comment form token); with a timeout each, a hung Redis
held a comment submission for 14 seconds. Here the first connection or command to fail opens
the circuit for its server: for OPEN_SECONDS (5 s) every connection to it fails at once
(`CircuitOpen`, a redis ConnectionError, which django-redis handles as any other: `default`
answers a miss, `throttle` raises and the throttles apply COMMENT_THROTTLE_FAIL_OPEN). Then the
next operation tries Redis again: it closes the circuit if it succeeds, reopens it if not.

The breaker is redis-py's documented extension point, a connection class given to the pool
(django-redis' CONNECTION_POOL_CLASS names `CircuitBreakerPool`); each process keeps its own
circuits, and logs one warning when Redis fails and one when it answers again.
"""

import logging
import time
from functools import cache

from redis.connection import Connection, ConnectionPool
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Seconds a failed server is left alone before the next operation tries it again.
OPEN_SECONDS = 5.0
# The failures that open a circuit: the server is unreachable or did not answer in time. A
# command Redis refused (ResponseError) says the server is up.
FAILURES = (RedisConnectionError, RedisTimeoutError)


class CircuitOpen(RedisConnectionError):
    """Redis failed moments ago: the operation is not tried."""


class AfterTheFirst(logging.Filter):
    """
    A logging filter: drops a record of a failure the circuit answered (django-redis logs every
    miss it ignored with a traceback), keeping the one of the failure that opened it.
    """

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        return not any(isinstance(cause, CircuitOpen) for cause in (error, getattr(error, "__cause__", None)))


class Circuits:
    """When each server's circuit closes again (time.monotonic()); a server absent is closed."""

    def __init__(self):
        self.closes_at = {}

    def check(self, server):
        closes_at = self.closes_at.get(server)
        if closes_at is not None and time.monotonic() < closes_at:
            raise CircuitOpen(f"Redis at {server} failed less than {OPEN_SECONDS:g}s ago: not tried")

    def failed(self, server, error):
        was_closed = server not in self.closes_at
        self.closes_at[server] = time.monotonic() + OPEN_SECONDS
        if was_closed:
            logger.warning(
                "Redis at %s failed (%s): the cache is bypassed, tried again every %gs",
                server,
                error,
                OPEN_SECONDS,
            )

    def succeeded(self, server):
        if self.closes_at.pop(server, None) is not None:
            logger.warning("Redis at %s answers again: the cache is back in use", server)

    def reset(self):
        self.closes_at.clear()


# This process's circuits, shared by every pool and connection (both cache aliases use one Redis).
CIRCUITS = Circuits()


class CircuitBreakerMixin:
    """
    Redis connection methods (redis-py's ConnectionInterface) guarded by the server's circuit.
    `connect` covers the pool's checkout, `send_packed_command` a command's sending (and the
    connection it opens on the way), `read_response` its answer: only an answer read closes
    the circuit, as a hung server accepts connections and commands.
    """

    def circuit_server(self):
        path = getattr(self, "path", None)
        return path or f"{self.host}:{self.port}"

    def guarded(self, operation, *args, **kwargs):
        server = self.circuit_server()
        CIRCUITS.check(server)
        try:
            return operation(*args, **kwargs)
        except FAILURES as error:
            CIRCUITS.failed(server, error)
            raise

    def connect(self):
        return self.guarded(super().connect)

    def send_packed_command(self, command, check_health=True):
        return self.guarded(super().send_packed_command, command, check_health)

    def read_response(self, *args, **kwargs):
        response = self.guarded(super().read_response, *args, **kwargs)
        CIRCUITS.succeeded(self.circuit_server())
        return response


@cache
def guarded_class(connection_class):
    """`connection_class` (plain, TLS or Unix socket, as the URL chose) behind the circuit."""
    return type(f"CircuitBreaker{connection_class.__name__}", (CircuitBreakerMixin, connection_class), {})


class CircuitBreakerPool(ConnectionPool):
    """redis-py's connection pool, its connections guarded by their server's circuit."""

    def __init__(self, connection_class=Connection, **kwargs):
        super().__init__(connection_class=guarded_class(connection_class), **kwargs)
