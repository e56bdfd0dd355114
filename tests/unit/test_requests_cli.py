"""``python -m porting requests``: the team lists, shows, exports and purges submitted requests,
and mails the notices waiting in the outbox.

The parser is built here from ``add_requests_parser`` alone, so these tests need nothing of
``porting/cli/main.py``. Each test has a SQLite store in a temporary folder with two submissions.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from mail_server import free_port, serve_mail
from samples import MAIL_SENDER, stored_documents
from store_fixtures import SUBMITTED_AT, Clock, request_content

from porting import settings
from porting.cli.requests import EXIT_OK, EXIT_USAGE, add_requests_parser, requests_command
from porting.documents.reading import UploadedDocument
from porting.i18n import LANGUAGES, t
from porting.notify import mail as notify
from porting.requests import drafts, outbox
from porting.requests.decisions import decide_numbers
from porting.requests.store import (
    Store,
    by_reference,
    change_status,
    open_store,
    resubmit,
    submit,
)


def _numbers(*e164s: str) -> list[dict[str, Any]]:
    return [
        {
            "input": number[3:],
            "line": line,
            "e164": number,
            "display": f"{number[3:5]} {number[5:7]} {number[7:9]} {number[9:]}",
            "type": "geographic",
            "area": "Oslo",
            "portable": True,
        }
        for line, number in enumerate(e164s, start=1)
    ]


def _documents(marker: str) -> list[UploadedDocument]:
    """The invoice's name tries to escape the archive."""
    return stored_documents(marker, invoice_name="../../etc/faktura.pdf")


@dataclass
class Setup:
    url: str
    store: Store
    clock: Clock
    first: str  # Blåbærsyltetøy, two numbers
    second: str  # Fjordlinje, one number


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    url = f"sqlite:///{tmp_path}/requests.db"
    clock = Clock()
    store = open_store(url, clock=clock)
    preflight = [("outdated_invoice", "ok"), ("mismatched_info", "problem")]
    first = submit(
        store,
        idempotency_key="tab-1",
        language="nb",
        content=request_content(
            details={"company_name": "Blåbærsyltetøy Ærlig AS", "org_number": "974760673"},
            numbers=_numbers("+4721234567", "+4722334455"),
            quote={"currency": "EUR", "total": Decimal("55.00")},
            preflight=preflight,
        ),
        documents=_documents("first"),
    )
    clock.now = SUBMITTED_AT + timedelta(hours=2)
    second = submit(
        store,
        idempotency_key="tab-2",
        language="en",
        content=request_content(
            details={"company_name": "Fjordlinje AS", "org_number": "923609016"},
            numbers=_numbers("+4777601234"),
            quote={"currency": "EUR", "total": "30.00"},
            preflight=preflight,
        ),
        documents=_documents("second"),
    )
    yield Setup(url, store, clock, first.reference, second.reference)
    store.close()


def _parser(language: str = "en") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m porting")
    add_requests_parser(parser.add_subparsers(dest="command", required=True), language)
    return parser


def run(setup: Setup, *argv: str, language: str = "en") -> tuple[int, str]:
    """The exit status and standard output of ``requests ARGV`` on the test's store."""
    command, *rest = argv
    arguments = _parser(language).parse_args(["requests", command, "--database", setup.url, *rest])
    stdout = io.StringIO()
    return requests_command(arguments, language, stdout), stdout.getvalue()


def _close(setup: Setup, reference: str) -> None:
    """Take a request through to ``ported`` at the clock's time."""
    request = by_reference(setup.store, reference)
    assert request is not None
    for status in ("under_review", "submitted_to_carrier"):
        request = change_status(setup.store, request, status, actor="Ola")
    request = change_status(
        setup.store, request, "accepted", actor="Ola", porting_date=date(2026, 12, 2), confirmed=True
    )  # before the requested day
    change_status(setup.store, request, "ported", actor="Ola", note="Numbers live", confirmed=True)


