"""The sidebar's menu: the wizard's steps and the status page as links, never the team's console,
which stays reachable at its own address (``/team``). The browser test
(``tests/browser/test_navigation_browser.py``) checks the same in Chromium.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from porting.i18n import t
from ui import pages
from ui.console.page import PASSWORD_VARIABLE
from ui.wizard.flow import STEPS

APP = str(Path(__file__).resolve().parents[2] / "app.py")
STATUS_PATH, CONSOLE_PATH, STATEMENT_PATH = "track", "team", "accessibility"


def menu(app: AppTest) -> list[tuple[str, str]]:
    """The sidebar's links: (label, url path)."""
    return [(link.proto.label, link.proto.page) for link in app.sidebar.get("page_link")]


@pytest.mark.parametrize("page", [pages.NUMBERS, pages.SUBMIT, pages.STATUS, pages.CONSOLE])
def test_the_menu_lists_the_steps_and_the_status_page_but_never_the_console(page: str) -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.switch_page(page).run()
    assert not app.exception
    shown = menu(app)
    first = ""  # the first step is the default page: the app's own address
    paths = [first, *(step.url_path for step in STEPS[1:]), STATUS_PATH, STATEMENT_PATH]
    assert [path for _, path in shown] == paths
    labels = [*(t(step.title) for step in STEPS), t("nav.status"), t("nav.accessibility")]
    assert [label for label, _ in shown] == labels
    assert CONSOLE_PATH not in [link.proto.page for link in app.get("page_link")]
    assert t("console.nav") not in [label for label, _ in shown]


def test_the_menu_names_its_two_parts() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    captions = [caption.value for caption in app.sidebar.caption]
    assert t("nav.section_request") in captions and t("nav.section_follow") in captions


def test_the_console_still_opens_at_its_own_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, "s3cret-fjord-harbour-2027")
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.switch_page(pages.CONSOLE).run()
    assert not app.exception
    assert app.title[0].value == t("console.title")
    assert app.text_input(key="console_password").label  # its sign-in


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_accessibility_statement_says_what_was_tested_and_how_in_each_language(language: str) -> None:
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params["lang"] = language
    app.run()
    app.switch_page(pages.ACCESSIBILITY).run()
    assert not app.exception
    assert app.title[0].value == t("accessibility.title", language)
    headings = [heading.value for heading in app.subheader]
    sections = ("tested", "met", "limits", "feedback")
    assert headings == [t(f"accessibility.{section}.heading", language) for section in sections]
    shown = "\n".join(markdown.value for markdown in app.markdown)
    assert "axe-core" in shown and "WCAG 2.0" in shown and "Uutilsynet" in shown
