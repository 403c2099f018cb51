"""`aiexp checklist`: the completeness review, item by item of notice Section VI."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aiexp.cli.common import WORKBOOK_DEFAULT, JsonOption
from aiexp.cli.group import app

EPILOG = """\
Examples:

\b
  aiexp checklist                                 ./consortium.xlsx
  aiexp checklist samples/consortium.xlsx --json

Exit code 0: every required item is complete; 1: an item is incomplete; 2: the input cannot be
read.
"""


@app.command(
    "checklist", short_help="The completeness review, item by item of Section VI.", epilog=EPILOG
)
def checklist(
    workbook: Annotated[
        Path, typer.Argument(metavar="WORKBOOK", help="The consortium workbook.")
    ] = WORKBOOK_DEFAULT,
    json_output: bool = JsonOption,
) -> None:
    """Show the completeness review: each item of Section VI 1-8 and the optional items.

    Each item is complete, incomplete or not applicable, with the sheets and narratives its
    content comes from and the finding codes that block it (see `aiexp validate`).
    """
    from aiexp.checklist import checklist_workbook
    from aiexp.cli.common import print_json, print_view
    from aiexp.cli.views import checklist_view

    result = checklist_workbook(workbook)
    if json_output:
        print_json(result.to_json_dict())
    else:
        print_view(checklist_view(result))
    raise typer.Exit(0 if result.complete else 1)
