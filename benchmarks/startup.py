"""Benchmark what a user feels first: `aiexp --help`, and `aiexp content-calc` on 100,000 lines.

Usage: `python benchmarks/startup.py [--runs N]` (run by `make bench`).

- Start-up: the CPU time (user + system) of whole processes, median of N runs, measured side
  by side in one run so that the ratio, not the absolute time, is what counts on a shared
  machine: `python -c "import typer"` (the floor any typer CLI pays), `aiexp --help`, and each
  command's `aiexp COMMAND --help`. Target: `aiexp --help` at most 1.6× the typer floor
  (issue 16), and no command's help above 1.6× either.
- Work: the wall time and peak memory of `aiexp content-calc` on a 100,000-line BOM written by
  `benchmarks/content_calc.py`. Target: under 5 s.

Exit 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# A sibling script, not a package: found through the path set above.
from content_calc import RATES, write_bom

HELP_RATIO_TARGET = 1.6
BOM_TARGET_S = 5.0
# Every command's help is timed too (the list `aiexp --help` shows).
COMMANDS = ("init", "validate", "content-calc", "render", "checklist", "diff", "schema")


def aiexp_command() -> list[str]:
    """The console script beside this Python (what a user runs), else `python -m aiexp`."""
    script = Path(sys.executable).with_name("aiexp")
    if script.is_file():
        return [str(script)]
    found = shutil.which("aiexp")
    return [found] if found else [sys.executable, "-m", "aiexp"]


def cpu_time(command: list[str]) -> float:
    """The CPU time (user + system) of one whole process, in seconds; it must exit 0."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}")
    return usage.ru_utime + usage.ru_stime


def median_cpu(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """The median CPU time of each command over `runs` rounds, the commands interleaved.

    Interleaving spreads the other load on the machine evenly over every command.
    """
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(cpu_time(command))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    """Time start-up and a 100,000-line BOM, print the figures; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    aiexp = aiexp_command()
    floor = "python -c 'import typer'"
    commands = {floor: [sys.executable, "-c", "import typer"], "aiexp --help": [*aiexp, "--help"]}
    commands |= {f"aiexp {name} --help": [*aiexp, name, "--help"] for name in COMMANDS}
    medians = median_cpu(commands, args.runs)
    base = medians[floor]
    print(f"start-up, CPU time (user + system), median of {args.runs} runs, ratio to the floor:")
    for name, value in medians.items():
        print(f"  {name:<32} {value * 1000:6.1f} ms  {value / base:4.2f}×")
    worst = max(value for name, value in medians.items() if name != floor) / base
    help_ok = worst <= HELP_RATIO_TARGET
    with tempfile.TemporaryDirectory() as tmp:
        bom = Path(tmp) / "bom.csv"
        write_bom(bom, 100_000)
        command = [*aiexp, "content-calc", str(bom), "--json"]
        for code, value in RATES.items():
            if code != "USD":
                command += ["--rate", f"{code}={value}"]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        bom_time = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"content-calc 100k lines: {bom_time:5.3f} s wall, peak {peak:.1f} MiB "
        f"(exit {done.returncode})"
    )
    ok = help_ok and bom_time <= BOM_TARGET_S and done.returncode in (0, 1)
    print(
        f"targets (every --help <= {HELP_RATIO_TARGET}× the floor: {worst:.2f}×; "
        f"100k lines <= {BOM_TARGET_S} s):",
        "met" if ok else "MISSED",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
