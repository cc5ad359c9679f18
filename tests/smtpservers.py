"""A real SMTP server on 127.0.0.1 for the outbox's fault tests.

:class:`LocalSMTPServer` runs aiosmtpd in a background thread. It can be
down (not started yet: connections are refused), refuse the next
transactions at a chosen step with a chosen reply, or hold one message at
the end of its DATA until the test lets it go, so a test can kill the
sending process at a known point (before or after the server accepted
the message). It counts what it accepted by
Message-ID::

    server = LocalSMTPServer()
    server.refuse("rcpt", "451 4.7.1 Greylisted, try again later", times=2)
    with server:
        ...
    assert server.accepted_ids() == [...]

A message counts as accepted only when the server answers 250 to a client
still connected: a client killed before that reply did not get the message
delivered, as far as it can know.
"""

import asyncio
import email
import socket
import threading
from collections import defaultdict
from dataclasses import dataclass

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class AcceptedMessage:
    message_id: str
    to: tuple
    subject: str


class _Handler:
    def __init__(self, server):
        self.server = server

    async def handle_MAIL(self, smtp, session, envelope, address, options):
        refusal = self.server._next_refusal("mail")
        if refusal:
            return refusal
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, smtp, session, envelope, address, options):
        refusal = self.server._next_refusal("rcpt")
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp, session, envelope):
        refusal = self.server._next_refusal("data")
        if refusal:
            return refusal
        server = self.server
        with server._lock:
            server._data_seen += 1
            hold = server._hold == (server._data_seen, "data")
        if hold:
            await server._wait_for_release()
        if smtp.transport is None or smtp.transport.is_closing():
            return "451 4.4.2 Connection lost before the message was accepted"
        parsed = email.message_from_bytes(envelope.content)
        with server._lock:
            server.accepted.append(
                AcceptedMessage(
                    message_id=parsed["Message-ID"],
                    to=tuple(envelope.rcpt_tos),
                    subject=parsed["Subject"],
                )
            )
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, smtp, session, envelope):
        server = self.server
        with server._lock:
            hold = server._hold == (server._data_seen, "quit")
            if hold:
                server._hold = None
        if hold:
            await server._wait_for_release()
        return "221 Bye"


class LocalSMTPServer:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.accepted = []
        self.holding = threading.Event()
        self._released = threading.Event()
        self._hold = None
        self._data_seen = 0
        self._refusals = defaultdict(list)
        self._lock = threading.Lock()
        self._controller = None

    def start(self):
        self._controller = Controller(
            _Handler(self), hostname="127.0.0.1", port=self.port
        )
        self._controller.start()
        return self

    def stop(self):
        self._released.set()
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def refuse(self, step, reply, times=1):
        """Answer `reply` (e.g. "451 …") at `step` ("mail", "rcpt" or
        "data") for the next `times` transactions that reach that step."""
        with self._lock:
            self._refusals[step].extend([reply] * times)

    def hold(self, nth, step="data"):
        """Keep the `nth` message (counting from 1) waiting until
        `release()`: at the end of its DATA, before the server accepts it
        (step "data"), or after the server accepted it, when the client
        says QUIT (step "quit"). `holding` is set when it waits."""
        self._hold = (nth, step)

    async def _wait_for_release(self):
        self.holding.set()
        while not self._released.is_set():
            await asyncio.sleep(0.02)

    def release(self):
        self._released.set()

    def accepted_ids(self):
        with self._lock:
            return sorted(message.message_id for message in self.accepted)

    def _next_refusal(self, step):
        with self._lock:
            if self._refusals[step]:
                return self._refusals[step].pop(0)
        return None
