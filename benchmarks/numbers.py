"""Benchmark: our number engine against phonenumbers one number at a time, in the same run.

Input: ``--numbers`` (default 100,000) Norwegian numbers, one per line, as people write them in
eight forms, about 10% repeats, some of a wrong length or foreign, the same in every run
(``benchmarks/written_numbers.py``). There are no ranges: the baseline cannot expand them.

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
  fresh Python process (``benchmarks.measure.command_usage``), never by this one with its
  100,000 rows.
  Outside the timing, both outputs are checked to hold one object per number, and the
  E.164 of the numbers the engine finds valid is compared with the baseline's.

The report ends with the goals: in-process at least 20x faster, the engine under 0.5 s for
100,000 numbers (scaled from ``--numbers`` when that differs), and the command at least 10x
faster. It always exits 0: it is a report, not a test.

    python benchmarks/numbers.py [--numbers N] [--runs R] [--quick]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: the repository root first (benchmarks/measure.py)
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import json
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.measure import (
    MIB,
    ROOT,
    Timed,
    environment,
    goals_line,
    in_fresh_process,
    peak_bytes,
    print_report,
    ratio,
    runs_line,
    table,
    timed_runs,
)
from benchmarks.written_numbers import TRUNK_ZERO_FORM, Input, generate

DEFAULT_NUMBERS = 100_000
QUICK_NUMBERS = 10_000
IN_PROCESS_RUNS = 5
COMMAND_RUNS = 3
GOAL_IN_PROCESS_RATIO = 20.0
GOAL_ENGINE_SECONDS = 0.5
GOAL_ENGINE_COUNT = 100_000  # numbers the engine goal is for
GOAL_COMMAND_RATIO = 10.0

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
class InProcess(Timed):
    peak_bytes: int


def measure_in_process(job: Job, text: str, count: int, runs: int) -> InProcess:
    """Time ``job`` (warm-up, then ``runs`` runs), then trace its memory in a run of its own."""
    _check_count(job.__name__, len(job(text)), count)  # the warm-up
    seconds = timed_runs(lambda: job(text), runs)
    peak, _ = peak_bytes(lambda: job(text))
    return InProcess(seconds, peak)


def _check_count(what: str, found: int, expected: int) -> None:
    if found != expected:
        raise AssertionError(f"{what}: {found:,} results for {expected:,} numbers")


# --- whole command ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Command(Timed):
    peak_rss_kib: int  # the highest of all runs


def measure_command(argv: Sequence[str], output: Path, runs: int) -> Command:
    """Run ``argv`` once to warm up, then ``runs`` times; its standard output goes to ``output``."""
    seconds, peaks = [], []
    for run in range(runs + 1):
        report = in_fresh_process("benchmarks.measure:command_usage", str(output), *argv)
        if report["returncode"] != 0:
            raise RuntimeError(f"{' '.join(argv)} exited with {report['returncode']}: {report['stderr']}")
        if run:  # run 0 is the warm-up
            seconds.append(report["seconds"])
            peaks.append(report["max_rss_kib"])
    return Command(tuple(seconds), max(peaks))


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
            ratio(baseline.best, engine.best),
        ),
        ("in-process total s", f"{engine.best:.3f}", f"{baseline.best:.3f}", ""),
        ("in-process peak MiB", f"{engine.peak_bytes / MIB:.1f}", f"{baseline.peak_bytes / MIB:.1f}", ""),
        (
            "command wall s",
            f"{engine_command.median:.3f}",
            f"{baseline_command.median:.3f}",
            ratio(baseline_command.median, engine_command.median),
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
    lines += table(rows, 24)
    lines.append(goals_line(goals))
    lines.append("")
    lines.append(
        f"method: in-process best of {settings.in_process_runs} after 1 warm-up, peak by tracemalloc in "
        f"a separate run; command median of {settings.command_runs} after 1 warm-up, peak RSS by wait4"
    )
    lines.append(
        runs_line(
            (
                ("engine in-process", engine.seconds),
                ("baseline in-process", baseline.seconds),
                ("engine command", engine_command.seconds),
                ("baseline command", baseline_command.seconds),
            )
        )
    )
    lines.append(_agreement_line(agreement))
    lines.append(environment("phonenumbers"))
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
    return print_report(run(_settings(argv)))


if __name__ == "__main__":
    sys.exit(main())
