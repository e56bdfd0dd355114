"""What the browser benchmarks share: a Streamlit app served on a free port, Chromium as the browser
tests launch it, and the check that a page is whole.

A page is whole when a person would stop waiting: Streamlit reports its run over and the texts
the page is for are shown. Streamlit marks its root element, ``[data-testid="stApp"]``, with the
connection and script state (``tests/fixtures/browser_helpers.py``); ``PAGE_WHOLE`` reads those
and looks for each text in the elements a selector names (a step's or the status page's
headings, ``h1, h2, h3``, by default), shown on screen. The page checks it at every frame
(``wait_for_function`` polls on animation frames), so a time ends when the page is whole, not
when Playwright gets round to looking: a locator's first use on a new page costs it 60-140 ms
here, and an ``expect`` retries 100 ms or more apart. Streamlit's "Running..." icon is left out:
it fades out after the run has ended. ``tests/browser/test_limits_browser.py`` waits for the
status page with the same check.

A run that changes nothing on screen (a field committed) shows no text to wait for, and straight
after the action the page still reads "not running" until the server has begun the rerun: its end
is read off the websocket instead (``is_run_end``, the server's "script finished"), then the page
is waited for to be idle.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.measure import ROOT
from tests.fixtures.browser_helpers import is_run_end as is_run_end  # one check, the tests' own

if TYPE_CHECKING:
    from playwright.sync_api import Page

TIMEOUT_MS = 60_000
SERVER_START_S = 60
HEADINGS = "h1, h2, h3"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CHROMIUM_ARGS = [  # as tests/conftest.py launches it
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]  # fmt: skip

# ([selector, texts]): the run over and every text shown in an element the selector names.
PAGE_WHOLE = """([selector, texts]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const shown = (text) => [...document.querySelectorAll(selector)].some(
    (element) => element.textContent.trim() === text && element.getClientRects().length > 0);
  return !!app && app.getAttribute("data-test-connection-state") === "CONNECTED"
    && app.getAttribute("data-test-script-state") === "notRunning" && texts.every(shown);
}"""
PAGE_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute("data-test-connection-state") === "CONNECTED"
    && app.getAttribute("data-test-script-state") === "notRunning"
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
}"""


def wait_whole(page: Page, *texts: str, selector: str = HEADINGS, timeout_ms: float = TIMEOUT_MS) -> None:
    """Wait until ``page`` is whole: the run over and each of ``texts`` shown (see the module docstring)."""
    page.wait_for_function(PAGE_WHOLE, arg=[selector, list(texts)], timeout=timeout_ms)


def wait_idle(page: Page, timeout_ms: float = TIMEOUT_MS) -> None:
    """Wait until the run is over and Streamlit's running icon gone: between timed actions."""
    page.wait_for_function(PAGE_IDLE, timeout=timeout_ms)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _healthy(base_url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{base_url}/_stcore/health", timeout=2) as response:
            return bool(response.read() == b"ok")
    except OSError:
        return False


@contextmanager
def serving(
    start: Sequence[str], cwd: Path, log: Path, env: Mapping[str, str] | None = None
) -> Iterator[str]:
    """A Streamlit server (``start`` and its options: a free local port, headless) until the block
    ends; yields its base URL. It runs in ``cwd``, so it reads the ``.streamlit/config.toml`` there;
    its output goes to ``log``; ``env`` adds to the environment, and ``PORTING_PUBLIC_URL`` is the
    base URL (the app's status links point at it)."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    environment = {**os.environ, **(env or {}), "PORTING_PUBLIC_URL": base_url}
    command = [
        *start, "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + SERVER_START_S
            while not _healthy(base_url):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start; see {log}")
                with suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=0.2)  # block on the process: an early exit is seen at once
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def served_app(data_dir: Path) -> AbstractContextManager[str]:
    """The app served as ``make run`` serves it (``python -m ui.serve``), its embedded SQLite
    database and log (``server.log``) in ``data_dir``; yields its base URL."""
    start = [sys.executable, "-m", "ui.serve"]
    return serving(start, ROOT, data_dir / "server.log", {"PORTING_DATA_DIR": str(data_dir)})
