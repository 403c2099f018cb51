"""Run the CLI as the user does: the real `main()` (in-process, fast) or `python -m aiexp`."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Run:
    """What a run of the CLI showed: exit code, stdout and stderr."""

    exit_code: int
    stdout: str
    stderr: str


def run_main(args: list[str], *, debug: bool = False, cwd: Path | None = None) -> Run:
    """Call `aiexp.cli.main()` with `sys.argv` patched, capturing output and the exit code."""
    from aiexp.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with (
        pytest.MonkeyPatch.context() as patch,
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        patch.setattr(sys, "argv", ["aiexp", *args])
        patch.setenv("COLUMNS", "200")
        patch.setenv("NO_COLOR", "1")
        if debug:
            patch.setenv("AIEXP_DEBUG", "1")
        else:
            patch.delenv("AIEXP_DEBUG", raising=False)
        if cwd is not None:
            patch.chdir(cwd)
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Run(code, out.getvalue(), err.getvalue())


def run_process(
    args: list[str], *, debug: bool = False, cwd: Path | None = None, timeout: float = 60
) -> Run:
    """Run `python -m aiexp` in a subprocess, as the user's shell would."""
    env = {k: v for k, v in os.environ.items() if k != "AIEXP_DEBUG"}
    env.update({"COLUMNS": "200", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    if debug:
        env["AIEXP_DEBUG"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "aiexp", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def digests(folder: Path) -> dict[str, str]:
    """sha256 of every file under a folder, by relative path: to prove inputs are unchanged."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
