"""`validate --annotate OUT.xlsx`: the findings written back into a copy of the workbook (SPEC §1).

The people who fill the workbook live in Excel: the copy puts each finding on its cell (a
comment and a fill by severity) and lists them all on a first `Findings` sheet with links. The
copy keeps every value, formula (with its saved value), style, drop-down and comment of the
original; what openpyxl cannot carry over is named in one warning line. Validating the copy
finds exactly what validating the original finds, and annotating the copy again replaces the
tool's marks instead of stacking them (`aiexp.annotate.marks` says how).
"""

from __future__ import annotations

from aiexp.annotate.findings_sheet import FINDINGS_SHEET
from aiexp.annotate.marks import LEDGER_SHEET
from aiexp.annotate.writer import (
    AnnotatedCopy,
    annotated_copy,
    check_annotate_output,
    write_annotated_copy,
)

__all__ = [
    "FINDINGS_SHEET",
    "LEDGER_SHEET",
    "AnnotatedCopy",
    "annotated_copy",
    "check_annotate_output",
    "write_annotated_copy",
]
