"""Standard output and signals, beyond the catalogue's cases (stream_cases.py).

- A reader that leaves in the middle of a long report: no noise, the command's own exit code.
- A full stdout for help and JSON: one line, exit 2.
- SIGTERM in the middle of writing the .docx: the temporary files are removed, exit 143.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from aiexp.cli.run import EXIT_TERMINATED, TERMINATED
from tests.content.bomfiles import line, write_csv
from tests.hardening.runner import run_main
from tests.hardening.stream_runners import stdout_to
from tests.workbook_edit import copy_sample

FULL = "aiexp: error: cannot write the report to standard output: No space left on device"


def _large_bom(folder: Path) -> Path:
    """A BOM whose --json report is far larger than a pipe's buffer (its undeclared ids)."""
    lines = [line(f"UNDECLARED-LINE-{n:06d}", "1") for n in range(20_000)]
    return write_csv(folder / "bom.csv", [line("A", "1000000", us_content_pct=100), *lines])


def test_reader_leaves_mid_report(tmp_path: Path) -> None:
    """`aiexp content-calc big.csv --json | head -c1`: exit 0 (met), nothing on stderr."""
    _large_bom(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "AIEXP_DEBUG"}
    process = subprocess.Popen(
        [sys.executable, "-m", "aiexp", "content-calc", "bom.csv", "--json"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    with process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.read(1) == b"{"
        process.stdout.close()
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=120) == 0, stderr
    assert stderr == ""


@pytest.mark.parametrize(
    "args", [["--help"], ["validate", "--help"], ["schema"], ["content-calc", "bom.csv", "--json"]]
)
def test_full_stdout(args: list[str], tmp_path: Path) -> None:
    """Help, the schema and streamed JSON into /dev/full: one line and exit 2."""
    write_csv(tmp_path / "bom.csv", [line("A", "10", us_content_pct=100)])
    run = stdout_to("full")(args, cwd=tmp_path)
    assert (run.exit_code, run.stderr) == (2, FULL + "\n")


def test_below_threshold_keeps_exit_1_when_the_reader_is_gone(tmp_path: Path) -> None:
    """1 still means "below the threshold" when nobody reads the report."""
    write_csv(tmp_path / "bom.csv", [line("A", "10", us_content_pct=10)])
    run = stdout_to("gone")(["content-calc", "bom.csv"], cwd=tmp_path)
    assert (run.exit_code, run.stderr) == (1, "")


def test_sigterm_while_the_docx_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real SIGTERM arrives inside the atomic write: no file, no temporary file, exit 143."""
    copy_sample(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    previous = signal.getsignal(signal.SIGTERM)

    def terminated(fd: int) -> None:
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(os, "fsync", terminated)
    run = run_main(
        ["render", "consortium.xlsx", "--out", "p.docx", "--draft", "--date", "2026-05-01"],
        cwd=tmp_path,
    )
    assert (run.exit_code, run.stderr) == (EXIT_TERMINATED, TERMINATED + "\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert signal.getsignal(signal.SIGTERM) is previous  # main() put the old handler back


def test_sigterm_as_the_handler_is_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A SIGTERM already pending runs the handler inside `signal.signal` itself (a race the
    catalogue's `sigterm-render` once hit under load): still one line and exit 143."""
    copy_sample(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    real = signal.signal

    def install_then_signal(signum: int, handler: object) -> object:
        previous = real(signum, handler)  # type: ignore[arg-type]
        if signum == signal.SIGTERM and callable(handler):
            monkeypatch.setattr(signal, "signal", real)
            os.kill(os.getpid(), signal.SIGTERM)  # the handler runs before this returns
        return previous

    monkeypatch.setattr(signal, "signal", install_then_signal)
    run = run_main(
        ["render", "consortium.xlsx", "--out", "p.docx", "--draft", "--date", "2026-05-01"],
        cwd=tmp_path,
    )
    assert (run.exit_code, run.stderr) == (EXIT_TERMINATED, TERMINATED + "\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", "missing.xlsx"], 2),  # the error line itself cannot be written
        (["content-calc", "bom.csv"], 1),
        (["content-calc", "bom.csv", "--threshold", "5"], 0),
    ],
)
def test_stdout_and_stderr_both_gone(args: list[str], code: int, tmp_path: Path) -> None:
    """`aiexp … 2>&1 | head -c0`: nobody reads either stream; the exit code keeps its meaning."""
    write_csv(tmp_path / "bom.csv", [line("A", "10", us_content_pct=10)])
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "aiexp", *args],
            cwd=tmp_path,
            stdout=write_end,
            stderr=write_end,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.returncode == code
