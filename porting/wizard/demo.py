"""The sales demo: an example company with a mix of numbers, the register's answers for it, what
its customer would confirm, and the documents its customer would upload, so that every step of
the wizard and every pre-flight check can be shown. A demo is never stored and never mailed.

The documents are made here as the customer would have them: the letter of authorization this
app prefills, signed; an invoice from the current provider, a few days old, with the company and
every number on it; a firmaattest printed two days ago. Each is marked as an example on its face.

>>> from datetime import date
>>> from porting.numbers.intake import read_numbers
>>> reading = read_numbers(EXAMPLE_NUMBERS)
>>> [sample.slot for sample in sample_documents(EXAMPLE_COMPANY, reading, date(2027, 3, 1), "en")]
['loa', 'invoice', 'registration']
>>> sorted(example_confirmations(reading).not_in_range)
['22334400', '22334401', '22334402', '22334403']
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from porting.company.details import CompanyDetails, format_org_number
from porting.company.register import Lookup, RegistryEntity
from porting.company.roles import Role, RolesLookup
from porting.documents.findings import Confirmations
from porting.documents.preflight import range_blocks
from porting.documents.reading import SIGNATURE_FIELD
from porting.i18n import t
from porting.letter.loa import BOTH, build_loa
from porting.numbers.intake import NumberResult, Reading
from porting.pdf.fonts import BOLD, FONT, register_fonts
from porting.rules import rules

# An example company: the name is made up; the organisation number passes the check digit.
EXAMPLE_COMPANY = CompanyDetails(
    org_number="999 990 002",
    company_name="Fjordlinje Telekom AS",
    address="Dronning Eufemias gate 16",
    postcode="0191",
    city="OSLO",
    signatory_name="Kari Nordmann",
    signatory_title="Daglig leder",
    email="kari.nordmann@example.no",
    phone="+47 22 33 44 55",
    current_provider="Telenor Norge AS",
    account_number="1029384756",
)
EXAMPLE_NUMBERS = "\n".join(
    [
        "+47 21 23 45 67",  # Oslo
        "55 12 34 56",  # Bergen
        "73 80 90 10",  # Trondheim
        "77 64 40 00",  # Tromsø
        "22 33 44 00-03",  # a small range in Oslo
        "800 12 345",  # toll-free
        "850 12 345",  # national
        "+47 412 34 567",  # mobile: offered a Virtual Caller ID
        "+46 8 123 456 78",  # a Swedish number: invalid here
    ]
)
INVOICE_AGE_DAYS = 5  # the example invoice is this many days old: well within the guide's limit
CERTIFICATE_AGE_DAYS = 2  # the example firmaattest was printed this many days ago
_INVOICE_DUE_DAYS = 14
_PRICE_PER_NUMBER = "199,00"  # the example invoice's monthly price of a number, in NOK


@dataclass(frozen=True)
class SampleDocument:
    """One of the demo's documents: the upload slot it goes in, its file name and its bytes."""

    slot: str
    name: str
    data: bytes


def example_register(details: CompanyDetails = EXAMPLE_COMPANY) -> tuple[Lookup, RolesLookup]:
    """What the register would answer for the example company: found, with its signatory as
    managing director. The demo never asks the real register (the company is made up)."""
    digits = details.org_number.replace(" ", "")
    entity = RegistryEntity(
        org_number=digits,
        navn=details.company_name.upper(),
        address_lines=(details.address,),
        postnummer=details.postcode,
        poststed=details.city,
        organisasjonsform="Aksjeselskap",
    )
    first, _, last = details.signatory_name.rpartition(" ")
    role = Role("DAGL", details.signatory_title, first, "", last)
    return Lookup("found", entity, "registry.found", org_number=digits), RolesLookup(
        "found", (role,), org_number=digits
    )


def example_confirmations(reading: Reading) -> Confirmations:
    """What the example's customer confirms: every number active, no block of numbers part of a
    range at the provider, the whole account ported and every acknowledgement ticked."""
    nationals = frozenset(row.national for row in reading.portable_rows if row.national is not None)
    return Confirmations(
        active=nationals,
        not_in_range=frozenset(number for block in range_blocks(nationals) for number in block),
        partial_port=False,
        acknowledged=frozenset(acknowledgement.key for acknowledgement in rules().acknowledgements),
    )


