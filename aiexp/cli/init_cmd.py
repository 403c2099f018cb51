"""`aiexp init`: write an empty consortium workbook and bom.csv to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aiexp.cli.group import app

EPILOG = """\
Examples:

\b
  aiexp init                   writes consortium.xlsx and bom.csv here
  aiexp init proposal          writes them into ./proposal (created if missing)
  aiexp init proposal --force  starts again over existing files
  aiexp init --templates my-templates
                               copies the proposal's templates to change the wording;
                               then: aiexp render --template-dir my-templates ...
"""


@app.command(
    "init", short_help="Write a template workbook and an empty bom.csv to fill in.", epilog=EPILOG
)
def init(
    folder: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="The folder to write into (created if missing)."),
    ] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="DIR",
            help="Instead, copy the proposal's templates into DIR to change the wording "
            "(then render --template-dir DIR).",
        ),
    ] = None,
) -> None:
    """Write a template workbook (consortium.xlsx) and an empty bom.csv to fill in; or, with
    --templates DIR, a copy of the proposal's templates to edit."""
    from aiexp.cli.common import print_view

    if templates is not None:
        from aiexp.cli.views import templates_view
        from aiexp.document.templates import copy_templates

        print_view(templates_view(templates, copy_templates(templates, force=force)))
        return
    from aiexp.cli.views import init_view
    from aiexp.workbook.template import init_folder

    workbook, bom = init_folder(folder, force=force)
    print_view(init_view(workbook, bom))