# --- list --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "otherwise"), [("en", "else"), ("nb", "ellers")])
def test_purge_help_names_the_settings_defaults(
    language: str, otherwise: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        _parser(language).parse_args(["requests", "purge", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    days, draft_days = settings.Retention().days, settings.Drafts().retention_days
    assert f"PORTING_RETENTION_DAYS, {otherwise} {days}," in shown
    assert f"PORTING_DRAFT_RETENTION_DAYS, {otherwise} {draft_days})" in shown


def test_list_prints_one_line_per_request_newest_first(setup: Setup) -> None:
    status, out = run(setup, "list")
    assert status == EXIT_OK
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].split()[0] == setup.second and lines[1].split()[0] == setup.first
    assert "Received" in lines[1] and "2026-11-24" in lines[1]
    assert "Blåbærsyltetøy Ærlig AS" in lines[1] and lines[1].endswith("2 to port")  # the numbers to port
    assert lines[0].endswith("1 to port")


def test_list_json_is_an_array_of_request_summaries(setup: Setup) -> None:
    status, out = run(setup, "list", "--json")
    assert status == EXIT_OK
    records = json.loads(out)
    assert [record["reference"] for record in records] == [setup.second, setup.first]
    assert records[1] == {
        "reference": setup.first,
        "status": "received",
        "created_at": "2026-11-24T09:30:00+00:00",
        "updated_at": "2026-11-24T09:30:00+00:00",
        "closed_at": None,
        "company_name": "Blåbærsyltetøy Ærlig AS",
        "numbers": 2,
        "numbers_to_port": 2,
        "documents": 3,
    }


@pytest.mark.parametrize(
    ("search", "expected"),
    [("blåbær", "first"), ("FJORD", "second"), ("22 33 44", "first"), ("+4777601234", "second")],
)
def test_list_search_finds_by_company_number_or_reference(setup: Setup, search: str, expected: str) -> None:
    _, out = run(setup, "list", "--search", search, "--json")
    assert [record["reference"] for record in json.loads(out)] == [getattr(setup, expected)]


def test_list_filters_by_status_and_says_when_nothing_matches(setup: Setup) -> None:
    _close(setup, setup.first)
    _, out = run(setup, "list", "--status", "ported", "--json")
    assert [record["reference"] for record in json.loads(out)] == [setup.first]
    status, out = run(setup, "list", "--status", "cancelled")
    assert (status, out) == (EXIT_OK, "No requests found.\n")
    _, out = run(setup, "list", "--search", "nobody", "--json")
    assert json.loads(out) == []


def test_an_unknown_status_is_refused_through_the_catalogue(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = run(setup, "list", "--status", "lost")
    assert (status, out) == (EXIT_USAGE, "")
    error = capsys.readouterr().err
    assert error.startswith("Unknown status “lost”. The statuses are: received, under_review")
    assert error.count("\n") == 1


def test_list_pages_with_limit_offset_and_order(setup: Setup) -> None:
    status, out = run(setup, "list", "--order", "oldest", "--limit", "1")
    assert status == EXIT_OK
    first, page = out.splitlines()
    assert first.split()[0] == setup.first
    assert page == "Requests 1–1 of 2: --offset and --limit show others."
    _, out = run(setup, "list", "--limit", "1", "--offset", "1", "--json")
    assert [record["reference"] for record in json.loads(out)] == [setup.first]
    _, out = run(setup, "list", "--order", "oldest", "--offset", "1", "--json")
    assert [record["reference"] for record in json.loads(out)] == [setup.second]
    _, out = run(setup, "list", "--limit", "5", "--offset", "7")
    assert out == "No requests found.\n"
    _, out = run(setup, "list", "--limit", "5", language="nb")
    assert len(out.splitlines()) == 2  # every request on the one page: no line about pages


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--limit", "0"), "A page holds 1 to 1000 requests.\n"),
        (("--limit", "1001"), "A page holds 1 to 1000 requests.\n"),
        (("--search", "x" * 101), "Search for at most 100 characters: a reference, a company name"),
    ],
)
def test_a_page_out_of_bounds_or_a_search_too_long_is_refused_through_the_catalogue(
    setup: Setup, capsys: pytest.CaptureFixture[str], arguments: tuple[str, ...], message: str
) -> None:
    status, out = run(setup, "list", *arguments)
    assert (status, out) == (EXIT_USAGE, "")
    assert capsys.readouterr().err.startswith(message)


@pytest.mark.parametrize("value", ["-1", "x", "1e3", "٣", "9" * 12])
def test_limit_and_offset_take_whole_numbers_only(setup: Setup, value: str) -> None:
    for option in ("--limit", "--offset"):
        with pytest.raises(SystemExit) as stopped:
            run(setup, "list", option, value)
        assert stopped.value.code == EXIT_USAGE


# --- show --------------------------------------------------------------------------------------


def test_show_prints_everything_about_a_request(setup: Setup) -> None:
    _close(setup, setup.first)
    status, out = run(setup, "show", setup.first.lower())
    assert status == EXIT_OK
    assert out.startswith(f"Porting request {setup.first}\nStatus: Ported\n")
    for expected in (
        "Submitted: 2026-11-24 09:30 UTC",
        "Porting day: 2026-12-02",
        "Note: Numbers live",
        "Quote total: €55.00",
        "Company name: Blåbærsyltetøy Ærlig AS",
        "Numbers (2):",
        "21 23 45 67  +4721234567  Geographic (local)  Oslo  can be ported",
        "estimated_porting_day: 2026-12-08",
        "Outdated invoice: ok",
        "Mismatched info: problem",
        "Documents (3):",
        "invoice: “../../etc/faktura.pdf”, pdf",
        "Events:",
        "Received  customer",
        "Ported  Ola  Numbers live",
    ):
        assert expected in out, expected
    sha = hashlib.sha256(_documents("first")[0].data).hexdigest()
    assert f"SHA-256 {sha}" in out
    assert "%PDF" not in out and "Fakturadato" not in out  # never document bytes


def test_show_json_has_the_data_documents_and_events_but_no_token(setup: Setup) -> None:
    status, out = run(setup, "show", setup.second, "--json")
    assert status == EXIT_OK
    record = json.loads(out)
    assert record["reference"] == setup.second
    assert record["details"]["company_name"] == "Fjordlinje AS"
    assert record["numbers"][0]["e164"] == "+4777601234"
    assert record["quote_total"] == {"amount": "30.00", "currency": "EUR"}
    assert record["timeline"]["estimated_porting_day"] == "2026-12-08"
    assert record["preflight"][1] == {
        "reason": "Mismatched info",
        "status": "problem",
        "finding": "",
        "fix": "Confirm your data with provider before submitting LOA",
    }
    assert [(d["slot"], d["kind"], d["purged"]) for d in record["documents"]] == [
        ("loa", "pdf", False),
        ("invoice", "pdf", False),
        ("registration", "png", False),
    ]
    sent = _documents("second")
    assert [d["sha256"] for d in record["documents"]] == [hashlib.sha256(d.data).hexdigest() for d in sent]
    assert [d["size"] for d in record["documents"]] == [len(d.data) for d in sent]
    assert record["events"] == [
        {"at": "2026-11-24T11:30:00+00:00", "status": "received", "note": "", "actor": "customer"}
    ]
    request = by_reference(setup.store, setup.second)
    assert request is not None and request.token not in out and "token" not in record


def test_show_tells_each_numbers_decision_and_what_a_split_request_came_from(setup: Setup) -> None:
    request = by_reference(setup.store, setup.first)
    assert request is not None
    decisions = {"+4721234567": "accepted", "+4722334455": "inactive_number"}
    _, moved = decide_numbers(setup.store, request, decisions, actor="Ola", split=True)
    assert moved is not None
    _, out = run(setup, "show", setup.first)
    assert "21 23 45 67  +4721234567  Geographic (local)  Oslo  can be ported  accepted" in out
    assert "Split from: -" in out and "22 33 44 55" not in out
    _, out = run(setup, "show", moved.reference)
    assert f"Split from: {setup.first}" in out
    assert (
        "22 33 44 55  +4722334455  Geographic (local)  Oslo  can be ported  rejected: Inactive number" in out
    )
    record = json.loads(run(setup, "show", moved.reference, "--json")[1])
    assert record["split_from"] == setup.first
    assert [(n["e164"], n["decision"], n["reason"]) for n in record["numbers"]] == [
        ("+4722334455", "rejected", "inactive_number")
    ]


def test_an_unknown_reference_exits_2_with_one_line(setup: Setup, capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["show", "NO-2026-999999"], ["export", "NO-2026-999999", "-o", "x.zip"]):
        status, out = run(setup, *command)
        assert (status, out) == (EXIT_USAGE, "")
        assert capsys.readouterr().err == "There is no request with the reference NO-2026-999999.\n"


# --- export ------------------------------------------------------------------------------------


def test_export_writes_the_documents_and_a_manifest(setup: Setup, tmp_path: Path) -> None:
    target = tmp_path / "out" / "export.zip"
    target.parent.mkdir()
    status, out = run(setup, "export", setup.first, "-o", str(target))
    assert status == EXIT_OK
    assert out == f"Wrote {target} with 3 documents and manifest.json.\n"
    assert sorted(path.name for path in target.parent.iterdir()) == ["export.zip"]  # no temporary left
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == [
            "invoice-1.pdf",
            "loa-1.pdf",
            "manifest.json",
            "registration-1.png",
        ]
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["request"]["reference"] == setup.first
        assert manifest["request"]["details"]["company_name"] == "Blåbærsyltetøy Ærlig AS"
        assert [event["status"] for event in manifest["events"]] == ["received"]
        for listed in manifest["documents"]:
            data = archive.read(listed["archive_name"])
            assert hashlib.sha256(data).hexdigest() == listed["sha256"]
            assert len(data) == listed["size"] and listed["purged"] is False
        names = {listed["name"]: listed["archive_name"] for listed in manifest["documents"]}
        assert names["../../etc/faktura.pdf"] == "invoice-1.pdf"  # the uploaded name is data, never a path
    stored = by_reference(setup.store, setup.first)
    assert stored is not None
    assert [d["sha256"] for d in manifest["documents"]] == [d.sha256 for d in stored.documents]


def test_export_lists_purged_documents_without_archiving_them(setup: Setup, tmp_path: Path) -> None:
    _close(setup, setup.first)
    setup.clock.now = SUBMITTED_AT + timedelta(days=200)
    assert run(setup, "purge", "--retention-days", "30", "--today", "2027-06-01")[0] == EXIT_OK
    target = tmp_path / "purged.zip"
    status, out = run(setup, "export", setup.first, "--output", str(target))
    assert status == EXIT_OK
    assert out.splitlines() == [
        f"Wrote {target} with 0 documents and manifest.json.",
        "3 documents were deleted after the retention period: the manifest lists them, "
        "the archive does not hold them.",
    ]
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["manifest.json"]
        manifest = json.loads(archive.read("manifest.json"))
    assert [(d["purged"], d["archive_name"]) for d in manifest["documents"]] == [(True, None)] * 3
    assert all(d["sha256"] and d["purged_at"] for d in manifest["documents"])
    assert manifest["events"][-1]["actor"] == "retention"


def _corrected_invoice() -> UploadedDocument:
    data = b"%PDF-1.4\nFakturadato: 20.11.2026 (rettet)\n"
    return UploadedDocument("invoice", "faktura-rettet.pdf", "pdf", len(data), 1, data)


def test_export_puts_replaced_documents_under_replaced_and_dates_them(setup: Setup, tmp_path: Path) -> None:
    request = by_reference(setup.store, setup.first)
    assert request is not None
    request = change_status(setup.store, request, "waiting_for_documents", actor="Ola")
    setup.clock.now = SUBMITTED_AT + timedelta(days=1)
    resubmit(setup.store, request, [_corrected_invoice()], note="Ny faktura")
    target = tmp_path / "corrected.zip"
    status, out = run(setup, "export", setup.first, "-o", str(target))
    assert status == EXIT_OK
    assert out.splitlines() == [
        f"Wrote {target} with 4 documents and manifest.json.",
        "1 of them was replaced by a corrected document: it is under replaced/, the manifest says when.",
    ]
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == [
            "invoice-1.pdf",
            "loa-1.pdf",
            "manifest.json",
            "registration-1.png",
            "replaced/invoice-1.pdf",
        ]
        assert archive.read("invoice-1.pdf") == _corrected_invoice().data  # the carrier gets the current one
        assert archive.read("replaced/invoice-1.pdf") == _documents("first")[1].data
        manifest = json.loads(archive.read("manifest.json"))
    listed = {entry["archive_name"]: entry for entry in manifest["documents"]}
    replaced, current = listed["replaced/invoice-1.pdf"], listed["invoice-1.pdf"]
    assert (replaced["replaced"], replaced["replaced_at"]) == (True, "2026-11-25T09:30:00+00:00")
    assert (current["name"], current["replaced"], current["replaced_at"]) == (
        "faktura-rettet.pdf",
        False,
        None,
    )
    _, shown = run(setup, "show", setup.first)
    assert "(replaced by a corrected document 2026-11-25 09:30 UTC)" in shown


def test_export_to_a_folder_that_does_not_exist_exits_2(
    setup: Setup, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "x.zip"
    assert run(setup, "export", setup.first, "-o", str(target)) == (EXIT_USAGE, "")
    assert capsys.readouterr().err.startswith(f"Cannot write {target}: ")
    assert not target.parent.exists()


# --- purge -------------------------------------------------------------------------------------


def test_purge_counts_documents_of_requests_closed_past_the_retention(setup: Setup) -> None:
    setup.clock.now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    _close(setup, setup.first)
    status, out = run(setup, "purge", "--retention-days", "30", "--today", "2027-01-01")
    assert (status, out) == (
        EXIT_OK,
        "Deleted the files of 0 documents of requests closed before 2026-12-02 (retention 30 days).\n"
        "Made 0 requests closed before 2026-12-02 anonymous: their references, dates, statuses and counts"
        " of numbers stay.\n"
        "Deleted 0 drafts last saved before 2026-12-18.\n",  # drafts: 14 days
    )
    status, out = run(setup, "purge", "--retention-days", "30", "--today", "2027-01-02", "--json")
    assert status == EXIT_OK
    assert json.loads(out) == {
        "purged": 3,
        "anonymised": 1,
        "drafts": 0,
        "retention_days": 30,
        "draft_retention_days": 14,
        "today": "2027-01-02",
        "closed_before": "2026-12-03",
        "drafts_saved_before": "2026-12-19",
    }
    _, out = run(setup, "show", setup.second, "--json")
    assert not any(d["purged"] for d in json.loads(out)["documents"])  # still open: kept


def test_purge_retention_comes_from_the_environment_else_90_days(
    setup: Setup, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    setup.clock.now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    _close(setup, setup.first)
    monkeypatch.delenv("PORTING_RETENTION_DAYS", raising=False)
    _, out = run(setup, "purge", "--today", "2027-03-02", "--json")
    assert json.loads(out)["retention_days"] == 90 and json.loads(out)["purged"] == 0
    monkeypatch.setenv("PORTING_RETENTION_DAYS", "10")
    _, out = run(setup, "purge", "--today", "2026-12-13", "--json")
    assert json.loads(out)["purged"] == 3
    monkeypatch.setenv("PORTING_RETENTION_DAYS", "ten")
    assert run(setup, "purge") == (EXIT_USAGE, "")
    assert "PORTING_RETENTION_DAYS must be a whole number of days" in capsys.readouterr().err


def test_purge_deletes_drafts_not_saved_within_the_retention(setup: Setup) -> None:
    old = drafts.save(
        setup.store, token=None, language="nb", state={"numbers_text": "21 23 45 67"}, documents=[]
    )
    setup.clock.now = datetime(2026, 12, 20, 8, 0, tzinfo=UTC)
    recent = drafts.save(setup.store, token=None, language="en", state={}, documents=[])
    status, out = run(setup, "purge", "--draft-retention-days", "30", "--today", "2027-01-01")
    assert status == EXIT_OK
    assert out.splitlines()[2] == "Deleted 1 draft last saved before 2026-12-02."
    assert drafts.load(setup.store, old) is None and drafts.load(setup.store, recent) is not None
    _, out = run(setup, "purge", "--draft-retention-days", "0", "--today", "2026-12-21", "--json")
    assert json.loads(out)["drafts"] == 1
    assert drafts.load(setup.store, recent) is None


@pytest.mark.parametrize("argv", [["purge", "--retention-days", "-1"], ["purge", "--today", "2027-02-30"]])
def test_bad_purge_arguments_are_usage_errors(setup: Setup, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(setup, *argv)
    assert stopped.value.code == EXIT_USAGE


def test_the_default_retention_can_be_set_to_zero(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    _close(setup, setup.second)
    monkeypatch.setenv("PORTING_RETENTION_DAYS", "0")
    _, out = run(setup, "purge", "--today", "2026-11-25", "--json")
    assert json.loads(out)["purged"] == 3


# --- mail --------------------------------------------------------------------------------------


def _smtp(monkeypatch: pytest.MonkeyPatch, port: int | None = None, **others: str) -> None:
    """The SMTP settings of the environment: none, or a plain-SMTP server on 127.0.0.1:``port``."""
    for variable in [name for name in os.environ if name.startswith("PORTING_SMTP_")]:
        monkeypatch.delenv(variable)
    if port is not None:
        values = {"HOST": "127.0.0.1", "PORT": str(port), "TLS": "none", "SENDER": MAIL_SENDER, **others}
        for name, value in values.items():
            monkeypatch.setenv(f"PORTING_SMTP_{name}", value)


def _waiting_notices(setup: Setup) -> int:
    """A request whose contact gets notices, asked for documents: how many notices now wait."""
    submitted = submit(
        setup.store,
        idempotency_key="tab-3",
        language="en",
        content=request_content(
            details={
                "company_name": "Nordlys Kontor AS",
                "org_number": "914778271",
                "email": "post@nordlys.example",
            },
            numbers=_numbers("+4773001122"),
            preflight=[],
        ),
        documents=_documents("third"),
    )
    request = by_reference(setup.store, submitted.reference)
    assert request is not None
    change_status(setup.store, request, "waiting_for_documents", actor="Ola", note="The invoice is too old")
    waiting = outbox.notices(setup.store, pending_only=True)
    assert len(waiting) >= 2  # received and documents missing, and the team's when its address is set
    return len(waiting)


def test_mail_without_smtp_says_how_many_wait_and_exits_2(
    setup: Setup, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _smtp(monkeypatch)
    waiting = _waiting_notices(setup)
    assert run(setup, "mail") == (EXIT_USAGE, f"{waiting} notices wait to be sent.\n")
    error = capsys.readouterr().err
    assert error.startswith("SMTP is not configured (PORTING_SMTP_HOST is not set): nothing was sent.")
    assert error.count("\n") == 1
    status, out = run(setup, "mail", "--json")
    assert status == EXIT_USAGE
    assert json.loads(out) == {"smtp": False, "sent": 0, "waiting": waiting, "error": None}
    assert len(outbox.notices(setup.store, pending_only=True)) == waiting


def test_mail_sends_the_waiting_notices_through_the_smtp_server(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    waiting = _waiting_notices(setup)
    with serve_mail() as (mailbox, port):
        _smtp(monkeypatch, port)
        assert run(setup, "mail") == (EXIT_OK, f"Sent {waiting} notices.\n")
        received = mailbox.received()
    assert len(received) == waiting
    assert "post@nordlys.example" in {str(mail["To"]) for mail in received}
    assert outbox.notices(setup.store, pending_only=True) == ()
    assert all(notice.sent_at is not None for notice in outbox.notices(setup.store))
    status, out = run(setup, "mail", "--json")
    assert (status, json.loads(out)) == (EXIT_OK, {"smtp": True, "sent": 0, "waiting": 0, "error": None})


def test_mail_that_the_server_refuses_exits_2_and_the_notices_wait(
    setup: Setup, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    waiting = _waiting_notices(setup)
    port = free_port()  # nobody listens there
    _smtp(monkeypatch, port, TIMEOUT="2")
    status, out = run(setup, "mail")
    assert (status, out.splitlines()[0]) == (EXIT_USAGE, "Sent 0 notices.")
    assert out.splitlines()[1].startswith(f"{waiting} notices still wait")
    error = capsys.readouterr().err
    assert error.startswith("The mail server refused: sending the ") and f"127.0.0.1:{port}" in error
    assert error.count("\n") == 1
    refused = [notice for notice in outbox.notices(setup.store) if notice.attempts]
    assert len(refused) == 1 and refused[0].last_error and refused[0].sent_at is None


def test_mail_with_settings_that_do_not_work_exits_2(
    setup: Setup, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _smtp(monkeypatch)
    monkeypatch.setenv(notify.HOST_VARIABLE, "smtp.example.no")  # but no sender
    assert run(setup, "mail") == (EXIT_USAGE, "")
    error = capsys.readouterr().err
    assert error.startswith("The SMTP settings do not work: PORTING_SMTP_SENDER must be set")
    assert error.count("\n") == 1


# --- Languages and errors ----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_command_renders_in_each_language(setup: Setup, tmp_path: Path, language: str) -> None:
    _close(setup, setup.first)
    outputs = [
        run(setup, "list", language=language),
        run(setup, "list", "--status", "under_review", language=language),
        run(setup, "show", setup.first, language=language),
        run(setup, "export", setup.first, "-o", str(tmp_path / "a.zip"), language=language),
        run(setup, "purge", "--retention-days", "0", "--today", "2027-01-01", language=language),
        run(setup, "export", setup.first, "-o", str(tmp_path / "b.zip"), language=language),
    ]
    assert all(status == EXIT_OK and out.strip() for status, out in outputs)
    show = outputs[2][1]
    assert t("requests_cli.heading", language, reference=setup.first) in show
    assert t("requests_cli.status.ported", language) in show
    assert t("requests_cli.none", language) == outputs[1][1].strip()
    if language == "nb":
        assert "Status: Portert" in show and "Pris totalt: €\u00a055,00" in show
        assert outputs[4][1].startswith("Slettet filene til 3 dokumenter")
        assert "manifestet lister dem" in outputs[5][1]


def test_usage_errors_are_in_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        _parser("nb").parse_args(["requests", "show"])
    assert stopped.value.code == EXIT_USAGE
    assert capsys.readouterr().err.startswith("Feil bruk: ")


def test_every_store_error_has_a_message_in_both_languages() -> None:
    codes = {
        "store.demo": {},
        "store.idempotency_key.missing": {},
        "store.schema.newer": {"found": "2"},
        "store.document.not_found": {},
        "store.document.purged": {},
        "store.request.not_found": {},
        "store.status.not_allowed": {"current": "ported", "new": "received"},
        "store.status.unknown": {"status": "lost", "known": "received"},
        "store.actor.missing": {},
        "store.porting_date.missing": {},
        "store.porting_date.unexpected": {},
        "store.rejection_reason.unknown": {"reason": "None", "known": "outdated_invoice"},
        "store.rejection_reason.unexpected": {},
    }
    for language in LANGUAGES:
        for code, params in codes.items():
            assert t(code, language, **params).strip()


def test_a_database_that_cannot_be_opened_exits_2_without_its_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    url = f"sqlite:///{blocker}/secret-name.db"
    arguments = _parser().parse_args(["requests", "list", "--database", url])
    assert requests_command(arguments, "en", io.StringIO()) == EXIT_USAGE
    error = capsys.readouterr().err
    assert "secret-name" not in error and error.count("\n") == 1


def test_the_language_and_database_default_for_every_command() -> None:
    # cli.py's main reads arguments.lang; the database is resolved when the store is opened.
    for argv in (
        ["list"],
        ["show", "NO-2026-000001"],
        ["export", "NO-2026-000001", "-o", "x.zip"],
        ["purge"],
        ["mail"],
    ):
        arguments = _parser("nb").parse_args(["requests", *argv])
        assert (arguments.requests_command, arguments.lang, arguments.database) == (argv[0], "nb", None)


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Traceback" not in error, error
    return error.strip()


def test_a_retention_reaching_back_past_the_year_1_is_refused_in_one_line(
    setup: Setup, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PORTING_RETENTION_DAYS", raising=False)
    assert run(setup, "purge", "--retention-days", "99999999", "--today", "2027-01-02") == (EXIT_USAGE, "")
    most = (date(2027, 1, 2) - date.min).days
    assert _one_line(capsys) == t(
        "errors.retention_too_long", days="99,999,999", today="2027-01-02", source="--retention-days",
        most=f"{most:,}",
    )  # fmt: skip
    monkeypatch.setenv("PORTING_RETENTION_DAYS", "99999999")
    assert run(setup, "purge") == (EXIT_USAGE, "")
    assert "(PORTING_RETENTION_DAYS)" in _one_line(capsys)
    monkeypatch.delenv("PORTING_RETENTION_DAYS")
    assert run(setup, "purge", "--today", "0001-01-01") == (EXIT_USAGE, "")  # 90 days before the year 1
    assert "(--today)" in _one_line(capsys)
    assert run(setup, "purge", "--today", "9999-12-31", "--json")[0] == EXIT_OK  # the latest day is fine
    assert run(setup, "purge", "--draft-retention-days", "99999999") == (EXIT_USAGE, "")
    assert "(--draft-retention-days)" in _one_line(capsys)
    monkeypatch.setenv("PORTING_DRAFT_RETENTION_DAYS", "99999999")  # out of range: the default 14 days
    assert json.loads(run(setup, "purge", "--json")[1])["draft_retention_days"] == 14


@pytest.mark.parametrize(
    "url", ["not a url", "nosuchdialect://host/db", "mysql://porter:s3cret@db.example/porting"]
)
def test_a_database_url_that_cannot_be_used_is_one_line_without_the_url(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "MySQLdb", None)  # not installed, wherever the tests run
    arguments = _parser().parse_args(["requests", "list", "--database", url])
    assert requests_command(arguments, "en", io.StringIO()) == EXIT_USAGE
    error = _one_line(capsys)
    assert url not in error and "s3cret" not in error
    assert error in (t("errors.database_url"), t("errors.database_driver", module="MySQLdb"))


def test_a_wrong_mail_setting_is_one_line_that_names_it(
    setup: Setup, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PORTING_TEAM_LANGUAGE", "klingon")
    assert run(setup, "list") == (EXIT_USAGE, "")
    error = _one_line(capsys)
    assert error.startswith(t("errors.setting_invalid", detail="PORTING_TEAM_LANGUAGE").split("PORTING")[0])
    assert "PORTING_TEAM_LANGUAGE" in error
