"""The message catalogue: both languages say everything, with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

from porting.i18n import LANGUAGES, catalogue

LOCALES = Path(__file__).resolve().parents[2] / "porting" / "locales"


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_every_language_has_the_same_files() -> None:
    files = {
        language: sorted(path.name for path in (LOCALES / language).glob("*.toml")) for language in LANGUAGES
    }
    assert files["nb"] == files["en"]


def test_every_key_is_translated() -> None:
    english, norwegian = catalogue("en"), catalogue("nb")
    assert sorted(english.keys() - norwegian.keys()) == []
    assert sorted(norwegian.keys() - english.keys()) == []


def test_translations_use_the_same_placeholders() -> None:
    english, norwegian = catalogue("en"), catalogue("nb")
    differing = [key for key in english if placeholders(english[key]) != placeholders(norwegian[key])]
    assert differing == []


def test_no_message_is_empty() -> None:
    for language in LANGUAGES:
        assert [key for key, text in catalogue(language).items() if not text.strip()] == []


KEY_CALL = re.compile(r"""\b(?:text|t|tn|plural)\(\s*["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""")
CODE = [*Path(__file__).resolve().parents[2].glob("ui/**/*.py"), *LOCALES.parent.glob("**/*.py")]
CODE += [*(LOCALES.parent.parent / "pages").glob("*.py"), LOCALES.parent.parent / "app.py"]


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    english = catalogue("en")
    plural_forms = {key.rsplit(".", 1)[0] for key in english if key.endswith((".one", ".other"))}
    named = {(path.name, key) for path in CODE for key in KEY_CALL.findall(path.read_text(encoding="utf-8"))}
    missing = sorted((name, key) for name, key in named if key not in english and key not in plural_forms)
    assert missing == []
