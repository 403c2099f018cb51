"""`aiexp schema`: the JSON Schema of the whole input, or the Markdown workbook reference."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from aiexp.cli.group import app

EPILOG = """\
Examples:

\b
  aiexp schema > consortium.schema.json
  aiexp schema --format markdown > docs/workbook.md
"""


class SchemaFormat(StrEnum):
    """What `aiexp schema` prints."""

    JSON = "json"
    MARKDOWN = "markdown"


@app.command(
    "schema", short_help="Print the workbook's JSON Schema or Markdown reference.", epilog=EPILOG
)
def schema(
    output_format: Annotated[
        SchemaFormat,
        typer.Option(
            "--format",
            help="json: the JSON Schema (draft 2020-12) of the input; markdown: a reference "
            "of every sheet and column.",
            case_sensitive=False,
        ),
    ] = SchemaFormat.JSON,
) -> None:
    """Print the workbook's schema: JSON Schema, or a Markdown reference of every sheet."""
    from aiexp.schema import json_schema_text, markdown_reference

    if output_format is SchemaFormat.MARKDOWN:
        sys.stdout.write(markdown_reference())
    else:
        sys.stdout.write(json_schema_text())
