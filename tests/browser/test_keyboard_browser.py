"""The whole journey, numbers to receipt, with the keyboard only: every control is reached with
Tab and used with Enter, Space, the arrow keys or typing, and whatever holds the focus shows it
(WCAG 2.1.1 keyboard, 2.4.7 focus visible)."""

from __future__ import annotations

from pathlib import Path

import document_corpus as corpus
from browser_helpers import run_and_wait, wait_for_app
from brreg_register import ACTIVE
from playwright.sync_api import (
    ElementHandle,
    FileChooser,
    Locator,
    Page,
    TimeoutError as PlaywrightTimeoutError,
    expect,
)
from samples import TYPED_BY_HAND, signed
from test_submit_browser import fresh_invoice

from porting.i18n import t
from porting.rules import rules

MOST_TABS = 150  # more stops than any page has: a control not reached in as many is unreachable
# How the focused element and the widget around it look: what must change when the focus moves
# on, for the focus to have shown (an outline, a ring, a border or a background of its own).
# Widgets fade their borders in, so the look is read once the page's transitions have run.
_LOOK_JS = """async element => {
  await Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null)));
  const looks = [];
  for (let at = element, depth = 0; at && depth < 6; at = at.parentElement, depth++) {
    const style = getComputedStyle(at);
    looks.push([style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow,
                style.borderColor, style.backgroundColor].join(" "));
  }
  return looks.join("|");
}"""
_HOLDS_FOCUS_JS = "element => element === document.activeElement || element.contains(document.activeElement)"


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until ``target`` holds the focus. Every control the focus stops at must look
    otherwise while it has the focus than without it: ``target`` as it looked before, the others
    once the focus has moved on (a control a rerun has drawn anew is not compared). ``target`` is
    found again at each stop: a rerun may draw it anew."""
    unfocused = target.evaluate(_LOOK_JS)
    left: tuple[ElementHandle, str] | None = None  # the control the focus is on and its look there
    stops: list[str] = []
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("() => document.activeElement").as_element()
        assert focused is not None, "the focus went nowhere"
        if left is not None and not focused.evaluate("(element, other) => element === other", left[0]):
            _showed_focus(*left)  # a table takes Tab from cell to cell: the same canvas again
        if target.evaluate(_HOLDS_FOCUS_JS):
            assert target.evaluate(_LOOK_JS) != unfocused, f"the focus does not show on {_html(focused)}"
            return
        stops.append(_html(focused)[:80])
        on_page = not focused.evaluate("element => element === document.body")
        left = (focused, focused.evaluate(_LOOK_JS)) if on_page else None
    raise AssertionError(f"{target} is not reached with Tab; the focus stopped at\n" + "\n".join(stops))


def _showed_focus(control: ElementHandle, focused_look: str) -> None:
    if control.evaluate("element => element.isConnected"):
        assert control.evaluate(_LOOK_JS) != focused_look, f"the focus does not show on {_html(control)}"


def _html(element: ElementHandle) -> str:
    return str(element.evaluate("element => element.outerHTML.slice(0, 200)"))


def press(page: Page, target: Locator, key: str = "Enter") -> None:
    """Reach ``target`` with Tab and press ``key`` on it, waiting for the run it causes."""
    wait_for_app(page)
    tab_to(page, target)
    run_and_wait(page, lambda: page.keyboard.press(key))


def type_in(page: Page, target: Locator, text: str, commit: str = "Enter") -> None:
    """Reach ``target`` with Tab, type ``text`` and commit it with ``commit``."""
    wait_for_app(page)
    tab_to(page, target)
    page.keyboard.press("ControlOrMeta+A")  # what the look-up filled in is typed over
    page.keyboard.type(text)
    run_and_wait(page, lambda: page.keyboard.press(commit))


def open_file_chooser(page: Page) -> FileChooser:
    """Press Enter on the upload button that holds the focus. Headless Chromium now and then
    opens no file chooser for the first press (the button keeps the focus, and a second press
    opens it), so the button is pressed again, up to three times, while it keeps the focus."""
    for _ in range(3):
        try:
            with page.expect_file_chooser(timeout=3_000) as chooser:
                page.keyboard.press("Enter")
        except PlaywrightTimeoutError:
            assert page.evaluate("() => document.activeElement.dataset.testid") == "stBaseButton-secondary"
            continue
        return chooser.value
    raise AssertionError("Enter on the upload button opens no file chooser")


def test_the_whole_journey_with_the_keyboard_only(app_server: str, page: Page, tmp_path: Path) -> None:
    page.goto(app_server)
    wait_for_app(page)
    next_step = page.get_by_test_id("stMain").get_by_role("button", name=t("flow.next"), exact=True)
    numbers = page.get_by_role("textbox", name=t("numbers.paste_label"))
    type_in(page, numbers, "21 23 45 67, 800 12 345", commit="ControlOrMeta+Enter")
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    press(page, next_step)

    field = lambda name: page.get_by_role("textbox", name=t(f"company.field.{name}"), exact=True)  # noqa: E731
    type_in(page, field("org_number"), ACTIVE)
    press(page, page.get_by_role("button", name=t("details.lookup_button")))
    for name, value in TYPED_BY_HAND.items():
        type_in(page, field(name), value)
    expect(page.get_by_text(t("details.complete"))).to_be_visible()
    press(page, next_step)

    no = page.get_by_role("radio", name=t("uploads.answer_no"), exact=True)
    press(page, page.get_by_role("radio", name=t("uploads.answer_yes"), exact=True), "ArrowRight")
    expect(no).to_be_checked()
    press(page, page.get_by_role("button", name=t("loa.prepare")))
    download_button = page.get_by_role("button", name=t("loa.download"))
    wait_for_app(page)
    tab_to(page, download_button)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    letter = tmp_path / "loa.pdf"
    letter.write_bytes(signed(Path(download.value.path()).read_bytes()))
    invoice, certificate = tmp_path / "faktura.pdf", tmp_path / "firmaattest.pdf"
    invoice.write_bytes(fresh_invoice())
    certificate.write_bytes(corpus.firmaattest_pdf())
    press(page, next_step)

    browse = page.get_by_test_id("stFileUploaderDropzone").get_by_test_id("stBaseButton-secondary")
    for index, path in enumerate((letter, invoice, certificate)):
        wait_for_app(page)
        tab_to(page, browse.nth(index))
        chooser = open_file_chooser(page)
        run_and_wait(page, lambda chooser=chooser, path=path: chooser.set_files(path))
        expect(page.get_by_text(path.name).first).to_be_visible()
    press(page, page.get_by_role("checkbox", name=t("uploads.confirm_active.other", count=2)), "Space")
    for acknowledgement in rules().acknowledgements:
        press(page, page.get_by_role("checkbox", name=acknowledgement.texts["en"]), "Space")
    expect(page.get_by_text(t("uploads.ready"))).to_be_visible()
    press(page, next_step)

    press(page, page.get_by_role("checkbox", name=t("submit.consent")), "Space")
    press(page, page.get_by_role("button", name=t("submit.button")))
    received = t("submit.received", reference="")
    expect(page.get_by_text(received.rstrip(". "))).to_be_visible()
