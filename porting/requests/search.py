"""What the team's queue searches in, kept beside each request row so the database can search it.

A request's JSON columns are text to the database, and SQLite folds only ASCII case, so each
request has a ``request_search`` row: its reference, company name and organisation number, each
``folded`` (case, spaces and the Norwegian letters' spellings: ``Ø`` is ``ø`` is ``o`` is ``oe``,
``Å`` is ``aa`` is ``a``, ``Æ`` is ``ae``; the ASCII spellings are read word by word before the
letters are spelt out, so the ``e`` after an ``ø`` is never taken for its spelling), on a line of
its own so a search never matches across two of them. Its numbers are rows of ``request_numbers``
by their national digits, indexed, so a number is found by its first digits in one index range
(``number_prefixes`` reads a search the way people write a number: ``+47 21 23``, ``0047 212``, ``21-23-45``).

Both are written whenever a request row is flushed with a new reference, details or numbers
(``keep_current``, a session event), so no writer can forget them; revision 0003 filled them in
for the rows before it.

>>> folded("Blåbærsyltetøy  ÆRLIG AS"), folded("Blaabaersyltetoey Ærlig as")
('blabaersyltetoyaerligas', 'blabaersyltetoyaerligas')
>>> folded("Øst") == folded("OEST") == folded("Ost") == folded("O\\u0308st\\x00")
True
>>> folded("ÆROE E48") in folded("Kølabrygga Ærø e48f AS")  # an "ø" spelt out, then an "e"
True
>>> number_prefixes("+47 21 23 45"), number_prefixes("0047-212"), number_prefixes("(815) 12")
(('212345',), ('212',), ('81512',))
>>> number_prefixes("4721 23")  # a number that begins 472123, or +47 21 23: both are tried
('472123', '2123')
>>> number_prefixes("Fjord"), number_prefixes("NO-2026-000123")
((), ())
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from porting.requests.rows import RequestNumberRow, RequestRow, RequestSearchRow
from porting.rules import rules

MAX_SEARCH_CHARACTERS = 100  # a reference, a name or a number: longer is no search of the queue
_ASCII_SPELLINGS = (("aa", "a"), ("oe", "o"))  # read first: an "ø" spelt out must not meet an "e"
_LETTERS = (("æ", "ae"), ("ø", "o"))  # spelt out last; an "å" decomposes to "a" and its ring
_NUMBER_PUNCTUATION = re.compile(r"[\s\-./()]")
_WRITTEN = ("reference", "details_json", "numbers_json")  # the columns the search reads


def folded(text: str) -> str:
    """``text`` as the search compares it: without spaces, case or accents, Norwegian letters and
    their ASCII spellings alike; the same for what is stored and what is searched for.

    Each word's ASCII spellings are read before its Norwegian letters are spelt out, so that what
    the letters become never joins a letter after them, nor a word the next one.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(_folded_word(word) for word in decomposed.split())


def _folded_word(word: str) -> str:
    """One word of ``folded``: its ASCII spellings read while its accents still part its letters;
    no control character (a NUL is no text to PostgreSQL)."""
    word = "".join(char for char in word if not unicodedata.category(char).startswith("C"))
    for spelling, letter in _ASCII_SPELLINGS:
        word = word.replace(spelling, letter)
    plain = "".join(char for char in word if not unicodedata.combining(char))
    for letter, spelling in _LETTERS:
        plain = plain.replace(letter, spelling)
    return plain


def number_prefixes(search: str) -> tuple[str, ...]:
    """The national digits a search may begin numbers with; none when it is not a number.

    ``+47`` or ``0047`` before it is the country code and goes; bare digits that begin with the
    country code may be either, so both are tried.
    """
    compact = _NUMBER_PUNCTUATION.sub("", search)
    current = rules()
    international = compact.startswith("+") or compact.startswith(current.international_prefix)
    digits = compact.removeprefix("+") if compact.startswith("+") else compact
    if international and not compact.startswith("+"):
        digits = digits.removeprefix(current.international_prefix)
    if not digits.isascii() or not digits.isdigit():
        return ()
    national = digits.removeprefix(current.country_code)
    if international:
        return (national,) if national and digits.startswith(current.country_code) else ()
    return tuple(dict.fromkeys(prefix for prefix in (digits, national) if prefix))


def search_text(reference: str, details: dict[str, Any]) -> str:
    """The text of a request's ``request_search`` row: its reference, company name and organisation number."""
    fields = (reference, details.get("company_name"), details.get("org_number"))
    return "\n".join(folded(str(field)) for field in fields if field)


def national_numbers(numbers: Iterable[Any]) -> list[str]:
    """The national digits of a request's valid numbers, each once, in order."""
    prefix = "+" + rules().country_code
    found = (str(number.get("e164") or "") for number in numbers if isinstance(number, dict))
    return list(dict.fromkeys(e164.removeprefix(prefix) for e164 in found if e164.startswith(prefix)))


# --- Kept up to date -------------------------------------------------------------------------

_REINDEX = "porting_search_reindex"  # Session.info: the rows to write again once they have their ids


@event.listens_for(Session, "before_flush")
def keep_current(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    """Note every request row flushed with a new reference, details or numbers, for
    ``_write_search`` once the flush has given it its id."""
    for row in (*session.new, *session.dirty):
        if not isinstance(row, RequestRow):
            continue
        state = inspect(row)
        changed = {name for name in _WRITTEN if state.pending or state.attrs[name].history.has_changes()}
        if changed:
            noted: dict[RequestRow, set[str]] = session.info.setdefault(_REINDEX, {})
            noted.setdefault(row, set()).update(changed)


@event.listens_for(Session, "after_flush")
def _write_search(session: Session, _flush: UOWTransaction) -> None:
    """The ``request_search`` row and the ``request_numbers`` of the rows ``keep_current`` noted, a
    statement or two each: a request may hold 100,000 numbers."""
    noted: dict[RequestRow, set[str]] = session.info.pop(_REINDEX, {})
    connection = session.connection()
    for row, changed in noted.items():
        text = search_text(row.reference, _parsed(row.details_json, {}))
        connection.execute(delete(RequestSearchRow).where(RequestSearchRow.request_id == row.id))
        connection.execute(insert(RequestSearchRow).values(request_id=row.id, text=text))
        if "numbers_json" not in changed:
            continue
        connection.execute(delete(RequestNumberRow).where(RequestNumberRow.request_id == row.id))
        numbers = national_numbers(_parsed(row.numbers_json, []))
        if numbers:
            connection.execute(
                insert(RequestNumberRow), [{"request_id": row.id, "national": number} for number in numbers]
            )


def _parsed(text: str | None, empty: Any) -> Any:
    """A JSON column as plain values; what is not JSON of the kind expected counts as empty (the
    model reports such a column when the request is read)."""
    try:
        value = json.loads(text or "")
    except ValueError:
        return empty
    return value if isinstance(value, type(empty)) else empty
