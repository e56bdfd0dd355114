"""The Norwegian porting rules, read once from ``porting/rules.toml`` into frozen dataclasses.

``rules.toml`` beside this package holds every fact the business may change (number
series, types, areas, prices, durations, documents, rejection reasons, what the customer
acknowledges before submitting), each with its source. The file is checked on load: a
broken file raises ``RulesError`` naming the line at fault, so a bad edit fails at
start-up, not in front of a customer.

Modules:

- ``model``: the frozen dataclasses the rules are read into: ``Rules`` and its series, types, areas, ...
- ``reader``: the parsed file checked and turned into ``Rules``; ``RulesError`` names the line at fault

>>> current = rules()
>>> current.types["mobile"].portable
False
>>> current.pricing.per_number_cents
500
>>> current.area_for("79123456").names["en"]
'Svalbard'
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from porting.rules.model import Rules
from porting.rules.reader import RulesError, read_rules

__all__ = ["ASSETS_PATH", "RULES_PATH", "RulesError", "load_rules", "rules"]

RULES_PATH = Path(__file__).parent.with_name("rules.toml")
ASSETS_PATH = RULES_PATH.parent.parent / "assets"  # where ``brand_logo`` is looked up


@cache
def rules() -> Rules:
    """The rules in force, read from ``rules.toml`` on first use."""
    return load_rules(RULES_PATH)


def load_rules(path: Path, assets: Path = ASSETS_PATH) -> Rules:
    """Read and check a rules file, its ``brand_logo`` a file under ``assets``; raise ``RulesError``
    naming the line at fault."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"{path.name}: {error}") from None
    return read_rules(path.name, text, data, assets)
