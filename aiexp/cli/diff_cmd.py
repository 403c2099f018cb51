"""`aiexp diff`: the concise explanation of material changes for a resubmission (X.D)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import JsonOption, ProfileOption

EPILOG = (
    "**Examples**\n\n"
    "`aiexp diff old/consortium.xlsx consortium.xlsx` prints the explanation.\n\n"
    "`aiexp diff old/consortium.xlsx consortium.xlsx --out changes.md` writes it to paste into "
    "the material_changes narrative.\n\n"
    "`aiexp diff old.xlsx new.xlsx --json` prints every change as JSON."
)


def register(app: typer.Typer) -> None:
    """Add the `diff` command to the app."""

    @app.command("diff", epilog=EPILOG)
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
        profile: Path | None = ProfileOption,
    ) -> None:
        """Explain the material changes between a proposal and its revision (Section X.D).

        Members, ownership and control, layers, models, hardware U.S. content (each workbook with
        its own BOM), markets and security come first; wording changes follow.
        """
        from aiexp.diff import diff_workbooks, render_markdown
        from aiexp.output import check_output, write_atomic

        from .common import load_profile_option, print_json, stderr_console, stdout_console

        if out is not None:
            check_output(out, force=force, inputs=(old, new))
        result = diff_workbooks(old, new, profile=load_profile_option(profile))
        errors = stderr_console()
        for name, count in (
            (result.old, result.old_input_problems),
            (result.new, result.new_input_problems),
        ):
            if count:
                errors.print(
                    f"aiexp: note: {name} has {count} input problem{'s' if count != 1 else ''} "
                    f"(compared anyway; see aiexp validate {name})",
                    markup=False,
                    soft_wrap=True,
                )
        if json_output:
            print_json(result.to_json_dict())
        markdown = render_markdown(result)
        if out is not None:
            write_atomic(out, markdown.encode("utf-8"))
            # stdout holds only the JSON document when --json is given.
            (errors if json_output else stdout_console()).print(
                f"Wrote {out}", markup=False, soft_wrap=True
            )
        elif not json_output:
            typer.echo(markdown, nl=False)
