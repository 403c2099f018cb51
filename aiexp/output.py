"""Writing output files atomically, never over an input and never over a file without --force."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from aiexp.errors import OutputError


def check_output(path: Path, *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Refuse a folder, a missing folder, an input file, or an existing file without --force."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name, e.g. {path / 'proposal.docx'}")
    parent = path.parent if str(path.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"{path}: {parent} is a file, not a folder; choose another output name")
    if not parent.is_dir():
        raise OutputError(f"{path}: the folder {parent} does not exist; create it first")
    resolved = path.resolve()
    for source in inputs:
        with contextlib.suppress(OSError):
            if source.resolve() == resolved:
                raise OutputError(f"{path}: is an input file; choose another output name")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; pass --force to overwrite it")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{path}: the folder {parent} is not writable")


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place."""
    parent = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise


def write_all_atomic(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files that belong together (a .docx and its manifest): all or none.

    Every temporary file is written first; only then are they renamed into place, so an error
    or Ctrl-C before the renames leaves none of them.
    """
    temps: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            parent = path.parent if str(path.parent) else Path(".")
            try:
                handle, temp_name = tempfile.mkstemp(
                    prefix=f".{path.name}.", suffix=".tmp", dir=parent
                )
            except OSError as exc:
                raise OutputError(f"{path}: cannot write here ({exc.strerror or exc})") from None
            temps.append((temp_name, path))
            with os.fdopen(handle, "wb") as temp:
                temp.write(data)
                temp.flush()
                os.fsync(temp.fileno())
            os.chmod(temp_name, 0o644)
        for temp_name, path in temps:
            os.replace(temp_name, path)
    except BaseException as exc:
        for temp_name, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise OutputError(
                f"{files[len(temps) - 1][0]}: cannot write ({exc.strerror or exc})"
            ) from None
        raise
