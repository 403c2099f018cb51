"""Standard output for the report: a reader that went away, a full disk, a closed stream.

`aiexp validate x.xlsx | head -c1` must keep the exit code's meaning (1 means findings, not "the
reader left"), and `> /dev/full` must be one line and exit 2, never a traceback (issue 13). Both
are decided where the bytes meet the file descriptor, in `GuardedStream`, so no command and no
library (rich, click, json) has to know:

- EPIPE (the reader went away): the rest is dropped without a word, the descriptor is pointed at
  /dev/null so the interpreter's last flush cannot fail, and the command goes on to its own exit
  code;
- any other error on stdout (ENOSPC on /dev/full, EIO): `StdoutError`, an `AiexpError`, so the
  CLI prints its one line and exits 2; the rest is dropped likewise.

stderr is guarded too (`aiexp validate x 2>&1 | head -c1`), but any error there only drops what
follows: there is nowhere left to say it, and the exit code must keep its meaning.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from aiexp.errors import OutputError

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

PREFIX = "cannot write the report to standard output"


class StdoutError(OutputError):
    """Standard output is closed, full or failing: the report cannot be delivered (exit 2)."""


class GuardedStream(io.RawIOBase):
    """A file descriptor as a raw stream that turns write errors into the CLI's answers."""

    def __init__(self, fd: int, *, report_errors: bool) -> None:
        super().__init__()
        self._fd = fd
        self._report_errors = report_errors
        self.dropped = False

    def writable(self) -> bool:
        """It is an output stream."""
        return True

    def fileno(self) -> int:
        """The descriptor (rich and click ask whether it is a terminal)."""
        return self._fd

    def isatty(self) -> bool:
        """Whether the stream goes to a terminal."""
        return os.isatty(self._fd)

    def write(self, data: ReadableBuffer) -> int:
        """Write what the descriptor takes; after a failure, drop everything."""
        size = memoryview(data).nbytes
        if self.dropped:
            return size
        try:
            return os.write(self._fd, data)
        except OSError as exc:
            self._drop()
            if self._report_errors and not isinstance(exc, BrokenPipeError):
                raise StdoutError(f"{PREFIX}: {exc.strerror or exc}") from None
            return size

    def _drop(self) -> None:
        self.dropped = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, self._fd)
        finally:
            os.close(devnull)


@contextmanager
def guarded_streams() -> Iterator[None]:
    """Within: `sys.stdout` and `sys.stderr` write through `GuardedStream`.

    Only the process's own streams are replaced; one a test or a caller put in their place
    (`contextlib.redirect_stdout`) is left alone. On the way out the originals are put back and
    what is buffered is flushed: a failure on stdout there raises `StdoutError` too, unless
    another exception is already on its way.
    """
    stdout = _guard("stdout", report_errors=True)
    stderr = _guard("stderr", report_errors=False)
    try:
        yield
    except BaseException:
        _restore(stderr, "stderr")
        # What is buffered still goes out (or is dropped); the error on its way matters more.
        with contextlib.suppress(StdoutError):
            _restore(stdout, "stdout")
        raise
    _restore(stderr, "stderr")
    _restore(stdout, "stdout")


def _guard(name: str, *, report_errors: bool) -> tuple[TextIO, TextIO] | None:
    """Put a guarded stream in place of `sys.<name>`: (the original, the guarded), or None."""
    original: TextIO | None = getattr(sys, name)
    if original is None or original is not getattr(sys, f"__{name}__"):
        return None
    try:
        original.flush()
        fd = original.fileno()
    except (OSError, ValueError):
        return None
    guarded = io.TextIOWrapper(
        io.BufferedWriter(GuardedStream(fd, report_errors=report_errors)),
        encoding=original.encoding,
        errors=original.errors,
        line_buffering=bool(getattr(original, "line_buffering", False)),
    )
    setattr(sys, name, guarded)
    return original, guarded


def _restore(streams: tuple[TextIO, TextIO] | None, name: str) -> None:
    """Put the original stream back, then flush the guarded one."""
    if streams is None:
        return
    original, guarded = streams
    setattr(sys, name, original)
    guarded.flush()
