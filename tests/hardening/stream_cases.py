"""Hardening cases for standard output and signals: each needs a process of its own.

A closed stdout, a full one (`> /dev/full`), a reader that went away (`| head -c1`) and SIGTERM
during a render cannot happen to the in-process `main()`; these cases run `python -m aiexp` with
the condition set up (`stream_runners`). They are gathered into `cases.CASES` by one line at the
end of `cases.py`: import them from there, not from here (this module imports `cases`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.hardening.cases import OUTPUT, Case, _sample
from tests.hardening.stream_runners import stdout_to, terminated
from tests.workbook_edit import SAMPLES


def _validate_sample(folder: Path) -> list[str]:
    _sample(folder)
    return ["validate", "consortium.xlsx"]


def _validate_broken(folder: Path) -> list[str]:
    # The shipped broken sample: the anchor's ultimate parent is German (II.2), so exit 1.
    shutil.copytree(SAMPLES / "broken" / "foreign-anchor", folder, dirs_exist_ok=True)
    return ["validate", "consortium.xlsx"]


def _content_json(folder: Path) -> list[str]:
    _sample(folder)
    return ["content-calc", "bom.csv", "--json"]


def _render(folder: Path) -> list[str]:
    _sample(folder)
    return ["render", "consortium.xlsx", "--out", "p.docx", "--draft", "--date", "2026-05-01"]


STREAM_CASES: tuple[Case, ...] = (
    Case(
        "stdout-full",
        OUTPUT,
        "stdout is full (`> /dev/full`)",
        "validate",
        _validate_sample,
        (2,),
        "cannot write the report to standard output: No space left on device",
        needs_sample=True,
        runner=stdout_to("full"),
    ),
    Case(
        "stdout-closed",
        OUTPUT,
        "stdout is closed (`>&-`)",
        "validate",
        _validate_sample,
        (2,),
        "cannot write the report to standard output: it is closed",
        needs_sample=True,
        runner=stdout_to("closed"),
    ),
    Case(
        "stdout-gone",
        OUTPUT,
        "the reader went away (`head -c1` closed the pipe) from a valid report: still exit 0",
        "validate",
        _validate_sample,
        (0,),
        needs_sample=True,
        runner=stdout_to("gone"),
    ),
    Case(
        "stdout-gone-findings",
        OUTPUT,
        "the reader went away from a report with errors: still exit 1 (findings)",
        "validate",
        _validate_broken,
        (1,),
        needs_sample=True,
        runner=stdout_to("gone"),
    ),
    Case(
        "stdout-gone-json",
        OUTPUT,
        "the reader went away from content-calc's streamed JSON: the threshold's exit code",
        "content-calc",
        _content_json,
        (0,),
        needs_sample=True,
        runner=stdout_to("gone"),
    ),
    Case(
        "sigterm-render",
        OUTPUT,
        "SIGTERM (`kill`) while render runs: exit 143, no file and no temporary file left",
        "render",
        _render,
        (143,),
        needs_sample=True,
        runner=terminated,
    ),
)
