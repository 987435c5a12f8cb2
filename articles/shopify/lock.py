"""
One import at a time: a second `import_shopify` started while one runs waits for it to finish,
then finds what it wrote (pages by their Shopify id, comments by theirs) and updates instead of
creating them a second time.

On PostgreSQL the lock is a session advisory lock, held by the command's connection across the
import's many transactions; on SQLite (one machine) an exclusive lock on a file beside the
database. Either is released when the process ends, however it ends.
"""

import fcntl
import hashlib
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

# The advisory lock's key, the same in every process: "import_shopify" as a number.
ADVISORY_KEY = int.from_bytes(hashlib.blake2b(b"import_shopify", digest_size=7).digest(), "big")


@contextmanager
def import_lock(on_wait=lambda: None):
    """Hold the import lock for the block; `on_wait()` is called first if another import holds it."""
    if connection.vendor == "postgresql":
        with advisory_lock(on_wait):
            yield
    else:
        with file_lock(lock_path(), on_wait):
            yield


@contextmanager
def advisory_lock(on_wait):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_KEY])
        if not cursor.fetchone()[0]:
            on_wait()
            cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_KEY])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])


def lock_path():
    """A file named for the database, in its directory (the system's temporary one for a test's)."""
    name = str(connection.settings_dict["NAME"])
    database = Path(name)
    if database.parent.is_dir() and database.name and not name.startswith("file:") and name != ":memory:":
        return database.with_name(database.name + ".import-lock")
    digest = hashlib.blake2b(name.encode(), digest_size=8).hexdigest()
    return Path(tempfile.gettempdir()) / f"import_shopify-{digest}.lock"


@contextmanager
def file_lock(path, on_wait):
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
