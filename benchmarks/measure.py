"""What the benchmarks share: whole processes measured, and aiexp run from a chosen checkout.

- `measure(command)`: the CPU time (user + system), wall time and peak memory of one whole
  process, from `os.wait4` (so only that process counts, never the benchmark itself), taken by
  `benchmarks/spawn.py`, a small fresh process that starts the command: on Linux a child's
  peak memory starts at the peak of the process that started it, which for a benchmark that
  has grown (a large BOM written, many outputs kept) is larger than the command's own.
- `Checkout`: aiexp from a given source tree — this one ("after"), or another one given with
  `--before` (`git -C /work/main worktree add /tmp/base <commit>`) — run as `aiexp …` with
  `PYTHONPATH` set to that tree, so both run with the same Python and the same libraries.
- `prepare(checkout)`: compiles the tree's modules first (`compileall`), so that both trees run
  from bytecode as an installed package does (pip compiles on install); with
  `PYTHONDONTWRITEBYTECODE=1` every run would otherwise compile aiexp from source again (about
  0.15 s of each process).
- `best(...)`: the commands run in turn, round after round (so the load of a shared machine falls
  on each alike); the fastest run of each is kept (the slower ones mostly measure neighbours).

Each figure is printed with the command that reproduces it (`Checkout.shown`).
"""

from __future__ import annotations

import compileall
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The small process that starts each measured command (see the module's docstring).
SPAWN = Path(__file__).resolve().parent / "spawn.py"


@dataclass(frozen=True)
class Measured:
    """One whole process: CPU seconds, wall seconds, peak memory (MiB), exit code, stdout."""

    cpu: float
    wall: float
    peak: float
    code: int
    out: str


def measure(
    command: Sequence[str], *, env: dict[str, str] | None = None, ok: Sequence[int] = (0, 1)
) -> Measured:
    """Run `command` to its end and measure it; SystemExit when its exit code is not in `ok`."""
    with tempfile.TemporaryDirectory() as folder:
        out, err = Path(folder) / "out", Path(folder) / "err"
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(SPAWN), str(out), str(err), *command],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        wall = time.perf_counter() - started
        figures = json.loads(done.stdout)
        code = int(figures["code"])
        text = out.read_text(encoding="utf-8", errors="replace")
        problem = err.read_text(encoding="utf-8", errors="replace")
    if code not in ok:
        raise SystemExit(f"{shlex.join(command)} exited {code}: {problem[-2000:]}")
    return Measured(float(figures["cpu"]), wall, figures["peak_kib"] / 1024, code, text)


@dataclass(frozen=True)
class Checkout:
    """aiexp from one source tree: `name` is how figures call it (`after`, `before`)."""

    name: str
    root: Path

    def env(self) -> dict[str, str]:
        """The environment that makes `import aiexp` import this tree."""
        return {**os.environ, "PYTHONPATH": str(self.root)}

    def aiexp(self, *args: str) -> list[str]:
        """`aiexp ARGS`: the console script beside this Python (what a user runs), else
        `python -m aiexp`; either imports aiexp from `PYTHONPATH` first."""
        script = Path(sys.executable).with_name("aiexp")
        if script.is_file():
            return [str(script), *args]
        found = shutil.which("aiexp")
        return [found, *args] if found else [sys.executable, "-m", "aiexp", *args]

    def run(self, *args: str, ok: Sequence[int] = (0, 1)) -> Measured:
        """One `aiexp ARGS` process from this tree, measured."""
        return measure(self.aiexp(*args), env=self.env(), ok=ok)

    def shown(self, *args: str) -> str:
        """The shell command that reproduces a figure."""
        command = shlex.join(["aiexp", *args])
        return f"PYTHONPATH={shlex.quote(str(self.root))} {command}"


def checkouts(before: Path | None) -> list[Checkout]:
    """This tree ("after") and, with `--before`, the other one, each compiled to bytecode."""
    trees = [Checkout("after", ROOT)]
    if before is not None:
        before = before.resolve()
        if not (before / "aiexp" / "__init__.py").is_file():
            raise SystemExit(f"--before {before}: not a checkout of aiexp (no aiexp/__init__.py)")
        trees.append(Checkout("before", before))
    for tree in trees:
        prepare(tree)
    return trees


def prepare(tree: Checkout) -> None:
    """Compile the tree's modules to bytecode, as installing a package does."""
    compileall.compile_dir(str(tree.root / "aiexp"), quiet=2)


def best(runs: int, jobs: dict[str, Callable[[], Measured]]) -> dict[str, Measured]:
    """Each job `runs` times, in turn; the run with the least CPU time of each."""
    found: dict[str, Measured] = {}
    for _ in range(max(runs, 1)):
        for name, job in jobs.items():
            measured = job()
            if name not in found or measured.cpu < found[name].cpu:
                found[name] = measured
    return found


def ratio_line(after: float, before: float | None) -> str:
    """`; before 12.30 s (6.1x faster)` when a before figure exists."""
    if before is None:
        return ""
    return f"; before {before:7.2f} s ({before / after:5.1f}x faster)"
