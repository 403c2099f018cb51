"""Benchmark reading the consortium workbook as it grows (run by `make bench`).

It writes, with the `init` template's writer, the sample consortium with

- a BOM sheet of 6,250 / 12,500 / 25,000 lines, and
- 1,000 members and 5,000 providers; 2,000 members and 10,000 providers,

then times `read_workbook` alone (CPU time, the best of `--runs` reads in a fresh process
after one to warm up), side by side with another checkout given with `--before` (main, say),
and with `--validate` the whole `aiexp validate --json` as a process. It prints each figure,
the ratio of each doubling, and checks the reader's targets: each doubling costs at most 2.2x,
and the 25,000-line workbook is read in under 1 s of CPU. Exit 1 if a target is missed.
Usage: `python benchmarks/workbook_scale.py [--runs N] [--before CHECKOUT] [--validate]
[--keep DIR] [--only bom|members]`.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# A sibling script, not a package: found through the path set above.
from content_calc import DESCRIPTIONS, RATES, SUPPLIERS

from aiexp.model import BomLine, Consortium, Member, Provider, ProviderType, Role
from aiexp.workbook.reader import read_workbook
from aiexp.workbook.template import write_workbook

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "consortium.xlsx"
READ_TARGET_S = 1.0  # CPU seconds to read the 25,000-line workbook
DOUBLING_TARGET = 2.2


def sample() -> Consortium:
    """The sample consortium, read once."""
    return read_workbook(SAMPLE).consortium


def bom_lines(count: int, seed: int = 2026) -> list[BomLine]:
    """`count` BOM lines like the content-calc benchmark's: every column, four currencies."""
    rng = random.Random(seed)
    currencies = list(RATES)
    lines = []
    for number in range(1, count + 1):
        supplier, country, place, controlled, origin = rng.choice(SUPPLIERS)
        roll = rng.random()
        unit = Decimal(f"{rng.randint(1, 250_000)}.{rng.randint(0, 99):02d}")
        pct = non_us = None
        if roll < 0.6:
            pct = Decimal(rng.randint(0, 100)) if roll < 0.4 else Decimal(f"{rng.randint(0, 99)}.5")
        elif roll < 0.9:
            non_us = (unit * rng.randint(0, 100) / 100).quantize(Decimal("0.01"))
        lines.append(
            BomLine(
                line_id=f"L{number:07d}",
                description=rng.choice(DESCRIPTIONS),
                kind="good" if roll < 0.95 else "service",
                supplier=supplier,
                supplier_country="US" if country in ("United States",) else country,
                supplier_principal_place_of_business="US" if place == "USA" else place,
                supplier_coc_controlled=controlled == "yes",
                origin_country=origin,
                quantity=Decimal(rng.choice((1, 1, 1, 2, 4, 8, 16))),
                unit_value=unit,
                currency=currencies[number % 4],
                us_content_pct=pct,
                non_us_unit_value=non_us,
            )
        )
    return lines


def with_bom(base: Consortium, count: int) -> Consortium:
    """The sample with a BOM sheet of `count` lines."""
    return base.model_copy(update={"bom": bom_lines(count)})


def with_members(base: Consortium, members: int, providers: int, seed: int = 2026) -> Consortium:
    """The sample with `members` more members and `providers` more providers (half members)."""
    rng = random.Random(seed)
    countries = ["US", "DE", "JP", "GB", "FR", "KR", "SG", "CA", "IN", "AE"]
    extra = [
        Member(
            name=f"Member {number:05d} Holdings, Inc.",
            role=Role.MEMBER,
            layers=[rng.randint(1, 5)],
            country_of_incorporation=rng.choice(countries),
            principal_place_of_business=rng.choice(countries),
            coc_ownership_pct=Decimal(rng.randint(0, 20)),
            us_ownership_pct=Decimal(rng.randint(0, 100)),
            description="A member added by the benchmark.",
        )
        for number in range(1, members + 1)
    ]
    rows = []
    for number in range(1, providers + 1):
        own = number % 2 == 0
        rows.append(
            Provider(
                layer=rng.randint(1, 5),
                provider=extra[number % members].name if own else f"Vendor {number:05d} Ltd",
                provider_type=ProviderType.MEMBER if own else ProviderType.LOCAL_PARTNER,
                country=rng.choice(countries),
                principal_place_of_business=rng.choice(countries),
                value=Decimal(rng.randint(1_000, 5_000_000)),
                description="A provider added by the benchmark.",
            )
        )
    return base.model_copy(
        update={"members": [*base.members, *extra], "providers": [*base.providers, *rows]}
    )


