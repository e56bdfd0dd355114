"""The message catalogue: both languages say everything, with the same placeholders."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

from porting import settings
from porting.company.details import ORG_NUMBER_FIRST_DIGITS, ORG_NUMBER_LENGTH, POSTCODE_LENGTH
from porting.documents.kinds import MAX_BYTES
from porting.i18n import LANGUAGES, catalogue, t
from porting.rules import RULES_PATH, rules

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


def test_every_catalogue_name_a_placeholder_points_to_is_in_the_catalogue() -> None:
    english = catalogue("en")
    prefixes = {
        spec[1:] for template in english.values() for _, field, spec, _ in string.Formatter().parse(template)
        if field and spec and spec.startswith("@")
    }  # fmt: skip
    assert prefixes and all(any(key.startswith(f"{prefix}.") for key in english) for prefix in prefixes)


# --- Facts are named, not repeated -----------------------------------------------------------


def _fact_patterns() -> list[re.Pattern[str]]:
    """What a text repeating a fact of rules.toml looks like: a price, a duration with its unit,
    the confirmation range, the country code after + or 00, the length of a number in digits, or
    a type's series prefixes in brackets."""
    current = rules()
    durations = {value for value in vars(current.timeline).values()}
    units = r"(?:business days?|days?|virkedag(?:er)?|dag(?:er|ene)?)"
    patterns = [rf"(?<![\d.,]){value}(?:\s*[-–]\s*\d+)?\s+{units}\b" for value in sorted(durations)]
    timeline = current.timeline
    low, high = timeline.confirmation_min_business_days, timeline.confirmation_max_business_days
    patterns.append(rf"(?<!\d){low}\s*[-–]\s*{high}(?!\d)")
    for cents in (current.pricing.per_request_cents, current.pricing.per_number_cents):
        whole = cents // 100
        patterns += [rf"(?:€|EUR)\s*{whole}(?!\d)", rf"(?<![\d.,]){whole}[.,]00(?!\d)"]
    code = current.country_code
    patterns += [rf"\+{code}(?!\d)", rf"(?<!\d){current.international_prefix}{code}(?!\d)"]
    patterns.append(rf"(?<![\d.,]){current.number_length}\s+(?:digits|sifre|siffer)\b")
    for kind in current.types:
        listed = ", ".join(dict.fromkeys(block.prefix for block in current.series if block.type == kind))
        if listed:
            patterns.append(rf"\({re.escape(listed)}\)")
    return [re.compile(pattern) for pattern in [*patterns, *_standard_and_limit_patterns()]]


# The lengths a text could spell out instead of writing the digit.
_NUMBER_WORDS = {4: ("four", "fire"), 8: ("eight", "åtte"), 9: ("nine", "ni")}


def _standard_and_limit_patterns() -> list[str]:
    """What a text repeating a constant of the code looks like: the length of an organisation
    number, a postcode or a phone number in digits (or in words), the first digits of an
    organisation number (``8 or 9``), the upload limit in MB, and a setting's default after the
    variable that sets it (``PORTING_RETENTION_DAYS, else 90``)."""
    patterns = []
    for length in (ORG_NUMBER_LENGTH, POSTCODE_LENGTH, rules().number_length):
        spelled = "|".join((str(length), *_NUMBER_WORDS.get(length, ())))
        patterns.append(rf"(?i)(?<![\w.,])(?:{spelled})[\s-]+(?:digits|sifre|siffer)\b")
    patterns.append(r"(?<!\d)" + r"\s*(?:,|or|eller)\s*".join(ORG_NUMBER_FIRST_DIGITS) + r"(?!\d)")
    patterns.append(rf"(?<![\d.,]){MAX_BYTES // 2**20}(?:[.,]0)?\s*MB\b")
    for group in (settings.Retention, settings.Drafts):
        for variable, info in group.variables().items():
            if isinstance(info.default, int):
                patterns.append(rf"{variable}\b[^.;]*(?<![\d.,]){info.default}(?!\d|[.,]\d)")
    return patterns


def _without_placeholders(template: str) -> str:
    return "".join(literal for literal, *_ in string.Formatter().parse(template))


def _rules_texts() -> list[tuple[str, str]]:
    """Every text of rules.toml as written, before the facts are filled in."""
    data = tomllib.loads(RULES_PATH.read_text(encoding="utf-8"))
    texts = []
    for table in ("documents", "rejection_reasons", "process_steps", "acknowledgements"):
        for index, entry in enumerate(data[table]):
            for language in LANGUAGES:
                parts = entry[language] if isinstance(entry[language], dict) else {"": entry[language]}
                texts += [(f"{table}[{index}].{language}{part}", text) for part, text in parts.items()]
    return texts


def test_no_text_repeats_a_fact_of_the_rules() -> None:
    patterns = _fact_patterns()
    texts = [(f"{lang}:{key}", text) for lang in LANGUAGES for key, text in catalogue(lang).items()]
    repeated = [
        (where, pattern.pattern)
        for where, text in [*texts, *_rules_texts()]
        for pattern in patterns
        if pattern.search(_without_placeholders(text))
    ]
    assert repeated == []


def test_texts_name_the_facts_and_get_them_filled_in() -> None:
    current = rules()
    days = str(current.timeline.invoice_max_age_days)
    assert f"at most {days} days old" in t("quote.invoice_help", "en")
    assert f"høyst {days} dager gammel" in t("quote.invoice_help", "nb")
    assert "(58, 59)" in t("reason.not_portable.m2m", "en")
    assert t("reason.unknown_country", "nb", code="+999") == (
        f"+999 er ikke en kjent landskode. Norske numre begynner med +{current.country_code} "
        f"eller har {current.number_length} sifre."
    )
    step = next(step for step in current.process_steps if "confirmed porting date" in step.texts["en"])
    timeline = current.timeline
    low, high = timeline.confirmation_min_business_days, timeline.confirmation_max_business_days
    assert f"usually {low}-{high} business days ahead" in step.texts["en"]
    invoice = next(document for document in current.documents if document.key == "invoice")
    assert f"de siste {days} dagene" in invoice.texts["nb"]


def test_a_caller_s_value_wins_over_a_fact_of_the_same_name() -> None:
    shown = t("quote_pdf.estimate", "en", business_days="9", min_days="1", max_days="3", currency="NOK")
    assert shown.endswith("Prices are in NOK and exclude VAT.")


def test_a_text_that_names_only_facts_is_whole_without_parameters() -> None:
    """The brand is a fact too: the Virtual Caller ID choice said "outbound calls on {brand}"."""
    facts = rules().facts("en")
    for language in LANGUAGES:
        for key, template in catalogue(language).items():
            roots = {re.split(r"[.\[:!]", field, maxsplit=1)[0] for field in placeholders(template)}
            if roots and roots <= facts.keys():
                assert "{" not in t(key, language), (language, key)
    assert f"outbound calls on {rules().brand}." in t("vcid.choice.help", "en")
