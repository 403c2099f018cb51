"""What the commands share: consoles, common options, JSON output, error reporting."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from aiexp.profile import Profile

WORKBOOK_DEFAULT = Path("consortium.xlsx")

ProfileOption = typer.Option(
    None,
    "--profile",
    metavar="ID|FILE",
    help="A shipped profile id such as preset-2026, or a profile TOML file (default: the "
    "shipped preset-2026).",
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


def print_view(view: RenderableType, *, err: bool = False) -> None:
    """Print a view of `aiexp.cli.views` on stdout (or stderr), its long lines not cropped.

    The views' lines are not wrapped (a piped report keeps one line per finding, for grep);
    tables fit the terminal's width as usual.
    """
    from rich.console import Group

    # In a Group, a Text keeps its own no_wrap (print() would merge a bare Text and lose it).
    (stderr_console() if err else stdout_console()).print(Group(view), crop=False)


def load_profile_option(value: str | None) -> Profile:
    """Load the --profile id or file, or the default profile."""
    from aiexp.profile import load_profile

    return load_profile(value)


def print_json(document: Any) -> None:
    """Print one JSON document on stdout (Decimals must already be strings)."""
    write = sys.stdout.write
    for piece in json_pieces(document):
        write(piece)
    write("\n")


def json_pieces(document: Any) -> Iterator[str]:
    """`json.dumps(document, indent=2, ensure_ascii=False)` in pieces, the same text: the plain
    parts of a document — a report's long lists of line ids (a few thousand items at a time),
    a finding's location — are written by json's C encoder, the indentation given as its
    separator (json writes any indented document in Python, an object at a time).
    tests/test_cli_json.py compares the two."""
    return _pretty(document, 0)


_PLAIN = frozenset({str, int, float, bool, type(None)})
#: Items of a long plain list encoded at a time (the pieces stay small).
_SLICE = 4096


def _pretty(value: Any, level: int) -> Iterator[str]:
    kind = type(value)
    if kind is not dict and kind is not list and kind is not tuple:
        if not isinstance(value, Sequence) or isinstance(value, str | bytes | bytearray):
            yield json.dumps(value, ensure_ascii=False)
            return
        kind = list  # a compact sequence (a report's line ids): a list, read a slice at a time
    if not value:
        yield "{}" if kind is dict else "[]"
        return
    if kind is dict and not all(type(key) is str for key in value):
        # json turns other keys into text: its own encoder, indented to this level
        yield json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)
        return
    inner = "\n" + "  " * (level + 1)
    closing = "\n" + "  " * level + ("}" if kind is dict else "]")
    yield "{" if kind is dict else "["
    if kind is dict:
        if set(map(type, value.values())) <= _PLAIN:
            text = json.dumps(value, ensure_ascii=False, separators=("," + inner, ": "))
            yield inner + text[1:-1] + closing
            return
        separator = inner
        for key, item in value.items():
            yield separator + json.dumps(key, ensure_ascii=False) + ": "
            yield from _pretty(item, level + 1)
            separator = "," + inner
        yield closing
        return
    separator = inner
    for start in range(0, len(value), _SLICE):
        part = value[start : start + _SLICE]
        if set(map(type, part)) <= _PLAIN:
            text = json.dumps(part, ensure_ascii=False, separators=("," + inner, ": "))
            yield separator + text[1:-1]
            separator = "," + inner
            continue
        for item in part:
            yield separator
            yield from _pretty(item, level + 1)
            separator = "," + inner
    yield closing


def parse_date_option(text: str | None) -> dt.date | None:
    """The `--date YYYY-MM-DD` option; a usage error (exit 2) for anything else."""
    from aiexp.errors import AiexpError

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise AiexpError(f"--date {text!r}: expected a date as YYYY-MM-DD") from None


# What a terminal would act on rather than show: C0 controls but tab and newline, DEL, the C1
# controls (0x9B is a one-byte CSI on some terminals), and the bidi overrides and isolates that
# reorder what is shown (CVE-2021-42574, "Trojan Source"). Data from the user's files never
# reaches the terminal with these in it.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Text from the user's files made safe for a terminal: control characters shown escaped.

    ESC becomes the four characters `\\x1b`, a right-to-left override `\\u202e`; tab and
    newline stay. Rich markup is a separate matter: print the result as `rich.text.Text`.
    """
    return _UNSAFE.sub(_shown, text) if _UNSAFE.search(text) else text


def error_line(exc: BaseException) -> str:
    """The one stderr line for one of the tool's errors, whatever line breaks or controls it has."""
    return f"aiexp: error: {printable(' '.join(str(exc).splitlines()))}"
