"""Input paths refused before they are opened: missing, a folder, or not a regular file.

A FIFO or a device given as an input would block (or never end) when read, so every reader of a
user's file checks the path here first and raises its own kind of error, in one line.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from aiexp.errors import AiexpError


def regular_file(path: Path, error: type[AiexpError], *, noun: str, advice: str) -> os.stat_result:
    """The file's status; `error` naming the path when it is missing, a folder, or not a regular
    file (`noun` says what it should be, `advice` what to do)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"{path}: is a folder, not {noun}")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{path}: not a regular file (a pipe or a device); {advice}")
    return info
