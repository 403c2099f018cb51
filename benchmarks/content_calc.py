"""Benchmark `aiexp content-calc` on a 1,000,000-line BOM in four currencies (run by `make bench`).

It writes the BOM to a temporary folder, then, in the same run, `--runs` times in turn:

- times a bare exact-Decimal `csv` loop over the file (in this process, CPU time): the sum of
  quantity × unit_value × rate, and the U.S. share (percentage or subtractive form);
- times `aiexp content-calc BOM --rate … --json` as a whole process (start-up included; CPU
  time and peak memory of that process, from `os.wait4`);
- checks that both give the same totals, and prints the ratio.

Judged on the fastest run of each (on a shared machine the slower runs mostly measure the
neighbours). Targets: at most 1.5× the bare loop's CPU time, and at most 64 MiB of peak memory.
Exit 1 if missed. Usage: `python benchmarks/content_calc.py [--lines N] [--runs N] [--keep DIR]`.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from decimal import Decimal, localcontext
from pathlib import Path

from aiexp.model import BomLine, columns

RATES = {"USD": "1", "EUR": "1.0832", "JPY": "0.0066", "GBP": "1.2714"}
# The BOM columns as the model defines them (bom.csv's header), without the confidentiality pair.
HEADER = [c.key for c in columns(BomLine) if c.key not in ("confidential", "confidential_basis")]
# Supplier, country, principal place of business, coc-controlled, origin. Two of the twenty
# (10 %) are linked to a country of concern, so every path of the report is exercised.
SUPPLIERS = [
    ("Acme Compute Inc.", "US", "US", "no", "US"),
    ("Acme Compute Inc.", "US", "US", "no", "US"),
    ("Acme Compute Inc.", "US", "US", "no", "MX"),
    ("Northstar Systems LLC", "US", "US", "no", "US"),
    ("Northstar Systems LLC", "US", "US", "no", "MX"),
    ("Cascade Memory Corp.", "US", "US", "no", "US"),
    ("Cascade Memory Corp.", "United States", "USA", "no", "US"),
    ("Lakeside Racks Inc.", "US", "US", "", "US"),
    ("Prairie Power Systems", "US", "US", "no", "US"),
    ("Rhein Optik GmbH", "DE", "DE", "no", "DE"),
    ("Rhein Optik GmbH", "DE", "DE", "no", "CZ"),
    ("Nippon Denko KK", "JP", "JP", "no", "JP"),
    ("Nippon Denko KK", "Japan", "JP", "no", "MY"),
    ("Albion Power Ltd", "GB", "GB", "no", "GB"),
    ("Taipei Board Co.", "TW", "TW", "no", "TW"),
    ("Seoul Memory Co.", "KR", "KR", "no", "KR"),
    ("Monterrey Ensambles SA", "MX", "MX", "no", "MX"),
    ("Nordic Cooling AB", "SE", "SE", "no", "SE"),
    ("Pearl River Cable Co.", "CN", "CN", "no", "CN"),
    ("Harbour Holdings Ltd", "SG", "HK", "no", "MY"),
]
DESCRIPTIONS = ["GPU server", "Network switch", "Optical transceiver", "Rack PDU", "NVMe drive"]


def write_bom(path: Path, lines: int, seed: int = 2026) -> None:
    """A realistic BOM: every column, four currencies, declared, subtractive and blank lines."""
    rng = random.Random(seed)
    currencies = list(RATES)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(1, lines + 1):
            supplier, country, place, controlled, origin = rng.choice(SUPPLIERS)
            currency = currencies[number % 4]
            unit = f"{rng.randint(1, 250_000)}.{rng.randint(0, 99):02d}"
            quantity = str(rng.choice((1, 1, 1, 2, 4, 8, 16)))
            roll = rng.random()
            pct, non_us = "", ""
            if roll < 0.6:
                pct = str(rng.randint(0, 100)) if roll < 0.4 else f"{rng.randint(0, 99)}.5"
            elif roll < 0.9:
                non_us = f"{Decimal(unit) * Decimal(rng.randint(0, 100)) / 100:.2f}"
            writer.writerow(
                [
                    f"L{number:07d}",
                    rng.choice(DESCRIPTIONS),
                    "good" if roll < 0.95 else "service",
                    supplier,
                    country,
                    place,
                    controlled,
                    origin,
                    quantity,
                    unit,
                    currency,
                    pct,
                    non_us,
                    "",
                ]
            )


def bare_loop(path: Path) -> tuple[Decimal, Decimal]:
    """The reference: exact Decimal sums over the same CSV with nothing else checked."""
    rates = {code: Decimal(value) for code, value in RATES.items()}
    total = us = Decimal(0)
    with localcontext() as ctx:
        ctx.prec = 100
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            i_qty, i_unit = header.index("quantity"), header.index("unit_value")
            i_cur, i_pct = header.index("currency"), header.index("us_content_pct")
            i_non = header.index("non_us_unit_value")
            cent = Decimal("0.01")
            for row in reader:
                qty, rate = Decimal(row[i_qty]), rates[row[i_cur]]
                line = qty * Decimal(row[i_unit]) * rate
                total += line
                if row[i_non]:
                    us += line - qty * Decimal(row[i_non]) * rate
                elif row[i_pct]:
                    us += line * Decimal(row[i_pct]) * cent
    return total, us


def _run_measured(command: list[str]) -> tuple[float, float, float, str, int]:
    """One run of `command`, its output to a temporary file, measured by os.wait4."""
    with tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        out.seek(0)
        text = out.read()
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text, code


def main() -> int:
    """Generate, time both in turn, print the figures; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the BOM here instead of a temp folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        bom = folder / "bom.csv"
        started = time.perf_counter()
        write_bom(bom, args.lines)
        size = bom.stat().st_size
        print(
            f"wrote {args.lines:,} lines ({size / 2**20:.1f} MiB) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        command = [sys.executable, "-m", "aiexp", "content-calc", str(bom), "--json"]
        for code, value in RATES.items():
            if code != "USD":
                command += ["--rate", f"{code}={value}"]
        bare_cpus, cpus, peaks = [], [], []
        for run in range(1, args.runs + 1):
            cpu_started = time.process_time()
            total, us = bare_loop(bom)
            bare_cpus.append(time.process_time() - cpu_started)
            wall, cpu, peak, out, code = _run_measured(command)
            if code not in (0, 1):
                print(f"aiexp content-calc exited {code}", file=sys.stderr)
                return 1
            cpus.append(cpu)
            peaks.append(peak)
            print(
                f"run {run}: bare Decimal csv loop {bare_cpus[-1]:6.2f} s CPU; aiexp content-calc "
                f"(process) {cpu:6.2f} s CPU, {wall:6.2f} s wall, peak {peak:5.1f} MiB "
                f"({cpu / bare_cpus[-1]:.2f}x)"
            )
        report = json.loads(out)
        bare_cpu, whole_cpu, peak_mib = min(bare_cpus), min(cpus), max(peaks)
        print(
            f"fastest: bare loop {bare_cpu:.2f} s CPU, aiexp {whole_cpu:.2f} s CPU: "
            f"{whole_cpu / bare_cpu:.2f}x; peak memory {peak_mib:.1f} MiB"
        )
        same = report["total_value"] == f"{total.quantize(Decimal('0.01')):f}"
        print(
            f"totals agree: {same} (total {report['total_value']}, U.S. {report['us_value']}, "
            f"{report['us_content_pct']} %; loop U.S. {us.quantize(Decimal('0.01'))})"
        )
        ok = same and whole_cpu <= 1.5 * bare_cpu and peak_mib <= 64
        print("targets (<= 1.5x CPU, <= 64 MiB):", "met" if ok else "MISSED")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
