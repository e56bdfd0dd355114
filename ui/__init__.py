"""Streamlit glue shared by the pages: the request in session state, texts and cached readings.

Pages collect input and render; everything they show is computed in ``porting``.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from functools import cache
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st

from porting import settings
from porting.i18n import catalogue, t, tn
from porting.languages import DEFAULT_LANGUAGE, preferred_language
from porting.numbers.intake import Reading, read_numbers
from porting.numbers.summary import NumbersSummary, download_rows, summarize
from porting.team.signin import forwarded_client
from porting.wizard.state import NumbersFile, PortingRequest

_REQUEST_KEY = "porting_request"


class NumbersView(NamedTuple):
    summary: NumbersSummary
    source: Source  # what the numbers were read from, to make the download from when asked


def request() -> PortingRequest:
    """The one request object of this browser session, created on first use in the language the
    browser asks for (its ``Accept-Language``, else the locale it reports), English otherwise; a
    link's ``lang`` and the language switch come after."""
    if _REQUEST_KEY not in st.session_state:
        st.session_state[_REQUEST_KEY] = PortingRequest(language=_browser_language())
    found: PortingRequest = st.session_state[_REQUEST_KEY]
    return found


def _browser_language() -> str:
    asked = st.context.headers.get("Accept-Language") or st.context.locale
    return preferred_language(asked) or DEFAULT_LANGUAGE


def metrics(figures: Sequence[tuple[str, str | int]]) -> None:
    """Key figures side by side, each as wide as it needs: a row that wraps onto the next line
    where the page is too narrow for them all, so that no figure is ever cut short (three columns
    of a 1024-pixel screen cut "22 Dec – 24 Dec")."""
    with st.container(horizontal=True, wrap=True, gap="large"):
        for label, value in figures:
            st.metric(label, value, width="content")


def date_format() -> str:
    """How a date field shows and takes a day in the session's language: ``DD.MM.YYYY`` in
    Bokmål, as Norwegians write dates; ISO's ``YYYY-MM-DD`` in English, read the same everywhere."""
    return "DD.MM.YYYY" if request().language == "nb" else "YYYY-MM-DD"


def text(key: str, /, **params: Any) -> str:
    """A catalogue message in the session's language."""
    return t(key, request().language, **params)


def has_text(key: str) -> bool:
    """Whether the catalogue has ``key`` (for optional texts such as field help)."""
    return key in catalogue(request().language)


def plural(key: str, count: int, /, **params: Any) -> str:
    """A catalogue message with ``one`` and ``other`` forms, in the session's language."""
    return tn(key, count, request().language, **params)


# Every ASCII character Streamlit's markdown gives a meaning: CommonMark's and GitHub's syntax,
# ``:`` for icons (``:material/x:``) and colours (``:red[x]``), ``/`` in ``:material/``, ``$``
# for LaTeX, ``=`` for headings (``===`` under a line), ``@`` and ``:`` for bare links, ``&``
# for entities. A backslash before any ASCII punctuation shows the character itself.
_MARKDOWN_SPECIALS = "\\`*_{}[]<>()#+-.!|~$:=@&/^%\"'"
# Controls that reorder or hide what follows (U+202E shows "fdp.exe" for "exe.pdf").
_INVISIBLE = "\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_PLAIN = str.maketrans({char: "\\" + char for char in _MARKDOWN_SPECIALS} | dict.fromkeys(_INVISIBLE))
# Streamlit finds emoji (":smile:") and bare links ("www.x", "https://x", "kari@x.no") in the
# text after the escapes are read, so escapes cannot stop them: an invisible word joiner
# (U+2060) where they would begin does.
_JOIN = re.compile(r":(?=[\w+-]+:)|(?<=www)(?=\.)|(?=://)|(?=@)", re.IGNORECASE)
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)  # four spaces would make a code block


def plain(value: str) -> str:
    """Text a person typed or uploaded (or a register or mail server sent), made safe to put in
    any markdown Streamlit shows: it reads exactly as it was written, and nothing in it becomes a
    link, a heading, a list, an icon, an emoji, a colour, a formula or a table; controls that
    reorder or hide text are dropped. The one function for such text on every page.

    >>> print(plain("[Log in](https://evil.example)").replace("\\u2060", ""))
    \\[Log in\\]\\(https\\:\\/\\/evil\\.example\\)
    >>> plain("exe.pdf\u202e") == "exe\\\\.pdf"
    True
    """
    lines = _INDENT.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return _JOIN.sub(lambda found: found.group() + "\u2060", lines).translate(_PLAIN)


_HIDDEN = dict.fromkeys(map(ord, _INVISIBLE))


