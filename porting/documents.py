"""The documents the porting guide requires, checked as they are uploaded.

The guide ("Required Porting Documents") asks for three: the signed Letter of Authorization,
completed and signed by an authorized representative; the latest invoice from the current
provider, issued within the last 30 days and showing the numbers to be ported and the account
holder's name; and the business registration certificate (firmaattest) from the Brønnøysund
Register Centre. Their keys are ``rules().documents``; their texts live in ``rules.toml``.

An upload is judged by its content, never by its name: PDF, PNG and JPEG are read, anything
else is refused with a problem a person can act on (a catalogue key ``documents.…``). The
helpers below read a PDF's text layer for the pre-flight checks: the invoice date, the
organisation number, the company name and the numbers to port.

>>> check_upload("invoice", "faktura.pdf", b"").code
'documents.empty'
>>> problem = check_upload("invoice", "faktura.pdf", b"<!DOCTYPE html><html><body>Logg inn</body></html>")
>>> problem.code
'documents.spoofed'
>>> problem.text("en").split(". ")[0]
'“faktura.pdf” is named as a PDF file, but it is a web page (HTML), not the document itself'
>>> find_invoice_date("Fakturadato: 03.11.2026\\nForfallsdato: 17.11.2026")
datetime.date(2026, 11, 3)
>>> mentions_org_number("Org.nr. NO 974 760 673 MVA", "974760673")
True
>>> mentions_company_name("FJORDLINJE\\nTELEKOM A/S", "Fjordlinje Telekom AS")
True
>>> found, missing = numbers_on_document("Tlf +47 21 23 45 67, konto 1221234567899", ["21234567", "22345678"])
>>> sorted(found), sorted(missing)
(['21234567'], ['22345678'])
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from typing import TypeVar

from PIL import Image
from pypdf import PasswordType, PdfReader

from porting import worker
from porting.company import ORG_NUMBER_LENGTH, compact_org_number
from porting.formatting import month_names, number
from porting.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_integer, t
from porting.rules import rules

SLOTS: tuple[str, ...] = tuple(document.key for document in rules().documents)  # loa, invoice, registration
MAX_BYTES = 10 * 1024 * 1024
PDF, PNG, JPEG = "pdf", "png", "jpeg"

# PDF readers such as Acrobat open a file whose header comes after junk in its first kilobyte.
PDF_HEADER_WINDOW = 1024
# Bounds on the work a hostile or huge PDF can cause: invoices run to a few pages, and 200,000
# characters is more than 50 full pages of text. A longer document is read only so far.
MAX_PAGES = 50
MAX_TEXT = 200_000
# The seconds reading one upload may take in its worker (porting.worker). An invoice of a few
# pages reads in a tenth of a second; a PDF of 50 pages sharing one content stream of empty text
# runs kept pypdf busy for 285 seconds.
READING_SECONDS = 1.5

_MEGABYTE = 1024 * 1024
_Read = TypeVar("_Read")  # what a job in the worker gives back
_MEGAPIXEL = 1_000_000


@dataclass(frozen=True)
class UploadedDocument:
    """An upload that opened: its kind (``pdf``, ``png``, ``jpeg``), pages, text layer and form fields."""

    slot: str  # one of SLOTS
    name: str  # as uploaded, for display only: never used as a path
    kind: str
    size: int  # bytes
    pages: int  # 1 for an image
    data: bytes = field(repr=False)
    text: str = field(default="", repr=False)  # the PDF's text layer; "" for images and scans
    form_fields: Mapping[str, str] = field(default_factory=dict, hash=False)  # AcroForm values of a PDF


@dataclass(frozen=True)
class UploadProblem:
    """Why an upload cannot be used: a catalogue key (``documents.…``) and its parameters.

    Sizes are given in bytes and pixels, and file contents by name (``html``, ``zip``): ``text``
    writes them in the reader's language.
    """

    code: str
    params: tuple[tuple[str, str], ...] = ()

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        params = dict(self.params)
        for key in ("size", "limit"):
            if key in params:
                params[key] = megabytes(int(params[key]), language)
        if "pixel_limit" in params:
            params["pixel_limit"] = format_integer(int(params["pixel_limit"]) // _MEGAPIXEL, language)
        if "content" in params:
            params["content"] = t(f"documents.content.{params['content']}", language)
        return t(self.code, language, **params)


def _problem(code: str, /, **params: str) -> UploadProblem:
    return UploadProblem(f"documents.{code}", tuple(params.items()))


def megabytes(size: int, language: str) -> str:
    """``10.5 MB`` in English, ``10,5 MB`` in Bokmål, rounded up so a file just over a limit says so."""
    tenths = -(-size * 10 // _MEGABYTE)
    return t("documents.megabytes", language, size=number(Decimal(tenths).scaleb(-1), language, places=1))


# --- What a file really is ---------------------------------------------------------------------

# Leading bytes of what people upload, by the name the catalogue gives it (documents.content.*).
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"PK\x03\x04", "zip"),  # .docx, .xlsx, .odt and other zipped office files
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # .doc, .xls, .msg from older Office
    (b"{\\rtf", "rtf"),
    (b"GIF8", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1")  # iPhone photos
_MARKUP = (
    (b"<!doctype", "html"),
    (b"<html", "html"),
    (b"<head", "html"),
    (b"<body", "html"),
    (b"<?xml", "xml"),
    (b"<svg", "xml"),
)
_CLAIMED = {"pdf": "PDF", "png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "jpe": "JPEG", "jfif": "JPEG"}
UNKNOWN = "unknown"


def sniff(data: bytes) -> str:
    """What ``data`` is by its first bytes: ``pdf``, ``png``, ``jpeg``, another known kind, or ``unknown``.

    >>> sniff(b"%PDF-1.7"), sniff(b"\\xef\\xbb\\xbf  <!DOCTYPE HTML>"), sniff(b"PK\\x03\\x04")
    ('pdf', 'html', 'zip')
    >>> sniff(b"junk before %PDF-1.4"), sniff(b"hello")
    ('pdf', 'unknown')
    """
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[8:12] in _HEIF_BRANDS and data[4:8] == b"ftyp":
        return "heic"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"BM") and data[6:10] == b"\0\0\0\0":  # two bytes alone are too common
        return "bmp"
    start = data[:PDF_HEADER_WINDOW].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    for markup, kind in _MARKUP:
        if start.startswith(markup):
            return kind
    return PDF if b"%PDF-" in data[: PDF_HEADER_WINDOW + 5] else UNKNOWN


def _display_name(name: str) -> str:
    """The file's own name, without folders or invisible characters, at most 80 characters."""
    base = re.split(r"[/\\]", name)[-1]
    visible = "".join(char for char in base if unicodedata.category(char)[0] != "C").strip()
    return visible if len(visible) <= 80 else visible[:79] + "…"


