"""What the commands share: consoles, common options, JSON output, error reporting."""

from __future__ import annotations

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


def exit_with(code: int) -> None:
    """End the command with an exit code."""
    raise typer.Exit(code)