# Times `read_workbook` in a fresh process (the best CPU time of `runs` reads after one to warm
# up), importing aiexp from `root`: this checkout, or another one given with --before.
_CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from aiexp.workbook.reader import read_workbook
read_workbook(sys.argv[2])
best = float("inf")
for _ in range(int(sys.argv[3])):
    started = time.process_time()
    read_workbook(sys.argv[2])
    best = min(best, time.process_time() - started)
print(best)
"""
ROOT = Path(__file__).resolve().parent.parent


def read_cpu(path: Path, runs: int, root: Path = ROOT) -> float:
    """The best CPU time of `runs` calls of read_workbook(path), aiexp imported from `root`."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(root), str(path), str(runs)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"reading {path.name} with {root} failed: {done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def validate_cpu(path: Path) -> float:
    """CPU time of a whole `aiexp validate --json` process (children's rusage)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "aiexp", "validate", str(path), "--json"],
        capture_output=True,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"validate {path.name} exited {done.returncode}: {done.stderr!r}")
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


SERIES: dict[str, list[tuple[str, Callable[[Consortium], Consortium]]]] = {
    "bom": [
        (f"BOM {n:,} lines", lambda base, n=n: with_bom(base, n)) for n in (6_250, 12_500, 25_000)
    ],
    "members": [
        (f"{m:,} members x {p:,} providers", lambda base, m=m, p=p: with_members(base, m, p))
        for m, p in ((500, 2_500), (1_000, 5_000), (2_000, 10_000))
    ],
}


def main() -> int:
    """Write the workbooks, time the reader (and validate), print figures; exit 1 on a miss."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--validate", action="store_true", help="also time `aiexp validate`")
    parser.add_argument("--before", type=Path, help="another checkout to time side by side")
    parser.add_argument("--keep", type=Path, help="write the workbooks here, not in a temp folder")
    parser.add_argument("--only", choices=sorted(SERIES), help="one series only")
    args = parser.parse_args()
    base = sample()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for series, builds in SERIES.items():
            if args.only and series != args.only:
                continue
            previous = None
            for index, (name, build) in enumerate(builds):
                path = folder / f"{series}-{index}.xlsx"
                if not path.exists():
                    write_workbook(path, build(base))
                seconds = read_cpu(path, args.runs)
                line = f"{name:>32}: read_workbook {seconds:6.2f} s CPU"
                if previous:
                    ratio = seconds / previous
                    ok = ok and ratio <= DOUBLING_TARGET
                    line += f" ({ratio:.2f}x the previous)"
                previous = seconds
                if args.before:
                    then = read_cpu(path, args.runs, args.before)
                    line += f"; before {then:6.2f} s ({then / seconds:.1f}x)"
                if args.validate:
                    line += f"; validate (process) {validate_cpu(path):6.2f} s CPU"
                print(line, flush=True)
                if series == "bom" and index == len(builds) - 1:
                    ok = ok and seconds <= READ_TARGET_S
    print(
        f"targets (each doubling <= {DOUBLING_TARGET}x; 25,000 lines read in "
        f"<= {READ_TARGET_S} s CPU):",
        "met" if ok else "MISSED",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
