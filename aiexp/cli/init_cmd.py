"""`aiexp init`: write an empty consortium workbook and bom.csv to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

EPILOG = (
    "**Examples**\n\n"
    "`aiexp init` writes consortium.xlsx and bom.csv here.\n\n"
    "`aiexp init proposal` writes them into ./proposal (created if missing).\n\n"
    "`aiexp init proposal --force` starts again over existing files."
)


def register(app: typer.Typer) -> None:
    """Add the `init` command to the app."""

    @app.command("init", epilog=EPILOG)
    def init(
        folder: Annotated[
            Path,
            typer.Argument(metavar="DIR", help="The folder to write into (created if missing)."),
        ] = Path("."),
        force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    ) -> None:
        """Write a template workbook (consortium.xlsx) and an empty bom.csv to fill in."""
        from aiexp.workbook.template import init_folder

        from .common import stdout_console

        workbook, bom = init_folder(folder, force=force)
        console = stdout_console()
        for line in (
            f"Wrote {workbook} (the workbook; its README sheet explains it)",
            f"Wrote {bom} (the Layer 1 bill of materials; header row only)",
            "Next: fill in the workbook (amber headers are required; hover over a header",
            "for what it means), list the Layer 1 hardware in bom.csv, then run",
            f"  aiexp validate {workbook}",
        ):
            console.print(line, markup=False, soft_wrap=True)
