"""Files customers upload, good and bad, made at test time: nothing binary is kept in the repository.

Each function returns the bytes of one file. The PDFs are drawn with reportlab, the images with
Pillow, and the broken files are cut, encrypted or forged from those.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Sequence

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from porting.company import CompanyDetails
from porting.documents import MAX_BYTES

COMPANY = "Fjordlinje Telekom AS"
ORG_NUMBER = "999 990 002"
INVOICE_DATE = "03.11.2026"
DUE_DATE = "17.11.2026"
# The invoice's numbers as national digits and as the invoice writes them, each in another way.
# The company the invoice and certificate belong to, as the customer enters it.
DETAILS = CompanyDetails(
    org_number=ORG_NUMBER,
    company_name=COMPANY,
    address="Strandkaien 4",
    postcode="5013",
    city="Bergen",
    signatory_name="Kari Nordmann",
    signatory_title="Daglig leder",
    email="kari@fjordlinje.no",
    phone="+47 55 12 34 56",
    current_provider="Telenor Norge AS",
    account_number="1234567",
)
INVOICE_NUMBERS = {
    "21234567": "21 23 45 67",
    "55123456": "+47 55 12 34 56",
    "80012345": "800 12 345",
    "85012345": "0047 85012345",
    "22334455": "22-33-44-55",
    "23456789": "23.45.67.89",
    "51234567": "512 34 567",
    "33221100": "33221100",
}
KID = "1229887766551"  # a payment reference holding 29887766, which is not a number on the invoice

INVOICE_LINES = (
    "Telenor Norge AS",
    "FAKTURA",
    f"Kunde: {COMPANY}",
    "Strandkaien 4, 5013 Bergen",
    f"Org.nr. NO {ORG_NUMBER} MVA",
    "Kundenummer: 1234567",
    f"Fakturadato: {INVOICE_DATE}",
    f"Forfallsdato: {DUE_DATE}",
    f"KID: {KID}",
    "Nummer            Produkt            Beløp",
    *(f"{written}        Bedrift Fast        199,00" for written in INVOICE_NUMBERS.values()),
    "Å betale: 1 592,00 kr",
)
FIRMAATTEST_LINES = (
    "Foretaksregisteret",
    "FIRMAATTEST",
    f"Organisasjonsnummer: {ORG_NUMBER}",
    f"Foretaksnavn: {COMPANY.upper()}",
    "Organisasjonsform: Aksjeselskap",
    "Forretningsadresse: Strandkaien 4, 5013 Bergen",
    "Daglig leder: Kari Nordmann",
    "Signatur: Styrets leder alene",
)


def text_pdf(pages: Sequence[Sequence[str]]) -> bytes:
    """A PDF with a text layer: each page's lines, top down."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for lines in pages:
        for index, line in enumerate(lines):
            canvas.drawString(60, 780 - 16 * index, line)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def one_page_pdf() -> bytes:
    return text_pdf([["Letter of Authorization", "Fullmakt til nummeroverføring"]])


def three_page_pdf() -> bytes:
    return text_pdf([[f"Side {page} av 3"] for page in (1, 2, 3)])


def invoice_pdf() -> bytes:
    return text_pdf([INVOICE_LINES])


def firmaattest_pdf() -> bytes:
    return text_pdf([FIRMAATTEST_LINES])


def picture(lines: Sequence[str] = INVOICE_LINES) -> Image.Image:
    """A page of text as a picture, as a phone or scanner makes it."""
    image = Image.new("RGB", (600, 20 * len(lines) + 40), "white")
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((20, 20 + 20 * index), line, fill="black")
    return image


def image_bytes(kind: str, image: Image.Image | None = None) -> bytes:
    buffer = io.BytesIO()
    (image or picture()).save(buffer, format=kind)
    return buffer.getvalue()


def png_image() -> bytes:
    return image_bytes("PNG")


def jpeg_image() -> bytes:
    return image_bytes("JPEG")


def gif_image() -> bytes:
    return image_bytes("GIF")


def scanned_invoice_pdf() -> bytes:
    """The invoice scanned: a PDF whose page is only a picture, with no text layer."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(png_image())), 40, 400, width=500, height=380)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def empty_file() -> bytes:
    return b""


def random_bytes() -> bytes:
    return random.Random(2027).randbytes(4096)


def html_page() -> bytes:
    """What a web portal sends instead of the invoice when the session has expired."""
    return b"\xef\xbb\xbf\n  <!DOCTYPE html>\n<html><head><title>Logg inn</title></head><body></body></html>"


def docx_file() -> bytes:
    """A Word document (a ZIP archive), as when the letter is filled in Word and not saved as PDF."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buffer.getvalue()


def truncated_pdf() -> bytes:
    return one_page_pdf()[:200]


def _encrypted(user_password: str, owner_password: str | None, algorithm: str | None = None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(invoice_pdf())))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def password_pdf() -> bytes:
    """A PDF that asks for a password before it opens."""
    return _encrypted("secret", None)


def owner_password_pdf() -> bytes:
    """A PDF that opens for anyone; only changing it needs a password."""
    return _encrypted("", "x")


def aes_owner_password_pdf() -> bytes:
    """The same, encrypted with AES-256 as invoicing systems often do (needs ``cryptography``)."""
    return _encrypted("", "x", algorithm="AES-256")


def zero_page_pdf() -> bytes:
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    return buffer.getvalue()


def oversized_pdf() -> bytes:
    """A file one byte over the limit that starts like a PDF."""
    header = b"%PDF-1.7\n"
    return header + b"0" * (MAX_BYTES + 1 - len(header))


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_header(width: int, height: int) -> bytes:
    """The PNG signature and its IHDR chunk: 8-bit RGB of the given size."""
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))


def corrupt_png() -> bytes:
    """A PNG whose header is right and whose pixel data is noise."""
    return (
        _png_header(200, 100)
        + _png_chunk(b"IDAT", random.Random(7).randbytes(500))
        + _png_chunk(b"IEND", b"")
    )


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A small file that declares a huge picture: decoding it would take gigabytes."""
    pixels = zlib.compress(b"\0" * 1024)
    return _png_header(width, height) + _png_chunk(b"IDAT", pixels) + _png_chunk(b"IEND", b"")
