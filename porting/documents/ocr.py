"""Text read from a picture of a document: a phone photo, a scan, a PDF with no text layer.

Tesseract OCR (Debian's ``tesseract-ocr`` with ``tesseract-ocr-nor`` and ``tesseract-ocr-eng``),
through pytesseract, reads each page in Norwegian and English once it is cleaned up the way a
phone photo needs: greyscale, small specks removed, small pictures enlarged
(Tesseract reads text of about 30 pixels a line best), turned the right way up (Tesseract's
orientation detection) and straight (a projection of its rows). The reading runs in
``porting.worker``, within ``rules().limits.ocr_seconds``; the Tesseract process is stopped when
they are up.

Tesseract says how sure it is of each word (0 to 100). ``ScanText.sure`` is the text with the
words read below ``rules().limits.ocr_min_confidence`` blotted out, so a check can tell a finding
it is sure of from one that rests on a word it is not.

A picture of the app's own letter is looked at where it is signed: the signature field is found by
its label (``Underskrift`` / ``Signature``), bounded by the label to its right (``Sted`` /
``Place``) and the labels of the line below (``Navn`` / ``Name``), and ``ScanText.signed`` says
whether there is ink in it beyond the line to sign on.

>>> straightened(Image.new("L", (40, 40), 255)).size
(40, 40)
"""

from __future__ import annotations

import io
import itertools
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pypdfium2
import pytesseract
from PIL import Image, ImageChops, ImageFilter, ImageOps, ImageStat

from porting.letter.loa import template
from porting.rules import rules

LANGUAGES = "nor+eng"  # Tesseract's language packs: Norwegian first, English for the rest
UNSURE = "?"  # what stands for a word read with low confidence in ScanText.sure: it breaks every match
_SCAN_DPI = 300  # pages of a scanned PDF are rendered as a 300 dpi scan
_SMALLEST_HEIGHT = 1600  # a picture lower than this (an A4 page at under 140 dpi) is enlarged
_LARGEST_SIDE = 4000  # and one larger is reduced: a 12 megapixel photo reads no better, only slower
# Measured on the scan corpus (benchmarks/ocr_accuracy.py): clean scans differ from their 3-pixel
# median by under 1 grey level, phone photos by 2 to 17; the grainiest read nothing until smoothed wider.
_GRAINY = 2.0
# How sure OSD must be of a page's orientation to turn it. Ours: an invoice of the scan corpus
# turned sideways or upside down was found at 6 to 7, so 2 turns those and leaves a doubtful page.
_UPRIGHT_CONFIDENCE = 2.0
_SKEW_DEGREES = 6.0  # how far a page may lean for straightened to turn it back
_SKEW_STEP = 0.5
_SKEW_SIDE = 500  # the lean is measured on a copy this wide: quick, and precise to half a degree
# A signature field with ink on more than this part of it is signed. Ours: our letter rendered at
# 150 to 300 dpi, blurred and turned, had under 0.2 % left once the line to sign on was taken away (its
# long runs of ink, below); a short signature drawn on it, 0.7 to 1.2 %.
_SIGNED_INK = 0.004
_DARK = 128  # a grey level below this is ink
_LONGEST_STROKE = 0.15  # a run of ink longer than this part of the field's width is the line to sign on


@dataclass(frozen=True)
class ScanText:
    """What OCR read: every word (``text``), the words it was sure of (``sure``), and how many it
    was not. Lines as Tesseract found them, pages apart by an empty line."""

    text: str
    sure: str
    unsure_words: int
    signed: bool | None = None  # our letter's signature field has ink in it; None: no such field seen


def tesseract_installed() -> bool:
    """Whether the Tesseract program pytesseract runs can be found."""
    return shutil.which(pytesseract.pytesseract.tesseract_cmd) is not None


