"""The `aiexp` command line: thin typer commands over the core (which never imports typer or rich).

Each command lives in its own module with a `register(app)` function. Heavy libraries
(openpyxl, python-docx, jinja2, pycountry) are imported inside the commands, so `--help` is fast.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from aiexp import __version__
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

app = typer.Typer(
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
        app(standalone_mode=True)
    except AiexpError as exc:
        if debug:
            raise
        print(f"aiexp: error: {exc}", file=sys.stderr)
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
