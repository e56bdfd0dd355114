"""A real SMTP server for tests (aiosmtpd on a free port of 127.0.0.1) that keeps what it receives.

Nothing leaves the machine. ``Mailbox.wait_for`` waits for a message without sleeping: the
server's thread wakes the waiting test as each message arrives.
"""

from __future__ import annotations

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
class Mailbox:
    """An aiosmtpd handler that keeps every message it is given."""

    envelopes: list[Envelope] = field(default_factory=list)
    port: int = 0  # set by whoever starts the server
    _arrived: threading.Condition = field(default_factory=threading.Condition, repr=False)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
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
def serve_mail(**options: Any) -> Iterator[tuple[Mailbox, int]]:
    """An SMTP server on 127.0.0.1 until the block ends: its mailbox and port."""
    port = free_port()
    mailbox = Mailbox(port=port)
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()
