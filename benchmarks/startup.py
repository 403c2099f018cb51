"""Benchmark what a user feels first: `aiexp --help`, and `aiexp content-calc` on 100,000 lines.

Usage: `python benchmarks/startup.py [--runs N]` (run by `make bench`). Prints the median wall
time of N runs of `aiexp --help` as a whole process, next to a bare `python -c pass`, and the
wall time and peak memory of `aiexp content-calc` on a 100,000-line BOM written by
`benchmarks/content_calc.py`. Targets: `--help` under 0.5 s; the 100,000-line BOM under 5 s.
Exit 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# A sibling script, not a package: found through the path set above.
from content_calc import RATES, write_bom

HELP_TARGET_S = 0.5
BOM_TARGET_S = 5.0


def median_wall(command: list[str], runs: int) -> float:
    """The median wall time of `runs` runs of a command, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    """Time both, print the figures; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    bare = median_wall([sys.executable, "-c", "pass"], args.runs)
    help_time = median_wall([sys.executable, "-m", "aiexp", "--help"], args.runs)
    print(f"python -c pass:      {bare:5.3f} s (median of {args.runs})")
    print(f"aiexp --help:        {help_time:5.3f} s (median of {args.runs})")
    with tempfile.TemporaryDirectory() as tmp:
        bom = Path(tmp) / "bom.csv"
        write_bom(bom, 100_000)
        command = [sys.executable, "-m", "aiexp", "content-calc", str(bom), "--json"]
        for code, value in RATES.items():
            if code != "USD":
                command += ["--rate", f"{code}={value}"]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        bom_time = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"content-calc 100k:   {bom_time:5.3f} s, peak {peak:.1f} MiB (exit {done.returncode})")
    ok = help_time <= HELP_TARGET_S and bom_time <= BOM_TARGET_S and done.returncode in (0, 1)
    print(
        f"targets (--help <= {HELP_TARGET_S} s, 100k lines <= {BOM_TARGET_S} s):",
        "met" if ok else "MISSED",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