# --- Checking an upload ----------------------------------------------------------------------


def check_upload(slot: str, name: str, data: bytes) -> UploadedDocument | UploadProblem:
    """The upload opened and read, or why it cannot be used. ``name`` is only shown, never trusted."""
    if slot not in SLOTS:
        raise ValueError(f"unknown document slot {slot!r}; known: {', '.join(SLOTS)}")
    if not data:
        return _problem("empty")
    if len(data) > MAX_BYTES:
        return _problem("too_large", size=str(len(data)), limit=str(MAX_BYTES))
    kind = sniff(data)
    if kind == PDF:
        return _check_pdf(slot, name, data)
    if kind in (PNG, JPEG):
        return _check_image(slot, name, data, kind)
    claimed = _CLAIMED.get(name.rpartition(".")[2].strip().lower()) if "." in name else None
    if claimed is not None and kind != UNKNOWN:
        return _problem("spoofed", name=_display_name(name), claimed=claimed, content=kind)
    return _problem("not_supported", content=kind)


class _Encrypted(Exception):
    """The PDF needs a password (or a cipher pypdf cannot run without the cryptography package)."""


def _open_pdf(data: bytes) -> PdfReader:
    """The PDF, decrypted when it opens for anyone; raises ``_Encrypted`` or pypdf's errors."""
    reader = PdfReader(io.BytesIO(data[data.find(b"%PDF-") :]), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # an owner password only stops editing: anyone can read it
        except Exception as error:
            raise _Encrypted from error
        if opened == PasswordType.NOT_DECRYPTED:
            raise _Encrypted
    return reader


def _check_pdf(slot: str, name: str, data: bytes) -> UploadedDocument | UploadProblem:
    read = _in_worker(_read_pdf, data)
    if isinstance(read, UploadProblem):
        return read
    if isinstance(read, str):
        return _problem(read)
    pages, text, form_fields = read
    return UploadedDocument(slot, name, PDF, len(data), pages, data, text, form_fields)


def _in_worker(job: Callable[..., _Read], *args: object) -> _Read | UploadProblem:
    """``job`` run in a worker process (``porting.worker``): a file that takes too long to read
    or too much memory costs its own upload a second or two, never the server or other visitors."""
    try:
        read = worker.run(job, *args, seconds=READING_SECONDS)
    except worker.OverLimit:
        return _problem("too_slow")
    return read


def _read_pdf(data: bytes) -> tuple[int, str, dict[str, str]] | str:
    """The pages, text layer and form fields of a PDF, or the problem it has (``corrupt_pdf``, ...).
    Runs in a worker."""
    try:
        reader = _open_pdf(data)
        pages = len(reader.pages)
    except _Encrypted:
        return "encrypted"
    except Exception:  # a broken file makes pypdf raise almost anything: read errors, KeyError, ...
        return "corrupt_pdf"
    if pages == 0:
        return "no_pages"
    return pages, _pdf_text(reader, pages), _pdf_fields(reader)


def _pdf_text(reader: PdfReader, pages: int) -> str:
    """The text layer of the first ``MAX_PAGES`` pages, at most ``MAX_TEXT`` characters; a page
    that cannot be read adds nothing."""
    parts: list[str] = []
    room = MAX_TEXT
    for index in range(min(pages, MAX_PAGES)):
        try:
            text = reader.pages[index].extract_text() or ""
        except Exception:
            text = ""
        parts.append(text[:room])
        room -= len(parts[-1])
        if room <= 0:
            break
    return "\n".join(parts)


def _pdf_fields(reader: PdfReader) -> dict[str, str]:
    try:
        found = reader.get_fields() or {}
        return {str(name): str(value.get("/V") or "") for name, value in found.items()}
    except Exception:  # a broken form is no reason to refuse the document
        return {}


_PILLOW_FORMATS = {PNG: "PNG", JPEG: "JPEG"}


def _check_image(slot: str, name: str, data: bytes, kind: str) -> UploadedDocument | UploadProblem:
    problem = _in_worker(_decode_image, data, kind)
    if isinstance(problem, UploadProblem):
        return problem
    if problem == "image_too_large":
        return _problem(problem, pixel_limit=str(Image.MAX_IMAGE_PIXELS or 0))
    if isinstance(problem, str):
        return _problem(problem)
    return UploadedDocument(slot, name, kind, len(data), 1, data)


def _decode_image(data: bytes, kind: str) -> str | bool:
    """``True`` when the picture decodes, or its problem (``image_too_large``, ``corrupt_image``).
    Runs in a worker."""
    # Pillow's decompression-bomb limit (about 89 megapixels) is far above a 600 dpi scan of an
    # A4 page (35 megapixels). Pillow only warns below twice the limit, so it is checked here too.
    limit = Image.MAX_IMAGE_PIXELS or 0
    formats = [_PILLOW_FORMATS[kind]]
    try:
        with Image.open(io.BytesIO(data), formats=formats) as image:
            if limit and image.width * image.height > limit:
                return "image_too_large"
            image.verify()  # checks the structure and checksums without decoding
        with Image.open(io.BytesIO(data), formats=formats) as image:
            image.load()  # verify() misses truncated pixel data
    except Image.DecompressionBombError:
        return "image_too_large"
    except MemoryError:
        raise  # the worker answers it as a file too large to read
    except Exception:  # Pillow raises OSError, SyntaxError, ValueError, struct.error, ...
        return "corrupt_image"
    return True


# --- Reading a document's text -------------------------------------------------------------


def _plain(text: str) -> str:
    """Full-width digits and letters as ASCII, every kind of space as a space, every dash as ``-``."""
    return unicodedata.normalize("NFKC", text).translate(_PLAIN)


_PLAIN = str.maketrans(
    {"\t": " ", "\r": "\n", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"}
    | {"\u2212": "-", "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " "}
)

_INVOICE_DATE_LABEL = re.compile(
    r"(?<!\w)(?:faktura[ -]*dato|invoice +date|date +of +invoice) *[:.]? *(?:\n *)?", re.IGNORECASE
)
_DATE_FORMS = tuple(
    re.compile(form + r"(?![0-9])", re.IGNORECASE)
    for form in (
        r"(?P<day>[0-9]{1,2})\.(?P<month>[0-9]{1,2})\.(?P<year>[0-9]{4}|[0-9]{2})",  # 03.11.2026, 3.11.26
        r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})",  # 2026-11-03
        r"(?P<day>[0-9]{1,2})(?:\.|st|nd|rd|th)? +(?P<month>[^\W\d_]{3,})\.?,? +(?P<year>[0-9]{4})",
        r"(?P<month>[^\W\d_]{3,})\.? +(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?,? +(?P<year>[0-9]{4})",
    )
)


def find_invoice_date(text: str) -> date | None:
    """The first valid date labelled as the invoice date (Fakturadato, Invoice date, Date of invoice).

    The date follows its label on the same line or the next: ``03.11.2026``, ``3.11.26``,
    ``2026-11-03``, ``3. november 2026``, ``3 Nov 2026`` or ``November 3, 2026``, with month
    names in Bokmål and English. Due dates (Forfallsdato, Due date) are not invoice dates.

    >>> find_invoice_date("Invoice date\\n3. mars 2027"), find_invoice_date("Fakturadato: 31.02.2027")
    (datetime.date(2027, 3, 3), None)
    """
    plain = _plain(text)
    for label in _INVOICE_DATE_LABEL.finditer(plain):
        for form in _DATE_FORMS:
            found = form.match(plain, label.end())
            day = _date(**found.groupdict()) if found else None
            if day is not None:
                return day
    return None


def _date(day: str, month: str, year: str) -> date | None:
    """The day written as numbers or with a month name; a two-digit year is in this century."""
    number = int(month) if month.isdigit() else _month_number(month)
    try:
        return date(int(year) + (2000 if len(year) == 2 else 0), number or 0, int(day))
    except ValueError:
        return None


@cache
def _month_numbers() -> dict[str, int]:
    """Month names in every language of the catalogue, and every start of them of three letters or
    more that names one month only (``sept``, ``okt``, ``des``)."""
    candidates: dict[str, set[int]] = {}
    for language in LANGUAGES:
        for month, names in enumerate(month_names(language), start=1):
            for written in names:
                name = written.strip(".").casefold()
                for end in range(3, len(name) + 1):
                    candidates.setdefault(name[:end], set()).add(month)
    return {name: months.pop() for name, months in candidates.items() if len(months) == 1}


def _month_number(name: str) -> int | None:
    return _month_numbers().get(name.casefold())


# Digits written as one number: groups of digits joined by at most three spaces, dots, dashes,
# slashes or brackets ("+47 (0) 21 23 45 67"), on one line. A '+' stands for the international
# prefix. A number counts only when it is whole groups of such a run.
_RUN = re.compile(r"\+?[0-9]+(?:[ ./()-]{1,3}\+?[0-9]+)*")
_GROUP = re.compile(r"\+?[0-9]+")


@lru_cache(maxsize=4)
def _numbers_written(text: str) -> frozenset[str]:
    """Every digit string made of whole groups of a run, up to the length of ``0047`` and a number,
    and each without the international prefix and country code when it starts with them."""
    plan = rules()
    prefix = plan.international_prefix + plan.country_code
    longest = len(prefix) + max(plan.number_length, ORG_NUMBER_LENGTH)
    written: set[str] = set()
    for run in _RUN.finditer(_plain(text)):
        groups = [group.replace("+", plan.international_prefix) for group in _GROUP.findall(run.group())]
        for start in range(len(groups)):
            digits = ""
            for end in range(start, len(groups)):
                digits += groups[end]
                if len(digits) > longest:
                    break
                written.add(digits)
                if digits.startswith(prefix):
                    written.add(digits[len(prefix) :])
    return frozenset(written)


def numbers_on_document(text: str, nationals: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Which of the national numbers ``text`` shows, and which it does not: ``(found, missing)``.

    A number may be written in any usual way (``21 23 45 67``, ``212 34 567``, ``+47 21234567``,
    ``0047 21-23-45-67``, ``21.23.45.67``) but not as part of a longer run of digits, such as an
    account number.

    >>> numbers_on_document("Kontonr. 1221234567899", ["21234567"])
    (frozenset(), frozenset({'21234567'}))
    """
    written = _numbers_written(text)
    wanted = frozenset(nationals)
    found = frozenset(number for number in wanted if number in written)
    return found, wanted - found


def mentions_org_number(text: str, org_number: str) -> bool:
    """Whether ``text`` shows the organisation number, written in any usual way.

    >>> mentions_org_number("Foretaksnr: 974.760.673", "974 760 673")
    True
    >>> mentions_org_number("Konto 9747606730", "974760673")
    False
    """
    digits = compact_org_number(org_number)
    if len(digits) != ORG_NUMBER_LENGTH or not (digits.isascii() and digits.isdigit()):
        return False
    return digits in _numbers_written(text)


# Company forms in Enhetsregisteret (organisasjonsform codes), as a name may end with them or not.
_COMPANY_FORMS = frozenset(
    {"as", "asa", "aksjeselskap", "allmennaksjeselskap", "ans", "da", "enk", "nuf", "sa"}
)
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def mentions_company_name(text: str, name: str) -> bool:
    """Whether ``text`` names the company, whatever its case, spacing, punctuation and line breaks,
    with or without its company form (AS, ASA, A/S, Aksjeselskap).

    >>> mentions_company_name("Kunde: BLÅBÆR-SYLTETØY ÆRLIG", "Blåbærsyltetøy Ærlig AS")
    True
    >>> mentions_company_name("Blåbærsyltetøy Ærligheten AS", "Blåbærsyltetøy Ærlig AS")
    False
    """
    words = _words(name)
    if words[-2:] == ["a", "s"]:  # A/S
        words = words[:-2]
    elif len(words) > 1 and words[-1] in _COMPANY_FORMS:
        words = words[:-1]
    wanted = "".join(words)
    if not wanted:
        return False
    written = _words(text)
    starts, ends, offset = set(), set(), 0
    for word in written:
        starts.add(offset)
        offset += len(word)
        ends.add(offset)
    joined = "".join(written)
    at = joined.find(wanted)
    while at >= 0:
        if at in starts and at + len(wanted) in ends:
            return True
        at = joined.find(wanted, at + 1)
    return False


# --- The signed letter -----------------------------------------------------------------------

# The letter's form fields (porting/loa_layout.py): the signature field, and two that only our
# letter has beside it.
SIGNATURE_FIELD = "signature"
_LOA_FIELDS = frozenset({SIGNATURE_FIELD, "name", "date"})
_DRAWN = frozenset({"/Ink", "/Stamp"})  # what Acrobat's Fill & Sign and macOS Preview add


def loa_is_signed(document: UploadedDocument) -> bool | None:
    """Whether our letter has been signed: its signature field filled in, a signature drawn or
    stamped on it, or a digital signature. ``None`` when it is not our fillable letter (a scan,
    another form): whether it is signed cannot be told.
    """
    if document.kind != PDF or not document.form_fields.keys() >= _LOA_FIELDS:
        return None
    if document.form_fields[SIGNATURE_FIELD].strip():
        return True
    return _has_drawn_or_digital_signature(document.data)


def _has_drawn_or_digital_signature(data: bytes) -> bool:
    try:
        reader = _open_pdf(data)
        for page in reader.pages[:MAX_PAGES]:
            for annotation in page.get("/Annots") or []:
                if annotation.get_object().get("/Subtype") in _DRAWN:
                    return True
        fields = reader.get_fields() or {}
        return any(value.get("/FT") == "/Sig" and value.get("/V") for value in fields.values())
    except Exception:  # it opened once in check_upload; a broken part now means no signature found
        return False
