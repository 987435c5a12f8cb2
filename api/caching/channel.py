"""
Changes announced to every process, so that a copy a process remembers is served without a
round trip to Redis.

Without announcements, a remembered copy costs one read of the generations' clock per hit, and
that round trip is most of a hit's cost. With them (the shared cache is Redis), every bump
publishes on a Redis channel once its generations are written, and waits until each subscribed
process has acknowledged it (at most API_CHANGE_ACK_TIMEOUT seconds). Each process serving hits
subscribes; a thread of its own reads the announcements as they arrive, and a hit first reads,
under the same lock, any announcement already in the socket. Each announcement read, and each
(re)subscription, moves the process's *epoch*.

A remembered copy is served on trust while the epoch is the one read before its generations were
last found current: a bump whose generations were written after that check announces itself
after writing them, and its announcement is read (and acknowledged) before the bump returns, so
from then on the epoch has moved. While the process is not subscribed (starting, Redis lost), or
the cache is not Redis, `epoch()` is None and hits ask Redis, as before (generations.py).
"""

import logging
import os
import select
import threading
import time
import uuid

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from ..conf import api_settings
from . import generations

logger = logging.getLogger(__name__)

CHANNEL = "api:gen:changes"
ACKS = "api:gen:acks:"
# Seconds an acknowledgement list lives: one made after its bump gave up waiting is not kept.
ACKS_TIMEOUT = 60
RESUBSCRIBE_DELAY = 1.0
IDLE_WAIT = 5.0


def redis_client():
    """The shared cache's redis-py client, or None when the shared cache is not Redis."""
    cache = generations.shared_cache()
    return cache._cache.get_client(write=True) if isinstance(cache, RedisCache) else None


def channel_name(client):
    """The channel of this cache: pub/sub is server-wide, so its key prefix and database are in it."""
    database = client.connection_pool.connection_kwargs.get("db", 0)
    return f"{generations.shared_cache().make_key(CHANNEL)}@{database}"


def announce(tick):
    """Publish a bump (after its generations are written) and wait for every subscriber's ack."""
    client = redis_client()
    if client is None:
        return
    nonce = f"{tick}:{uuid.uuid4().hex}"
    acks = generations.shared_cache().make_key(ACKS + nonce)
    receivers = client.publish(channel_name(client), nonce)
    if not receivers:
        return
    deadline = time.monotonic() + api_settings.API_CHANGE_ACK_TIMEOUT
    for _ in range(receivers):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or client.blpop([acks], timeout=remaining) is None:
            logger.warning("A process did not acknowledge a change within API_CHANGE_ACK_TIMEOUT")
            break
    client.delete(acks)


class Subscription:
    """This process's subscription to the announcements, and its epoch."""

    def __init__(self):
        self._reset()
        # A forked process (a gunicorn worker) has neither the thread nor its own connection.
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self):
        self._lock = threading.Lock()
        self._pubsub = None
        self._epoch = 0
        self._started = False

    def epoch(self):
        """
        The epoch once every announcement already received has been read; None when this process
        is not subscribed (then nothing is served on trust).
        """
        with self._lock:
            if not self._started:
                self._start()
            if self._pubsub is None:
                return None
            try:
                if _readable(self._pubsub):
                    self._read()
            except (RedisError, OSError, ValueError) as error:
                self._lose(error)
                return None
            return self._epoch

    def _start(self):
        """Subscribe, in a thread of this process's own, on its first hit (if the cache is Redis)."""
        self._started = True
        if redis_client() is not None:
            threading.Thread(target=self._listen, name="api-change-announcements", daemon=True).start()

    def _listen(self):
        """Subscribe, then read announcements as they arrive; subscribe again when Redis is lost."""
        while True:
            try:
                pubsub = self._pubsub or self._subscribe()
                if _readable(pubsub, IDLE_WAIT):
                    with self._lock:
                        if self._pubsub is pubsub:
                            self._read()
            except Exception as error:  # noqa: BLE001 - the thread must outlive any failure
                with self._lock:
                    self._lose(error)
                time.sleep(RESUBSCRIBE_DELAY)

    def _subscribe(self):
        client = redis_client()
        pubsub = client.pubsub()
        pubsub.subscribe(channel_name(client))
        confirmation = pubsub.get_message(timeout=RESUBSCRIBE_DELAY)
        if confirmation is None or confirmation["type"] != "subscribe":
            pubsub.close()
            raise RedisError("no confirmation of the subscription")
        with self._lock:
            # Announcements made before the subscription were not received: nothing checked
            # before it is served on trust.
            self._epoch += 1
            self._pubsub = pubsub
        return pubsub

    def _read(self):
        """Read every announcement received (under the lock), moving the epoch, and acknowledge."""
        while self._pubsub.connection.can_read(timeout=0):
            message = self._pubsub.get_message(timeout=0)
            if message is not None and message["type"] == "message":
                self._epoch += 1
                acks = generations.shared_cache().make_key(ACKS + message["data"].decode())
                redis_client().pipeline(transaction=False).rpush(acks, 1).expire(acks, ACKS_TIMEOUT).execute()

    def _lose(self, error):
        """Redis lost (under the lock): announcements may be missed, so none is trusted until back."""
        if self._pubsub is not None:
            logger.warning("Change announcements lost, asking Redis on each hit until back: %r", error)
            self._pubsub.close()
        self._pubsub = None


def _readable(pubsub, timeout=0):
    """
    Whether the subscription's socket has data (or was closed), without reading any: a poll
    (select() fails on descriptors above 1023, which a busy process may have).
    """
    sock = pubsub.connection._sock if pubsub.connection is not None else None
    if sock is None:
        raise RedisError("subscription connection closed")
    poll = select.poll()
    poll.register(sock, select.POLLIN)
    return bool(poll.poll(timeout * 1000))


subscription = Subscription()
