"""`aiexp checklist`: the completeness review, item by item of notice Section VI."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import WORKBOOK_DEFAULT, JsonOption

if TYPE_CHECKING:
    from aiexp.checklist import Checklist

EPILOG = (
    "**Examples**\n\n"
    "`aiexp checklist` (./consortium.xlsx)\n\n"
    "`aiexp checklist samples/consortium.xlsx --json`\n\n"
    "Exit code 0: every required item is complete; 1: an item is incomplete; 2: the input "
    "cannot be read."
)


def register(app: typer.Typer) -> None:
    """Add the `checklist` command to the app."""

    @app.command("checklist", epilog=EPILOG)
    def checklist(
        workbook: Annotated[
            Path, typer.Argument(metavar="[WORKBOOK]", help="The consortium workbook.")
        ] = WORKBOOK_DEFAULT,
        json_output: bool = JsonOption,
    ) -> None:
        """Show the completeness review: each item of Section VI 1-8 and the optional items.

        Each item is complete, incomplete or not applicable, with the sheets and narratives its
        content comes from and the finding codes that block it (see `aiexp validate`).
        """
        from aiexp.checklist import checklist_workbook

        result = checklist_workbook(workbook)
        if json_output:
            from .common import print_json

            print_json(result.to_json_dict())
        else:
            render_checklist(result)
        raise typer.Exit(0 if result.complete else 1)


def render_checklist(result: Checklist) -> None:
    """Print the review as a table, then the verdict."""
    from rich.markup import escape
    from rich.table import Table

    from .common import stdout_console

    styles = {"complete": "green", "incomplete": "bold red", "not applicable": "dim"}
    table = Table(title=f"Completeness review — {escape(result.file)}", show_lines=True)
    table.add_column("Item", ratio=3)
    table.add_column("Status", no_wrap=True, min_width=14)
    table.add_column("Content from · findings", ratio=3)
    for item in result.items:
        required = "" if item.required else " (optional)"
        details = [f"from: {'; '.join(item.sources)}"]
        if item.blocking:
            details.append(f"blocking: {', '.join(item.blocking)}")
        if item.open:
            details.append(f"open: {', '.join(item.open)}")
        table.add_row(
            f"[bold]{item.id}[/]{required}\n{escape(item.title)}",
            f"[{styles[item.status.value]}]{item.status.value}[/]",
            escape("\n".join(details)),
        )
    console = stdout_console()
    console.print(table)
    if result.unassigned:
        console.print(f"Other findings: {escape(', '.join(result.unassigned))}")
    verdict = (
        "every required item is complete"
        if result.complete
        else "incomplete: run `aiexp validate` for the findings"
    )
    console.print(f"{escape(result.file)}: {verdict}")
