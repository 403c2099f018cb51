"""`aiexp content-calc`: exact U.S. hardware content of a bill of materials (SPEC §3, IV.A)."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .common import JsonOption, ProfileOption

if TYPE_CHECKING:
    from aiexp.content import ContentResult

EPILOG = (
    "**Examples**\n\n"
    "`aiexp content-calc bom.csv` (rates from rates.csv beside it)\n\n"
    "`aiexp content-calc bom.csv --rate EUR=1.0832 --rate JPY=0.0066 --top 20`\n\n"
    "`aiexp content-calc consortium.xlsx --json` (its BOM and Rates sheets)\n\n"
    "Exit code 0: the threshold is met; 1: below it; 2: the BOM cannot be used."
)
#: Files larger than this show a progress bar on a terminal.
PROGRESS_BYTES = 4 * 1024 * 1024


def register(app: typer.Typer) -> None:
    """Add the `content-calc` command to the app."""

    @app.command("content-calc", epilog=EPILOG)
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
                "--threshold", metavar="PCT", help="The threshold (default: the profile's, 51)."
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
        profile: Path | None = ProfileOption,
        json_output: bool = JsonOption,
    ) -> None:
        """Calculate the U.S. content of the hardware layer from ex-factory BOM rows (IV.A).

        Decimal throughout; the threshold is met when Σ U.S. value × 100 ≥ threshold × Σ value.
        Rates come from --rate, --rates, the workbook's Rates sheet, else rates.csv beside the
        BOM; they are never fetched.
        """
        result = _calculate(bom, rate, rates, threshold, top, assume_us_origin, profile)
        if json_output:
            import json

            # Streamed (json.dump writes piece by piece): a large BOM's lists of flagged ids
            # are never held twice as one big string. Same form as common.print_json.
            json.dump(result.to_json_dict(), sys.stdout, indent=2, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            _render(result)
        raise typer.Exit(0 if result.meets_threshold else 1)


def _calculate(
    bom: Path,
    rate_flags: list[str] | None,
    rates_file: Path | None,
    threshold_text: str | None,
    top: int,
    assume_us_origin: bool,
    profile_path: Path | None,
) -> ContentResult:
    from aiexp.bom import parse_rate_option
    from aiexp.content import calculate
    from aiexp.errors import AiexpError
    from aiexp.values import parse_percent

    from .common import load_profile_option

    flags = dict(parse_rate_option(text) for text in rate_flags or [])
    threshold = None
    if threshold_text is not None:
        try:
            threshold = parse_percent(threshold_text)
        except ValueError as exc:
            raise AiexpError(f"--threshold {threshold_text!r}: {exc}") from None
    with _progress_bar(bom) as progress:
        return calculate(
            bom,
            rates=flags,
            rates_file=rates_file,
            profile=load_profile_option(profile_path),
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

    from .common import stderr_console

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


def _render(result: ContentResult) -> None:
    from rich.table import Table

    from aiexp.content import money_display, pct_display

    from .common import stdout_console

    out = stdout_console()
    verdict = "meets" if result.meets_threshold else "is BELOW"
    summary = Table(title="U.S. hardware content (notice IV.A)", show_header=False)
    summary.add_column("figure")
    summary.add_column("value", justify="right")
    summary.add_row("BOM", result.source)
    summary.add_row("Lines", f"{result.line_count:,}")
    summary.add_row("Total value (USD)", money_display(result.total_value))
    summary.add_row("U.S. value (USD)", money_display(result.us_value))
    label = "U.S. content" + (" (with assumptions)" if result.assumed_lines else "")
    summary.add_row(label, pct_display(result.us_content_pct, 4))
    if result.assumed_lines:
        summary.add_row(
            "U.S. content without assumptions (ITA method)",
            pct_display(result.us_content_pct_without_assumptions, 4),
        )
    summary.add_row("Threshold", pct_display(result.threshold_pct, 4))
    if result.meets_threshold:
        summary.add_row("Margin above the threshold (USD)", money_display(result.margin_value))
    else:
        summary.add_row("Shortfall (USD)", money_display(result.shortfall_value))
    for code, rate in sorted(result.rates.items()):
        summary.add_row(f"Rate {code} (USD per unit)", f"{rate:f}")
    out.print(summary)
    out.print(f"The U.S. content {verdict} the {pct_display(result.threshold_pct, 4)} threshold.")
    if result.top_non_us:
        table = Table(title=f"Top {len(result.top_non_us)} lines by non-U.S. value")
        table.add_column("line_id")
        table.add_column("description")
        table.add_column("line value (USD)", justify="right")
        table.add_column("non-U.S. value (USD)", justify="right")
        for line in result.top_non_us:
            table.add_row(
                line.line_id,
                line.description,
                money_display(line.line_value),
                money_display(line.non_us_value),
            )
        out.print(table)
    if result.sensitivity:
        change = "made fully U.S." if not result.meets_threshold else "losing their U.S. content"
        out.print(
            f"Sensitivity: {len(result.sensitivity)} line(s) {change} would flip the result: "
            + ", ".join(result.sensitivity),
            soft_wrap=True,
        )
    _id_list(out, "Undeclared lines (counted as 0 %)", result.undeclared_lines)
    _id_list(
        out, "Assumed U.S. origin (--assume-us-origin; not the ITA method)", result.assumed_lines
    )
    if result.coc_lines:
        table = Table(title="Lines whose supplier is linked to a country of concern (section 7)")
        for name in ("line_id", "supplier", "country", "principal place", "controlled"):
            table.add_column(name)
        table.add_column("line value (USD)", justify="right")
        for coc in result.coc_lines[:50]:
            table.add_row(
                coc.line_id,
                coc.supplier,
                coc.supplier_country or "",
                coc.supplier_principal_place_of_business or "",
                "yes" if coc.supplier_coc_controlled else "no",
                money_display(coc.line_value),
            )
        out.print(table)
        if len(result.coc_lines) > 50:
            out.print(f"… and {len(result.coc_lines) - 50} more (see --json)")


def _id_list(out: Any, title: str, ids: list[str]) -> None:
    if not ids:
        return
    shown = ", ".join(ids[:30]) + (f" … and {len(ids) - 30} more" if len(ids) > 30 else "")
    out.print(f"{title}: {len(ids)} — {shown}", soft_wrap=True, markup=False)