def sample_documents(
    details: CompanyDetails, reading: Reading, today: date, language: str
) -> tuple[SampleDocument, ...]:
    """The signed letter, the invoice and the firmaattest of ``details``' request for ``reading``,
    written in ``language`` (the letter in both languages, as the wizard prefills it)."""
    rows = [row for row in reading.portable_rows if row.duplicate_of is None]
    letter = build_loa(details, rows, language=BOTH, today=today, place=details.city.title())
    made = {
        "loa": signed(letter, details.signatory_name),
        "invoice": _invoice(details, rows, today, language),
        "registration": _certificate(details, today, language),
    }
    names = {"loa": "loa_file", "invoice": "invoice_file", "registration": "certificate_file"}
    return tuple(
        SampleDocument(slot, t(f"demo.documents.{names[slot]}", language), made[slot]) for slot in made
    )


def signed(letter: bytes, name: str) -> bytes:
    """``letter`` with its signature field filled with ``name``, as signing it on screen does."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter)))
    pages = [page for page in writer.pages if page.get("/Annots")]  # those that hold the letter's fields
    writer.update_page_form_field_values(pages, {SIGNATURE_FIELD: name}, auto_regenerate=False)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _invoice(details: CompanyDetails, rows: Sequence[NumberResult], today: date, language: str) -> bytes:
    issued = today - timedelta(days=INVOICE_AGE_DAYS)

    def says(key: str, **params: object) -> str:
        return t(f"demo.documents.invoice.{key}", language, **params)

    lines: list[str | tuple[str, str, str]] = [
        says("customer", company=details.company_name),
        f"{details.address}, {details.postcode} {details.city}",
        says("org_number", org_number=format_org_number(details.org_number)),
        says("account", account=details.account_number),
        says("date", day=f"{issued:%d.%m.%Y}"),
        says("due", day=f"{issued + timedelta(days=_INVOICE_DUE_DAYS):%d.%m.%Y}"),
        "",
        (says("col_number"), says("col_product"), says("col_amount")),
        *((row.display, says("product"), _PRICE_PER_NUMBER) for row in rows),
    ]
    return _page(details.current_provider, says("title"), lines, t("demo.documents.mark", language))


def _certificate(details: CompanyDetails, today: date, language: str) -> bytes:
    printed = today - timedelta(days=CERTIFICATE_AGE_DAYS)

    def says(key: str, **params: object) -> str:
        return t(f"demo.documents.certificate.{key}", language, **params)

    lines = [
        says("org_number", org_number=format_org_number(details.org_number)),
        says("name", company=details.company_name.upper()),
        says("form"),
        says("address", address=f"{details.address}, {details.postcode} {details.city}"),
        says("manager", name=details.signatory_name),
        says("signature"),
        says("printed", day=f"{printed:%d.%m.%Y}"),
    ]
    return _page(says("register"), says("title"), lines, t("demo.documents.mark", language))


# Where a line's cells start, from the left edge of the page; the last cell ends at _AMOUNT_END.
_CELLS = (60, 200)
_AMOUNT_END = 480


def _page(issuer: str, title: str, lines: Sequence[str | tuple[str, str, str]], mark: str) -> bytes:
    """One A4 page with a text layer: who issued it, its title, its lines (text, or a table row
    of a number, a product and an amount), and ``mark`` across it."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    width, height = A4
    canvas.setTitle(title)
    canvas.saveState()  # the mark first, under the text
    canvas.setFillGray(0.88)
    canvas.setFont(BOLD, 44)
    canvas.translate(width / 2, height / 4)
    canvas.rotate(30)
    canvas.drawCentredString(0, 0, mark)
    canvas.restoreState()
    canvas.setFont(BOLD, 12)
    canvas.drawString(60, height - 70, issuer)
    canvas.setFont(BOLD, 18)
    canvas.drawString(60, height - 110, title)
    canvas.setFont(FONT, 11)
    for index, line in enumerate(lines):
        top = height - 150 - 18 * index
        if isinstance(line, str):
            canvas.drawString(_CELLS[0], top, line)
            continue
        *cells, amount = line
        for left, cell in zip(_CELLS, cells, strict=True):
            canvas.drawString(left, top, cell)
        canvas.drawRightString(_AMOUNT_END, top, amount)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
