"""The rules file checked and read into ``porting.rules.model``: every table and value the
model needs, of the right kind, and a fault reported as ``RulesError`` with the line it is on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from porting.languages import LANGUAGES
from porting.rules.model import (
    ACTORS,
    Acknowledgement,
    Area,
    Dashboard,
    DisplayRule,
    Document,
    Limits,
    NumberType,
    PnDifference,
    Pricing,
    ProcessStep,
    RejectionReason,
    Rules,
    Series,
    SigningRole,
    Timeline,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Value = TypeVar("_Value")  # the kind of value a key of the file must hold: str, int, bool
_Record = TypeVar("_Record", bound="DataclassInstance")  # a table read field by field (pricing, limits)
_Texted = TypeVar("_Texted", Document, RejectionReason, ProcessStep, Acknowledgement)  # a table with texts


class RulesError(ValueError):
    """The rules file is unreadable or breaks a rule; the message names the line."""


def read_rules(name: str, text: str, data: dict[str, Any], assets: Path) -> Rules:
    """The rules in ``data``, parsed from the file ``name`` whose ``text`` it is, with ``brand_logo``
    looked up under ``assets``; raise ``RulesError`` naming the line at fault."""
    return _Reader(name, text, data, assets).read()


def _with_facts(text: str | dict[str, str], facts: dict[str, Any]) -> str | dict[str, str]:
    if isinstance(text, dict):  # a rejection reason's issue, explanation and fix
        return {part: value.format(**facts) for part, value in text.items()}
    return text.format(**facts)


_DIGITS = re.compile(r"\d+")
_PREFIX_SPAN = re.compile(r"(\d{3})-(\d{3})")
_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")
# The images reportlab draws without help, by the bytes they start with.
_IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG


class _Reader:
    """Turns the parsed TOML into ``Rules``, pointing at the line of any fault."""

    def __init__(self, name: str, text: str, data: dict[str, Any], assets: Path) -> None:
        self.name = name
        self.assets = assets
        self.lines = text.splitlines()
        self.data = data

    def fail(self, message: str, table: str, index: int | None = None, key: str | None = None) -> RulesError:
        line = self._locate(table, index, key)
        return RulesError(f"{self.name}, line {line}: {message}")

    def _locate(self, table: str, index: int | None, key: str | None) -> int:
        """1-based line of ``[table]`` (or its ``index``-th ``[[table]]``), or of ``key`` inside it."""
        header = f"[[{table}]]" if index is not None else f"[{table}]"
        seen, start = -1, 0
        for number, line in enumerate(self.lines, start=1):
            if line.strip().split("#")[0].strip() == header:
                seen += 1
                if index is None or seen == index:
                    start = number
                    break
        if not start:
            return 1 if key is None else self._key_line(key, 0) or 1
        return self._key_line(key, start) or start

    def _key_line(self, key: str | None, start: int) -> int:
        if key is None:
            return 0
        for number in range(start, len(self.lines) + 1):
            line = self.lines[number - 1].strip()
            if number > start and line.startswith("["):
                return 0
            if re.match(rf"{re.escape(key)}\s*=", line):
                return number
        return 0

    def table(self, key: str) -> dict[str, Any]:
        value = self.data.get(key)
        if not isinstance(value, dict):
            raise self.fail(f"missing table [{key}]", key)
        return value

    def tables(self, key: str) -> list[dict[str, Any]]:
        value = self.data.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(f"missing list [[{key}]]", key, 0)
        return value

    def scalar(
        self, table: dict[str, Any], key: str, kind: type[_Value], where: tuple[str, int | None]
    ) -> _Value:
        value = table.get(key)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(f"{key} must be a {kind.__name__}", where[0], where[1], key)
        return value

    def digits(
        self, table: dict[str, Any], key: str, where: tuple[str, int | None], empty: bool = False
    ) -> str:
        value = self.scalar(table, key, str, where)
        if not (_DIGITS.fullmatch(value) or (empty and value == "")):
            raise self.fail(f"{key} must be digits, not {value!r}", where[0], where[1], key)
        return value

    def texts(self, table: dict[str, Any], where: tuple[str, int | None]) -> Mapping[str, Any]:
        missing = [language for language in LANGUAGES if not table.get(language)]
        if missing:
            raise self.fail(f"missing text in {', '.join(missing)}", where[0], where[1], missing[0])
        return MappingProxyType({language: table[language] for language in LANGUAGES})

    def read(self) -> Rules:
        return self._filled(self._read())

    def _read(self) -> Rules:
        top = ("", None)
        types = self._types()
        return Rules(
            country_code=self.digits(self.data, "country_code", top),
            international_prefix=self.digits(self.data, "international_prefix", top),
            number_length=self.scalar(self.data, "number_length", int, top),
            brand=self.scalar(self.data, "brand", str, top),
            brand_colour=self._colour("brand_colour"),
            brand_logo=self._logo("brand_logo"),
            series=self._series(types),
            types=types,
            display=self._display(),
            areas=self._areas(),
            pn_differences=self._pn_differences(types),
            pricing=self._record(Pricing, "pricing"),
            timeline=self._timeline(),
            limits=self._record(Limits, "limits"),
            dashboard=self._record(Dashboard, "dashboard"),
            documents=self._documents(),
            rejection_reasons=self._rejection_reasons(),
            process_steps=self._process_steps(),
            acknowledgements=self._acknowledgements(),
            signing_roles=self._signing_roles(),
            providers=self._providers(),
            rarely_ported_days=self._rarely_ported_days(),
        )

    def _filled(self, read: Rules) -> Rules:
        """The rules with the facts that texts name (``{invoice_max_age_days}``) filled in."""
        facts = {language: read.facts(language) for language in LANGUAGES}

        def fill(texts: Mapping[str, Any], where: tuple[str, int]) -> Mapping[str, Any]:
            filled: dict[str, Any] = {}
            for language, text in texts.items():
                try:
                    filled[language] = _with_facts(text, facts[language])
                except (KeyError, IndexError, ValueError) as error:
                    raise self.fail(f"a text names no known fact: {error}", *where, language) from None
            return MappingProxyType(filled)

        def filled(table: str, items: tuple[_Texted, ...]) -> tuple[_Texted, ...]:
            return tuple(
                replace(item, texts=fill(item.texts, (table, index))) for index, item in enumerate(items)
            )

        return replace(
            read,
            documents=filled("documents", read.documents),
            rejection_reasons=filled("rejection_reasons", read.rejection_reasons),
            process_steps=filled("process_steps", read.process_steps),
            acknowledgements=filled("acknowledgements", read.acknowledgements),
        )

    def _colour(self, key: str) -> str:
        value = self.scalar(self.data, key, str, ("", None))
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
            raise self.fail(f"{key} must be a colour like #3A5BD9, not {value!r}", "", None, key)
        return value

    def _logo(self, key: str) -> Path | None:
        """The image ``key`` names under the assets folder, or ``None`` for ``""``: a PNG or JPEG file."""
        value = self.scalar(self.data, key, str, ("", None))
        if value == "":
            return None
        assets = self.assets.resolve()
        path = (assets / value).resolve()
        if not path.is_relative_to(assets) or not path.is_file():
            raise self.fail(f"{key} must name a file under assets/, not {value!r}", "", None, key)
        with path.open("rb") as image:
            start = image.read(8)
        if not start.startswith(_IMAGE_SIGNATURES):
            raise self.fail(f"{key} must be a PNG or JPEG image, not {value!r}", "", None, key)
        return path

    def _types(self) -> Mapping[str, NumberType]:
        types: dict[str, NumberType] = {}
        for name, table in self.table("types").items():
            where = (f"types.{name}", None)
            pn_types = table.get("pn_types")
            if not isinstance(pn_types, list) or not all(isinstance(item, str) for item in pn_types):
                raise self.fail("pn_types must be a list of phonenumbers type names", *where, "pn_types")
            types[name] = NumberType(
                name=name,
                portable=self.scalar(table, "portable", bool, where),
                virtual_caller_id=bool(table.get("virtual_caller_id", False)),
                pn_types=tuple(pn_types),
            )
        if "invalid" not in types:
            raise self.fail("the type 'invalid' must be defined", "types")
        return MappingProxyType(types)

    def _series(self, types: Mapping[str, NumberType]) -> tuple[Series, ...]:
        series: dict[tuple[str, int], Series] = {}
        for index, table in enumerate(self.tables("series")):
            where = ("series", index)
            prefix = self.digits(table, "prefix", where)
            kind = self.scalar(table, "type", str, where)
            if kind not in types or kind == "invalid":
                raise self.fail(f"unknown number type {kind!r}", *where, "type")
            lengths = table.get("lengths")
            if (
                not isinstance(lengths, list)
                or not lengths
                or not all(isinstance(length, int) and len(prefix) <= length <= 15 for length in lengths)
            ):
                raise self.fail(
                    "lengths must list digit counts from the prefix's length to 15", *where, "lengths"
                )
            for length in lengths:
                if (prefix, length) in series:
                    raise self.fail(f"series {prefix} with {length} digits is listed twice", *where, "prefix")
                series[(prefix, length)] = Series(prefix, length, kind)
        return tuple(series.values())

    def _display(self) -> tuple[DisplayRule, ...]:
        rules: list[DisplayRule] = []
        for index, table in enumerate(self.tables("display")):
            where = ("display", index)
            length = self.scalar(table, "length", int, where)
            groups = table.get("groups")
            if not isinstance(groups, list) or sum(groups) != length or min(groups) < 1:
                raise self.fail(f"groups must be positive and add up to {length}", *where, "groups")
            rules.append(DisplayRule(length, self.digits(table, "prefix", where, empty=True), tuple(groups)))
        return tuple(rules)

    def _areas(self) -> tuple[Area, ...]:
        areas: dict[str, Area] = {}
        for index, table in enumerate(self.tables("areas")):
            where = ("areas", index)
            prefix = self.digits(table, "prefix", where)
            if prefix in areas:
                raise self.fail(f"area prefix {prefix} is listed twice", *where, "prefix")
            areas[prefix] = Area(prefix, self.texts(table, where))
        return tuple(areas.values())

    def _pn_differences(self, types: Mapping[str, NumberType]) -> tuple[PnDifference, ...]:
        differences: list[PnDifference] = []
        for index, table in enumerate(self.data.get("pn_differences", [])):
            where = ("pn_differences", index)
            ours = self.scalar(table, "ours", str, where)
            pn = self.scalar(table, "pn", str, where)
            if ours not in types:
                raise self.fail(f"unknown number type {ours!r}", *where, "ours")
            spans = table.get("prefixes")
            if not isinstance(spans, list) or not spans:
                raise self.fail(
                    "prefixes must list three-digit prefixes or spans like '420-449'", *where, "prefixes"
                )
            for span in spans:
                differences.extend(
                    PnDifference(prefix, ours, pn) for prefix in self._expand_span(span, where)
                )
        return tuple(differences)

    def _expand_span(self, span: object, where: tuple[str, int]) -> list[str]:
        if isinstance(span, str) and len(span) == 3 and span.isdigit():
            return [span]
        match = _PREFIX_SPAN.fullmatch(span) if isinstance(span, str) else None
        if not match or match[1] > match[2]:
            raise self.fail(
                f"{span!r} is not a three-digit prefix or span like '420-449'", *where, "prefixes"
            )
        return [f"{value:03d}" for value in range(int(match[1]), int(match[2]) + 1)]

    def _record(self, record: type[_Record], key: str) -> _Record:
        table = self.table(key)
        values: dict[str, str | int] = {}
        for field in (item.name for item in fields(record)):
            if field == "currency":
                values[field] = self.scalar(table, field, str, (key, None))
                continue
            count = self.scalar(table, field, int, (key, None))
            if count < 0:
                raise self.fail(f"{field} must not be negative", key, None, field)
            values[field] = count
        return record(**values)

    def _timeline(self) -> Timeline:
        timeline: Timeline = self._record(Timeline, "timeline")
        if timeline.confirmation_min_business_days > timeline.confirmation_max_business_days:
            raise self.fail(
                "confirmation_min_business_days is above the maximum",
                "timeline",
                None,
                "confirmation_min_business_days",
            )
        if not 0 < timeline.at_risk_business_days <= timeline.porting_business_days:
            raise self.fail(
                "at_risk_business_days must be from 1 to porting_business_days",
                "timeline",
                None,
                "at_risk_business_days",
            )
        return timeline

    def _rarely_ported_days(self) -> frozenset[tuple[int, int]]:
        """``[porting_days] rarely_ported``: days of the year written ``MM-DD`` (``"12-24"``)."""
        listed = self.table("porting_days").get("rarely_ported")
        if not isinstance(listed, list):
            raise self.fail(
                "rarely_ported must be a list of days written MM-DD", "porting_days", None, "rarely_ported"
            )
        days = set()
        for text in listed:
            match = _MONTH_DAY.fullmatch(text) if isinstance(text, str) else None
            try:
                day = date(2000, int(match[1]), int(match[2])) if match else None  # 2000: 02-29 is a day
            except ValueError:
                day = None
            if day is None:
                raise self.fail(f"{text!r} is not a day written MM-DD", "porting_days", None, "rarely_ported")
            days.add((day.month, day.day))
        return frozenset(days)

    def _documents(self) -> tuple[Document, ...]:
        return tuple(
            Document(
                self.scalar(table, "key", str, ("documents", index)),
                self.texts(table, ("documents", index)),
                self.scalar({"per_provider": False} | table, "per_provider", bool, ("documents", index)),
            )
            for index, table in enumerate(self.tables("documents"))
        )

    def _rejection_reasons(self) -> tuple[RejectionReason, ...]:
        reasons = []
        for index, table in enumerate(self.tables("rejection_reasons")):
            where = ("rejection_reasons", index)
            texts = self.texts(table, where)
            for language, parts in texts.items():
                if not isinstance(parts, dict) or any(
                    not parts.get(part) for part in ("issue", "explanation", "fix")
                ):
                    raise self.fail("each language needs issue, explanation and fix", *where, language)
            reasons.append(RejectionReason(self.scalar(table, "key", str, where), texts))
        return tuple(reasons)

    def _process_steps(self) -> tuple[ProcessStep, ...]:
        steps = []
        for index, table in enumerate(self.tables("process_steps")):
            where = ("process_steps", index)
            actor = self.scalar(table, "actor", str, where)
            if actor not in ACTORS:
                raise self.fail(f"actor must be one of {', '.join(ACTORS)}, not {actor!r}", *where, "actor")
            steps.append(ProcessStep(actor, self.texts(table, where)))
        return tuple(steps)

    def _acknowledgements(self) -> tuple[Acknowledgement, ...]:
        acknowledgements: dict[str, Acknowledgement] = {}
        for index, table in enumerate(self.tables("acknowledgements")):
            where = ("acknowledgements", index)
            key = self.scalar(table, "key", str, where)
            if key in acknowledgements:
                raise self.fail(f"acknowledgement {key!r} is listed twice", *where, "key")
            acknowledgements[key] = Acknowledgement(key, self.texts(table, where))
        return tuple(acknowledgements.values())

    def _providers(self) -> tuple[str, ...]:
        names: dict[str, None] = {}
        for index, table in enumerate(self.tables("providers")):
            where = ("providers", index)
            name = self.scalar(table, "name", str, where).strip()
            if not name or len(name) > 80:
                raise self.fail(f"a provider's name is 1 to 80 characters, not {name!r}", *where, "name")
            if name.casefold() in {known.casefold() for known in names}:
                raise self.fail(f"provider {name!r} is listed twice", *where, "name")
            names[name] = None
        return tuple(names)

    def _signing_roles(self) -> tuple[SigningRole, ...]:
        roles: dict[str, SigningRole] = {}
        for index, table in enumerate(self.tables("signing_roles")):
            where = ("signing_roles", index)
            code = self.scalar(table, "code", str, where)
            if not re.fullmatch(r"[A-Z]{4}", code):
                raise self.fail(f"a role code is four capital letters, not {code!r}", *where, "code")
            if code in roles:
                raise self.fail(f"signing role {code!r} is listed twice", *where, "code")
            roles[code] = SigningRole(code, self.texts(table, where))
        return tuple(roles.values())
