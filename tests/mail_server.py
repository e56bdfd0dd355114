"""A real SMTP server for tests (aiosmtpd on a free port of 127.0.0.1) that keeps what it receives.

Nothing leaves the machine. ``Mailbox.wait_for`` waits for a message without sleeping: the
server's thread wakes the waiting test as each message arrives. A mailbox can refuse some
recipients (``refuse``: 550 at RCPT TO) and hold the first message at DATA until the test lets it
go (``hold``), to stand for a slow server.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass
class Hold:
    """Holds the first message at DATA: ``reached`` is set when it gets there, and it is answered
    once the test sets ``released``."""

    reached: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)
    timeout_s: float = 30


@dataclass
class Mailbox:
    """An aiosmtpd handler that keeps every message it is given."""

    envelopes: list[Envelope] = field(default_factory=list)
    port: int = 0  # set by whoever starts the server
    refuse: frozenset[str] = frozenset()  # recipients answered 550 at RCPT TO
    hold: Hold | None = None
    _arrived: threading.Condition = field(default_factory=threading.Condition, repr=False)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        hold = self.hold
        if hold is not None and not hold.reached.is_set():
            hold.reached.set()
            # In a worker thread: the server's event loop goes on answering other connections.
            await asyncio.get_running_loop().run_in_executor(None, hold.released.wait, hold.timeout_s)
        with self._arrived:
            self.envelopes.append(envelope)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def received(self) -> list[EmailMessage]:
        with self._arrived:
            envelopes = list(self.envelopes)
        return [
            email.message_from_bytes(bytes(envelope.content or b""), policy=email.policy.default)  # type: ignore[misc]
            for envelope in envelopes
        ]

    def wait_for(self, wanted: Callable[[EmailMessage], bool], timeout_s: float = 30) -> EmailMessage:
        """The first message ``wanted`` accepts, waiting up to ``timeout_s`` for it to arrive."""
        found: list[EmailMessage] = []

        def arrived() -> bool:
            found[:] = [mail for mail in self.received() if wanted(mail)]
            return bool(found)

        with self._arrived:
            if not self._arrived.wait_for(arrived, timeout=timeout_s):
                subjects = [str(mail["Subject"]) for mail in self.received()]
                raise AssertionError(f"no such message within {timeout_s} s; received: {subjects}")
        return found[0]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_mail(
    *, refuse: frozenset[str] = frozenset(), hold: Hold | None = None, **options: Any
) -> Iterator[tuple[Mailbox, int]]:
    """An SMTP server on 127.0.0.1 until the block ends: its mailbox and port. ``refuse`` and
    ``hold`` are the mailbox's; ``options`` go to aiosmtpd's ``Controller``."""
    port = free_port()
    mailbox = Mailbox(port=port, refuse=refuse, hold=hold)
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield mailbox, port
    finally:
        if hold is not None:
            hold.released.set()  # a test that failed while holding must not keep the server waiting
        controller.stop()
