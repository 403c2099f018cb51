"""`main()`, the console script: exit codes, one-line errors, signals and standard output.

- The tool's own errors are one line on stderr and exit code 2; anything else is a bug, shown
  as one line too (its traceback only with `AIEXP_DEBUG=1`).
- Ctrl-C exits 130 and SIGTERM 143, each with one line. SIGTERM is raised as `Terminated`
  where the program is, like Ctrl-C's KeyboardInterrupt, so the atomic writers of
  `aiexp.output` delete their temporary files on the way out (issue 13).
- stdout and stderr are guarded (`aiexp.cli.streams`): a reader that went away keeps the
  command's exit code; a closed or full stdout is one line and exit 2.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import typer

from aiexp.cli.common import error_line, printable
from aiexp.cli.group import app
from aiexp.cli.streams import PREFIX, guarded_streams
from aiexp.errors import AiexpError

INTERRUPTED = "aiexp: interrupted; no output file was written"
TERMINATED = "aiexp: terminated; no output file was written"
#: The shell's convention: 128 + the signal's number.
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM


class Terminated(BaseException):
    """SIGTERM arrived: raised where the program is, so clean-up code runs as for Ctrl-C.

    A BaseException (like KeyboardInterrupt), so no `except Exception` swallows it.
    """


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    # A second SIGTERM must not interrupt the clean-up the first one started.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Within: SIGTERM raises `Terminated` (in the main thread; elsewhere it is left alone)."""
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _say(line: str) -> None:
    """One line on stderr, when there is a stderr that takes it (its failure changes nothing)."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            print(line, file=sys.stderr, flush=True)


def main() -> None:
    """Run the CLI: the tool's own errors are one line on stderr and exit code 2."""
    if sys.stdout is None:  # descriptor 1 was closed before we started
        _say(f"aiexp: error: {PREFIX}: it is closed")
        sys.exit(2)
    code = 0
    try:
        with _sigterm_raises():
            code = _guarded()
    except Terminated:  # it came while the handler was being set or restored
        _say(TERMINATED)
        code = EXIT_TERMINATED
    sys.exit(code)


def _guarded() -> int:
    """The command with its streams guarded; the exit code, after one line for an error."""
    try:
        with guarded_streams():
            return _run()
    except AiexpError as exc:  # the report's last bytes could not be written
        if os.environ.get("AIEXP_DEBUG"):
            raise
        _say(error_line(exc))
        return exc.exit_code
    except KeyboardInterrupt:  # outside typer's own handling of it
        if os.environ.get("AIEXP_DEBUG"):
            raise
        _say(INTERRUPTED)
        return EXIT_INTERRUPTED


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
