"""Pre-flight checks: the porting guide's common rejection reasons, checked before submission.

Source: the porting guide (shared/seed, "Common Rejection Reasons"), whose rows are
``rules().rejection_reasons``: missing registration, mismatched info, inactive number,
outdated invoice and number part of a range. ``preflight`` gives one ``Finding`` per reason,
in that order: ``ok``, ``warning`` (we could not tell, or the customer has not confirmed it)
or ``problem`` (the current provider would reject the request as it stands). Findings, their
notes and what blocks submission are ``porting.documents.findings``.

Each finding's ``rows`` are the checks a person reads, named for what they check: the company
registration (the firmaattest and the register), the letter of authorization, the account holder
and the numbers on the invoice, the company on the firmaattest (the four of "mismatched info"),
the numbers confirmed active, the invoice date, and the blocks of numbers. A check whose document
is not uploaded yet says so (``not_uploaded``) instead of reporting a problem.

>>> from datetime import date
>>> from porting.documents.findings import blocking
>>> from porting.numbers.intake import read_numbers
>>> details = CompanyDetails(org_number="974760673", company_name="Fjordtelefon AS")
>>> findings = preflight(
...     details, read_numbers("21 23 45 67"), {}, invoice_day=None, submission_day=date(2027, 3, 1),
...     registry=None, confirmations=Confirmations(active=frozenset({"21234567"})),
... )
>>> [(finding.reason, finding.status) for finding in findings]  # doctest: +NORMALIZE_WHITESPACE
[('missing_registration', 'problem'), ('mismatched_info', 'problem'), ('inactive_number', 'ok'),
 ('outdated_invoice', 'problem'), ('part_of_range', 'ok')]
>>> [(row.name("en"), row.state) for row in findings[1].rows]  # doctest: +NORMALIZE_WHITESPACE
[('Letter of authorization', 'not_uploaded'), ('Account holder on the invoice', 'not_uploaded'),
 ('Numbers on the invoice', 'not_uploaded'), ('Company on the firmaattest', 'not_uploaded')]
>>> findings[3].issue("nb"), findings[3].notes[0].text("en").split(".")[0]
('Utdatert faktura', 'No invoice has been uploaded')
>>> blocking(findings, Confirmations(partial_port=False, acknowledged=frozenset({"keep_service"})))
('missing_registration', 'mismatched_info', 'outdated_invoice', 'details_match')
>>> range_blocks(["21234500", "21234501", "21234502", "21234667", "21234670", "21234675"])
(('21234500', '21234501', '21234502'),)
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, timedelta

from porting.company.details import CompanyDetails, format_org_number, validate_org_number
from porting.company.register import Lookup
from porting.company.roles import RolesLookup, holds_signing_role, may_sign
from porting.documents.facts import (
    find_certificate_date,
    find_invoice_date,
    mentions_company_name,
    mentions_org_number,
    numbers_on_document,
)
from porting.documents.findings import (
    LISTED,
    NOT_UPLOADED,
    OK,
    PROBLEM,
    WARNING,
    Confirmations,
    Finding,
    Note,
    Row,
    Said,
    counted,
    note,
)
from porting.documents.reading import OCR_MISSING, UploadedDocument, loa_is_signed
from porting.letter.reference import letter_reference, references_in
from porting.numbers.caller_id import caller_id_choice
from porting.numbers.intake import NumberResult, Reading
from porting.quote.timeline import invoice_check
from porting.rules import rules

# An invoice that turns too old within a week of the planned submission is flagged: a submission
# that slips a few days must not meet an outdated invoice.
INVOICE_MARGIN_DAYS = 7
# A look-up that found no company: not in the register at all is no registration; removed from
# public view (410) the register will not tell, so the certificate must show it.
_REGISTER_ABSENT: dict[str, tuple[str, str]] = {
    "unknown": (PROBLEM, "registration.not_registered"),
    "removed": (WARNING, "registration.removed"),
}
# What the register says, and how much it weighs against the registration (porting.company.register).
_REGISTER_WARNINGS = {
    "registry.deleted": PROBLEM,
    "registry.bankrupt": PROBLEM,
    "registry.winding_up": WARNING,
    "registry.forced_winding_up": WARNING,
}
# The upload slot each check reads (porting.documents.reading's slots); the rest read none.
_DOCUMENT_OF = {
    "registration": "registration",
    "loa": "loa",
    "invoice_holder": "invoice",
    "invoice_numbers": "invoice",
    "certificate_company": "registration",
    "invoice_date": "invoice",
}
# What a reason says when none of its checks said anything.
_ALL_CLEAR: dict[str, list[Said]] = {"mismatched_info": [(OK, note("mismatched.ok"))]}
# How surely a document shows what a check looks for: in its text layer or among the words OCR
# was sure of; only with words OCR read with low confidence; not at all.
_SURE, _UNSURE, _ABSENT = "sure", "unsure", "absent"
_WEIGHT = {_SURE: OK, _UNSURE: WARNING, _ABSENT: PROBLEM}
# One check while it is made: its key (catalogue checks.name), what it said, and whether it waits
# for its document (it cannot look yet, and that is no problem of its reason).
_Check = tuple[str, list[Said], bool]


def preflight(
    details: CompanyDetails,
    reading: Reading,
    documents: Mapping[str, UploadedDocument | None],
    *,
    invoice_day: date | None,
    submission_day: date,
    registry: Lookup | None,
    confirmations: Confirmations,
    signatories: RolesLookup | None = None,
) -> tuple[Finding, ...]:
    """One finding per rejection reason, in the rules' order.

    ``documents`` maps the slots of ``porting.documents.reading`` (loa, invoice, registration) to the
    uploads; ``invoice_day`` is the invoice date the customer gave (else it is read from the
    invoice's text layer); ``registry`` is the register's answer for the organisation number, and
    ``signatories`` its answer for who holds a role: with it, "mismatched info" has a row for the
    signatory's authority (without it, the register was not asked and there is no such row).
    """
    rows = reading.portable_rows
    checks: dict[str, list[_Check]] = {
        "missing_registration": [
            (
                "registration",
                _registration(details, documents.get("registration"), registry, submission_day),
                False,
            )
        ],
        "mismatched_info": _mismatched(details, rows, documents)
        + ([("signatory", _signatory(details, signatories), False)] if signatories is not None else []),
        "inactive_number": [("active", _inactive(rows, confirmations.active), False)],
        "outdated_invoice": [
            ("invoice_date", _outdated(documents.get("invoice"), invoice_day, submission_day), False)
        ],
        "part_of_range": [("ranges", _ranges(rows, confirmations.not_in_range), False)],
    }
    return tuple(_finding(reason.key, checks[reason.key]) for reason in rules().rejection_reasons)


def _finding(reason: str, checks: Sequence[_Check]) -> Finding:
    """The reason's finding from what its checks said, each check a row."""
    rows = tuple(
        Row.of(check, reason, said, document=_DOCUMENT_OF.get(check), pending=pending)
        for check, said, pending in checks
    )
    said = [item for _, check_said, _ in checks for item in check_said]
    return Finding.of(reason, said or _ALL_CLEAR.get(reason, []), rows)


def _known_org_number(details: CompanyDetails) -> str | None:
    """The organisation number as ``974 760 673``, or ``None`` while it is not a valid one."""
    return format_org_number(details.org_number) if validate_org_number(details.org_number) is None else None


def _registration(
    details: CompanyDetails,
    certificate: UploadedDocument | None,
    registry: Lookup | None,
    submission_day: date,
) -> list[Said]:
    said: list[Said] = []
    org_number = _known_org_number(details)
    if certificate is None:
        said.append((NOT_UPLOADED, note("registration.missing")))
    elif org_number is None:
        said.append((WARNING, note("details_missing", field="org_number")))
    elif certificate.ocr == OCR_MISSING:
        said.append((WARNING, note("registration.no_ocr", org_number=org_number)))
    elif not certificate.text.strip():
        said.append((WARNING, note("registration.unreadable", org_number=org_number)))
    else:
        shown = _shows(
            certificate, lambda text, tolerant: mentions_org_number(text, org_number, tolerant=tolerant)
        )
        code = {_SURE: "ok", _UNSURE: "unsure", _ABSENT: "org_number_not_shown"}[shown]
        said.append((_WEIGHT[shown], note(f"registration.{code}", org_number=org_number)))
    if certificate is not None:
        said += _certificate_age(certificate, submission_day)
    if registry is not None and registry.status in _REGISTER_ABSENT:
        weight, code = _REGISTER_ABSENT[registry.status]
        said.append((weight, note(code, org_number=org_number or details.org_number.strip())))
    entity = registry.entity if registry is not None else None
    for warning in entity.warnings if entity is not None else ():
        if warning.code in _REGISTER_WARNINGS:
            code = "registration." + warning.code.removeprefix("registry.")
            said.append((_REGISTER_WARNINGS[warning.code], note(code, **dict(warning.params))))
    return said


def _certificate_age(certificate: UploadedDocument, submission_day: date) -> list[Said]:
    """How old the firmaattest is when the request goes out, when the day it was printed can be
    read: more than ``certificate_max_age_days`` is a registration that may count as expired."""
    printed = find_certificate_date(certificate.confident_text, tolerant=certificate.read_by_ocr)
    if printed is None:
        return []
    days = rules().timeline.certificate_max_age_days
    if printed > submission_day:
        return [(WARNING, note("registration.printed_later", printed=printed, submission=submission_day))]
    valid_until = printed + timedelta(days=days)
    if valid_until < submission_day:
        dates = {"printed": printed, "valid_until": valid_until, "submission": submission_day}
        return [(WARNING, note("registration.too_old", days=days, **dates))]
    return [(OK, note("registration.recent", printed=printed, valid_until=valid_until))]


def _shows(document: UploadedDocument, shows: Callable[[str, bool], bool]) -> str:
    """``_SURE``, ``_UNSURE`` or ``_ABSENT``: whether ``shows(text, tolerant)`` holds for the words
    read surely, only with those OCR was unsure of, or not at all."""
    tolerant = document.read_by_ocr
    if shows(document.confident_text, tolerant):
        return _SURE
    if tolerant and shows(document.text, tolerant):
        return _UNSURE
    return _ABSENT


def _mismatched(
    details: CompanyDetails, rows: Sequence[NumberResult], documents: Mapping[str, UploadedDocument | None]
) -> list[_Check]:
    """The letter, the account holder and the numbers on the invoice, and the company on the
    firmaattest: the checks of "mismatched info", in the order their notes are said."""
    company_name, org_number = details.company_name.strip(), _known_org_number(details)
    loa = _letter(documents.get("loa"), rows, org_number)
    unknown: list[Said] = [
        (WARNING, note("details_missing", field=field))
        for field, known in (("company_name", company_name), ("org_number", org_number))
        if not known
    ]
    invoice, certificate = documents.get("invoice"), documents.get("registration")
    return [
        ("loa", loa, False),
        ("invoice_holder", unknown + _holder(invoice, "invoice", company_name, org_number), invoice is None),
        ("invoice_numbers", _numbers_missing(invoice, rows), invoice is None),
        (
            "certificate_company",
            unknown + _holder(certificate, "registration", company_name, org_number),
            certificate is None,
        ),
    ]


def _signatory(details: CompanyDetails, signatories: RolesLookup) -> list[Said]:
    """Whether the signatory holds a role in the register that may sign; a register that did not
    answer is a warning that it could not be checked, never a pass."""
    name = details.signatory_name.strip()
    if signatories.status != "found":
        return [(WARNING, note("signatory.unchecked"))]
    if not may_sign(signatories.roles):
        return [(WARNING, note("signatory.nobody"))]
    if not name:
        return [(WARNING, note("details_missing", field="signatory_name"))]
    if holds_signing_role(name, signatories.roles):
        role = next(role for role in may_sign(signatories.roles) if holds_signing_role(name, (role,)))
        return [(OK, note("signatory.ok", name=name, role=role.description or role.code))]
    # The register's own words for each role: they read the same in every language.
    who = tuple(f"{role.name} ({role.description or role.code})" for role in may_sign(signatories.roles))
    return [(WARNING, note("signatory.no_role", name=name, signatories=who))]


def _letter(
    letter: UploadedDocument | None, rows: Sequence[NumberResult], org_number: str | None
) -> list[Said]:
    """Whether the letter is signed, and whether it authorizes this request's numbers for this
    company: the letter made here is known by its reference (``porting.letter.reference``), which
    stands for its organisation number and numbers; any other letter is read for them."""
    if letter is None:
        return [(NOT_UPLOADED, note("mismatched.loa_missing"))]
    said: list[Said] = []
    if loa_is_signed(letter) is False:  # None: not our fillable letter; whether it is signed cannot be told
        said.append((PROBLEM, note("mismatched.loa_unsigned")))
    if not letter.text.strip():
        return [*said, (WARNING, note("mismatched.unreadable.loa"))]
    nationals = frozenset(row.national for row in rows if row.national is not None)
    found = references_in(letter.text)
    if found and org_number is not None:
        expected = letter_reference(org_number, nationals)
        if expected in found:
            return [*said, (OK, note("mismatched.loa_ours", reference=expected))]
        said.append((PROBLEM, note("mismatched.loa_other_request", reference=found[0])))
    elif not found:
        said.append((WARNING, note("mismatched.loa_not_ours")))
    # What OCR did not find on a photo or scan may be there all the same: a warning, not a problem;
    # what it read only among the words it was unsure of is a warning that says so, never a pass.
    tolerant = letter.read_by_ocr
    absent = WARNING if tolerant else PROBLEM
    if org_number is not None:
        number = org_number
        shown = _shows(letter, lambda text, tolerant: mentions_org_number(text, number, tolerant=tolerant))
        if shown != _SURE:
            code = "mismatched.org_number" + ("_unsure" if shown == _UNSURE else "")
            weight = absent if shown == _ABSENT else WARNING
            said.append((weight, note(code, document="loa", org_number=org_number)))
    sure, _ = numbers_on_document(letter.confident_text, nationals, tolerant=tolerant)
    read, missing = numbers_on_document(letter.text, nationals, tolerant=tolerant)
    unsure = read - sure
    for code, weight, numbers in (("loa_numbers", absent, missing), ("loa_numbers_unsure", WARNING, unsure)):
        listed = tuple(row.display for row in rows if row.national in numbers)
        if listed:
            said.append((weight, counted(f"mismatched.{code}", len(listed), numbers=listed)))
    return said


def _holder(
    document: UploadedDocument | None, slot: str, company_name: str, org_number: str | None
) -> list[Said]:
    """Whether ``document`` names the company and its organisation number (a missing one is its
    own check's matter)."""
    if document is None:
        return []
    unread = _unread(document, slot)
    if unread:
        return unread
    said: list[Said] = []
    if company_name:
        shown = _shows(
            document, lambda text, tolerant: mentions_company_name(text, company_name, tolerant=tolerant)
        )
        if shown != _SURE:
            code = "mismatched.company_name" + ("_unsure" if shown == _UNSURE else "")
            said.append((_WEIGHT[shown], note(code, document=slot, company_name=company_name)))
    if org_number:
        shown = _shows(
            document, lambda text, tolerant: mentions_org_number(text, org_number, tolerant=tolerant)
        )
        if shown != _SURE:
            code = "mismatched.org_number" + ("_unsure" if shown == _UNSURE else "")
            said.append((_WEIGHT[shown], note(code, document=slot, org_number=org_number)))
    return said


def _unread(document: UploadedDocument, slot: str) -> list[Said]:
    """Why nothing could be checked on ``document``: a picture with no OCR here, or none read."""
    if document.ocr == OCR_MISSING:
        return [(WARNING, note(f"mismatched.no_ocr.{slot}"))]
    if not document.text.strip():
        return [(WARNING, note(f"mismatched.unreadable.{slot}"))]
    return []


def _numbers_missing(invoice: UploadedDocument | None, rows: Sequence[NumberResult]) -> list[Said]:
    if invoice is None:
        return []
    unread = _unread(invoice, "invoice")  # said once with the account holder's check
    if unread:
        return unread
    nationals = [row.national for row in rows if row.national is not None]
    tolerant = invoice.read_by_ocr
    sure, _ = numbers_on_document(invoice.confident_text, nationals, tolerant=tolerant)
    found, missing = numbers_on_document(invoice.text, nationals, tolerant=tolerant)
    said: list[Said] = []
    for code, weight, numbers in (("numbers", PROBLEM, missing), ("numbers_unsure", WARNING, found - sure)):
        shown = tuple(row.display for row in rows if row.national in numbers)
        if shown:
            said.append((weight, counted(f"mismatched.{code}", len(shown), numbers=shown)))
    return said


def _inactive(rows: Sequence[NumberResult], active: frozenset[str]) -> list[Said]:
    if not rows:
        return [(OK, note("no_numbers"))]
    unconfirmed = tuple(row.display for row in rows if row.national not in active)
    if unconfirmed:
        return [(WARNING, counted("inactive.unconfirmed", len(unconfirmed), numbers=unconfirmed))]
    return [(OK, counted("inactive.ok", len(rows)))]


def _outdated(invoice: UploadedDocument | None, invoice_day: date | None, submission_day: date) -> list[Said]:
    days = rules().timeline.invoice_max_age_days
    if invoice is None:
        return [(NOT_UPLOADED, note("invoice.missing", days=days))]
    said: list[Said] = []
    issued = invoice_day
    if issued is None:
        if invoice.ocr == OCR_MISSING:
            return [(WARNING, note("invoice.date_no_ocr", days=days))]
        tolerant = invoice.read_by_ocr
        issued = find_invoice_date(invoice.confident_text, tolerant=tolerant)
        if issued is None and tolerant:
            issued = find_invoice_date(invoice.text, tolerant=tolerant)
            if issued is not None:
                said.append((WARNING, note("invoice.date_unsure", issued=issued)))
    if issued is None:
        return [(WARNING, note("invoice.date_unknown", days=days))]
    return said + _invoice_age(issued, submission_day)


def _invoice_age(issued: date, submission_day: date) -> list[Said]:
    check = invoice_check(issued, submission_day)
    if check.reason == "timeline.invoice_in_future":
        return [(PROBLEM, note("invoice.future", issued=issued, submission=submission_day))]
    if not check.ok:
        dates = {"issued": issued, "valid_until": check.valid_until, "submission": submission_day}
        return [(PROBLEM, note("invoice.too_old", **dates))]
    dates = {"issued": issued, "valid_until": check.valid_until}
    if (check.valid_until - submission_day).days < INVOICE_MARGIN_DAYS:
        return [(WARNING, note("invoice.expires_soon", **dates))]
    return [(OK, note("invoice.ok", **dates))]


def _ranges(rows: Sequence[NumberResult], not_in_range: frozenset[str]) -> list[Said]:
    display = {row.national: row.display for row in rows if row.national is not None}
    blocks = range_blocks(display)
    unconfirmed = [block for block in blocks if not not_in_range.issuperset(block)]
    if not blocks:
        return [(OK, note("range.none"))]
    if not unconfirmed:
        return [(OK, counted("range.confirmed", len(blocks)))]
    said: list[Said] = [
        (WARNING, note("range.block", first=display[block[0]], last=display[block[-1]], count=len(block)))
        for block in unconfirmed[:LISTED]
    ]
    if len(unconfirmed) > LISTED:
        said.append((WARNING, counted("range.more", len(unconfirmed) - LISTED)))
    return said


def range_blocks(nationals: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """The numbers that look like part of a block at the provider, block by block, in order.

    The guide's rejection reason is a number that "is part of a block of numbers and can't be
    ported out individually": a provider hands out a series in sequence (21 23 45 00-09), so a
    block is a run of two or more consecutive numbers, each the one before plus one (the run may
    cross a ten or a hundred: 21 23 45 99 and 21 23 46 00 follow each other). A gap ends the
    block, and a lone number is no range, whatever digits it ends in. Only numbers of the plan's
    length (8 digits) are looked at; a number entered twice counts once.

    >>> range_blocks(["21234509", "21234500", "21234501", "21234567", "21234599", "21234600"])
    (('21234500', '21234501'), ('21234599', '21234600'))
    >>> range_blocks(["21234500", "21234550", "21234510"])
    ()
    """
    length = rules().number_length
    numbers = sorted({number for number in nationals if len(number) == length and number.isdecimal()})
    blocks: list[tuple[str, ...]] = []
    run: list[str] = []
    for number in numbers:
        if run and int(number) != int(run[-1]) + 1:
            blocks.append(tuple(run))
            run = []
        run.append(number)
    blocks.append(tuple(run))
    return tuple(block for block in blocks if len(block) >= 2)


def virtual_caller_id_reminder(reading: Reading, wanted: Collection[str] = frozenset()) -> tuple[Note, ...]:
    """What the documents step reminds of the mobile numbers entered, which stay behind: those the
    customer wants a Virtual Caller ID for (``wanted``, national numbers, as
    ``PortingRequest.virtual_caller_id``), then those still offered one; nothing without any.

    >>> from porting.numbers.intake import read_numbers
    >>> reading = read_numbers("41 23 45 67\\n91 23 45 67\\n21 23 45 67")
    >>> [note.text("en").split(":")[0] for note in virtual_caller_id_reminder(reading, {"91234567"})]
    ['Virtual Caller ID wanted for 1 mobile number', '1 mobile number is not ported']
    >>> virtual_caller_id_reminder(read_numbers("21 23 45 67"), {"21234567"})
    ()
    """
    choice = caller_id_choice(reading, wanted)
    said = (("vcid_wanted", choice.chosen_numbers), ("virtual_caller_id", choice.declined_numbers))
    return tuple(counted(code, len(numbers), numbers=numbers) for code, numbers in said if numbers)
