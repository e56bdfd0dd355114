"""Shared fixtures: a served copy of the app and a headless Chromium to drive it.

* ``app_server`` (session): ``streamlit run app.py`` on a free port of 127.0.0.1;
  yields the base URL. Its log goes to ``test-output/app_server.log``.
* ``browser`` (session): Playwright driving the system Chromium (``CHROMIUM_PATH``
  or Debian's ``/usr/bin/chromium``). Without one, browser tests skip locally and
  fail in CI (``CI=true``): they must never be skipped there.
* ``page`` (per test): a fresh browser context and page, ready for
  ``browser_helpers.run_and_wait``; when the test fails, a screenshot is saved as
  ``test-output/<test name>.png``.

Tests that use ``browser`` or ``page`` get the ``browser`` marker automatically,
so ``pytest -m "not browser"`` runs everything else.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
from collections.abc import Generator, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_helpers import fetch_text, track_runs
from brreg_register import Register, serve_register
from hypothesis import settings as hypothesis_settings
from mail_server import Mailbox, serve_mail
from samples import CONSOLE_PASSWORD, MAIL_SENDER, TEAM_EMAIL

from porting.lookup.brreg import BASE_URL_VARIABLE
from porting.requests.store import DATA_DIR_VARIABLE

# Hypothesis fails an example that takes over 200 ms: a timing check, which on a machine busy with
# other work fails tests whose assertions hold. Speed is the benchmarks' to show.
hypothesis_settings.register_profile("porting", deadline=None)
hypothesis_settings.load_profile("porting")

pytest_plugins = ("store_fixtures",)  # the store, clock and sample requests of the store tests

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

REPO_ROOT = Path(__file__).resolve().parent.parent
OUTPUT_DIR = REPO_ROOT / "test-output"
SERVER_START_TIMEOUT_S = 60
SERVER_STOP_TIMEOUT_S = 10
LOG_TAIL_LINES = 40

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# No sandbox because CI runs as root; the networking flags keep Chromium from
# calling home on a machine whose only network is loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
BROWSER_FIXTURES = frozenset({"browser", "page"})


@pytest.fixture(autouse=True)
def _logging_as_it_was() -> Iterator[None]:
    """Each test starts with logging as the process began: the app and the command line configure
    it once per process (``porting.logs.configure``), and a test must not inherit another's."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def _in_ci() -> bool:
    return os.environ.get("CI") == "true"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log_tail(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        return f"(could not read {path}: {exc})"
    return "\n".join(lines[-LOG_TAIL_LINES:]) or "(log is empty)"


def _server_is_healthy(base_url: str) -> bool:
    try:
        return fetch_text(f"{base_url}/_stcore/health", timeout_s=2).strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@pytest.fixture(scope="session", autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Submitted requests go to a database of the test session, never the repository's data/."""
    folder = tmp_path_factory.mktemp("porting-data")
    saved = os.environ.get(DATA_DIR_VARIABLE)
    os.environ[DATA_DIR_VARIABLE] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop(DATA_DIR_VARIABLE, None)
    else:
        os.environ[DATA_DIR_VARIABLE] = saved


@pytest.fixture(scope="session")
def brreg() -> Iterator[Register]:
    """A stand-in Brønnøysund register for the whole session (see ``brreg_register``)."""
    with serve_register() as stand_in:
        yield stand_in


@pytest.fixture(scope="session", autouse=True)
def register_stand_in(brreg: Register) -> Iterator[Register]:
    """No test asks the real register: the wizard asks it by itself before its pre-flight check
    (``ui.wizard.company.ask_register``), so every test talks to the stand-in unless it points
    the app elsewhere (``monkeypatch.setenv``)."""
    saved = os.environ.get(BASE_URL_VARIABLE)
    os.environ[BASE_URL_VARIABLE] = brreg.base_url
    yield brreg
    if saved is None:
        os.environ.pop(BASE_URL_VARIABLE, None)
    else:
        os.environ[BASE_URL_VARIABLE] = saved


@pytest.fixture(scope="session")
def mailbox() -> Iterator[Mailbox]:
    """The SMTP server the served app sends its notices through, for the whole session."""
    with serve_mail() as (box, _port):
        yield box


@pytest.fixture(scope="session")
def app_server(brreg: Register, data_dir: Path, mailbox: Mailbox) -> Iterator[str]:
    """Serve the app on a free local port for the whole session; yields the base URL.

    The app looks companies up in the stand-in register, never in the real one, mails its
    notices to ``mailbox``, and opens its console with ``samples.CONSOLE_PASSWORD``."""
    with serve_app(brreg, mailbox, "app_server.log") as base_url:
        yield base_url


@pytest.fixture
def fresh_app_server(brreg: Register, mailbox: Mailbox) -> Iterator[str]:
    """A server of this test's own that no one has visited yet (the session's is warm)."""
    with serve_app(brreg, mailbox, "fresh_app_server.log") as base_url:
        yield base_url


@contextmanager
def serve_app(
    brreg: Register,
    mailbox: Mailbox,
    log_name: str,
    settings: Mapping[str, str | None] | None = None,
    *,
    port: int | None = None,
    options: Sequence[str] = (),
) -> Iterator[str]:
    """The app served as ``make run`` serves it (``python -m ui.serve``) until the block ends.

    ``settings`` changes its environment: a value replaces a variable, ``None`` removes it;
    ``options`` are more of Streamlit's (``--secrets.files``), ``port`` a port chosen before."""
    port = port or _free_port()
    base_url = f"http://127.0.0.1:{port}"
    OUTPUT_DIR.mkdir(exist_ok=True)
    log_path = OUTPUT_DIR / log_name
    command = [
        sys.executable, "-m", "ui.serve",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        *options,
    ]  # fmt: skip
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        BASE_URL_VARIABLE: brreg.base_url,
        "PORTING_CONSOLE_PASSWORD": CONSOLE_PASSWORD,
        "PORTING_SMTP_HOST": "127.0.0.1",
        "PORTING_SMTP_PORT": str(mailbox.port),
        "PORTING_SMTP_TLS": "none",
        "PORTING_SMTP_SENDER": MAIL_SENDER,
        "PORTING_TEAM_EMAIL": TEAM_EMAIL,
        "PORTING_PUBLIC_URL": base_url,
    }
    for name, value in (settings or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
        )
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT_S
            while not _server_is_healthy(base_url):
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"app server not healthy after {SERVER_START_TIMEOUT_S} s; "
                        f"last lines of {log_path}:\n{_log_tail(log_path)}",
                        pytrace=False,
                    )
                # Poll: block up to 0.2 s on the process itself, so an early exit is seen at once.
                try:
                    code = process.wait(timeout=0.2)
                except subprocess.TimeoutExpired:
                    continue
                pytest.fail(
                    f"app server exited early with code {code}; last lines of {log_path}:\n"
                    f"{_log_tail(log_path)}",
                    pytrace=False,
                )
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=SERVER_STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def find_chromium() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return next((path for path in CHROMIUM_CANDIDATES if os.access(path, os.X_OK)), None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless system Chromium driven by Playwright, shared by the whole session."""
    executable = find_chromium()
    if executable is None:
        where = os.environ.get("CHROMIUM_PATH") or " or ".join(CHROMIUM_CANDIDATES)
        reason = f"no Chromium executable at {where} (install Debian's chromium or set CHROMIUM_PATH)"
        if _in_ci():
            pytest.fail(f"{reason}; browser tests must not be skipped in CI", pytrace=False)
        pytest.skip(reason)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A new context and page for one test; screenshots the page if the test failed."""
    # English, as the tests read the page, whatever the machine's locale (the app follows the browser's).
    viewport = {"width": 1280, "height": 720}
    context = browser.new_context(viewport=viewport, accept_downloads=True, locale="en-US")
    try:
        new_page = context.new_page()
        track_runs(new_page)
        yield new_page
        if _test_failed(request.node):
            OUTPUT_DIR.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
            try:
                new_page.screenshot(path=OUTPUT_DIR / f"{name}.png", full_page=True)
            except Exception as exc:  # a broken page must not hide the test's own failure
                print(f"could not save a screenshot for {request.node.nodeid}: {exc}", file=sys.stderr)
    finally:
        context.close()


def _test_failed(item: pytest.Item) -> bool:
    reports = (getattr(item, f"rep_{when}", None) for when in ("setup", "call"))
    return any(report is not None and report.failed for report in reports)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the item (``item.rep_setup``, ``rep_call``, ...)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
