"""Run `python -m aiexp` the way a shell would, for what the in-process main() cannot have.

A closed stdout (`>&-`), a full one (`> /dev/full`), a pipe whose reader has gone, and SIGTERM
sent once the process is inside aiexp's main().
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.hardening.runner import Run

#: A process reached aiexp's main() once SIGTERM is caught (Linux: SigCgt in /proc/PID/status).
SIGTERM_BIT = 1 << (signal.SIGTERM - 1)


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "AIEXP_DEBUG"}
    env.update({"COLUMNS": "200", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    return env


def _command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "aiexp", *args]


def _finish(process: subprocess.Popen[bytes]) -> Run:
    _, err = process.communicate(timeout=120)
    return Run(process.returncode, "", err.decode("utf-8"))


def stdout_to(kind: str) -> Callable[..., Run]:
    """A runner whose stdout is `full` (/dev/full), `closed` (`>&-`) or `gone` (no reader)."""

    def run(args: list[str], *, cwd: Path) -> Run:
        command, stdout, to_close = _command(args), None, None
        if kind == "full":
            stdout = to_close = os.open("/dev/full", os.O_WRONLY)
        elif kind == "closed":
            command = ["sh", "-c", 'exec "$@" >&-', "sh", *command]
        else:  # gone: the read end is closed before aiexp writes a byte, as `| head -c0` would
            read_end, stdout = os.pipe()
            os.close(read_end)
            to_close = stdout
        try:
            process = subprocess.Popen(
                command, stdout=stdout, stderr=subprocess.PIPE, cwd=cwd, env=_environment()
            )
        finally:
            if to_close is not None:
                os.close(to_close)
        return _finish(process)

    return run


def _catches_sigterm(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return False
    for line in status.splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) & SIGTERM_BIT)
    return False


def terminated(args: list[str], *, cwd: Path) -> Run:
    """Run a command and send it SIGTERM once aiexp catches it (inside main(), mid-command)."""
    process = subprocess.Popen(
        _command(args),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=_environment(),
    )
    deadline = time.monotonic() + 60
    if Path("/proc/self/status").is_file():
        while not _catches_sigterm(process.pid) and process.poll() is None:
            if time.monotonic() > deadline:
                break
            time.sleep(0.002)
    else:  # no /proc: give it time to be inside main()
        time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    return _finish(process)
