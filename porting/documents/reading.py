"""The documents the porting guide requires, checked as they are uploaded.

The guide ("Required Porting Documents") asks for three: the signed Letter of Authorization,
completed and signed by an authorized representative; the latest invoice from the current
provider, issued within the last 30 days and showing the numbers to be ported and the account
holder's name; and the business registration certificate (firmaattest) from the Brønnøysund
Register Centre. Their keys are ``rules().documents``; their texts live in ``rules.toml``.

An upload is judged by its content, never by its name (``porting.documents.kinds``): PDF, PNG
and JPEG are opened, in a worker, and read; anything else is refused with a problem a person can
act on (a catalogue key ``documents.…``). A picture, or a PDF with no text layer (a scan), is
read with OCR (``porting.documents.ocr``), in a worker too; without Tesseract installed it is
kept unread, marked ``OCR_MISSING``, so the checks can say they need it. What the text states is
read by ``porting.documents.facts``.

>>> check_upload("invoice", "faktura.pdf", b"").code
'documents.empty'
>>> problem = check_upload("invoice", "faktura.pdf", b"<!DOCTYPE html><html><body>Logg inn</body></html>")
>>> problem.code
'documents.spoofed'
>>> problem.text("en").split(". ")[0]
'“faktura.pdf” is named as a PDF file, but it is a web page (HTML), not the document itself'
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TypeVar

from PIL import Image
from pypdf import PasswordType, PdfReader

from porting import worker
from porting.documents import ocr
from porting.documents.kinds import JPEG, MAX_BYTES, PDF, PNG, UNKNOWN, claimed_kind, display_name, sniff
from porting.formatting import number
from porting.i18n import DEFAULT_LANGUAGE, format_integer, t
from porting.rules import rules

SLOTS: tuple[str, ...] = tuple(document.key for document in rules().documents)  # loa, invoice, registration

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
# How the text of a picture or scan was got (UploadedDocument.ocr): read by OCR, or not read
# because Tesseract is not installed. "" for a text layer, and for a scan OCR could not read.
OCR_READ, OCR_MISSING = "read", "missing"
_READ_TEXT = frozenset({"loa", "invoice", "registration"})  # the slots whose text the pre-flight checks read


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
    ocr: str = ""  # OCR_READ: text is what OCR read; OCR_MISSING: a picture left unread
    sure_text: str = field(default="", repr=False)  # OCR: text without the words read with low confidence
    scan_signed: bool | None = None  # OCR: our letter's signature field has ink; None: no such field seen

    @property
    def read_by_ocr(self) -> bool:
        """Whether ``text`` was read by OCR from a picture or scan (match it ``tolerant``)."""
        return self.ocr == OCR_READ

    @property
    def confident_text(self) -> str:
        """The text a finding may rest on without a doubt: OCR's words it was sure of, or the text layer."""
        return self.sure_text if self.read_by_ocr else self.text


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


def upload_limit(language: str) -> str:
    """The largest upload we read, in whole megabytes, as the upload's help names it.

    >>> upload_limit("en")
    '10 MB'
    """
    return t("documents.megabytes", language, size=format_integer(MAX_BYTES // _MEGABYTE, language))


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
    claimed = claimed_kind(name)
    if claimed is not None and kind != UNKNOWN:
        return _problem("spoofed", name=display_name(name), claimed=claimed, content=kind)
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
    document = UploadedDocument(slot, name, PDF, len(data), pages, data, text, form_fields)
    return document if text.strip() else _with_ocr(document)


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
    return _with_ocr(UploadedDocument(slot, name, kind, len(data), 1, data))


def _with_ocr(document: UploadedDocument) -> UploadedDocument:
    """The picture or scan with the text OCR read from it; unread when Tesseract is not installed,
    or could not read it in its time. A letter is read for its reference and its numbers."""
    if document.slot not in _READ_TEXT:
        return document
    if not ocr.tesseract_installed():
        return replace(document, ocr=OCR_MISSING)
    read = _scan_text(document.kind, document.data)
    if read is None:
        return document
    text, sure = read.text[:MAX_TEXT], read.sure[:MAX_TEXT]
    return replace(document, text=text, sure_text=sure, ocr=OCR_READ, scan_signed=read.signed)


# What OCR read of the last few pictures, by their SHA-256: a draft restored or a page run again
# does not read the same picture twice. Keyed by digest, so the pictures themselves are not kept.
_SCANS_KEPT = 16
_scans: dict[bytes, ocr.ScanText] = {}
_scans_lock = threading.Lock()  # the server reads uploads of several sessions at once


def _scan_text(kind: str, data: bytes) -> ocr.ScanText | None:
    """What OCR reads in a worker; ``None`` when it took longer than ``rules().limits.ocr_seconds``
    (not remembered: the server may only have been busy)."""
    digest = hashlib.sha256(data).digest()
    with _scans_lock:
        kept = _scans.get(digest)
    if kept is not None:
        return kept
    seconds = rules().limits.ocr_seconds
    job = ocr.read_scanned_pdf if kind == PDF else ocr.read_picture
    try:
        # Tesseract is stopped a second before the worker's own limit, so it never outlives its job.
        read = worker.run(job, data, seconds - 1.0, seconds=float(seconds))
    except worker.OverLimit:
        return None
    if read is not None:
        with _scans_lock:
            while len(_scans) >= _SCANS_KEPT:
                _scans.pop(next(iter(_scans)))
            _scans[digest] = read
    return read


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


# --- The signed letter -----------------------------------------------------------------------

# The letter's form fields (porting/letter/layout.py): the signature field, and two that only our
# letter has beside it.
SIGNATURE_FIELD = "signature"
_LOA_FIELDS = frozenset({SIGNATURE_FIELD, "name", "date"})
_DRAWN = frozenset({"/Ink", "/Stamp"})  # what Acrobat's Fill & Sign and macOS Preview add


def loa_is_signed(document: UploadedDocument) -> bool | None:
    """Whether our letter has been signed: its signature field filled in, a signature drawn or
    stamped on it, or a digital signature; on a photo or scan, ink in its signature field. ``None``
    when it is neither our fillable letter nor a picture showing its signature field (another
    form, a page OCR could not read): whether it is signed cannot be told.
    """
    if document.read_by_ocr:
        return document.scan_signed
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
