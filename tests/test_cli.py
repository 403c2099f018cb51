"""Generic CLI behaviour: --version, and help with examples for every registered command."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from aiexp import __version__
from aiexp.cli import COMMAND_MODULES, app

runner = CliRunner()
# Wide enough that `aiexp content-calc bom.csv …` examples are not wrapped mid-command.
WIDE = {"COLUMNS": "120", "TERM": "dumb", "NO_COLOR": "1"}


def _commands() -> list[str]:
    """The commands the app has now (whichever command modules exist)."""
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


def test_every_registered_module_adds_a_command() -> None:
    commands = _commands()
    assert {"init", "schema"} <= set(commands)
    modules = {name.removesuffix("_cmd").replace("_", "-") for name in COMMAND_MODULES}
    assert set(commands) <= modules


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"aiexp {__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", __version__)


def test_version_through_python_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "aiexp", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"aiexp {__version__}"


def test_top_level_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"], env=WIDE)
    assert result.exit_code == 0
    assert "American AI Exports Program" in result.stdout
    for name in _commands():
        assert name in result.stdout


@pytest.mark.parametrize("name", _commands())
def test_command_help_has_text_and_an_example(name: str) -> None:
    result = runner.invoke(app, [name, "--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    command = group.commands[name]
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


def test_help_imports_no_heavy_library() -> None:
    """`aiexp --help` stays fast: openpyxl, python-docx, jinja2 and pycountry load lazily.

    (markdown-it is not in the list: rich renders the Markdown help text with it.)
    """
    import subprocess
    import sys

    code = (
        "import sys; sys.argv = ['aiexp', '--help']\n"
        "from aiexp.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('openpyxl', 'docx', 'jinja2', 'pycountry', 'pydantic')"
        " if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip().splitlines()[-1] == "HEAVY="
