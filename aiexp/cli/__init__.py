"""The `aiexp` command line: thin typer commands over the core (which never imports typer or rich).

Each command lives in its own module with a `register(app)` function. Heavy libraries
(openpyxl, python-docx, jinja2, pycountry) are imported inside the commands, so `--help` is fast.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from aiexp import __version__
from aiexp.cli.common import error_line
from aiexp.errors import AiexpError

COMMAND_MODULES = (
    "init_cmd",
    "validate_cmd",
    "content_calc_cmd",
    "render_cmd",
    "checklist_cmd",
    "diff_cmd",
    "schema_cmd",
)


class _AiexpGroup(TyperGroup):
    """The command group: the tool's own errors become one stderr line and exit code 2.

    Handling them here (not only in `main`) means typer's CliRunner sees what a user sees.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except AiexpError as exc:
            if os.environ.get("AIEXP_DEBUG"):
                raise
            typer.echo(error_line(exc), err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_AiexpGroup,
    name="aiexp",
    help=(
        "Prepare a proposal for the American AI Exports Program — Pre-Set Consortia "
        "(Docket No. 260401-0092).\n\n"
        "Start with `aiexp init` for a template workbook, fill it in, then `aiexp validate`, "
        "`aiexp content-calc bom.csv` and `aiexp render --out proposal.docx`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
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
    """Prepare a proposal for the American AI Exports Program (Pre-Set Consortia)."""


for _name in COMMAND_MODULES:
    if importlib.util.find_spec(f"aiexp.cli.{_name}") is not None:
        importlib.import_module(f"aiexp.cli.{_name}").register(app)


def main() -> None:
    """Run the CLI: the tool's own errors are one line on stderr and exit code 2."""
    debug = bool(os.environ.get("AIEXP_DEBUG"))
    try:
        # Not standalone: click's usage errors come here, so they are one line (not a panel).
        code = app(prog_name="aiexp", standalone_mode=False)
    except typer.Abort:
        print("aiexp: interrupted; no output file was written", file=sys.stderr)
        sys.exit(130)
    except typer.TyperException as exc:  # click's usage errors (bad option, missing argument)
        show = getattr(exc, "show", None)
        if type(exc).__name__ == "NoArgsIsHelpError":
            if show is not None and exc.format_message().strip():
                show()  # `aiexp` alone prints the help (typer's rich help prints it itself)
            sys.exit(exc.exit_code)
        context = getattr(exc, "ctx", None)
        where = getattr(context, "command_path", "aiexp") if context is not None else "aiexp"
        print(
            f"aiexp: error: {exc.format_message()} (see `{where} --help`)",
            file=sys.stderr,
        )
        sys.exit(exc.exit_code)
    except AiexpError as exc:
        if debug:
            raise
        print(error_line(exc), file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        if debug:
            raise
        print("aiexp: interrupted; no output file was written", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if debug:
            raise
        print(
            f"aiexp: internal error: {type(exc).__name__}: {exc} "
            "(this is a bug; run again with AIEXP_DEBUG=1 for the traceback and report it)",
            file=sys.stderr,
        )
        sys.exit(2)
    if code == 130:  # typer turns Ctrl-C into exit code 130; atomic writes left no file
        print("aiexp: interrupted; no output file was written", file=sys.stderr)
    sys.exit(code if isinstance(code, int) else 0)
