"""The `aiexp` command group: the typer app that every `*_cmd` module adds its command to.

Help is click's plain formatter (`rich_markup_mode=None`): typer's rich help imports
`typer.rich_utils`, markdown-it and pygments, which cost more than typer itself (issue 16).
Epilogs are plain text; a paragraph that starts with a `\\b` line keeps its line breaks.
"""

from __future__ import annotations

import os
from typing import Any

import typer
from typer.core import TyperGroup

from aiexp import __version__
from aiexp.cli.common import error_line
from aiexp.errors import AiexpError

# The program's figures and the notice's docket come from the profile (--profile); reading it
# here would cost start-up time, so the help names none of them.
HELP = (
    "Prepare a proposal for the American AI Exports Program: check the consortium workbook "
    "against the notice, calculate the hardware U.S. content, and draft the DOCX.\n\n"
    "Start with `aiexp init` for a template workbook, fill it in, then `aiexp validate`, "
    "`aiexp content-calc bom.csv` and `aiexp render --out proposal.docx`."
)


class AiexpGroup(TyperGroup):
    """The command group: the tool's own errors become one stderr line and exit code 2.

    Handling them here (not only in `main`) means typer's CliRunner sees what a user sees.
    """

    def invoke(self, ctx: Any) -> Any:
        """Run the command; an `AiexpError` is one line on stderr and its exit code."""
        try:
            return super().invoke(ctx)
        except AiexpError as exc:
            if os.environ.get("AIEXP_DEBUG"):
                raise
            typer.echo(error_line(exc), err=True)
            raise typer.Exit(exc.exit_code) from None

    def get_help_option(self, ctx: Any) -> Any:
        """The `--help` flag, False when not given (typer leaves it None).

        typer coerces a None flag through a pydantic TypeAdapter, which imports pydantic
        (~50 ms) for `aiexp COMMAND --help`; a False flag is taken as it is.
        """
        option = super().get_help_option(ctx)
        if option is not None and option.default is None:
            option.default = False
        return option


app = typer.Typer(
    cls=AiexpGroup,
    name="aiexp",
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aiexp {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Prepare a proposal: validate the workbook, calculate U.S. content, render the DOCX."""