def visible(value: str) -> str:
    """Text a person typed, for a table's cell, which shows text and never markup: without the
    controls that reorder or hide what follows, which a cell would obey as markdown does.

    >>> visible("invoice\u202efdp.exe")
    'invoicefdp.exe'
    """
    return value.translate(_HIDDEN)


PROXY_VARIABLE = "PORTING_BEHIND_PROXY"


def client_address() -> str | None:
    """The visitor's address, for the limits kept per visitor (console sign-in, drafts): the
    proxy's ``X-Forwarded-For`` only when ``PORTING_BEHIND_PROXY`` says there is one (without a
    proxy anyone can send that header); ``None`` when unknown (a test client)."""
    if settings.section(settings.Console).behind_proxy:
        forwarded = forwarded_client(st.context.headers.get("X-Forwarded-For"))
        if forwarded:
            return forwarded
    address = st.context.ip_address
    return address if isinstance(address, str) else None


def keep_widget(key: str, value: Any) -> None:
    """Give a widget its value from the request when the page is shown again.

    Streamlit forgets a widget's state when another page is shown; the request does not.
    """
    if key not in st.session_state:
        st.session_state[key] = value


@st.cache_resource(max_entries=16, show_spinner=False)
def _reading(source: str | bytes, name: str | None, column: str | None) -> Reading:
    # A resource, not data: readings are immutable, so sessions share one object uncopied.
    return read_numbers(source, filename=name, column=column)


Source = tuple[str | bytes, str | None, str | None]  # pasted text, or file bytes with name and column


@st.cache_resource(max_entries=16, show_spinner=False)
def _numbers_view(source: str | bytes, name: str | None, column: str | None, language: str) -> NumbersView:
    # A resource, as the reading: the summary is immutable, and a rerun gets it without a copy
    # (cache_data would unpickle every distinct number on every run).
    summary = summarize(_reading(source, name, column), language)
    return NumbersView(summary, (source, name, column))


@st.cache_data(max_entries=4, show_spinner=False)
def _numbers_csv(source: str | bytes, name: str | None, column: str | None, language: str) -> bytes:
    summary = _numbers_view(source, name, column, language).summary
    headings = {column: t(f"numbers.col_{column}", language) for column in TABLE_COLUMNS}
    download = pd.DataFrame(download_rows(summary, language)).rename(columns=headings)
    return download.to_csv(index=False).encode("utf-8-sig")


def numbers_csv(view: NumbersView) -> bytes:
    """Every number as the customer downloads it, headed in their language: made when the
    download is asked for (not on every run), and kept for the few inputs asked last."""
    return _numbers_csv(*view.source, view.summary.language)


def source_of(current: PortingRequest) -> Source | None:
    """What the numbers are read from: pasted text or a file with its name and column."""
    if current.numbers_source == "file":
        upload: NumbersFile | None = current.numbers_file
        return None if upload is None else (upload.data, upload.name, upload.column)
    return (current.numbers_text, None, None) if current.numbers_text.strip() else None


def reading_of(source: Source | None) -> Reading | None:
    return None if source is None else _reading(*source)


def numbers_view(current: PortingRequest) -> NumbersView | None:
    """What the customer's numbers come to, or ``None`` while there are none.

    Cached by input and language, so a rerun with the same numbers costs nothing.
    """
    source = source_of(current)
    return None if source is None else _numbers_view(*source, current.language)


def reading(current: PortingRequest) -> Reading | None:
    """The customer's numbers as read, shared from the cache."""
    return reading_of(source_of(current))


TABLE_COLUMNS = ("status", "number", "type", "area", "note", "repeats", "line", "entered")


def numbers_table(summary: NumbersSummary, shown: slice = slice(None)) -> pd.DataFrame:
    """The rows ``shown`` of the results table (one row per distinct number, columns as the page
    shows them): a page of 10,000 numbers makes 100 rows, not 10,000."""
    lines = summary.number_lines(shown)
    return pd.DataFrame(
        {
            "status": [line.status_label for line in lines],
            "number": [line.number for line in lines],
            "type": [line.type_label for line in lines],
            "area": [line.area for line in lines],
            "note": [line.note for line in lines],
            "repeats": [line.repeats for line in lines],
            "line": [line.line for line in lines],
            "entered": [line.entered for line in lines],
        }
    )


@cache  # once per server process: the first run, after the app's imports
def freeze_loaded() -> None:
    """Freeze what is loaded now: it lives as long as the server. Frozen, it is left out of the
    full garbage collections, which otherwise walk it all (0.1 s a time, every second or so under
    use) while holding up every visitor's page. (``gc.get_freeze_count`` would say whether this was
    done, but it counts the frozen objects one by one: 10 ms a run.)"""
    gc.freeze()
