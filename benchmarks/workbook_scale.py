"""Benchmark the workbook commands as the workbook grows (run by `make bench`; issue 16).

It writes, with the `init` template's writer, the sample consortium with

- a BOM sheet of 6,250 / 12,500 / 25,000 lines ("bom"), and
- 500 members and 2,500 providers, 1,000 and 5,000, 2,000 and 10,000 ("members"), with, for
  reference, 2,000 members alone and 10,000 providers alone,

then measures, for this checkout and — side by side, in turn — another one given with
`--before` (main, or the commit before a change): `read_workbook` alone (CPU time, the best of
`--runs` reads in one process after one to warm up), and the whole `aiexp validate --json` and
(for the BOM series) `aiexp render --out … --force` as processes (CPU time, the fastest of
`--runs`). Each figure is printed with the command that reproduces it, with the ratio of each
doubling. Targets (issue 16): each doubling costs at most 2.2x the time; the 25,000-line
workbook validates in at most 2 s and renders in at most 4 s, 2,000 members x 10,000 providers
validate in at most 4 s, and read_workbook reads 25,000 lines in at most 1 s. Exit 1 if a
target is missed. Usage: `python benchmarks/workbook_scale.py [--runs N] [--before CHECKOUT]
[--keep DIR] [--only bom|members] [--no-commands]`.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# A sibling script, not a package: found through the path set above.
from content_calc import DESCRIPTIONS, RATES, SUPPLIERS
from measure import Checkout, best, checkouts, ratio_line

from aiexp.model import BomLine, Consortium, Member, Provider, ProviderType, Role
from aiexp.workbook.reader import read_workbook
from aiexp.workbook.template import write_workbook

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "consortium.xlsx"
READ_TARGET_S = 1.0  # CPU seconds to read the 25,000-line workbook
VALIDATE_TARGET_S = 2.0  # the 25,000-line workbook, whole process
RENDER_TARGET_S = 4.0
MEMBERS_TARGET_S = 4.0  # validate 2,000 members x 10,000 providers
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
    """The sample with `members` more members and `providers` more providers (half members,
    when there are members to name; else every one a vendor)."""
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
        own = number % 2 == 0 and members > 0
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
# up), importing aiexp from the checkout on PYTHONPATH.
_CHILD = """
import sys, time
from aiexp.workbook.reader import read_workbook
read_workbook(sys.argv[1])
best = float("inf")
for _ in range(int(sys.argv[2])):
    started = time.process_time()
    read_workbook(sys.argv[1])
    best = min(best, time.process_time() - started)
