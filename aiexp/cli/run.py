"""`main()`, the console script: exit codes and one-line errors.

- The tool's own errors are one line on stderr and exit code 2; anything else is a bug, shown
  as one line too (its traceback only with `AIEXP_DEBUG=1`).
- Ctrl-C exits 130 with one line.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

import typer

from aiexp.cli.common import error_line, printable
from aiexp.cli.group import app
from aiexp.errors import AiexpError

INTERRUPTED = "aiexp: interrupted; no output file was written"
#: The shell's convention: 128 + the signal's number.
EXIT_INTERRUPTED = 128 + signal.SIGINT


def _say(line: str) -> None:
    """One line on stderr, when there is a stderr that takes it (its failure changes nothing)."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            print(line, file=sys.stderr, flush=True)


def main() -> None:
    """Run the CLI: the tool's own errors are one line on stderr and exit code 2."""
    sys.exit(_run())


def _run() -> int:
    """Run the command line; return the exit code, after one line on stderr for any error."""
    debug = bool(os.environ.get("AIEXP_DEBUG"))
    try:
        # Not standalone: click's usage errors come here, so they are one line (not a panel).
        code = app(prog_name="aiexp", standalone_mode=False)
    except typer.Abort:
        _say(INTERRUPTED)
        return EXIT_INTERRUPTED
    except typer.TyperException as exc:  # click's usage errors (bad option, missing argument)
        show = getattr(exc, "show", None)
        if type(exc).__name__ == "NoArgsIsHelpError":
            if show is not None and exc.format_message().strip():
                show()  # `aiexp` alone prints the help
            return exc.exit_code
        context = getattr(exc, "ctx", None)
        where = getattr(context, "command_path", "aiexp") if context is not None else "aiexp"
        _say(f"aiexp: error: {exc.format_message()} (see `{where} --help`)")
        return exc.exit_code
    except AiexpError as exc:
        if debug:
            raise
        _say(error_line(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        if debug:
            raise
        _say(INTERRUPTED)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if debug:
            raise
        _say(
            f"aiexp: internal error: {type(exc).__name__}: {printable(str(exc))} "
            "(this is a bug; run again with AIEXP_DEBUG=1 for the traceback and report it)"
        )
        return 2
    if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into exit code 130
        _say(INTERRUPTED)
    return code if isinstance(code, int) else 0
