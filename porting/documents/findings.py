"""What the pre-flight check reports: one ``Finding`` per rejection reason, the ``Note`` objects
that say why, what the customer has confirmed, and what of it all blocks submission.

A finding is ``ok``, ``warning`` (we could not tell, or the customer has not confirmed it) or
``problem`` (the current provider would reject the request as it stands). What a finding says
is a tuple of ``Note``: catalogue keys (``preflight.…``) and their parameters, written in the
reader's language only when shown. The checks that make the findings are in
``porting.documents.preflight``.

What a person reads is a finding's ``Row`` objects: one per check, named for what it checks
(catalogue ``checks.name.…``: the letter, the invoice date, the account holder on the invoice…),
in one of four states: ``not_uploaded`` (the document it needs is not there yet: no problem
before the customer has had a chance), ``ok``, ``warning`` or ``problem``, with the reason the
provider would reject it for as secondary text. The reasons stay the findings' (and the command
line's JSON's): a document not uploaded yet is a problem of its reason there, as it blocks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from porting.i18n import DEFAULT_LANGUAGE, format_date, format_integer, t
from porting.rules import rules

OK, WARNING, PROBLEM = "ok", "warning", "problem"
_SEVERITY = (OK, WARNING, PROBLEM)
NOT_UPLOADED = "not_uploaded"  # a row's state only: the document it needs is not uploaded yet
_ROW_SEVERITY = (OK, NOT_UPLOADED, WARNING, PROBLEM)  # a warning or a problem found says more
# What blocks submission besides problems and unticked acknowledgements (catalogue preflight.blocking.*).
PARTIAL_PORT, PARTIAL_PORT_REST = "partial_port", "partial_port_rest"
LISTED = 20  # numbers or blocks a note names at most; the rest are counted
_TERMS = frozenset({"document", "field"})  # parameters that hold a key (invoice) to write in words


@dataclass(frozen=True)
class Confirmations:
    """What the customer has confirmed on the documents page."""

    active: frozenset[str] = frozenset()  # national numbers confirmed active today
    not_in_range: frozenset[str] = frozenset()  # numbers confirmed not part of a range at the provider
    partial_port: bool | None = None  # the account holds other numbers than those ported; None: unanswered
    main_number_included: bool | None = None  # the account's main number is among those ported
    rest: str = ""  # when partial: what happens to the account's other numbers (kept, cancelled)
    acknowledged: frozenset[str] = frozenset()  # keys of rules().acknowledgements ticked


@dataclass(frozen=True)
class Note:
    """One thing a finding says: a catalogue key (``preflight.…``) and its parameters.

    Dates are written the reader's way, whole numbers with the reader's separators, a tuple
    of numbers as a list of at most ``LISTED`` and how many more, and ``document`` and
    ``field`` (keys such as ``invoice``) in the reader's words.

    >>> dates = (("issued", date(2027, 3, 1)), ("valid_until", date(2027, 3, 31)))
    >>> Note("preflight.invoice.ok", dates).text("nb")
    'Fakturaen fra 1. mars 2027 er ny nok til og med 31. mars 2027.'
    """

    code: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        return t(self.code, language, **{name: _shown(name, value, language) for name, value in self.params})


def _shown(name: str, value: object, language: str) -> object:
    if name in _TERMS:
        return t(f"preflight.{name}.{value}", language)
    if isinstance(value, date):
        return format_date(value, language, "medium")
    if isinstance(value, int) and not isinstance(value, bool):
        return format_integer(value, language)
    if isinstance(value, tuple):
        listed = ", ".join(map(str, value[:LISTED]))
        if len(value) <= LISTED:
            return listed
        return t(
            "preflight.and_more", language, list=listed, more=format_integer(len(value) - LISTED, language)
        )
    return value


def note(code: str, /, **params: object) -> Note:
    return Note(f"preflight.{code}", tuple(params.items()))


def counted(code: str, count: int, /, **params: object) -> Note:
    """A note with ``count``, in its ``one`` or ``other`` form (English and Bokmål agree on which)."""
    return note(f"{code}.{'one' if count == 1 else 'other'}", count=count, **params)


Said = tuple[str, Note]  # a status (or NOT_UPLOADED, a problem of the reason) and the note that explains it


@dataclass(frozen=True)
class Row:
    """One check as a person reads it: what it checks, its state, why, and the reason it guards.

    >>> row = Row.of("invoice_date", "outdated_invoice", [(NOT_UPLOADED, note("invoice.missing", days=30))])
    >>> row.name("en"), row.state, row.state_text("en")
    ('Invoice date', 'not_uploaded', 'Not uploaded yet')
    >>> row.reason_text("en")
    'Checks for the rejection reason “Outdated invoice”.'
    >>> Row.of("invoice_numbers", "mismatched_info", [], document="invoice", pending=True).notes[0].text("en")
    'Checked once the invoice is uploaded.'
    """

    check: str  # a key of the catalogue's checks.name, such as invoice_date
    reason: str  # the rejection reason it guards, a key of rules().rejection_reasons
    state: str  # NOT_UPLOADED, OK, WARNING or PROBLEM
    notes: tuple[Note, ...]
    document: str | None = None  # the upload slot the check reads, if any
    blocks: bool = False  # a problem, or its own document not uploaded yet: submission waits for it

    @classmethod
    def of(
        cls,
        check: str,
        reason: str,
        said: Sequence[Said],
        *,
        document: str | None = None,
        pending: bool = False,
    ) -> Row:
        """The row of what one check said; ``pending``: it cannot look before ``document`` is uploaded."""
        shown = [*said, *([(NOT_UPLOADED, Note(f"checks.pending.{document}"))] if pending else [])]
        state = max((level for level, _ in shown), key=_ROW_SEVERITY.index, default=OK)
        notes = tuple(dict.fromkeys(note for level, note in shown if (level != OK) == (state != OK)))
        blocks = any(level in (PROBLEM, NOT_UPLOADED) for level, _ in said)
        return cls(check, reason, state, notes, document, blocks)

    def name(self, language: str = DEFAULT_LANGUAGE) -> str:
        return t(f"checks.name.{self.check}", language)

    def state_text(self, language: str = DEFAULT_LANGUAGE) -> str:
        return t(f"checks.state.{self.state}", language)

    def reason_text(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The rejection reason, as the row's secondary text: what the provider would reject it as."""
        return t(f"checks.reason.{self.state}", language, reason=_issue(self.reason, language))


