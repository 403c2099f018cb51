"""`aiexp render`: the proposal DOCX, ready for the portal (SPEC §6)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aiexp.cli.common import WORKBOOK_DEFAULT, ProfileOption
from aiexp.cli.group import app

EPILOG = """\
Examples:

\b
  aiexp render --out proposal.docx
      ./consortium.xlsx with bom.csv beside it
  aiexp render consortium.xlsx --bom bom.csv --out proposal.docx --date 2026-06-15
  aiexp render --out proposal-public.docx --public
      confidential values redacted
  aiexp render --out draft.docx --draft --force
      render despite open errors, marked DRAFT
  aiexp render --out proposal.docx --reference-docx house.docx --template-dir my-templates
  aiexp render --out proposal.docx --screening-list consolidated.csv
      section 8 states the screening; the manifest records the list's sha256

Writes FILE.docx and FILE.manifest.json. Exit code 0: written; 1: refused because of error
findings (listed; nothing written); 2: an input cannot be read or an option is wrong.
"""


@app.command(
    "render", short_help="Write the proposal as a Word document, with its manifest.", epilog=EPILOG
)
def render(
    workbook: Annotated[
        Path,
        typer.Argument(metavar="WORKBOOK", help="The consortium workbook."),
    ] = WORKBOOK_DEFAULT,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FILE.docx", help="The .docx file to write (required)."),
    ] = None,
    bom: Annotated[
        Path | None,
        typer.Option(
            "--bom",
            metavar="FILE",
            help="The BOM (.csv or .xlsx); default: the BOM sheet, else bom.csv beside.",
        ),
    ] = None,
    profile: str | None = ProfileOption,
    public: Annotated[
        bool,
        typer.Option("--public", help="The public version: confidential values redacted."),
    ] = False,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft", help="Render despite error findings: marked DRAFT, findings appended."
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing output file.")
    ] = False,
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir",
            metavar="DIR",
            help="Templates here replace the shipped ones of the same name.",
        ),
    ] = None,
    reference_docx: Annotated[
        Path | None,
        typer.Option(
            "--reference-docx",
            metavar="FILE",
            help="A .docx whose styles, page setup and headers the proposal uses.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The proposal date when the workbook has no submission_date (default: today).",
        ),
    ] = None,
    screening_list: Annotated[
        Path | None,
        typer.Option(
            "--screening-list",
            metavar="FILE",
            help="Screen every party against this saved Consolidated Screening List; section 8 "
            "and the manifest say so.",
        ),
    ] = None,
) -> None:
    """Write the proposal as a Word document: cover, contents, sections 1–8 of notice
    Section VI and the appendices, with FILE.manifest.json beside it. Refuses (exit 1)
    while error findings are open, unless --draft."""
    from aiexp.check import check_workbook
    from aiexp.cli.common import load_profile_option, parse_date_option, print_view
    from aiexp.cli.views import refusal_view, written_view
    from aiexp.content import files_read
    from aiexp.document import RenderOptions, manifest_bytes, manifest_path, render_proposal
    from aiexp.errors import AiexpError
    from aiexp.files import regular_file
    from aiexp.findings import Severity
    from aiexp.output import check_output, write_all_atomic
    from aiexp.sources import check_sources, render_sources

    if out is None:
        raise AiexpError("--out FILE.docx is required: where to write the proposal")
    day = parse_date_option(date)
    # Every file the render reads or may read: never the output (SPEC §1).
    inputs = [*files_read(workbook, bom)]
    inputs += [p for p in (reference_docx, screening_list) if p is not None]
    if profile is not None and Path(profile).is_file():
        inputs.append(Path(profile))  # --profile FILE
    if template_dir is not None and template_dir.is_dir():
        inputs += [p for p in template_dir.rglob("*") if p.is_file()]
    check_output(out, force=force, inputs=inputs)
    check_output(manifest_path(out), force=force, inputs=inputs)
    if reference_docx is not None:
        regular_file(reference_docx, AiexpError, noun="a .docx file", advice="give a .docx file")
    result = check_workbook(
        workbook,
        bom=bom,
        profile=load_profile_option(profile),
        today=day,
        screening_list=screening_list,
    )
    errors = [f for f in result.report.findings if f.severity is Severity.ERROR]
    if errors and not draft:
        print_view(refusal_view(errors))
        raise typer.Exit(1)
    options = RenderOptions(
        public=public,
        draft=draft,
        template_dir=template_dir,
        reference_docx=reference_docx,
        date=day,
    )
    sources = [*check_sources(result, workbook), *render_sources(template_dir, reference_docx)]
    rendered = render_proposal(result, options, sources=sources)
    # The .docx and its manifest belong together: both are written, or neither; never over a
    # file the render read (bom.csv or rates.csv beside the workbook, a template), and never
    # over one that appeared while it ran (unless --force).
    write_all_atomic(
        [(out, rendered.docx), (manifest_path(out), manifest_bytes(rendered.manifest))],
        force=force,
        inputs=[*inputs, *(entry.path for entry in sources)],
    )
    kind = "public version" if public else ("draft" if draft else "proposal")
    print_view(written_view(kind, (out, manifest_path(out)), len(errors)))
