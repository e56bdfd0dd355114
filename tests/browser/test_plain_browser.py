"""Text from people, put through ``ui.plain``, reads in the browser exactly as it was written:
Streamlit's markdown makes no link, heading, icon, emoji, colour, formula or code block of it.

A page of its own shows each hostile text in ``st.markdown``, ``st.caption`` and ``st.error``
(the ways the app shows such text), and Chromium reads back what it drew.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_helpers import fetch_text, wait_for_app

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO_ROOT = Path(__file__).resolve().parents[2]
HOSTILE = {
    "file_link": "[Session expired - sign in again](https:evil.example).pdf",
    "bare_url": "Fjord AS https://evil%2Eexample/ and www.evil.example",
    "email": "kari@fjordlinje.no",
    "heading": "Ring oss\n===",
    "hash_heading": "# Urgent",
    "icon": ":material/lock: Signed in",
    "icon_underscore": ":material_lock: Signed in",
    "emoji": "Thanks :smile: :+1:",
    "colour": ":red[Account closed] :blue-background[now]",
    "math": "$x^2$ and $$y$$",
    "html": "<b>bold</b> &amp; <img src=x onerror=alert(1)>",
    "list": "1. first\n- second\n> quoted",
    "code": "    four spaces\n`tick`",
    "table": "| a | b |\n| - | - |\n| 1 | 2 |",
    "bidi": "invoice\u202efdp.exe",
}
EXPECTED_TEXT = {key: " ".join(value.replace("\u202e", "").split()) for key, value in HOSTILE.items()}


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("plain")
    script = folder / "hostile.py"
    script.write_text(
        "import json\nimport streamlit as st\nfrom ui import plain\n"
        f"values = json.loads({json.dumps(json.dumps(HOSTILE))})\n"
        "for key, value in values.items():\n"
        "    with st.container(key=f'shown_{key}'):\n"
        "        st.markdown(plain(value))\n"
        "        st.caption(plain(value))\n"
        "        st.error(plain(value))\n",
        encoding="utf-8",
    )
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    command = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if fetch_text(f"{base}/_stcore/health", timeout_s=2).strip() == "ok":
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail("the page with hostile text did not start", pytrace=False)
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_hostile_text_reads_as_written_and_makes_nothing_live(hostile_page: str, page: Page) -> None:
    page.goto(hostile_page)
    wait_for_app(page)
    for key, expected in EXPECTED_TEXT.items():
        shown = page.locator(f".st-key-shown_{key}")
        shown.wait_for()
        drawn = " ".join(shown.inner_text().replace("\u2060", "").split())
        assert drawn == " ".join([expected] * 3), key  # markdown, caption and error: as written
        live = shown.locator(
            "a, h1, h2, h3, h4, h5, h6, img, ul, ol, blockquote, pre, code, table, .katex, b"
        )
        assert live.count() == 0, (key, shown.inner_html())
        assert shown.locator("[data-testid='stIconMaterial'], span[style*='color']").count() == 0, key