def read_picture(data: bytes, seconds: float) -> ScanText | None:
    """The text of a PNG or JPEG picture; ``None`` when Tesseract ran out of time or the picture
    cannot be read (a mode or part Pillow cannot turn grey). Runs in a worker."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return _read_pages([ImageOps.exif_transpose(image)], seconds)
    except MemoryError:
        raise  # the worker answers it as a file too large to read
    except Exception:  # Pillow raises OSError, ValueError, SyntaxError, ... for what it cannot convert
        return None


def read_scanned_pdf(data: bytes, seconds: float) -> ScanText | None:
    """The text of the first ``rules().limits.ocr_pages`` pages of a PDF, rendered as a scan;
    ``None`` when Tesseract ran out of time. Runs in a worker."""
    try:
        document = pypdfium2.PdfDocument(data[data.find(b"%PDF-") :])
    except pypdfium2.PdfiumError:  # pypdf opened it, pdfium cannot: no scan to read
        return None
    try:
        count = min(len(document), rules().limits.ocr_pages)
        pages = (_rendered(document[index]) for index in range(count))
        return _read_pages(pages, seconds)
    except MemoryError:
        raise
    except Exception:  # a page pdfium cannot render adds no text
        return None
    finally:
        document.close()


def _rendered(page: pypdfium2.PdfPage) -> Image.Image:
    """The page as a 300 dpi scan, or smaller when that would be over ``_LARGEST_SIDE`` pixels
    (a hostile page of several metres would otherwise fill the worker's memory)."""
    width, height = page.get_size()  # in points, 72 an inch
    scale = min(_SCAN_DPI / 72, _LARGEST_SIDE / max(width, height, 1.0))
    rendered: Image.Image = page.render(scale=scale).to_pil()
    return rendered


def _read_pages(pages: Iterable[Image.Image], seconds: float) -> ScanText | None:
    deadline = time.monotonic() + seconds
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one thread: the server has few cores, and others upload too
    texts: list[tuple[str, str, int]] = []
    signed: list[bool] = []  # of each page with our letter's signature field
    for page in pages:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        try:
            ready = straightened(upright(cleaned(page), left))
            words = pytesseract.image_to_data(
                ready,
                lang=LANGUAGES,
                output_type=pytesseract.Output.DICT,
                timeout=max(deadline - time.monotonic(), 0.1),
            )
        except (RuntimeError, subprocess.SubprocessError, pytesseract.TesseractError, OSError):
            return None  # RuntimeError: pytesseract's timeout, after it killed Tesseract
        texts.append(_lines(words))
        ink = signature_ink(ready, words)
        if ink is not None:
            signed.append(ink > _SIGNED_INK)
    return ScanText(
        "\n\n".join(text for text, _, _ in texts),
        "\n\n".join(sure for _, sure, _ in texts),
        sum(unsure for _, _, unsure in texts),
        any(signed) if signed else None,
    )


def _lines(words: dict[str, list[object]]) -> tuple[str, str, int]:
    """Tesseract's words as lines of text, with and without the words it was unsure of."""
    least = rules().limits.ocr_min_confidence
    lines: dict[tuple[object, ...], list[tuple[str, bool]]] = {}
    for index, word in enumerate(words["text"]):
        written = str(word).strip()
        if not written:
            continue
        line = tuple(words[part][index] for part in ("page_num", "block_num", "par_num", "line_num"))
        known = float(str(words["conf"][index])) >= least
        lines.setdefault(line, []).append((written, known))
    text = "\n".join(" ".join(word for word, _ in line) for line in lines.values())
    sure = "\n".join(" ".join(word if known else UNSURE for word, known in line) for line in lines.values())
    unsure = sum(not known for line in lines.values() for _, known in line)
    return text, sure, unsure


@dataclass(frozen=True)
class _Word:
    text: str  # folded, without punctuation
    left: int
    top: int
    width: int
    height: int


def _label_words(key: str) -> frozenset[str]:
    """The first word of our letter's label ``key`` in each of its languages, folded."""
    texts = template().texts
    return frozenset(_folded(str(texts[language][key]).split()[0]) for language in texts)


def _folded(word: str) -> str:
    return re.sub(r"\W", "", word).casefold()


def signature_ink(image: Image.Image, words: dict[str, list[object]]) -> float | None:
    """How much of our letter's signature field on ``image`` is ink, once the line to sign on is
    taken away (0 to 1); ``None`` when Tesseract's ``words`` (``image_to_data``) show no such field:
    another document, or its labels unread."""
    box = ("left", "top", "width", "height")
    found = [
        _Word(_folded(str(text)), *(int(str(words[part][index])) for part in box))
        for index, text in enumerate(words["text"])
        if str(text).strip()
    ]
    signature, beside, below = (_label_words(f"signature.{key}") for key in ("signature", "place", "name"))
    for label in (word for word in found if word.text in signature):
        size = max(label.height, 1)
        right = [
            word.left for word in found
            if word.text in beside and abs(word.top - label.top) < size
            and word.left > label.left + label.width
        ]  # fmt: skip
        under = [
            word.top for word in found
            if word.text in below and label.top + size < word.top < label.top + 20 * size
            and abs(word.left - label.left) < 3 * size
        ]  # fmt: skip
        if right and under:
            field = (label.left, label.top + size + size // 2, min(right) - size, min(under) - size // 2)
            if field[2] > field[0] and field[3] > field[1]:
                return _ink(image.crop(field))
    return None


def _ink(field: Image.Image) -> float:
    """The part of ``field`` that is ink, leaving out runs of ink longer than ``_LONGEST_STROKE``
    of its width: the line to sign on, level or leaning a little."""
    dark = ImageOps.grayscale(field).point(lambda level: 255 if level < _DARK else 0)
    width, height = dark.size
    pixels, longest = dark.tobytes(), max(1, int(width * _LONGEST_STROKE))
    ink = 0
    for row in range(height):
        for run in re.finditer(rb"\xff+", pixels[row * width : (row + 1) * width]):
            if run.end() - run.start() < longest:
                ink += run.end() - run.start()
    return ink / max(width * height, 1)


def cleaned(image: Image.Image) -> Image.Image:
    """A photo or scan made ready for OCR: grey, sized, specks removed (then ``upright`` and
    ``straightened``)."""
    grey = ImageOps.grayscale(image.convert("RGB") if image.mode in ("P", "RGBA", "LA", "CMYK") else image)
    scale = max(_SMALLEST_HEIGHT / grey.height, 1.0) if grey.height < _SMALLEST_HEIGHT else 1.0
    scale = min(scale, _LARGEST_SIDE / max(grey.size))
    if scale != 1.0:
        grey = grey.resize((round(grey.width * scale), round(grey.height * scale)), Image.Resampling.LANCZOS)
    # The grain of a dim photo or the specks of a dusty scan: a grainy picture (one that a 3-pixel
    # median changes by more than _GRAINY grey levels on average) gets a wider median. Contrast is
    # left to Tesseract's own thresholding: stretched here, a grainy photo on a white page turned
    # grey and was read as nothing.
    smoothed = grey.filter(ImageFilter.MedianFilter(3))
    if ImageStat.Stat(ImageChops.difference(grey, smoothed)).mean[0] > _GRAINY:
        smoothed = grey.filter(ImageFilter.MedianFilter(5))
    return smoothed


def upright(image: Image.Image, seconds: float) -> Image.Image:
    """The page turned the right way up when it was photographed sideways or upside down, as
    Tesseract's orientation detection (OSD) finds it; as it is when OSD is unsure or finds too
    little text to tell."""
    try:
        found = pytesseract.image_to_osd(
            image, output_type=pytesseract.Output.DICT, config="--psm 0", timeout=max(seconds, 0.1)
        )
        turn, sure = int(found["rotate"]), float(found["orientation_conf"])
    except (
        RuntimeError,
        subprocess.SubprocessError,
        pytesseract.TesseractError,
        OSError,
        KeyError,
        ValueError,
    ):
        return image
    if turn not in (90, 180, 270) or sure < _UPRIGHT_CONFIDENCE:
        return image
    return image.rotate(-turn, expand=True, fillcolor=255)  # OSD's turn is counter-clockwise


def straightened(image: Image.Image) -> Image.Image:
    """The page turned upright when it leans a few degrees: the angle whose rows of ink are most
    sharply apart (lines of text, then the white between them) is the one the lines run level at."""
    angle = skew_angle(image)
    if angle == 0:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def skew_angle(image: Image.Image) -> float:
    """The degrees (counter-clockwise) that turn ``image``'s lines of text level, in steps of
    ``_SKEW_STEP`` within ``_SKEW_DEGREES``."""
    small = ImageOps.invert(ImageOps.grayscale(image))  # ink bright, paper dark: rows sum the ink
    if small.width > _SKEW_SIDE:
        small = small.resize((_SKEW_SIDE, max(1, round(small.height * _SKEW_SIDE / small.width))))
    best, best_score = 0.0, _row_contrast(small)
    for angle in _angles():
        score = _row_contrast(small.rotate(angle, resample=Image.Resampling.BILINEAR))
        if score > best_score * 1.02:  # level unless a turn is clearly better
            best, best_score = angle, score
    return best


def _angles() -> Iterator[float]:
    steps = round(_SKEW_DEGREES / _SKEW_STEP)
    for step in range(1, steps + 1):
        yield step * _SKEW_STEP
        yield -step * _SKEW_STEP


def _row_contrast(image: Image.Image) -> float:
    """How much the ink of one row differs from the next's: high when lines of text run level."""
    column = image.resize((1, image.height), Image.Resampling.BOX)
    rows = [float(str(row)) for row in column.get_flattened_data()]
    return sum((above - below) ** 2 for above, below in itertools.pairwise(rows))
