"""What the command line reads: numbers from files or standard input, and company details from JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from porting.i18n import t
from porting.numbers.intake import Reading, read_numbers


def details_file(path: str, language: str) -> dict[str, Any] | None:
    """The JSON object of company details in ``path``, or ``None`` after saying why it cannot be read."""
    try:
        values = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        print(t("cli.cannot_read", language, name=path, detail=type(error).__name__), file=sys.stderr)
        return None
    except RecursionError:  # arrays or objects nested past Python's stack, [[[[…]]]]
        print(t("errors.json_too_deep", language, name=path), file=sys.stderr)
        return None
    if not isinstance(values, dict):
        print(t("cli.details_not_object", language, name=path), file=sys.stderr)
        return None
    return values


def read_input(name: str, column: str | None, stdin: TextIO) -> Reading | str:
    if name == "-":
        return (
            read_numbers(stdin.read())
            if column is None
            else read_numbers(stdin.buffer.read(), filename="stdin.csv", column=column)
        )
    try:
        data = Path(name).read_bytes()
    except OSError as error:
        return error.strerror or type(error).__name__
    return read_numbers(data, filename=name, column=column)


def fatal_message(reading: Reading, language: str) -> str | None:
    fatal = [problem.reason.text(language) for problem in reading.problems if problem.fatal]
    return " ".join(fatal) or None
