"""Icons need no colour-emoji font: projector and kiosk PCs often have none, and show empty boxes.

Every icon the app draws is a Material icon (``:material/name:``, a font Streamlit ships); text in
tables, choices and documents, where icons cannot be drawn, says what it means in words.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Pictographs, dingbats, arrows and shapes that fonts without emoji lack, and emoji's variation selector.
EMOJI = re.compile("[\U0001f000-\U0001faff\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff\ufe0f]")
CODE = (*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py"), *(ROOT / "porting").rglob("*.py"))
SOURCES = sorted([ROOT / "app.py", *CODE])
TEXTS = sorted([ROOT / "porting" / "rules.toml", *(ROOT / "porting" / "locales").rglob("*.toml")])


def strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a Python file, with their lines (comments may say anything)."""
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    kinds = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    return [(token.start[0], token.string) for token in tokens if token.type in kinds]


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_code_draws_no_emoji(path: Path) -> None:
    found = [f"line {line}: {text}" for line, text in strings(path) if EMOJI.search(text)]
    assert not found, found


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_catalogue_and_the_rules_hold_no_emoji(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [
        f"line {number}: {text}" for number, text in enumerate(lines, 1) if EMOJI.search(text.split("#")[0])
    ]
    assert not found, found


def test_the_wizard_steps_have_material_icons() -> None:
    from ui.wizard.flow import DONE_ICON, STEPS

    icons = (DONE_ICON, *(step.icon for step in STEPS))
    assert all(re.fullmatch(r":material/[a-z_0-9]+:", icon) for icon in icons)
