"""
Servers on free local ports for the delivery tests: one that accepts connections and never answers
(a hung mail server or webhook receiver), and a small SMTP server that takes the messages it is sent.
"""

import socket
import socketserver
import threading


class Silent:
    """Accepts every connection, keeps what it is sent, and never says a word back."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.received = []
        self.connections = []
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hooks/comments"

    def _accept(self):
        while self.running:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)
            threading.Thread(target=self._read, args=(connection,), daemon=True).start()

    def _read(self, connection):
        data = b""
        while chunk := _recv(connection):
            data += chunk
        self.received.append(data)

    def close(self):
        self.running = False
        self.listener.close()
        for connection in self.connections:
            connection.close()


def _recv(connection):
    try:
        return connection.recv(65536)
    except OSError:
        return b""


class SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: greeting, EHLO, MAIL, RCPT, DATA, QUIT."""

    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self.reply("220 localhost test SMTP")
        recipients = []
        while line := self.rfile.readline():
            command = line.decode().strip().upper()
            if command.startswith("EHLO") or command.startswith("HELO"):
                self.reply("250 localhost")
            elif command.startswith("RCPT TO:"):
                recipient = line.decode().strip()[8:].strip("<>")
                if recipient in self.server.refused:
                    self.reply("550 Mailbox unavailable")
                    continue
                recipients.append(recipient)
                self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                body = b""
                while (part := self.rfile.readline()) not in (b".\r\n", b""):
                    body += part
                self.server.messages.append({"to": recipients, "data": body.decode()})
                recipients = []
                self.reply("250 Queued")
            elif command == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")


class SMTPServer(socketserver.ThreadingTCPServer):
    """Takes every message but for the addresses in `refused`, which it answers 550."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SMTPHandler)
        self.messages = []
        self.refused = set()
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self):
        self.shutdown()
        self.server_close()
