"""What the pre-flight check reports: one ``Finding`` per rejection reason, the ``Note`` objects
that say why, what the customer has confirmed, and what of it all blocks submission.

A finding is ``ok``, ``warning`` (we could not tell, or the customer has not confirmed it) or
``problem`` (the current provider would reject the request as it stands). What a finding says
is a tuple of ``Note``: catalogue keys (``preflight.…``) and their parameters, written in the
reader's language only when shown. The checks that make the findings are in
``porting.documents.preflight``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from porting.i18n import DEFAULT_LANGUAGE, format_date, format_integer, t
from porting.rules import rules

OK, WARNING, PROBLEM = "ok", "warning", "problem"
_SEVERITY = (OK, WARNING, PROBLEM)
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


Said = tuple[str, Note]  # a status and the note that explains it


@dataclass(frozen=True)
class Finding:
    """How one rejection reason stands: ``ok``, ``warning`` or ``problem``, and why."""

    reason: str  # a key of rules().rejection_reasons, such as outdated_invoice
    status: str
    notes: tuple[Note, ...]

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
    def of(cls, reason: str, said: Sequence[Said]) -> Finding:
        """The worst status said, with every note that is not ``ok``; when all is ``ok``, its notes."""
        status = max((level for level, _ in said), key=_SEVERITY.index, default=OK)
        notes = tuple(note for level, note in said if (level != OK) == (status != OK))
        return cls(reason, status, notes)


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
