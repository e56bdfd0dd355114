"""The rules file: read once, checked on load, and a broken file names its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

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


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        ('brand = "CloudTalk"', "brand = CloudTalk", "brand = CloudTalk", "Invalid value"),
        (
            'type = "toll_free"       # nkom: 800',
            'type = "tollfree" # nkom',
            "tollfree",
            "unknown number type 'tollfree'",
        ),
        (
            "per_number_cents = 500",
            "per_number_cents = -500",
            "per_number_cents",
            "per_number_cents must not",
        ),
        (
            "groups = [3, 2, 3]",
            "groups = [3, 2, 2]",
            "groups = [3, 2, 2]",
            "groups must be positive and add up to 8",
        ),
        ('"420-449"', '"449-420"', "449-420", "is not a three-digit prefix or span"),
        ('prefix = "59"', 'prefix = "5x"', 'prefix = "5x"', "prefix must be digits"),
        ("lengths = [12]", "lengths = [1]", "lengths = [1]", "lengths must list digit counts"),
        (
            "at_risk_business_days = 13",
            "at_risk_business_days = 18",
            "at_risk_business_days = 18",
            "at_risk_business_days must be from 1 to porting_business_days",
        ),
        (
            'prefix = "18"\nlengths = [4]',
            'prefix = "116"  # again\nlengths = [6]',
            "# again",
            "116 with 6 digits",
        ),
        (
            "eldre enn {invoice_max_age_days} dager",
            "eldre enn {invoice_days} dager",
            "{invoice_days}",
            "a text names no known fact: 'invoice_days'",
        ),
    ],
)
def test_a_broken_rules_file_names_the_line_at_fault(
    tmp_path: Path, old: str, new: str, marker: str, message: str
) -> None:
    path = broken(tmp_path, old, new)
    with pytest.raises(RulesError) as error:
        load_rules(path)
    assert f"line {line_of(path, marker)}" in str(error.value)
    assert message in str(error.value)


def test_a_missing_translation_is_refused(tmp_path: Path) -> None:
    path = broken(tmp_path, 'nb = "Firmaattest fra Brønnøysundregistrene."', "")
    with pytest.raises(RulesError, match=r"missing text in nb"):
        load_rules(path)


def test_the_theme_uses_the_brand_colour_from_the_rules() -> None:
    import tomllib

    config = tomllib.loads(
        (RULES_PATH.parent.parent / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    )
    assert config["theme"]["primaryColor"].lower() == rules().brand_colour.lower()


def with_logo(tmp_path: Path, value: str) -> Path:
    return broken(tmp_path, 'brand_logo = ""', f'brand_logo = "{value}"')


def test_the_brand_has_no_logo_unless_the_rules_name_one() -> None:
    assert rules().brand_logo is None


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_logo_under_the_assets_is_read(tmp_path: Path, kind: str) -> None:
    assets = tmp_path / "assets"
    (assets / "brand").mkdir(parents=True)
    Image.new("RGB", (60, 20), "#3A5BD9").save(assets / "brand" / "logo.img", kind)
    loaded = load_rules(with_logo(tmp_path, "brand/logo.img"), assets)
    assert loaded.brand_logo == (assets / "brand" / "logo.img").resolve()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.png", None, "must name a file under assets/, not 'missing.png'"),
        ("../outside.png", "png", "must name a file under assets/, not '../outside.png'"),
        ("logo.png", b"GIF89a not a png", "must be a PNG or JPEG image, not 'logo.png'"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "must be a PNG or JPEG image"),
    ],
)
def test_a_logo_that_is_missing_or_no_image_is_refused_naming_the_line(
    tmp_path: Path, name: str, content: bytes | str | None, message: str
) -> None:
    assets = tmp_path / "assets"
    assets.mkdir()
    if content == "png":
        Image.new("RGB", (6, 2)).save(tmp_path / "outside.png")
    elif isinstance(content, bytes):
        (assets / name).write_bytes(content)
    path = with_logo(tmp_path, name)
    with pytest.raises(RulesError) as error:
        load_rules(path, assets)
    assert f"line {line_of(path, 'brand_logo =')}" in str(error.value)
    assert message in str(error.value)


def test_the_current_providers_come_from_the_rules_as_registered() -> None:
    providers = rules().providers
    assert providers[:2] == ("Telenor Norge AS", "Telia Norge AS")
    assert len(set(providers)) == len(providers) and all(name.strip() == name for name in providers)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ('name = "Telenor Norge AS"\n[[providers]]\nname = "TELENOR NORGE AS"', "listed twice"),
        ('name = "  "', "1 to 80 characters"),
        ("name = 7", "name must be a str"),
    ],
)
def test_a_broken_provider_list_is_refused(tmp_path: Path, new: str, message: str) -> None:
    path = broken(tmp_path, 'name = "Telenor Norge AS"', new)
    with pytest.raises(RulesError, match=message):
        load_rules(path)
