"""What an uploaded file is by its content, never by its name: its kind by its first bytes, the
kind its name claims, and the size an upload may have.

PDF, PNG and JPEG are the kinds the documents are accepted in; the others are named only so that
a refusal can say what the file is (a web page, a Word document, an iPhone photo). Their names
are catalogue keys ``documents.content.…``.
"""

from __future__ import annotations

import re
import unicodedata

PDF, PNG, JPEG = "pdf", "png", "jpeg"
UNKNOWN = "unknown"
MAX_BYTES = 10 * 1024 * 1024

# PDF readers such as Acrobat open a file whose header comes after junk in its first kilobyte.
PDF_HEADER_WINDOW = 1024

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


def claimed_kind(name: str) -> str | None:
    """The kind a file's name claims by its extension (``PDF``, ``PNG``, ``JPEG``), if one we accept.

    >>> claimed_kind("Faktura november.PDF"), claimed_kind("faktura.docx"), claimed_kind("faktura")
    ('PDF', None, None)
    """
    return _CLAIMED.get(name.rpartition(".")[2].strip().lower()) if "." in name else None


def display_name(name: str) -> str:
    """The file's own name, without folders or invisible characters, at most 80 characters."""
    base = re.split(r"[/\\]", name)[-1]
    visible = "".join(char for char in base if unicodedata.category(char)[0] != "C").strip()
    return visible if len(visible) <= 80 else visible[:79] + "…"
