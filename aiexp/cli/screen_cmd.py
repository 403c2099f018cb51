"""`aiexp screen`: every party of the proposal against a saved Consolidated Screening List."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aiexp.cli.common import WORKBOOK_DEFAULT, JsonOption
from aiexp.cli.group import app

EPILOG = """\
Examples:

\b
  aiexp screen --list consolidated.csv
      ./consortium.xlsx (and bom.csv beside it) against the CSV download
  aiexp screen consortium.xlsx --list consolidated.json --bom bom.csv --json
  aiexp screen --list consolidated.csv --min-score 90

Save the list yourself (trade.gov, Consolidated Screening List, CSV or JSON download); aiexp
never downloads it. A score of 95 or more is a match (an error), from --min-score to 94 a
possible match (a warning): either calls for due diligence, not a conclusion. Exit code 0: no
match; 1: a match; 2: an input cannot be read or an option is wrong.
"""


@app.command(
    "screen",
    short_help="Screen every party against the Consolidated Screening List.",
    epilog=EPILOG,
)
def screen(
    workbook: Annotated[
        Path, typer.Argument(metavar="WORKBOOK", help="The consortium workbook.")
    ] = WORKBOOK_DEFAULT,
    screening_list: Annotated[
        Path | None,
        typer.Option(
            "--list",
            metavar="FILE",
            help="The Consolidated Screening List as saved: its CSV or JSON download (required).",
        ),
    ] = None,
    bom: Annotated[
        Path | None,
        typer.Option(
            "--bom",
            metavar="FILE",
            help="The BOM (.csv or .xlsx); default: the BOM sheet, else bom.csv beside.",
        ),
    ] = None,
    min_score: Annotated[
        int,
        typer.Option(
            "--min-score",
            metavar="N",
            help="The lowest score reported as a possible match (50-95).",
        ),
    ] = 85,
    json_output: bool = JsonOption,
) -> None:
    """Screen every party the proposal names against a saved Consolidated Screening List.

    Members and their ultimate parents, providers, models' IP owners, developers and support
    providers, Operations entities, BOM suppliers and ExportControl end users, each with the
    cells (or BOM lines) that name it; names compared after normalising case, accents,
    punctuation and legal forms, against each entry's name and alternate names.
    """
    from aiexp.cli.common import print_json, print_view
    from aiexp.cli.views import screening_view
    from aiexp.errors import AiexpError
    from aiexp.screening import screen_workbook

    if screening_list is None:
        raise AiexpError("--list FILE is required: the Consolidated Screening List as saved")
    result, input_errors = screen_workbook(workbook, screening_list, bom=bom, min_score=min_score)
    if json_output:
        print_json(result.to_json_dict(str(workbook)))
    else:
        print_view(screening_view(result, str(workbook), input_errors))
    raise typer.Exit(1 if result.match_count else 0)
