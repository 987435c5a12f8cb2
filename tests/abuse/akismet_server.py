"""A fake Akismet for the tests: answers comment-check as told and records every call."""

import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class FakeAkismet(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), AkismetHandler)
        self.calls = []
        self.verdict = "false"  # what comment-check answers
        self.pro_tip = ""  # "discard" for blatant spam
        self.status = 200
        self.delay = 0.0

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.server_address[1]}/1.1"

    def methods(self):
        return [call["method"] for call in self.calls]


class AkismetHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        fields = {key: values[0] for key, values in parse_qs(body).items()}
        self.server.calls.append({"method": self.path.rsplit("/", 1)[-1], "fields": fields})
        time.sleep(self.server.delay)
        answer = (
            self.server.verdict
            if self.path.endswith("comment-check")
            else "Thanks for making the web a better place."
        )
        self.send_response(self.server.status)
        if self.server.pro_tip:
            self.send_header("X-akismet-pro-tip", self.server.pro_tip)
        self.end_headers()
        self.wfile.write(answer.encode())

    def log_message(self, *args):
        pass
