"""Writing output files atomically, never over an input and never over a file without --force.

Every command that writes (render, diff --out, init, validate --annotate) checks its output twice:
before the work (`check_output`, so a mistake costs nothing) and again at the final step, with
every file the command read (`write_atomic`, `write_all_atomic`). The final step never replaces
a file that appeared meanwhile unless --force was given: the finished temporary file is
*linked* to its name, which fails if the name exists (an exclusive create, not a check followed
by a rename), so two runs writing the same new file cannot both say they wrote it.

Refused, in one line (exit 2): a folder, a missing folder, any file the command read (the same
file through any path, link or hard link), something that is not a regular file (a device, a
FIFO, a socket) even with --force, a symbolic link to nothing without --force, and an existing
file without --force.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from aiexp.errors import OutputError

#: errno values of a file system that cannot make hard links (the no-clobber fallback is used).
_NO_LINKS = frozenset(
    {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.EXDEV, errno.ENOSYS}
)


def _parent(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file a path leads to, or None when there is none."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def check_output(path: Path, *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Refuse what may not be written (see the module docstring); OutputError in one line."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name, e.g. {path / 'proposal.docx'}")
    parent = _parent(path)
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"{path}: {parent} is a file, not a folder; choose another output name")
    if not parent.is_dir():
        raise OutputError(f"{path}: the folder {parent} does not exist; create it first")
    _check_target(path, force=force, inputs=inputs)
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{path}: the folder {parent} is not writable")


def _check_target(path: Path, *, force: bool, inputs: Iterable[Path]) -> None:
    """Refuse an input, a file that is not a regular file, a dangling link, or (without
    `force`) an existing file."""
    target = _identity(path)
    resolved = path.resolve()
    for source in inputs:
        with contextlib.suppress(OSError, ValueError):
            same = source.resolve() == resolved or (
                target is not None and _identity(source) == target
            )
            if same:
                alias = f" (the same file as {source})" if str(source) != str(path) else ""
                raise OutputError(f"{path}: is an input file{alias}; choose another output name")
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"{path}: cannot be checked ({exc.strerror or exc})") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode) and target is None and not force:
            raise OutputError(
                f"{path}: is a symbolic link to a file that does not exist; pass --force to "
                "replace the link, or choose another output name"
            )
        if target is not None:
            mode = path.stat().st_mode
            if not stat.S_ISREG(mode):
                raise OutputError(
                    f"{path}: is not a regular file ({_kind(mode)}); choose another output name"
                )
            if not force:
                raise OutputError(f"{path}: already exists; pass --force to overwrite it")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def write_atomic(
    path: Path, data: bytes, *, force: bool = True, inputs: Iterable[Path] = ()
) -> None:
    """Write `data` to a temporary file beside `path`, then put it in place.

    Without `force` the file must not exist at the final step (it is linked into place, which
    fails if something appeared meanwhile).
    """
    write_all_atomic([(path, data)], force=force, inputs=inputs)


def write_all_atomic(
    files: Sequence[tuple[Path, bytes]], *, force: bool = True, inputs: Iterable[Path] = ()
) -> None:
    """Write several files that belong together (a .docx and its manifest): all or none.

    Every temporary file is written first; only then are they put in place, so an error or
    Ctrl-C before that leaves none of them. Without `force`, a name that exists by then is an
    OutputError and the files already placed by this call are removed again.
    """
    sources = list(inputs)
    for path, _ in files:
        _check_target(path, force=force, inputs=sources)
    temps: list[tuple[str, Path]] = []
    placed: list[Path] = []
    try:
        for path, data in files:
            temps.append((_write_temp(path, data), path))
        for temp_name, path in temps:
            if force:
                os.replace(temp_name, path)
            else:
                _place_new(temp_name, path)
            placed.append(path)
    except BaseException as exc:
        for temp_name, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
        if not force:
            for path in placed:  # ours: written by this call a moment ago, never a user's file
                with contextlib.suppress(OSError):
                    os.unlink(path)
        if isinstance(exc, OSError):
            failed = temps[-1][1] if temps else files[0][0]
            raise OutputError(f"{failed}: cannot write ({exc.strerror or exc})") from None
        raise


def _write_temp(path: Path, data: bytes) -> str:
    """A finished temporary file beside `path` (flushed to disk), by name."""
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=_parent(path)
        )
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, 0o644)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return temp_name


def _place_new(temp_name: str, path: Path) -> None:
    """Give the finished temporary file the name `path`, which must not exist (no clobber)."""
    try:
        os.link(temp_name, path)
    except FileExistsError:
        raise _appeared(path) from None
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        # No hard links here: reserve the name exclusively, then rename over our reservation.
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except FileExistsError:
            raise _appeared(path) from None
        os.replace(temp_name, path)
        return
    os.unlink(temp_name)


def _appeared(path: Path) -> OutputError:
    return OutputError(
        f"{path}: appeared while this command ran; nothing was written (pass --force to "
        "overwrite it)"
    )
