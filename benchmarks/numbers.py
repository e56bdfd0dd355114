"""Benchmark: our number engine against phonenumbers one number at a time, in the same run.

Input: ``--numbers`` (default 100,000) Norwegian numbers, one per line, made deterministically
with ``random.Random(2026)``: 8-digit numbers from real series (geographic 21-24, 32, 33,
35, 37, 38, 51-57, 61-69, 70-78; mobile 40, 41, 45-48, 90-99; toll-free 800; national
850-855), about 2% of a wrong length (7 or 9 digits) and 1% foreign (+46 8 ...), about
10% repeats of an earlier number, each written in one of eight forms chosen evenly
(``+47 21 23 45 67``, ``0047 21234567``, ``47 21234567``, ``21234567``,
``(+47) 21-23-45-67``, ``+47 212 34 567``, ``+47 (0) 21234567``, ``tel:+4721234567``;
foreign numbers only in the six with a country code). There are no ranges: the baseline
cannot expand them.

What is compared:

* In-process, the whole job on the whole text. Engine: ``read_numbers(text).rows``, then for
  every row ``(e164, display, type, area name, portable)``, so E.164 and display are really
  computed. Baseline: ``benchmarks/baseline_check.py``, which splits the text into lines
  and, per line, calls ``phonenumbers.parse(line, "NO")``, ``is_valid_number``,
  ``number_type``, ``format_number`` (E.164 and national) and
  ``geocoder.description_for_number``, marks repeats with a dict and gives the same tuple.
  Time: ``time.perf_counter``, the best of ``--runs`` runs (default 5) after one warm-up
  run, so both sides have their data loaded and caches filled, as in the long-running app.
  Peak memory: ``tracemalloc``, in one more run of its own (tracing slows the code down, so
  it is never in a timed run); it counts the Python allocations of the job, result included.
* The whole command, as a user runs it: ``python -m porting check --json FILE`` against
  ``python benchmarks/baseline_check.py FILE``, both printing a JSON array to a file.
  Wall time: the median of ``--runs`` runs (default 3) after one warm-up run (which also
  writes the bytecode caches). Peak RSS: ``ru_maxrss`` of the child from ``os.wait4``. Linux
  counts a parent's peak RSS in a child it starts, so each command is started by a small
  fresh Python process (``_measure_command``), never by this one with its 100,000 rows.
  Outside the timing, both outputs are checked to hold one object per number, and the
  E.164 of the numbers the engine finds valid is compared with the baseline's.

The report ends with the goals: in-process at least 20x faster, the engine under 0.5 s for
100,000 numbers (scaled from ``--numbers`` when that differs), and the command at least 10x
faster. It always exits 0: it is a report, not a test.

    python benchmarks/numbers.py [--numbers N] [--runs R] [--quick]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026
DEFAULT_NUMBERS = 100_000
QUICK_NUMBERS = 10_000
IN_PROCESS_RUNS = 5
COMMAND_RUNS = 3
GOAL_IN_PROCESS_RATIO = 20.0
GOAL_ENGINE_SECONDS = 0.5
GOAL_ENGINE_COUNT = 100_000  # numbers the engine goal is for
GOAL_COMMAND_RATIO = 10.0
MIB = 1024 * 1024

# Leading digits of real series, drawn evenly within a kind.
GEOGRAPHIC = (
    *("21", "22", "23", "24", "32", "33", "35", "37", "38"),
    *(str(prefix) for prefix in range(51, 58)),
    *(str(prefix) for prefix in range(61, 79)),
)
MOBILE = ("40", "41", "45", "46", "47", "48", *(str(prefix) for prefix in range(90, 100)))
TOLL_FREE = ("800",)
NATIONAL = tuple(str(prefix) for prefix in range(850, 856))
# Kinds of new numbers and their shares; a repeat re-uses an earlier number in a new form.
KINDS = ("geographic", "mobile", "toll_free", "national", "wrong_length", "foreign")
KIND_WEIGHTS = (0.45, 0.40, 0.05, 0.07, 0.02, 0.01)
REPEAT_SHARE = 0.10


def _pairs(digits: str) -> list[str]:
    """Two-digit groups, an odd first digit alone: ``21 23 45 67``, ``2 12 34 56 78``.

    Grouping a 9-digit number from the left (``21-23-45-67-8``) would make a range of the
    dashed form: an 8-digit number, a dash, and a last digit.
    """
    head = len(digits) % 2
    return ([digits[:head]] if head else []) + [digits[i : i + 2] for i in range(head, len(digits), 2)]


# phonenumbers reads the (0) of this form as a digit of the number, so finds it invalid.
TRUNK_ZERO_FORM = "+47 (0) 21234567"
# The written forms: (example, writer of country code and national digits, has a country code).
FORMS: tuple[tuple[str, Callable[[str, str], str], bool], ...] = (
    ("+47 21 23 45 67", lambda cc, n: f"+{cc} {' '.join(_pairs(n))}", True),
    ("0047 21234567", lambda cc, n: f"00{cc} {n}", True),
    ("47 21234567", lambda cc, n: f"{cc} {n}", False),
    ("21234567", lambda cc, n: n, False),
    ("(+47) 21-23-45-67", lambda cc, n: f"(+{cc}) {'-'.join(_pairs(n))}", True),
    ("+47 212 34 567", lambda cc, n: f"+{cc} {n[:3]} {n[3:5]} {n[5:]}", True),
    (TRUNK_ZERO_FORM, lambda cc, n: f"+{cc} (0) {n}", True),
    ("tel:+4721234567", lambda cc, n: f"tel:+{cc}{n}", True),
)
INTERNATIONAL_FORMS = tuple(index for index, (_, _, international) in enumerate(FORMS) if international)


@dataclass(frozen=True)
class Input:
    """The generated input: one written number per line, and the form each was written in."""

    lines: tuple[str, ...]
    forms: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def generate(count: int, seed: int = SEED) -> Input:
    """``count`` written numbers, the same for the same seed."""
    rng = random.Random(seed)
    drawn: list[tuple[str, str]] = []  # (country code, national digits) of each line
    lines: list[str] = []
    forms: list[str] = []
    for _ in range(count):
        if drawn and rng.random() < REPEAT_SHARE:
            country, national = rng.choice(drawn)
        else:
            country, national = _draw(rng)
        allowed = range(len(FORMS)) if country == "47" else INTERNATIONAL_FORMS
        example, write, _ = FORMS[rng.choice(allowed)]
        drawn.append((country, national))
        lines.append(write(country, national))
        forms.append(example)
    return Input(tuple(lines), tuple(forms))


def _draw(rng: random.Random) -> tuple[str, str]:
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    if kind == "foreign":
        return "46", "8" + _digits(rng, 7)  # Stockholm
    length = 8
    series = {"geographic": GEOGRAPHIC, "mobile": MOBILE, "toll_free": TOLL_FREE, "national": NATIONAL}
    if kind == "wrong_length":
        length = rng.choice((7, 9))
        prefixes = GEOGRAPHIC + MOBILE
    else:
        prefixes = series[kind]
    prefix = rng.choice(prefixes)
    return "47", prefix + _digits(rng, length - len(prefix))


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


# --- in-process -------------------------------------------------------------------------------

Job = Callable[[str], list[Any]]


def engine_job(text: str) -> list[tuple[str | None, str, str, str | None, bool]]:
    """The engine's whole job: read every number, then take what a caller shows of each."""
    from porting.numbers.intake import read_numbers

    rows = read_numbers(text).rows
    return [
        (
            row.e164,
            row.display,
            row.type,
            area.names["en"] if (area := row.area) is not None else None,
            row.portable,
        )
        for row in rows
    ]


