"""A real webhook receiver for the tests: an HTTP server on a free local port."""

import hashlib
import hmac
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = "s3cret-webhook-key"


class Receiver(ThreadingHTTPServer):
    """A webhook receiver on a free local port that records what it is sent."""

    def __init__(self, hold=None):
        super().__init__(("127.0.0.1", 0), ReceiverHandler)
        self.received = []
        self.hold = hold  # an Event the handler waits for before answering

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/hooks/comments"


@contextmanager
def serving(hold=None):
    """A Receiver answering on a thread of its own while the block runs (`hold`: see Receiver)."""
    server = Receiver(hold=hold)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        if hold is not None:
            hold.set()
        server.shutdown()
        server.server_close()


class ReceiverHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.server.hold is not None:
            self.server.hold.wait(10)
        self.server.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def verify(delivery):
    """What a receiver does: recompute the HMAC of the raw body and compare in constant time."""
    expected = "sha256=" + hmac.new(SECRET.encode(), delivery["body"], hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, delivery["headers"]["X-Comment-Signature"])
