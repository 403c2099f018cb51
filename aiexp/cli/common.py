"""What the commands share: consoles, common options, JSON output, error reporting."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from aiexp.profile import Profile

WORKBOOK_DEFAULT = Path("consortium.xlsx")

ProfileOption = typer.Option(
    None,
    "--profile",
    help="A program profile TOML file (default: the shipped preset-2026).",
    dir_okay=False,
)
JsonOption = typer.Option(False, "--json", help="Print one JSON document on stdout instead.")


def stdout_console() -> Console:
    """A rich console on stdout: colour on a terminal, plain text when piped."""
    from rich.console import Console

    return Console(soft_wrap=False, highlight=False)


def stderr_console() -> Console:
    """A rich console on stderr for progress and messages."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def load_profile_option(path: Path | None) -> Profile:
    """Load the --profile file, or the default profile."""
    from aiexp.profile import load_profile

    return load_profile(path)


def print_json(document: Any) -> None:
    """Print one JSON document on stdout (Decimals must already be strings)."""
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def parse_date_option(text: str | None) -> dt.date | None:
    """The `--date YYYY-MM-DD` option; a usage error (exit 2) for anything else."""
    from aiexp.errors import AiexpError

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise AiexpError(f"--date {text!r}: expected a date as YYYY-MM-DD") from None


def error_line(exc: BaseException) -> str:
    """The one stderr line for one of the tool's errors, whatever line breaks it quotes."""
    return f"aiexp: error: {' '.join(str(exc).splitlines())}"


def exit_with(code: int) -> None:
    """End the command with an exit code."""
    raise typer.Exit(code)
