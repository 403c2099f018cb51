"""Run one command and report its own CPU time and peak memory (used by benchmarks/measure.py).

Usage: `python benchmarks/spawn.py OUT ERR COMMAND...` — runs COMMAND with its stdout in OUT and
its stderr in ERR, then prints `{"cpu": …, "peak_kib": …, "code": …}` on stdout.

Why a process of its own: on Linux a child's peak memory (`ru_maxrss`) starts at the peak of the
process it was started from (at `exec` the kernel keeps the larger of the old and new memory's
peaks), so a command started from a benchmark that has grown would show the benchmark's peak
instead of its own. This small, fresh process starts every command instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys


def main() -> int:
    """Run the command, wait for it, print its figures."""
    out, err, *command = sys.argv[1:]
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        child = subprocess.Popen(command, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
    print(
        json.dumps(
            {
                "cpu": usage.ru_utime + usage.ru_stime,
                "peak_kib": usage.ru_maxrss,
                "code": os.waitstatus_to_exitcode(status),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
