"""`aiexp validate`: every rule of the notice, each finding located and cited (SPEC §5)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aiexp.cli.common import WORKBOOK_DEFAULT, JsonOption, ProfileOption
from aiexp.cli.group import app

EPILOG = """\
Examples:

\b
  aiexp validate                 ./consortium.xlsx, with bom.csv beside it
  aiexp validate consortium.xlsx --bom bom.csv --json
  aiexp validate --strict --ignore providers.top-two --date 2026-06-15
  aiexp validate --screening-list consolidated.csv
  aiexp validate consortium.xlsx --annotate checked.xlsx
                                 a copy with each finding on its cell, and a Findings sheet

Exit code 0: no error; 1: errors (or warnings with --strict); 2: the input cannot be read or
an option is wrong. The rules are listed in docs/rules.md.
"""


@app.command(
    "validate", short_help="Check the workbook against every rule of the notice.", epilog=EPILOG
)
def validate(
    workbook: Annotated[
        Path,
        typer.Argument(metavar="WORKBOOK", help="The consortium workbook.", dir_okay=True),
    ] = WORKBOOK_DEFAULT,
    bom: Annotated[
        Path | None,
        typer.Option(
            "--bom",
            metavar="FILE",
            help="The BOM (.csv or .xlsx); default: the BOM sheet, else bom.csv beside.",
        ),
    ] = None,
    profile: str | None = ProfileOption,
    json_output: bool = JsonOption,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODE",
            help="Drop the warnings or info of a code (repeatable); errors cannot be ignored.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The submission date when the workbook gives none (default: now).",
        ),
    ] = None,
    screening_list: Annotated[
        Path | None,
        typer.Option(
            "--screening-list",
            metavar="FILE",
            help="Also screen every party against this saved Consolidated Screening List "
            "(its CSV or JSON download; see aiexp screen).",
        ),
    ] = None,
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            metavar="OUT.xlsx",
            help="Also write a copy of the workbook with each finding as a comment on its cell "
            "and a first Findings sheet (never over the input).",
            dir_okay=True,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing --annotate file.")
    ] = False,
) -> None:
    """Check the workbook against every rule of the notice; findings grouped by severity.

    Each finding has its code, its cell (Members!D3), the notice section, what is wrong and
    what to do. The hardware rules use the same calculation as `aiexp content-calc`.
    """
    from aiexp.check import check_workbook
    from aiexp.cli.common import load_profile_option, parse_date_option, print_json, print_view
    from aiexp.cli.views import annotated_view, report_view

    # The files named on the command line; the BOM and rates found beside come after the check.
    named = [p for p in (bom, screening_list, Path(profile) if profile else None) if p is not None]
    if annotate is not None:
        from aiexp.annotate import check_annotate_output

        check_annotate_output(annotate, workbook, force=force, read=named)
    result = check_workbook(
        workbook,
        bom=bom,
        profile=load_profile_option(profile),
        today=parse_date_option(date),
        ignore=ignore or (),
        screening_list=screening_list,
    )
    report = result.report
    copy = None
    if annotate is not None:
        from aiexp.annotate import write_annotated_copy
        from aiexp.content import files_read
        from aiexp.sources import check_paths

        read = [*named, *check_paths(result, workbook), *files_read(workbook, bom)]
        copy = write_annotated_copy(
            workbook, report, annotate, force=force, read=read, sha256=result.workbook.sha256
        )
    if json_output:
        print_json(report.to_json_dict())
    else:
        print_view(report_view(report))
    if copy is not None and annotate is not None:
        print_view(annotated_view(copy, annotate, workbook), err=True)
    failed = not report.valid or (strict and report.summary.warnings > 0)
    raise typer.Exit(1 if failed else 0)
