"""`aiexp validate`: every rule of the notice, each finding located and cited (SPEC §5)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import WORKBOOK_DEFAULT, JsonOption, ProfileOption

if TYPE_CHECKING:
    from aiexp.findings import Report

EPILOG = (
    "**Examples**\n\n"
    "`aiexp validate` (./consortium.xlsx, with bom.csv beside it)\n\n"
    "`aiexp validate consortium.xlsx --bom bom.csv --json`\n\n"
    "`aiexp validate --strict --ignore providers.top-two --date 2026-06-15`\n\n"
    "Exit code 0: no error; 1: errors (or warnings with --strict); 2: the input cannot be read "
    "or an option is wrong. The rules are listed in docs/rules.md."
)

HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Info"}


def register(app: typer.Typer) -> None:
    """Add the `validate` command to the app."""

    @app.command("validate", epilog=EPILOG)
    def validate(
        workbook: Annotated[
            Path,
            typer.Argument(metavar="[WORKBOOK]", help="The consortium workbook.", dir_okay=True),
        ] = WORKBOOK_DEFAULT,
        bom: Annotated[
            Path | None,
            typer.Option(
                "--bom",
                metavar="FILE",
                help="The BOM (.csv or .xlsx); default: the BOM sheet, else bom.csv beside.",
            ),
        ] = None,
        profile: Path | None = ProfileOption,
        json_output: bool = JsonOption,
        strict: Annotated[
            bool, typer.Option("--strict", help="Warnings fail too (exit 1).")
        ] = False,
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
    ) -> None:
        """Check the workbook against every rule of the notice; findings grouped by severity.

        Each finding has its code, its cell (`Members!D3`), the notice section, what is wrong and
        what to do. The hardware rules use the same calculation as `aiexp content-calc`.
        """
        from aiexp.check import check_workbook

        from .common import load_profile_option, parse_date_option

        result = check_workbook(
            workbook,
            bom=bom,
            profile=load_profile_option(profile),
            today=parse_date_option(date),
            ignore=ignore or (),
        )
        report = result.report
        if json_output:
            from .common import print_json

            print_json(report.to_json_dict())
        else:
            render_report(report)
        failed = not report.valid or (strict and report.summary.warnings > 0)
        raise typer.Exit(1 if failed else 0)


def render_report(report: Report) -> None:
    """Print the findings grouped by severity, then a one-line summary."""
    from rich.markup import escape

    from .common import stdout_console

    console = stdout_console()
    # Findings are not hard-wrapped: a piped report keeps one line per message, for grep.
    console.soft_wrap = True
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    for severity, heading in HEADINGS.items():
        group = [f for f in report.findings if f.severity.value == severity]
        if not group:
            continue
        console.print(f"[{styles[severity]}]{heading} ({len(group)})[/]")
        for finding in group:
            where = str(finding.location) or report.file
            section = f"  [{finding.section}]" if finding.section else ""
            console.print(
                f"  [{styles[severity]}]{escape(finding.code)}[/]  {escape(where)}{escape(section)}"
            )
            console.print(f"    {escape(finding.message)}")
            if finding.hint:
                console.print(f"    [dim]→ {escape(finding.hint)}[/]")
        console.print()
    summary = report.summary
    verdict = "no errors" if report.valid else "NOT ready"
    console.print(
        f"{escape(report.file)}: {summary.errors} error{'s' * (summary.errors != 1)}, "
        f"{summary.warnings} warning{'s' * (summary.warnings != 1)}, {summary.info} info "
        f"(profile {escape(report.profile)}) — {verdict}"
    )
