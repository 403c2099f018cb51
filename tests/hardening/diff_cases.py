"""Hardening cases for the Markdown `aiexp diff --out` writes: cells that carry HTML, Markdown and
terminal control characters into changes.md (issue 13, "Output that carries the input's bytes").

changes.md is read as Markdown (a viewer, the `material_changes` narrative it is pasted into), so
every workbook value in it must be literal text. `tests/diff/test_markdown.py` runs these cases and
reads changes.md back; they are gathered into `cases.CASES` by one line at the end of `cases.py`:
import them from there, not from here (this module imports `cases`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.hardening.cases import OUTPUT, Case
from tests.workbook_edit import SAMPLE_WORKBOOK, append_row, set_cells, set_field

# Written into the new workbook; each must reach changes.md as the text it is. C0 controls (ESC)
# cannot be stored in an .xlsx (XML 1.0 forbids them); the C1 control CSI and DEL can.
HTML_VALUES = {
    "member": "Evil <img src=x onerror=alert(1)> Ltd \x9b2J\x7f",
    "consortium_name": "Acme <b>AI</b> &amp; Partners",
    "classification": "<script>alert(1)</script>",
}
MARKDOWN_VALUES = {
    "member": "**Bold** _Italic_ [link](http://example.com) Inc.",
    "consortium_name": "# Heading | a | b |",
    "classification": "3A090\n# Injected heading\n- injected item",
}


def _diff_with(values: dict[str, str]) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        shutil.copyfile(SAMPLE_WORKBOOK, folder / "old.xlsx")
        new = Path(shutil.copyfile(SAMPLE_WORKBOOK, folder / "new.xlsx"))
        append_row(
            new,
            "Members",
            {
                "name": values["member"],
                "role": "member",
                "layers": "5",
                "country_of_incorporation": "US",
                "principal_place_of_business": "US",
                "coc_ownership_pct": 0,
                "us_ownership_pct": 100,
                "description": "Edge analytics applications",
            },
        )
        set_field(new, "consortium_name", values["consortium_name"])
        set_cells(
            new,
            "ExportControl",
            {"item": "CR-900 AI accelerator modules"},
            {"classification": values["classification"]},
        )
        return ["diff", "old.xlsx", "new.xlsx", "--out", "changes.md"]

    return build


DIFF_CASES: tuple[Case, ...] = (
    Case(
        "diff-html",
        OUTPUT,
        "cells with an HTML tag, an entity and terminal controls (C1 CSI, DEL), into diff --out "
        "(changes.md carries them as literal text, the controls dropped)",
        "diff",
        _diff_with(HTML_VALUES),
        (0,),
        outputs=("changes.md",),
    ),
    Case(
        "diff-markdown",
        OUTPUT,
        "cells with Markdown (bold, italic, a link, a leading hash, pipes, line breaks), into "
        "diff --out (changes.md carries them as literal text on one line)",
        "diff",
        _diff_with(MARKDOWN_VALUES),
        (0,),
        outputs=("changes.md",),
    ),
)
