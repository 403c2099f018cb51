"""`aiexp diff`: the concise explanation of material changes for a resubmission (X.D)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aiexp.cli.common import JsonOption, ProfileOption
from aiexp.cli.group import app

EPILOG = """\
Examples:

\b
  aiexp diff old/consortium.xlsx consortium.xlsx
      prints the explanation
  aiexp diff old/consortium.xlsx consortium.xlsx --out changes.md
      writes it, to paste into the material_changes narrative
  aiexp diff old.xlsx new.xlsx --json
      prints every change as JSON
"""


@app.command(
    "diff", short_help="Explain the material changes for a resubmission (X.D).", epilog=EPILOG
)
def diff(
    old: Annotated[
        Path,
        typer.Argument(metavar="OLD_WORKBOOK", help="The proposal that was not selected."),
    ],
    new: Annotated[Path, typer.Argument(metavar="NEW_WORKBOOK", help="The revised proposal.")],
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FILE.md", help="Write the Markdown to this file."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the --out file if it exists.")
    ] = False,
    json_output: bool = JsonOption,
    profile: str | None = ProfileOption,
) -> None:
    """Explain the material changes between a proposal and its revision (Section X.D).

    Members, ownership and control, layers, models, hardware U.S. content (each workbook with
    its own BOM), markets and security come first; wording changes follow.
    """
    from aiexp.cli.common import load_profile_option, print_json, print_view
    from aiexp.cli.views import input_problems_note, markdown_text, wrote_view
    from aiexp.content import files_read
    from aiexp.diff import diff_workbooks, render_markdown
    from aiexp.output import check_output, write_atomic

    # Every file the comparison may read: both workbooks, the bom.csv and rates.csv beside
    # them, a --profile FILE.
    named = [*files_read(old), *files_read(new)]
    if profile is not None and Path(profile).is_file():
        named.append(Path(profile))
    if out is not None:
        check_output(out, force=force, inputs=named)
    result = diff_workbooks(old, new, profile=load_profile_option(profile))
    for name, count in (
        (result.old, result.old_input_problems),
        (result.new, result.new_input_problems),
    ):
        if count:
            print_view(input_problems_note(name, count), err=True)
    if json_output:
        print_json(result.to_json_dict())
    markdown = render_markdown(result)
    if out is not None:
        # Never over a file the comparison read; never over one that appeared meanwhile.
        write_atomic(out, markdown.encode("utf-8"), force=force, inputs=[*named, *result.inputs])
        # stdout holds only the JSON document when --json is given.
        print_view(wrote_view(out), err=json_output)
    elif not json_output:
        typer.echo(markdown_text(markdown), nl=False)
