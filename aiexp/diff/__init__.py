"""The material changes between a proposal and its revision (notice Section X.D).

X.D: proposers whose package is not selected "may resubmit revised proposals with a concise
explanation of material changes". `diff_workbooks` compares the two workbooks on the model (not
cell by cell): rows are matched by their normalised key per sheet, and every changed field becomes
a `Change`. Changes of fact — who is in the consortium, who owns and controls them, layers,
models, hardware content, markets, security, who builds and operates, what support and which
export-controlled items — are material; changes of wording (narratives, descriptions, rationale
text, contact details, confidentiality marks) are listed after them as other changes.
`render_markdown` writes the explanation, ready to paste into the `material_changes` narrative.

The parts, each importing only those above it:
- `model`: `Change`, `WorkbookDiff` and their JSON;
- `describe`: values in words (percentages, countries, money, word-level summaries of prose);
- `sheets`: how each sheet's rows are keyed, named and described, and which fields are wording;
- `hardware`: the hardware U.S. content before and after (`aiexp.valuation.HardwareFigures`);
- `compare`: the comparison itself (`diff_workbooks`, `diff_consortia`);
- `markdown`: the explanation in Markdown, every workbook value escaped as literal text.
"""

from aiexp.diff.compare import diff_consortia, diff_workbooks, input_problems
from aiexp.diff.describe import word_summary
from aiexp.diff.hardware import hardware_detail, hardware_figures, points_change
from aiexp.diff.markdown import render_markdown
from aiexp.diff.model import (
    HARDWARE_KEY,
    HARDWARE_SHEET,
    Change,
    ChangeKind,
    WorkbookDiff,
    figures_json,
)
from aiexp.diff.sheets import coc_links

__all__ = [
    "HARDWARE_KEY",
    "HARDWARE_SHEET",
    "Change",
    "ChangeKind",
    "WorkbookDiff",
    "coc_links",
    "diff_consortia",
    "diff_workbooks",
    "figures_json",
    "hardware_detail",
    "hardware_figures",
    "input_problems",
    "points_change",
    "render_markdown",
    "word_summary",
]