def _issue(reason: str, language: str) -> str:
    found = rules().rejection_reason(reason)
    if found is None:
        raise KeyError(reason)  # rows and findings are made from the rules' own reasons
    return found.texts[language]["issue"]


@dataclass(frozen=True)
class Finding:
    """How one rejection reason stands: ``ok``, ``warning`` or ``problem``, and why; its ``rows``
    are the checks that make it, as a person reads them."""

    reason: str  # a key of rules().rejection_reasons, such as outdated_invoice
    status: str
    notes: tuple[Note, ...]
    rows: tuple[Row, ...] = ()

    def issue(self, language: str = DEFAULT_LANGUAGE) -> str:
        return self._texts(language)["issue"]

    def explanation(self, language: str = DEFAULT_LANGUAGE) -> str:
        return self._texts(language)["explanation"]

    def fix(self, language: str = DEFAULT_LANGUAGE) -> str:
        return self._texts(language)["fix"]

    def _texts(self, language: str) -> Mapping[str, str]:
        reason = rules().rejection_reason(self.reason)
        if reason is None:
            raise KeyError(self.reason)  # findings are made from the rules' own reasons
        return reason.texts[language]

    @classmethod
    def of(cls, reason: str, said: Sequence[Said], rows: tuple[Row, ...] = ()) -> Finding:
        """The worst status said, with every note that is not ``ok``; when all is ``ok``, its notes.
        A document not uploaded yet is a problem here; a note two rows share is said once."""
        weighed = [(PROBLEM if level == NOT_UPLOADED else level, note) for level, note in said]
        status = max((level for level, _ in weighed), key=_SEVERITY.index, default=OK)
        notes = tuple(dict.fromkeys(note for level, note in weighed if (level != OK) == (status != OK)))
        return cls(reason, status, notes, rows)


