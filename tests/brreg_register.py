"""A stand-in for the Brønnøysund register (data.brreg.no) on 127.0.0.1, for tests.

It answers like the register, from the files in ``tests/data/brreg/`` (see its README),
plus the error cases a real network brings: server errors, broken JSON and slow answers.
``serve_register()`` starts one in a background thread; the page and browser tests point
the app at it through ``BRREG_BASE_URL``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "brreg"
API_PATH = "/enhetsregisteret/api"
SHORT_TIMEOUT = 0.3  # seconds; the slow answer takes longer
SLOW_ANSWER_DELAY = 1.0

ACTIVE = "999990002"
DELETED = "999990010"
BANKRUPT = "999990029"
WINDING_UP = "999990037"
FORCED_WINDING_UP = "999990045"
UNKNOWN = "999990053"
REMOVED = "999990061"
SERVER_ERROR = "999990088"
MALFORMED = "999990096"
SLOW = "999990118"
NOT_AN_OBJECT = "999990126"
ASSOCIATION = "999990134"
SECRET = "a body that must never reach the log"


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    delay: float = 0.0


def recorded(name: str, status: int = 200) -> Answer:
    return Answer(status, (DATA / name).read_bytes())


ANSWERS = {
    ACTIVE: recorded("active_as.json"),
    DELETED: recorded("deleted.json"),
    BANKRUPT: recorded("bankrupt.json"),
    WINDING_UP: recorded("winding_up.json"),
    FORCED_WINDING_UP: recorded("forced_winding_up.json"),
    ASSOCIATION: recorded("association.json"),
    UNKNOWN: recorded("not_found.json", 404),
    REMOVED: recorded("removed.json", 410),
    SERVER_ERROR: Answer(500, json.dumps({"status": 500, "message": SECRET}).encode()),
    MALFORMED: Answer(200, b'{"organisasjonsnummer": "999990096", "navn": "HALV'),
    NOT_AN_OBJECT: Answer(200, b'["999990126"]'),
    SLOW: Answer(200, (DATA / "active_as.json").read_bytes(), delay=SLOW_ANSWER_DELAY),
}


@dataclass
class Register:
    """The stand-in register: where it answers, and the requests it has had."""

    base_url: str
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)


class RegisterHandler(BaseHTTPRequestHandler):
    server: RegisterServer

    def do_GET(self) -> None:
        self.server.register.requests.append((self.path, dict(self.headers.items())))
        prefix = f"{API_PATH}/enheter/"
        number = self.path.removeprefix(prefix) if self.path.startswith(prefix) else ""
        answer = ANSWERS.get(number, Answer(404, b'{"status": 404}'))
        time.sleep(answer.delay)
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
            pass

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass


class RegisterServer(ThreadingHTTPServer):
    register: Register


@contextmanager
def serve_register() -> Iterator[Register]:
    """A stand-in register answering on a free port of 127.0.0.1 until the block ends."""
    server = RegisterServer(("127.0.0.1", 0), RegisterHandler)
    host, port = server.server_address[:2]
    server.register = Register(f"http://{host}:{port}{API_PATH}")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="brreg stand-in", daemon=True)
    thread.start()
    try:
        yield server.register
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
