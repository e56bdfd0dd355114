"""Every message in the catalogue is one the code can show: a key nothing names is a text nobody
reads, and a sign that a page changed without its words.

A key counts as named when the code (app.py, pages/, ui/, porting/) writes it out, when it is a
plural form (``.one``, ``.other``) of a key written out, when it is a pre-flight note
(``preflight.`` + the code given to ``findings.note``), or when it starts with a prefix the code
completes at run time: ``f"console.status.{status}"``, ``f"console.view_{value}"`` or a
catalogue name in a message (``{column:@store.column}``).
"""

from __future__ import annotations

import re
from pathlib import Path

from porting.i18n import LANGUAGES, catalogue

ROOT = Path(__file__).resolve().parents[2]
_LITERAL = re.compile(r"""["']([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)+)["']""")
_COMPLETED = re.compile(r"""f["']([a-z_][a-z0-9_.]*?[._])\{""")  # f"prefix.{…}" or f"prefix_{…}"
_CATALOGUE_NAME = re.compile(r"\{[a-z_]+:@([a-z_.]+)\}")
_PLURALS = (".one", ".other")
_NOTES = "preflight."  # porting.documents.findings.note prefixes its code with it


def _code() -> str:
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]
    files += [*(ROOT / "ui").rglob("*.py"), *(ROOT / "porting").rglob("*.py")]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def _named(key: str, literals: set[str], prefixes: tuple[str, ...]) -> bool:
    base = key.rsplit(".", 1)[0] if key.endswith(_PLURALS) else key
    for candidate in {key, base}:
        if candidate in literals or candidate.removeprefix(_NOTES) in literals:
            return True
    return key.startswith(prefixes)


def test_every_message_is_named_by_the_code() -> None:
    code = _code()
    literals = set(_LITERAL.findall(code))
    messages = catalogue("en")
    names = {name for text in messages.values() for name in _CATALOGUE_NAME.findall(text)}
    prefixes = tuple({*_COMPLETED.findall(code), *(f"{name}." for name in names)})
    unnamed = sorted(key for key in messages if not _named(key, literals, prefixes))
    assert unnamed == [], "no code shows these messages: remove them from every language, or name them"


def test_every_language_has_the_same_keys() -> None:
    first, *others = LANGUAGES
    for language in others:
        assert catalogue(language).keys() == catalogue(first).keys(), language