print(best)
"""


def read_cpu(path: Path, runs: int, tree: Checkout) -> float:
    """The best CPU time of `runs` calls of read_workbook(path), aiexp imported from `tree`."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path.resolve()), str(runs)],
        capture_output=True,
        text=True,
        check=False,
        env=tree.env(),
        # `python -c` puts the current folder first on sys.path: run in the tree, or the
        # folder the benchmark was started from (this checkout) is imported for both.
        cwd=tree.root,
    )
    if done.returncode != 0:
        raise SystemExit(f"reading {path.name} with {tree.root} failed: {done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


# (name, build, commands): each series' workbooks, and whether each is rendered too.
Build = Callable[[Consortium], Consortium]
SERIES: dict[str, list[tuple[str, Build, bool]]] = {
    "bom": [
        (f"BOM {n:,} lines", lambda base, n=n: with_bom(base, n), True)
        for n in (6_250, 12_500, 25_000)
    ],
    "members": [
        (f"{m:,} members x {p:,} providers", lambda base, m=m, p=p: with_members(base, m, p), False)
        for m, p in ((500, 2_500), (1_000, 5_000), (2_000, 10_000))
    ],
}
# For reference beside the members series: each half alone (not part of the doubling).
REFERENCES: list[tuple[str, Build]] = [
    ("2,000 members alone", lambda base: with_members(base, 2_000, 0)),
    ("10,000 providers alone", lambda base: with_members(base, 0, 10_000)),
]


class Report:
    """The figures of one run, the targets met or missed."""

    def __init__(self, trees: list[Checkout], runs: int) -> None:
        self.trees = trees
        self.runs = runs
        self.ok = True
        self.missed: list[str] = []

    def check(self, met: bool, what: str) -> None:
        """Record a target."""
        if not met:
            self.ok = False
            self.missed.append(what)

    def command(self, what: str, args: list[str]) -> dict[str, float]:
        """`aiexp ARGS` for each tree, the fastest of `runs`; prints the figures."""
        found = best(self.runs, {tree.name: (lambda t=tree: t.run(*args)) for tree in self.trees})
        after = found["after"].cpu
        before = found["before"].cpu if "before" in found else None
        shown = self.trees[0].shown(*args)
        print(f"    {what:<9} {after:7.2f} s CPU{ratio_line(after, before)}   $ {shown}")
        return {name: measured.cpu for name, measured in found.items()}


def run_series(report: Report, base: Consortium, folder: Path, series: str, commands: bool) -> None:
    """One series: each workbook read, validated and (BOM) rendered; doublings checked."""
    previous: dict[str, float] = {}
    builds = SERIES[series]
    for index, (name, build, render) in enumerate(builds):
        path = folder / f"{series}-{index}.xlsx"
        if not path.exists():
            write_workbook(path, build(base))
        print(f"{name} ({path}):", flush=True)
        figures = {"read": read_cpu(path, report.runs, report.trees[0])}
        before = read_cpu(path, report.runs, report.trees[1]) if len(report.trees) > 1 else None
        print(
            f"    {'read':<9} {figures['read']:7.2f} s CPU{ratio_line(figures['read'], before)}"
            "   (read_workbook in one process, the best of --runs)"
        )
        if commands:
            figures["validate"] = report.command("validate", ["validate", str(path), "--json"])[
                "after"
            ]
            if render:
                out = folder / f"{series}-{index}.docx"
                args = ["render", str(path), "--out", str(out), "--force"]
                figures["render"] = report.command("render", args)["after"]
        for what, seconds in figures.items():
            if what in previous:
                ratio = seconds / previous[what]
                print(f"    {what} doubling: {ratio:.2f}x the previous")
                report.check(ratio <= DOUBLING_TARGET, f"{name}: {what} doubling {ratio:.2f}x")
        previous = figures
        last = index == len(builds) - 1
        if series == "bom" and last:
            report.check(figures["read"] <= READ_TARGET_S, f"read 25,000 lines > {READ_TARGET_S} s")
            if commands:
                report.check(
                    figures["validate"] <= VALIDATE_TARGET_S,
                    f"validate 25,000 lines > {VALIDATE_TARGET_S} s",
                )
                report.check(
                    figures["render"] <= RENDER_TARGET_S,
                    f"render 25,000 lines > {RENDER_TARGET_S} s",
                )
        if series == "members" and last and commands:
            report.check(
                figures["validate"] <= MEMBERS_TARGET_S,
                f"validate 2,000 x 10,000 > {MEMBERS_TARGET_S} s",
            )
    if series == "members" and commands:
        for number, (name, build) in enumerate(REFERENCES):
            path = folder / f"reference-{number}.xlsx"
            if not path.exists():
                write_workbook(path, build(base))
            print(f"{name} (for reference; {path}):", flush=True)
            report.command("validate", ["validate", str(path), "--json"])


def main() -> int:
    """Write the workbooks, time the reader and the commands, print figures; exit 1 on a miss."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another checkout to time side by side")
    parser.add_argument("--keep", type=Path, help="write the workbooks here, not in a temp folder")
    parser.add_argument("--only", choices=sorted(SERIES), help="one series only")
    parser.add_argument(
        "--no-commands", action="store_true", help="time read_workbook only (not the commands)"
    )
    args = parser.parse_args()
    trees = checkouts(args.before)
    report = Report(trees, args.runs)
    base = sample()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for series in SERIES:
            if args.only and series != args.only:
                continue
            run_series(report, base, folder, series, not args.no_commands)
    print(
        f"targets (each doubling <= {DOUBLING_TARGET}x; 25,000 lines: read <= {READ_TARGET_S} s, "
        f"validate <= {VALIDATE_TARGET_S} s, render <= {RENDER_TARGET_S} s; 2,000 x 10,000 "
        f"validate <= {MEMBERS_TARGET_S} s):",
        "met" if report.ok else "MISSED: " + "; ".join(report.missed),
    )
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
