"""Helpers for tests that talk to a served copy of the app.

Streamlit marks its root element, ``[data-testid="stApp"]``, with two attributes
that its own end-to-end tests rely on:

* ``data-test-connection-state``: ``INITIAL``, ``PINGING_SERVER``, ``CONNECTED``
  or ``DISCONNECTED_FOREVER`` (the websocket to the server);
* ``data-test-script-state``: ``initial`` (no run yet), ``running``,
  ``rerunRequested``, ``stopRequested``, ``notRunning`` or ``compilationError``.

While a run takes long enough, the status widget in the top right also shows a
running icon (``[data-testid="stStatusWidgetRunningIcon"]``, aria-label
"Running...") inside ``[data-testid="stStatusWidget"]``. It appears only after a
short delay and fades out over 200 ms, so on its own it is no proof that a run is
over; the attributes above are.
"""

from __future__ import annotations

import urllib.request
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

if TYPE_CHECKING:
    from playwright.sync_api import Page, WebSocket

APP_SELECTOR = '[data-testid="stApp"]'
STREAM_PATH = "/_stcore/stream"
DEFAULT_TIMEOUT_MS = 30_000

# True once the app is connected, its script has run at least once and is not
# running now, and no "Running..." indicator is left on screen.
_APP_IDLE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute("data-test-connection-state") !== "CONNECTED") return false;
  const state = app.getAttribute("data-test-script-state");
  if (state !== "notRunning" && state !== "compilationError") return false;
  return document.querySelector(
    '[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]') === null;
}
"""


def wait_for_app(page: Page, timeout_ms: float = DEFAULT_TIMEOUT_MS) -> None:
    """Wait until Streamlit has finished running the script for ``page``.

    Use it after ``page.goto(...)``. After a click or an edit, use
    :func:`run_and_wait` instead: straight after an interaction the app still
    reads "notRunning" until the server has started the rerun, so this function
    alone could return before the rerun has begun.

    Raises ``AssertionError`` if the script failed to compile.
    """
    page.wait_for_selector(APP_SELECTOR, state="attached", timeout=timeout_ms)
    page.wait_for_function(_APP_IDLE_JS, timeout=timeout_ms)
    state = page.locator(APP_SELECTOR).get_attribute("data-test-script-state")
    if state == "compilationError":
        raise AssertionError("Streamlit reports a compilation error in the app script")


class _RunTracker:
    """Follows the websocket a page's Streamlit app talks to the server over."""

    def __init__(self) -> None:
        self.stream: WebSocket | None = None

    def on_websocket(self, websocket: WebSocket) -> None:
        if websocket.url.endswith(STREAM_PATH):
            self.stream = websocket  # a reconnect opens a new one; keep the newest


_trackers: weakref.WeakKeyDictionary[Page, _RunTracker] = weakref.WeakKeyDictionary()


def track_runs(page: Page) -> None:
    """Let :func:`run_and_wait` see the script runs of ``page``; call before ``page.goto``.

    The ``page`` fixture in conftest.py already does this.
    """
    if page not in _trackers:
        tracker = _RunTracker()
        page.on("websocket", tracker.on_websocket)
        _trackers[page] = tracker


def _is_run_end(payload: str | bytes) -> bool:
    """True for the ForwardMsg that ends a script run (not one cut short for a rerun)."""
    if isinstance(payload, str):
        return False
    message = ForwardMsg()
    message.ParseFromString(payload)
    return (
        message.WhichOneof("type") == "script_finished"
        and message.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
    )


def run_and_wait(page: Page, action: Callable[[], object], timeout_ms: float = DEFAULT_TIMEOUT_MS) -> None:
    """Do ``action`` (which must make Streamlit rerun) and wait for that rerun to end.

    For example::

        run_and_wait(page, lambda: page.get_by_role("button", name="Next").click())

    The end of the run is read off the websocket (the server's "script finished"
    message), because a short run may never show as "running" in the page. The
    page may still be painting the last changes when this returns, so assert
    with Playwright's retrying ``expect(...)`` rather than one-off reads.
    """
    tracker = _trackers.get(page)
    if tracker is None or tracker.stream is None:
        raise RuntimeError("call track_runs(page) before opening the app (the page fixture does)")
    with tracker.stream.expect_event("framereceived", predicate=_is_run_end, timeout=timeout_ms):
        action()
    wait_for_app(page, timeout_ms)


def fetch_text(url: str, timeout_s: float = 5) -> str:
    """GET ``url`` directly (ignoring any proxy settings) and return the body as text."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=timeout_s) as response:
        return response.read().decode("utf-8")


def paste_numbers(page: Page, numbers: str) -> None:
    """Paste numbers on the first step and wait for the page to show them."""
    from porting.i18n import t

    box = page.get_by_role("textbox", name=t("numbers.paste_label"))
    box.fill(numbers)
    run_and_wait(page, lambda: box.press("Control+Enter"))


def type_into(page: Page, label: str, value: str) -> None:
    """Type into the text field labelled ``label`` and wait for the rerun it causes."""
    box = page.get_by_role("textbox", name=label, exact=True)
    box.fill(value)
    run_and_wait(page, lambda: box.press("Enter"))
