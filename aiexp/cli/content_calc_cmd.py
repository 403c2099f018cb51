"""`aiexp content-calc`: exact U.S. hardware content of a bill of materials (SPEC §3, IV.A)."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from aiexp.cli.common import JsonOption, ProfileOption
from aiexp.cli.group import app

if TYPE_CHECKING:
    from aiexp.content import ContentResult

EPILOG = """\
Examples:

\b
  aiexp content-calc bom.csv
      rates from rates.csv beside it
  aiexp content-calc bom.csv --rate EUR=1.0832 --rate JPY=0.0066 --top 20
  aiexp content-calc consortium.xlsx --json
      its BOM and Rates sheets

Exit code 0: the threshold is met; 1: below it; 2: the BOM cannot be used.
"""
#: Files larger than this show a progress bar on a terminal.
PROGRESS_BYTES = 4 * 1024 * 1024


@app.command(
    "content-calc",
    short_help="The exact U.S. content of the hardware layer, from the BOM.",
    epilog=EPILOG,
)
def content_calc(
    bom: Annotated[
        Path, typer.Argument(metavar="BOM", help="bom.csv, or an .xlsx with a BOM sheet.")
    ],
    rate: Annotated[
        list[str] | None,
        typer.Option(
            "--rate",
            metavar="CUR=USD_PER_UNIT",
            help="An exchange rate, U.S. dollars for one unit (repeatable): EUR=1.0832.",
        ),
    ] = None,
    rates: Annotated[
        Path | None,
        typer.Option(
            "--rates",
            metavar="FILE",
            help="Rates: a CSV currency,usd_per_unit,as_of,source or an .xlsx Rates sheet.",
        ),
    ] = None,
    threshold: Annotated[
        str | None,
        typer.Option(
            "--threshold", metavar="PCT", help="The threshold in percent (default: the profile's)."
        ),
    ] = None,
    top: Annotated[
        int, typer.Option("--top", metavar="N", min=0, help="How many top non-U.S. lines.")
    ] = 10,
    assume_us_origin: Annotated[
        bool,
        typer.Option(
            "--assume-us-origin",
            help="Count undeclared lines made in the U.S. as 100 % (labelled; the figure "
            "without it is shown too).",
        ),
    ] = False,
    decimal_comma: Annotated[
        bool,
        typer.Option(
            "--decimal-comma",
            help="Commas in the BOM's numbers are decimal points (1.234,56 is 1234.56); "
            "without it a semicolon-separated BOM with commas in numbers is refused.",
        ),
    ] = False,
    profile: str | None = ProfileOption,
    json_output: bool = JsonOption,
) -> None:
    """Calculate the U.S. content of the hardware layer from ex-factory BOM rows (IV.A).

    Decimal throughout; the threshold is met when Σ U.S. value × 100 ≥ threshold × Σ value.
    Rates come from --rate, --rates, the workbook's Rates sheet, else rates.csv beside the
    BOM; they are never fetched.
    """
    result = _calculate(bom, rate, rates, threshold, top, assume_us_origin, profile, decimal_comma)
    if json_output:
        from aiexp.cli.common import print_json

        # Written piece by piece (a large BOM's list of flagged ids is one piece).
        print_json(result.to_json_dict(compact=True))
    else:
        from aiexp.cli.common import print_view
        from aiexp.cli.views import content_view

        print_view(content_view(result))
    raise typer.Exit(0 if result.meets_threshold else 1)


def _calculate(
    bom: Path,
    rate_flags: list[str] | None,
    rates_file: Path | None,
    threshold_text: str | None,
    top: int,
    assume_us_origin: bool,
    profile: str | None,
    decimal_comma: bool = False,
) -> ContentResult:
    from aiexp.bom import parse_rate_option
    from aiexp.cli.common import load_profile_option
    from aiexp.content import calculate, content_calc_inputs
    from aiexp.errors import AiexpError
    from aiexp.values import parse_percent

    flags = dict(parse_rate_option(text) for text in rate_flags or [])
    threshold = None
    if threshold_text is not None:
        try:
            threshold = parse_percent(threshold_text)
        except ValueError as exc:
            raise AiexpError(f"--threshold {threshold_text!r}: {exc}") from None
    source, book = content_calc_inputs(
        bom, rates=flags, rates_file=rates_file, decimal_comma=decimal_comma
    )
    with _progress_bar(bom) as progress:
        return calculate(
            source,
            book,
            profile=load_profile_option(profile),
            threshold=threshold,
            top=top,
            assume_us_origin=assume_us_origin,
            progress=progress,
        )


def _progress_bar(bom: Path) -> AbstractContextManager[Any]:
    """A rich progress bar on stderr for a large BOM on a terminal; nothing when piped."""
    try:
        large = bom.stat().st_size >= PROGRESS_BYTES
    except OSError:
        large = False
    if not large or not sys.stderr.isatty():
        return nullcontext(None)
    from contextlib import contextmanager

    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from aiexp.cli.common import stderr_console

    @contextmanager
    def bar() -> Any:
        with Progress(
            TextColumn("Reading the BOM"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f} %"),
            TimeRemainingColumn(),
            console=stderr_console(),
            transient=True,
        ) as shown:
            task = shown.add_task("bom", total=None)
            yield lambda done, total: shown.update(task, completed=done, total=total or None)

    return bar()
