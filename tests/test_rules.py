"""The rules file: read once, checked on load, and a broken file names its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from porting.rules import RULES_PATH, RulesError, load_rules, rules


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = RULES_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "rules.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_the_rules_in_force_hold_the_guides_facts() -> None:
    current = rules()
    assert current.brand == "CloudTalk"
    assert (current.pricing.per_request_cents, current.pricing.per_number_cents) == (3000, 500)
    assert current.timeline.porting_business_days == 17
    assert (
        current.timeline.confirmation_min_business_days,
        current.timeline.confirmation_max_business_days,
    ) == (2, 4)
    assert current.timeline.invoice_max_age_days == 30
    assert [document.key for document in current.documents] == ["loa", "invoice", "registration"]
    assert [reason.texts["en"]["issue"] for reason in current.rejection_reasons] == [
        "Missing registration",
        "Mismatched info",
        "Inactive number",
        "Outdated invoice",
        "Number is part of a range",
    ]
    assert {name for name, kind in current.types.items() if kind.portable} == {
        "geographic",
        "national",
        "toll_free",
    }


def test_rules_are_read_once() -> None:
    assert rules() is rules()


def test_every_fact_has_a_source_comment() -> None:
    for number, line in enumerate(RULES_PATH.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("type =") or line.startswith("per_") or line.startswith("portable"):
            assert "#" in line, f"rules.toml line {number} has no source: {line}"


def test_a_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = broken(tmp_path, 'brand = "CloudTalk"', "brand = CloudTalk")
    with pytest.raises(RulesError, match=rf"line {line_of(path, 'brand = CloudTalk')}"):
        load_rules(path)


def test_an_unknown_type_names_the_line(tmp_path: Path) -> None:
    path = broken(tmp_path, 'type = "toll_free"       # nkom: 800', 'type = "tollfree"       # nkom: 800')
    with pytest.raises(
        RulesError, match=rf"line {line_of(path, 'tollfree')}: unknown number type 'tollfree'"
    ):
        load_rules(path)


def test_a_missing_translation_names_the_line(tmp_path: Path) -> None:
    path = broken(tmp_path, 'nb = "Firmaattest fra Brønnøysundregistrene."', "")
    with pytest.raises(RulesError, match=r"missing text in nb"):
        load_rules(path)


def test_a_twice_listed_series_names_the_line(tmp_path: Path) -> None:
    path = broken(
        tmp_path,
        'prefix = "59"',
        'prefix = "58"\nlengths = [12]\ntype = "m2m" # x\n[[series]]\nprefix = "58"',
    )
    with pytest.raises(RulesError, match=r"series 58 with 12 digits is listed twice"):
        load_rules(path)


def test_a_negative_price_names_the_line(tmp_path: Path) -> None:
    path = broken(tmp_path, "per_number_cents = 500", "per_number_cents = -500")
    with pytest.raises(
        RulesError, match=rf"line {line_of(path, 'per_number_cents')}: per_number_cents must not"
    ):
        load_rules(path)


def test_display_groups_must_add_up(tmp_path: Path) -> None:
    path = broken(tmp_path, "groups = [3, 2, 3]", "groups = [3, 2, 2]")
    with pytest.raises(RulesError, match=rf"line {line_of(path, 'groups = [3, 2, 2]')}: groups must"):
        load_rules(path)


def test_a_bad_prefix_span_names_the_line(tmp_path: Path) -> None:
    path = broken(tmp_path, '"420-449"', '"449-420"')
    with pytest.raises(RulesError, match=rf"line {line_of(path, '449-420')}"):
        load_rules(path)