def baseline_job(text: str) -> list[tuple[str | None, str, str, str | None, bool]]:
    """The baseline's whole job, one number at a time with phonenumbers."""
    from benchmarks.baseline_check import check_text

    return [(row.e164, row.display, row.type, row.area, row.portable) for row in check_text(text)]


@dataclass(frozen=True)
class InProcess:
    seconds: tuple[float, ...]  # each timed run
    peak_bytes: int

    @property
    def best(self) -> float:
        return min(self.seconds)


def measure_in_process(job: Job, text: str, count: int, runs: int) -> InProcess:
    """Time ``job`` (warm-up, then ``runs`` runs), then trace its memory in a run of its own."""
    _check_count(job.__name__, len(job(text)), count)  # the warm-up
    seconds = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        result = job(text)
        seconds.append(time.perf_counter() - start)
        del result
    gc.collect()
    tracemalloc.start()
    try:
        result = job(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return InProcess(tuple(seconds), peak)


def _check_count(what: str, found: int, expected: int) -> None:
    if found != expected:
        raise AssertionError(f"{what}: {found:,} results for {expected:,} numbers")


# --- whole command ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    seconds: tuple[float, ...]  # each timed run
    peak_rss_kib: int  # the highest of all runs

    @property
    def median(self) -> float:
        return median(self.seconds)


def measure_command(argv: Sequence[str], output: Path, runs: int) -> Command:
    """Run ``argv`` once to warm up, then ``runs`` times; its standard output goes to ``output``."""
    seconds, peaks = [], []
    for run in range(runs + 1):
        launcher = [
            sys.executable,
            "-c",
            "import sys; from benchmarks.numbers import _measure_command; _measure_command(sys.argv[1:])",
            str(output),
            *argv,
        ]
        done = subprocess.run(launcher, cwd=ROOT, capture_output=True, text=True, check=True)
        report = json.loads(done.stdout)
        if report["returncode"] != 0:
            raise RuntimeError(f"{' '.join(argv)} exited with {report['returncode']}: {report['stderr']}")
        if run:  # run 0 is the warm-up
            seconds.append(report["seconds"])
            peaks.append(report["max_rss_kib"])
    return Command(tuple(seconds), max(peaks))


def _measure_command(arguments: list[str]) -> None:
    """In a fresh launcher process: run ``arguments[1:]``, print its wall time and peak RSS as JSON.

    Its standard output goes to the file ``arguments[0]``. Linux gives a child the peak RSS of
    the process that started it as a floor, so that process must be small: this one is.
    """
    output, argv = arguments[0], arguments[1:]
    with open(output, "wb") as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=ROOT, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        errors = stderr.read().decode(errors="replace")[-2000:]
    report = {"seconds": seconds, "max_rss_kib": usage.ru_maxrss, "returncode": child.returncode}
    print(json.dumps(report | {"stderr": errors}))


@dataclass(frozen=True)
class Agreement:
    engine_valid: int
    same_e164: int
    both_valid_differ: int
    by_form: Counter[str]  # engine-valid numbers the baseline gives no or another E.164, by form
    by_prefix: Counter[str]  # the same outside TRUNK_ZERO_FORM, by the first two national digits


def compare_outputs(engine_file: Path, baseline_file: Path, data: Input) -> Agreement:
    """Check both commands gave one object per number; compare E.164 where the engine has one."""
    engine = json.loads(engine_file.read_text(encoding="utf-8"))
    baseline = json.loads(baseline_file.read_text(encoding="utf-8"))
    count = len(data.lines)
    _check_count("python -m porting check --json", len(engine), count)
    _check_count("benchmarks/baseline_check.py", len(baseline), count)
    engine_valid = same = differ = 0
    by_form: Counter[str] = Counter()
    by_prefix: Counter[str] = Counter()
    for ours, theirs, form in zip(engine, baseline, data.forms, strict=True):
        if ours["line"] != theirs["line"]:
            raise AssertionError(
                f"line {ours['line']} of the engine is line {theirs['line']} of the baseline"
            )
        if ours["e164"] is None:
            continue
        engine_valid += 1
        if ours["e164"] == theirs["e164"]:
            same += 1
            continue
        differ += theirs["e164"] is not None
        by_form[form] += 1
        if form != TRUNK_ZERO_FORM:
            by_prefix[ours["e164"][3:5]] += 1
    return Agreement(engine_valid, same, differ, by_form, by_prefix)


# --- report -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    numbers: int
    in_process_runs: int
    command_runs: int


def run(settings: Settings) -> str:
    """Run every measurement and return the report."""
    data = generate(settings.numbers)
    text = data.text
    engine = measure_in_process(engine_job, text, settings.numbers, settings.in_process_runs)
    baseline = measure_in_process(baseline_job, text, settings.numbers, settings.in_process_runs)
    with tempfile.TemporaryDirectory(prefix="bench-numbers-") as folder:
        numbers_file = Path(folder, "numbers.txt")
        numbers_file.write_text(text, encoding="utf-8")
        engine_out, baseline_out = Path(folder, "engine.json"), Path(folder, "baseline.json")
        engine_argv = [sys.executable, "-m", "porting", "check", "--json", str(numbers_file)]
        baseline_argv = [sys.executable, str(ROOT / "benchmarks" / "baseline_check.py"), str(numbers_file)]
        engine_command = measure_command(engine_argv, engine_out, settings.command_runs)
        baseline_command = measure_command(baseline_argv, baseline_out, settings.command_runs)
        agreement = compare_outputs(engine_out, baseline_out, data)
    return report(settings, engine, baseline, engine_command, baseline_command, agreement)


def report(
    settings: Settings,
    engine: InProcess,
    baseline: InProcess,
    engine_command: Command,
    baseline_command: Command,
    agreement: Agreement,
) -> str:
    count = settings.numbers
    in_process_ratio = baseline.best / engine.best
    command_ratio = baseline_command.median / engine_command.median
    engine_for_goal = engine.best * GOAL_ENGINE_COUNT / count
    rows = [
        ("", "engine", "baseline", "ratio"),
        (
            "in-process µs/number",
            f"{engine.best / count * 1e6:.2f}",
            f"{baseline.best / count * 1e6:.2f}",
            f"{in_process_ratio:.1f}x",
        ),
        ("in-process total s", f"{engine.best:.3f}", f"{baseline.best:.3f}", ""),
        ("in-process peak MiB", f"{engine.peak_bytes / MIB:.1f}", f"{baseline.peak_bytes / MIB:.1f}", ""),
        (
            "command wall s",
            f"{engine_command.median:.3f}",
            f"{baseline_command.median:.3f}",
            f"{command_ratio:.1f}x",
        ),
        (
            "command peak RSS MiB",
            f"{engine_command.peak_rss_kib / 1024:.1f}",
            f"{baseline_command.peak_rss_kib / 1024:.1f}",
            "",
        ),
    ]
    engine_goal = f"engine < {GOAL_ENGINE_SECONDS} s" + (
        "" if count == GOAL_ENGINE_COUNT else f" (scaled to {GOAL_ENGINE_COUNT:,}: {engine_for_goal:.3f} s)"
    )
    goals = [
        (f"in-process >= {GOAL_IN_PROCESS_RATIO:.0f}x faster", in_process_ratio >= GOAL_IN_PROCESS_RATIO),
        (engine_goal, engine_for_goal < GOAL_ENGINE_SECONDS),
        (f"command >= {GOAL_COMMAND_RATIO:.0f}x faster", command_ratio >= GOAL_COMMAND_RATIO),
    ]
    lines = [f"benchmark: {count:,} numbers, mixed formats"]
    lines += [f"{label:<24}{a:<12}{b:<12}{c}".rstrip() for label, a, b, c in rows]
    lines.append("goals: " + "; ".join(f"{goal}: {'PASS' if ok else 'FAIL'}" for goal, ok in goals))
    lines.append("")
    lines.append(
        f"method: in-process best of {settings.in_process_runs} after 1 warm-up, peak by tracemalloc in "
        f"a separate run; command median of {settings.command_runs} after 1 warm-up, peak RSS by wait4"
    )
    lines.append(
        "runs s: "
        + "; ".join(
            f"{name} {spread(seconds)}"
            for name, seconds in (
                ("engine in-process", engine.seconds),
                ("baseline in-process", baseline.seconds),
                ("engine command", engine_command.seconds),
                ("baseline command", baseline_command.seconds),
            )
        )
    )
    lines.append(_agreement_line(agreement))
    lines.append(
        f"python {platform.python_version()}, phonenumbers {version('phonenumbers')}, "
        f"{os.cpu_count()} CPUs, {platform.platform(terse=True)}"
    )
    return "\n".join(lines)


def _agreement_line(agreement: Agreement) -> str:
    share = agreement.same_e164 / agreement.engine_valid * 100 if agreement.engine_valid else 100.0
    line = (
        f"e164 agreement on the {agreement.engine_valid:,} numbers the engine finds valid: {share:.1f}% "
        f"({agreement.both_valid_differ:,} where both are valid but differ)"
    )
    if agreement.by_form:
        line += "\n  baseline invalid or different, by form: " + _top(agreement.by_form)
        line += f"\n  in the other forms, by leading digits: {_top(agreement.by_prefix, 8) or 'none'}"
    return line


def _top(counts: Counter[str], limit: int = 4) -> str:
    return ", ".join(f"{key} {count:,}" for key, count in counts.most_common(limit))


def median(values: Sequence[float]) -> float:
    """The median of timed runs. Not statistics.median: run as a script, this file is the
    ``numbers`` module that statistics imports."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def spread(seconds: Sequence[float]) -> str:
    """The fastest and slowest of timed runs, as the reports print them (the other benchmarks too)."""
    return f"{min(seconds):.3f}-{max(seconds):.3f}" if len(seconds) > 1 else f"{seconds[0]:.3f}"


def _settings(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/numbers.py",
        description="Compare the number engine with phonenumbers one number at a time.",
    )
    parser.add_argument(
        "--numbers", type=int, metavar="N", help=f"numbers to check (default {DEFAULT_NUMBERS:,})"
    )
    parser.add_argument(
        "--runs",
        type=int,
        metavar="R",
        help=f"timed runs after a warm-up (default {IN_PROCESS_RUNS} in-process, {COMMAND_RUNS} per command)",
    )
    parser.add_argument("--quick", action="store_true", help=f"smoke test: {QUICK_NUMBERS:,} numbers, 1 run")
    arguments = parser.parse_args(argv)
    numbers = arguments.numbers
    if numbers is None:
        numbers = QUICK_NUMBERS if arguments.quick else DEFAULT_NUMBERS
    runs = arguments.runs
    if runs is None and arguments.quick:
        runs = 1
    from porting.numbers.numbering import plan

    limit = plan().rules.limits.max_numbers_per_input
    if not 1 <= numbers <= limit:
        parser.error(f"--numbers must be between 1 and {limit:,}, the engine's limit for one input")
    if runs is not None and runs < 1:
        parser.error("--runs must be at least 1")
    return Settings(numbers, runs or IN_PROCESS_RUNS, runs or COMMAND_RUNS)


def main(argv: Sequence[str] | None = None) -> int:
    print(run(_settings(argv)), flush=True)
    return 0


if __name__ == "__main__":
    # Run as a script, this folder comes first on sys.path: put the repository root there
    # instead, so that porting and benchmarks.baseline_check import, and this file does not
    # hide the standard library's numbers module.
    sys.path[0] = str(ROOT)
    sys.exit(main())
