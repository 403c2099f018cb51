"""Benchmark what a user feels first: start-up, the sample, a small BOM (run by `make bench`).

Usage: `python benchmarks/startup.py [--runs N] [--before CHECKOUT]`.

Every figure is the CPU time (user + system) of whole processes, the fastest of N runs, the
commands run in turn (so the load of a shared machine falls on each alike), for this checkout
and — with `--before` — another one side by side (benchmarks/measure.py). Figures of issue 16:

- `python -c "import typer"` (the floor any typer CLI pays), `aiexp --help` and each command's
  `aiexp COMMAND --help`. Target: at most 1.6x the floor, every one of them.
- `aiexp validate` and `aiexp render` of the sample workbook. Targets: at most 0.5 s and 1.0 s.
- `aiexp content-calc` of a 10-line BOM (CPU and peak memory) beside the bare exact-Decimal loop
  of benchmarks/content_calc.py run as a process on the same file: the fixed cost of a command.
- `aiexp content-calc` of a 100,000-line BOM: under 5 s of wall time.

Exit 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Sibling scripts, not a package: found through the path set above.
from content_calc import rate_options, write_bom
from measure import ROOT, Checkout, Measured, best, checkouts, measure, ratio_line

HELP_RATIO_TARGET = 1.6
SAMPLE_VALIDATE_S = 0.5
SAMPLE_RENDER_S = 1.0
BOM_TARGET_S = 5.0
# Every command's help is timed too (the list `aiexp --help` shows).
COMMANDS = ("init", "validate", "content-calc", "render", "checklist", "diff", "schema", "screen")
SAMPLE = ROOT / "samples" / "consortium.xlsx"


def figures(trees: list[Checkout], runs: int, jobs: dict[str, list[str]]) -> dict[str, Measured]:
    """`aiexp ARGS` of each job for each tree (`after:NAME`, `before:NAME`), the fastest runs.

    A command the before tree does not have yet (`screen` before issue 15) has no before figure.
    """
    work = {
        f"{tree.name}:{name}": (lambda t=tree, a=args: t.run(*a))
        for name, args in jobs.items()
        for tree in trees
        if tree is trees[0] or tree.run(*args, ok=(0, 1, 2)).code != 2
    }
    return best(runs, work)


def show(found: dict[str, Measured], name: str, trees: list[Checkout], args: list[str]) -> float:
    """Print one figure (and its before); the after CPU time."""
    after = found[f"after:{name}"].cpu
    before = found[f"before:{name}"].cpu if f"before:{name}" in found else None
    print(f"  {name:<26} {after:6.3f} s{ratio_line(after, before)}   $ {trees[0].shown(*args)}")
    return after


def main() -> int:
    """Time start-up, the sample and small BOMs; print the figures; exit 1 on a missed target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", type=Path, help="another checkout to time side by side")
    args = parser.parse_args()
    trees = checkouts(args.before)
    ok = True
    missed: list[str] = []

    floor = best(args.runs, {"typer": lambda: measure([sys.executable, "-c", "import typer"])})
    base = floor["typer"].cpu
    helps = {"--help": ["--help"]} | {f"{name} --help": [name, "--help"] for name in COMMANDS}
    found = figures(trees, args.runs, helps)
    print(f"start-up, CPU s, the fastest of {args.runs}; the floor `python -c 'import typer'`:")
    print(f"  {'import typer (the floor)':<26} {base:6.3f} s")
    worst = 0.0
    for name, command in helps.items():
        after = show(found, name, trees, command)
        worst = max(worst, after / base)
    print(f"  the slowest help is {worst:.2f}x the floor (target <= {HELP_RATIO_TARGET}x)")
    if worst > HELP_RATIO_TARGET:
        ok = False
        missed.append(f"help {worst:.2f}x the floor")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx = folder / "proposal.docx"
        sample = {
            "validate the sample": ["validate", str(SAMPLE), "--json"],
            "render the sample": ["render", str(SAMPLE), "--out", str(docx), "--force"],
        }
        # Each tree with its own sample (an older tree may not read today's columns), and a
        # render must write the document (exit 0): a refusal is not a render.
        found = best(
            args.runs,
            {
                f"{tree.name}:{name}": (
                    lambda t=tree, a=command: t.run(
                        *[
                            str(t.root / "samples" / "consortium.xlsx") if x == str(SAMPLE) else x
                            for x in a
                        ],
                        ok=(0,) if a[0] == "render" else (0, 1),
                    )
                )
                for name, command in sample.items()
                for tree in trees
            },
        )
        print("the sample workbook (samples/consortium.xlsx, with its bom.csv and rates.csv):")
        validate = show(found, "validate the sample", trees, sample["validate the sample"])
        render = show(found, "render the sample", trees, sample["render the sample"])
        for what, seconds, target in (
            ("validate", validate, SAMPLE_VALIDATE_S),
            ("render", render, SAMPLE_RENDER_S),
        ):
            if seconds > target:
                ok = False
                missed.append(f"sample {what} {seconds:.2f} s > {target} s")

        small = folder / "bom10.csv"
        write_bom(small, 10)
        small_args = ["content-calc", str(small), "--json", *rate_options()]
        found = figures(trees, args.runs, {"content-calc, 10 lines": small_args})
        bare = best(
            args.runs,
            {
                "bare": lambda: measure(
                    [
                        sys.executable,
                        str(Path(__file__).with_name("content_calc.py")),
                        "--bare",
                        str(small),
                    ]
                )
            },
        )["bare"]
        print("a 10-line BOM (the fixed cost of a command):")
        show(found, "content-calc, 10 lines", trees, small_args)
        for tree in trees:
            measured = found[f"{tree.name}:content-calc, 10 lines"]
            print(f"    {tree.name}: peak {measured.peak:.1f} MiB")
        print(
            f"  {'bare Decimal loop, process':<26} {bare.cpu:6.3f} s, peak {bare.peak:.1f} MiB"
            f"   $ python benchmarks/content_calc.py --bare {small}"
        )

        bom = folder / "bom.csv"
        write_bom(bom, 100_000)
        big_args = ["content-calc", str(bom), "--json", *rate_options()]
        measured = trees[0].run(*big_args)
        print(
            f"content-calc 100k lines: {measured.wall:5.3f} s wall, {measured.cpu:5.3f} s CPU, "
            f"peak {measured.peak:.1f} MiB (exit {measured.code}; target <= {BOM_TARGET_S} s wall)"
            f"   $ {trees[0].shown(*big_args)}"
        )
        if measured.wall > BOM_TARGET_S:
            ok = False
            missed.append(f"100k lines {measured.wall:.1f} s wall")
    print(
        f"targets (every --help <= {HELP_RATIO_TARGET}x the floor; the sample validates in <= "
        f"{SAMPLE_VALIDATE_S} s and renders in <= {SAMPLE_RENDER_S} s; 100k lines <= "
        f"{BOM_TARGET_S} s):",
        "met" if ok else "MISSED: " + "; ".join(missed),
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