def blocking(findings: Iterable[Finding], confirmations: Confirmations) -> tuple[str, ...]:
    """What stops submission: each problem's reason, each acknowledgement not ticked, and the
    partial-port question (``partial_port`` while unanswered, ``partial_port_rest`` while a
    partial port does not say what happens to the other numbers). ``blocker_text`` words them.

    When part of an account is ported, whether its main number goes too must be answered.
    """
    blockers = [finding.reason for finding in findings if finding.status == PROBLEM]
    blockers += [ack.key for ack in rules().acknowledgements if ack.key not in confirmations.acknowledged]
    partial = confirmations.partial_port
    if partial is None or (partial and confirmations.main_number_included is None):
        blockers.append(PARTIAL_PORT)
    elif partial and not confirmations.rest.strip():
        blockers.append(PARTIAL_PORT_REST)
    return tuple(blockers)


def blocker_text(key: str, language: str = DEFAULT_LANGUAGE) -> str:
    """What one key of ``blocking`` asks of the customer, in words.

    >>> blocker_text("outdated_invoice", "nb")
    'Rett opp «Utdatert faktura» før du sender inn.'
    """
    reason = rules().rejection_reason(key)
    if reason is not None:
        return t("preflight.blocking.reason", language, issue=reason.texts[language]["issue"])
    for acknowledgement in rules().acknowledgements:
        if acknowledgement.key == key:
            return t("preflight.blocking.acknowledgement", language, text=acknowledgement.texts[language])
    return t(f"preflight.blocking.{key}", language)


def blocker_texts(
    findings: Iterable[Finding], confirmations: Confirmations, language: str = DEFAULT_LANGUAGE
) -> tuple[tuple[str, str], ...]:
    """What stops submission in words, as ``(key of blocking, text)``: a reason's problems named
    by the rows that have them (a document not uploaded yet once, by its name), then the rest as
    ``blocker_text`` words them.

    >>> missing = [(NOT_UPLOADED, note("mismatched.loa_missing"))]
    >>> letter = Row.of("loa", "mismatched_info", missing, document="loa")
    >>> finding = Finding.of("mismatched_info", missing, (letter,))
    >>> ticked = frozenset(("keep_service", "details_match"))
    >>> confirmed = Confirmations(partial_port=False, acknowledged=ticked)
    >>> blocker_texts([finding], confirmed)
    (('mismatched_info', 'Upload the signed letter of authorization.'),)
    """
    findings = tuple(findings)
    rows = {finding.reason: finding.rows for finding in findings}
    texts: dict[str, str] = {}  # text -> key, in order, each text once
    for key in blocking(findings, confirmations):
        named = [row for row in rows.get(key, ()) if row.blocks]
        for row in named:
            texts.setdefault(_row_blocker(row, language), key)
        if not named:
            texts.setdefault(blocker_text(key, language), key)
    return tuple((key, text) for text, key in texts.items())


def _row_blocker(row: Row, language: str) -> str:
    if row.state == NOT_UPLOADED and row.document is not None:
        return t(f"checks.blocking.upload.{row.document}", language)
    return t("checks.blocking.fix", language, check=row.name(language), reason=_issue(row.reason, language))


def report_records(findings: Iterable[Finding], language: str = DEFAULT_LANGUAGE) -> list[dict[str, str]]:
    """The findings as the command line's JSON has them: the guide's issue name (in ``language``:
    English by default), the status, what was found and how to fix it.

    >>> report_records([Finding("part_of_range", OK, (note("range.none"),))])[0]["reason"]
    'Number is part of a range'
    """
    return [
        {
            "reason": finding.issue(language),
            "status": finding.status,
            "finding": " ".join(note.text(language) for note in finding.notes),
            "fix": finding.fix(language),
        }
        for finding in findings
    ]
