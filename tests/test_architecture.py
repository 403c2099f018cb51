"""docs/architecture.md stays true: every import between parts is an allowed arrow, no cycles.

The allowed arrows are read from the table in docs/architecture.md itself ("may import"), so the
page and the code cannot drift apart. Every import counts: module level, inside functions, and
under `TYPE_CHECKING`.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "aiexp"
ARCHITECTURE = REPO / "docs" / "architecture.md"
# Modules that are not parts of the flow: the package itself, `python -m aiexp`, package data.
OUTSIDE = {"aiexp": (), "aiexp.__main__": ("cli",), "aiexp.data": (), "aiexp.profiles": ()}


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


def _imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Every aiexp module each module imports (resolved to a module of the package)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def _allowed() -> tuple[dict[str, str], dict[str, set[str]]]:
    """The parts in the page's order and what each may import, from the table's rows."""
    order: list[str] = []
    allowed: dict[str, set[str]] = {}
    for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        names = [n.rstrip("/") for n in re.findall(r"`([a-z_/]+)`", cells[0])]
        if cells[2] == "everything":
            may = {"*"}
        elif cells[2].startswith("everything above"):
            may = set(order)
        else:
            may = {n.rstrip("/") for n in re.findall(r"`([a-z_/]+)`", cells[2])}
        for part in names:
            allowed[part] = may
        order.extend(names)
    return {part: part for part in order}, allowed


def _part(module: str) -> str:
    return module.split(".")[1] if "." in module else module


def test_every_module_belongs_to_a_part_of_the_page() -> None:
    parts, _ = _allowed()
    for module in _modules():
        if module in OUTSIDE:
            continue
        assert _part(module) in parts, f"{module} is in no part of docs/architecture.md"


def test_every_import_is_an_allowed_arrow() -> None:
    _, allowed = _allowed()
    wrong = []
    for module, targets in _imports(_modules()).items():
        for target in targets:
            if module in OUTSIDE:
                if target not in OUTSIDE and _part(target) not in OUTSIDE[module]:
                    wrong.append(f"{module} → {target}")
                continue
            source, sink = _part(module), _part(target)
            if source == sink or target in OUTSIDE:
                continue
            may = allowed[source]
            if "*" not in may and sink not in may:
                wrong.append(f"{module} → {target} ({source} may not import {sink})")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycle() -> None:
    graph = _imports(_modules())
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
