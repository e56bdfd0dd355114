"""The wizard's widget keys are named once, in ui.wizard.keys; resuming a draft forgets exactly
the widgets that show the request."""

from __future__ import annotations

import re
from pathlib import Path

from ui.wizard import keys

ROOT = Path(__file__).resolve().parents[2]
# A key written out: a widget's key=, ui.keep_widget's first argument, or a session-state look-up.
WRITTEN = re.compile(r"""(?:\bkey=|keep_widget\(|session_state\[|session_state\.\w+\()\s*(f?)(["'])(.*?)\2""")
# The keys the wizard writes out that show no part of the request, so a resumed draft keeps them.
NOT_THE_REQUEST = {
    "language",  # the sidebar's language: set from the resumed request, not forgotten
    "loa_language",  # which languages the letter is in: a choice of the moment, not saved
    "prepare_loa", "download_loa", "prepare_quote_pdf", "download_quote_pdf",  # buttons
    "numbers_page", "not_included_page", "review_numbers_page",  # which page of a table is shown
    "menu",  # the sidebar's menu of links
    "steps_buttons", "flow_back", "flow_next",  # Back and Next under each step
    "upload_numbers", "remove_numbers",  # the numbers file's drop zone (its key plus a round) and Remove
}  # fmt: skip
NOT_THE_REQUEST_FAMILIES = {
    "upload_",  # the file uploaders: their files cannot be set, so they keep them
    "remove_",  # a kept document's remove button
    "download_loa_",  # each current provider's letter's download button
}
# The status page and the console (and the thread of messages they share) show submitted requests,
# never the wizard's.
ELSEWHERE = ("ui/status/", "ui/console/", "ui/messages.py", "pages/6_status.py", "pages/7_console.py")


def sources() -> list[Path]:
    files = [ROOT / "app.py", *(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").glob("*.py")]
    return [
        file
        for file in files
        if file != ROOT / "ui" / "wizard" / "keys.py"
        and not str(file.relative_to(ROOT)).startswith(ELSEWHERE)
    ]


def written_keys() -> list[tuple[str, str, bool]]:
    """Each key written out as a literal: where, the literal (up to a placeholder), an f-string or not."""
    found = []
    for file in sources():
        for match in WRITTEN.finditer(file.read_text(encoding="utf-8")):
            formatted = bool(match.group(1))
            literal = match.group(3).split("{", 1)[0] if formatted else match.group(3)
            found.append((str(file.relative_to(ROOT)), literal, formatted))
    return found


def test_the_scan_finds_the_keys_written_out() -> None:
    assert ("ui/wizard/loa.py", "loa_language", False) in written_keys()
    assert ("ui/wizard/documents.py", "upload_", True) in written_keys()


def test_every_key_the_wizard_writes_out_is_known_to_show_no_part_of_the_request() -> None:
    unknown = [
        (where, literal)
        for where, literal, formatted in written_keys()
        if literal not in (NOT_THE_REQUEST_FAMILIES if formatted else NOT_THE_REQUEST)
    ]
    assert unknown == [], "name these keys in ui.wizard.keys (or list them here if they show no request)"


def test_no_key_that_is_kept_is_one_the_registry_forgets() -> None:
    assert not any(keys.shows_request(key) for key in NOT_THE_REQUEST)
    assert not any(key.startswith(keys.prefixes()) for key in NOT_THE_REQUEST_FAMILIES)


def test_the_registry_knows_every_key_drafts_forgot_before() -> None:
    assert keys.names() == {
        "numbers_source", "numbers_text", "numbers_column", "provider_count", "submission_day",
        "requested_porting_day", "invoice_day", "confirm_active", "partial_port", "main_number",
        "partial_rest", "loa_place", "submit_consent",
    }  # fmt: skip
    assert set(keys.prefixes()) == {
        "company_",
        "provider_account_",
        "confirm_range_",
        "acknowledge_",
        "provider_of_",
        "caller_id_",
        "upload_problem_",
    }


def test_every_key_function_gives_a_key_the_registry_knows() -> None:
    made = [
        keys.company("email"),
        keys.confirm_range(0),
        keys.acknowledge("porting_day"),
        keys.provider_of(2),
    ]
    made.append(keys.upload_problem("invoice"))
    assert all(keys.shows_request(key) for key in made)


def test_the_file_uploaders_and_other_keys_are_not_forgotten() -> None:
    for key in ("upload_invoice", "upload_seen_invoice", "remove_loa", "language", "porting_request", 7):
        assert not keys.shows_request(key)
