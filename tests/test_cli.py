"""Generic CLI behaviour: the exact command list, --version, help with examples, fast --help."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from aiexp import __version__
from aiexp.cli import app, main

runner = CliRunner()
# Wide enough that `aiexp content-calc bom.csv …` examples are not wrapped mid-command.
WIDE = {"COLUMNS": "120", "TERM": "dumb", "NO_COLOR": "1"}
CLI = Path(__file__).resolve().parent.parent / "aiexp" / "cli"

# Every command, in the order of `aiexp --help`. Adding a command is one line here (and its
# `*_cmd` module, imported by name in aiexp/cli/__init__.py).
COMMANDS = [
    "init",
    "validate",
    "screen",
    "content-calc",
    "render",
    "checklist",
    "diff",
    "schema",
]
# What `--help` must not import: the heavy libraries, rich's help formatting and the core.
HEAVY = (
    "openpyxl",
    "docx",
    "jinja2",
    "pycountry",
    "pydantic",
    "rich",
    "markdown_it",
    "pygments",
    "rapidfuzz",
)


def _group() -> typer.core.TyperGroup:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return group


def test_the_exact_command_list() -> None:
    """No command is missing and none is extra (a lost module fails here, never skips)."""
    assert list(_group().commands) == COMMANDS


def test_every_command_module_is_imported_and_adds_one_command() -> None:
    """Each `aiexp/cli/*_cmd.py` file is imported by `aiexp.cli` and defines one command."""
    files = sorted(path.stem for path in CLI.glob("*_cmd.py"))
    assert all(f"aiexp.cli.{name}" in sys.modules for name in files), files
    owners = sorted(
        command.callback.__module__.rsplit(".", 1)[1]
        for command in _group().commands.values()
        if command.callback is not None
    )
    assert owners == files


def test_a_missing_command_module_is_an_import_error() -> None:
    """Deleting a `*_cmd.py` breaks the import of aiexp.cli: it is not silently skipped."""
    code = (
        "import sys\n"
        "sys.modules['aiexp.cli.render_cmd'] = None  # what a deleted file looks like\n"
        "try:\n    import aiexp.cli\nexcept ImportError as exc:\n    print('ImportError', exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.startswith("ImportError"), done.stdout + done.stderr
    assert "render_cmd" in done.stdout


def test_console_script_and_python_m_run_main() -> None:
    """`aiexp = "aiexp.cli:main"` (pyproject) and `python -m aiexp` both reach main()."""
    (entry,) = importlib.metadata.entry_points(group="console_scripts", name="aiexp")
    assert entry.value == "aiexp.cli:main"
    assert entry.load() is main
    done = subprocess.run(
        [sys.executable, "-m", "aiexp", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"aiexp {__version__}"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"aiexp {__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", __version__)


def test_top_level_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"], env=WIDE)
    assert result.exit_code == 0
    assert "American AI Exports Program" in result.stdout
    listed = re.findall(r"^  (\S+)  ", result.stdout.split("Commands:", 1)[1], re.MULTILINE)
    assert listed == COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_has_text_and_an_example(name: str) -> None:
    result = runner.invoke(app, [name, "--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    command = _group().commands[name]
    summary = (command.help or "").strip().splitlines()
    assert summary, f"`aiexp {name}` has no help text (give its function a docstring)"
    assert summary[0][:40] in " ".join(result.stdout.split())
    hint = f"`aiexp {name} --help` shows no example: add an `Examples` epilog with a command line"
    assert re.search(r"example", result.stdout, re.IGNORECASE), hint
    examples = [
        line
        for line in result.stdout.splitlines()
        if re.search(rf"\baiexp {name}\b", line) and "Usage:" not in line
    ]
    assert examples, hint
    # Plain help: no Markdown or rich markup shown raw.
    assert "**" not in result.stdout
    assert "[/" not in result.stdout


def _imported_by(args: list[str]) -> tuple[list[str], list[str]]:
    """Run main() with `args` in a fresh interpreter: the heavy and the aiexp modules it loaded."""
    code = (
        "import sys\n"
        f"sys.argv = ['aiexp', *{args!r}]\n"
        "from aiexp.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
        "mine = sorted(m for m in sys.modules if m.startswith('aiexp'))\n"
        "print('HEAVY=' + ','.join(heavy))\n"
        "print('AIEXP=' + ','.join(mine))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    heavy, mine = done.stdout.strip().splitlines()[-2:]
    return [m for m in heavy.removeprefix("HEAVY=").split(",") if m], mine.split("=")[1].split(",")


@pytest.mark.parametrize("args", [["--help"], *([name, "--help"] for name in COMMANDS)])
def test_help_imports_no_heavy_library(args: list[str]) -> None:
    """`--help` stays fast: openpyxl, python-docx, jinja2, pycountry, pydantic, rich, the core
    and the views load only inside the command that needs them."""
    heavy, mine = _imported_by(args)
    assert heavy == []
    core = [m for m in mine if not m.startswith("aiexp.cli") and m not in ("aiexp", "aiexp.errors")]
    assert core == []
    assert "aiexp.cli.views" not in mine


def test_content_calc_on_a_csv_builds_no_workbook_model(tmp_path: Path) -> None:
    """content-calc on a CSV asks only the country-of-concern test of `aiexp.ownership`: the
    workbook's pydantic models (`aiexp.model`) and the code table are never built."""
    bom = tmp_path / "bom.csv"
    bom.write_text(
        "line_id,description,supplier,supplier_country,unit_value\nA,x,Acme,CN,1.5\n",
        encoding="utf-8",
    )
    _, mine = _imported_by(["content-calc", str(bom), "--json"])
    assert "aiexp.ownership.link" in mine  # the line's supplier was judged
    built = [m for m in mine if m.split(".")[:2] in (["aiexp", "model"], ["aiexp", "codes"])]
    assert built == []
    assert "aiexp.findings" not in mine
