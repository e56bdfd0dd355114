"""The app's pages are named once, in ui.pages, and those names match the files in pages/."""

from __future__ import annotations

from pathlib import Path

from ui import pages
from ui.wizard.flow import STEPS

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_constant_names_a_file_in_pages() -> None:
    missing = [path for path in pages.ALL if not (ROOT / path).is_file()]
    assert not missing


def test_every_file_in_pages_has_a_constant() -> None:
    files = {f"pages/{file.name}" for file in (ROOT / "pages").glob("*.py")}
    assert files == set(pages.ALL)
    assert len(pages.ALL) == len(files)


def test_all_lists_every_constant_of_the_module() -> None:
    constants = {value for name, value in vars(pages).items() if name.isupper() and isinstance(value, str)}
    assert constants == set(pages.ALL)


def test_the_wizards_steps_are_the_first_five_pages_in_order() -> None:
    assert [step.path for step in STEPS] == list(pages.ALL[:5])


def test_no_page_path_is_written_out_in_the_app_or_its_glue() -> None:
    written = [
        f"{source.relative_to(ROOT)}:{number}"
        for source in [ROOT / "app.py", *(ROOT / "ui").rglob("*.py")]
        if source != ROOT / "ui" / "pages.py"
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
        if '"pages/' in line or "'pages/" in line
    ]
    assert not written
