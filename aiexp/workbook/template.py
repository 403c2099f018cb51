"""The consortium workbook template that `aiexp init` writes, derived only from the models.

Every sheet of `aiexp.model.SHEETS`, in order, after a `README` sheet; header labels, header
comments, required-column marks and drop-down lists all come from the row models' fields, so the
template cannot drift from what the reader expects. Given a `Consortium`, its rows are filled in
(the sample workbook is written this way).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiexp.errors import OutputError
from aiexp.model import SHEETS, ColumnSpec, Consortium, ConsortiumInfo, Kind, Row, columns
from aiexp.output import write_atomic
from aiexp.schema import VALUE_RULES, default_text, kind_rule

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from aiexp.profile import Profile

README_SHEET = "README"
LISTS_SHEET = "Lists"
# Drop-down lists cover these rows; a consortium workbook stays far below them.
FIRST_DATA_ROW = 2
LAST_VALIDATED_ROW = 1000
# Excel refuses a literal list validation ("a,b,c") longer than 255 characters. Lists longer
# than this (narrative sections, support types, frameworks) go to the hidden Lists sheet, well
# clear of that limit as the enums grow.
MAX_LITERAL_LIST = 64
# An Excel cell holds at most 32,767 characters.
MAX_CELL_TEXT = 32767
MIN_WIDTH = 10
MAX_WIDTH = 60
TEXT_WIDTH = 80

REQUIRED_FILL = "FFE699"  # amber: a column that must be filled
OPTIONAL_FILL = "DDEBF7"  # pale blue: an optional column
TITLE_FILL = "1F4E78"
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"
# Excel keeps 15 significant digits in a number cell; longer decimals are written as text,
# which the money and number rules read back exactly.
EXCEL_DIGITS = 15


def workbook_bytes(
    consortium: Consortium | None = None, *, profile: Profile | None = None
) -> bytes:
    """The template workbook as .xlsx bytes; filled in with `consortium` when given."""
    from openpyxl import Workbook

    if profile is None:
        from aiexp.profile import load_profile

        profile = load_profile(None)
    book = Workbook()
    readme = book.active
    readme.title = README_SHEET
    _write_readme(readme, profile)
    lists = _Lists(book)
    # Every sheet exists before any drop-down list is written, so Lists comes last.
    sheets = [(spec, book.create_sheet(spec.name)) for spec in SHEETS]
    for spec, ws in sheets:
        if spec.row_model is ConsortiumInfo:
            info = consortium.info if consortium is not None else None
            _write_fields(ws, info)
        else:
            rows: list[Row] = getattr(consortium, spec.attribute) if consortium else []
            _write_rows(ws, spec.name, columns(spec.row_model), rows, lists, profile)
    lists.finish()
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(
    path: Path, consortium: Consortium | None = None, *, profile: Profile | None = None
) -> None:
    """Write the template workbook to `path` atomically; filled in with `consortium` when given."""
    write_atomic(Path(path), workbook_bytes(consortium, profile=profile))


WORKBOOK_NAME = "consortium.xlsx"
BOM_NAME = "bom.csv"


def bom_csv_header() -> bytes:
    """The header-only bom.csv `init` writes: the BOM columns' keys, UTF-8 (SPEC §3)."""
    from aiexp.model import BomLine

    return (",".join(col.key for col in columns(BomLine)) + "\n").encode("utf-8")


def init_folder(folder: Path, *, force: bool = False, profile: Profile | None = None) -> list[Path]:
    """Write an empty consortium.xlsx and a header-only bom.csv into `folder`; the paths written.

    The folder is created if missing. Nothing is written unless both files may be: an existing
    file is refused without `force` (OutputError naming it).
    """
    from aiexp.output import check_output

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file, not a folder; give a folder for the workbook")
    targets = [folder / WORKBOOK_NAME, folder / BOM_NAME]
    for target in targets:
        if target.exists() and not force:
            raise OutputError(f"{target}: already exists; pass --force to overwrite it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({exc.strerror or exc})") from None
    for target in targets:
        check_output(target, force=force)
    workbook = workbook_bytes(profile=profile)
    write_atomic(targets[0], workbook, force=force)
    write_atomic(targets[1], bom_csv_header(), force=force)
    return targets


# -- the README sheet --------------------------------------------------------------------------
def _write_readme(ws: Worksheet, profile: Profile) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    lines: list[tuple[str, str, str]] = [
        (f"{profile.title} — consortium workbook", "", "title"),
        (
            f"Docket No. {profile.docket}. Written by aiexp init; read by aiexp validate, "
            "checklist and render.",
            "",
            "",
        ),
        ("", "", ""),
        ("What this workbook is", "", "heading"),
        (
            "One workbook holds everything the proposal states: the consortium and its contact, "
            "the narratives, the members and their ownership, the providers of each layer, the "
            "AI models, the security measures, the markets, operations, the Federal support "
            "requested and the export-control items.",
            "",
            "",
        ),
        ("How to fill it in", "", "heading"),
        (
            "Each sheet has one header row; write one row per item below it. Keep the headers "
            "(hover over a header to read what the column means, which rule its values follow "
            "and its choices). Amber headers are required columns, blue ones optional. Columns "
            "you add are ignored. Blank rows are skipped.",
            "",
            "",
        ),
        (
            "The Consortium sheet is different: one row per field, the value in column B.",
            "",
            "",
        ),
        (
            "Columns with a fixed set of values have a drop-down list. Check the workbook with "
            "`aiexp validate consortium.xlsx`.",
            "",
            "",
        ),
        ("Value rules", "", "heading"),
        *[(name, rule, "rule") for name, rule in VALUE_RULES],
        ("The five layers of the stack (Section III)", "", "heading"),
        *[(f"Layer {number}", name, "rule") for number, name in sorted(profile.layers.items())],
        ("Sheets", "", "heading"),
    ]
    for spec in SHEETS:
        need = "Required." if spec.required else "Optional."
        purpose = spec.purpose.removeprefix("Optional: ")
        lines.append((spec.name, f"{need} {purpose[:1].upper()}{purpose[1:]}", "rule"))
    bold = Font(bold=True)
    for number, (first, second, style) in enumerate(lines, start=1):
        a = ws.cell(number, 1, first or None)
        if second:
            ws.cell(number, 2, second).alignment = Alignment(wrap_text=True, vertical="top")
        if style == "title":
            a.font = Font(bold=True, size=14, color="FFFFFF")
            a.fill = PatternFill("solid", fgColor=TITLE_FILL)
            ws.cell(number, 2).fill = PatternFill("solid", fgColor=TITLE_FILL)
        elif style == "heading":
            a.font = Font(bold=True, size=12)
        elif style == "rule":
            a.font = bold
            a.alignment = Alignment(vertical="top")
        elif first and not second:
            # Prose spans the two columns so it wraps at a readable width.
            ws.merge_cells(start_row=number, start_column=1, end_row=number, end_column=2)
            a.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[number].height = 15 * (1 + len(first) // 110)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 100


# -- the Consortium sheet: field / value / about -----------------------------------------------
def _write_fields(ws: Worksheet, info: ConsortiumInfo | None) -> None:
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    header = (
        ("field", "the field's key; keep it as it is"),
        ("value", "the value: fill in this column"),
        ("about", "what the field means, whether it is required and how to write it"),
    )
    for index, (name, about) in enumerate(header, start=1):
        _header_cell(ws, 1, index, name, about, required=index < 3)
    specs = columns(ConsortiumInfo)
    yes_no = DataValidation(type="list", formula1='"yes,no"', allow_blank=True)
    _relax(yes_no)
    longest = 0
    for number, col in enumerate(specs, start=2):
        key_cell = ws.cell(number, 1, col.key)
        if col.required:
            key_cell.fill = PatternFill("solid", fgColor=REQUIRED_FILL)
        about = f"{col.label}{' (required)' if col.required else ''}: {col.description}."
        if col.kind is not Kind.TEXT:
            about += f" Write {kind_rule(col)}."
        ws.cell(number, 3, about).alignment = Alignment(wrap_text=True, vertical="top")
        if col.kind is Kind.YES_NO:
            yes_no.add(f"B{number}")
        if info is not None:
            value = getattr(info, col.key)
            if value is not None:
                written = _put(ws, number, 2, value, col, "Consortium")
                longest = max(longest, written)
    if yes_no.sqref:
        ws.add_data_validation(yes_no)
    ws.freeze_panes = "A2"
    ws.column_dimensions["A"].width = max(len(c.key) for c in specs) + 2
    ws.column_dimensions["B"].width = min(max(30, longest + 2), MAX_WIDTH)
    ws.column_dimensions["C"].width = TEXT_WIDTH


# -- sheets of rows ------------------------------------------------------------------------------
def _write_rows(
    ws: Worksheet,
    title: str,
    specs: list[ColumnSpec],
    rows: Iterable[Row],
    lists: _Lists,
    profile: Profile,
) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    widths = [len(col.label) + 4 for col in specs]
    for index, col in enumerate(specs, start=1):
        _header_cell(ws, 1, index, col.label, _comment_text(col), required=col.required)
        shown = _drop_down(col, profile) or ()
        widths[index - 1] = max([widths[index - 1]] + [len(c) + 3 for c in shown])
    for number, row in enumerate(rows, start=FIRST_DATA_ROW):
        for index, col in enumerate(specs, start=1):
            value = getattr(row, col.key)
            if value is None or value == []:
                continue
            written = _put(ws, number, index, value, col, title)
            widths[index - 1] = max(widths[index - 1], written + 2)
    validations: dict[str, Any] = {}
    for index, col in enumerate(specs, start=1):
        letter = get_column_letter(index)
        choices = _drop_down(col, profile)
        if choices is None:
            continue
        formula = lists.formula(col, choices)
        if formula not in validations:
            validations[formula] = DataValidation(type="list", formula1=formula, allow_blank=True)
            _relax(validations[formula])
        validations[formula].add(f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_VALIDATED_ROW}")
    for validation in validations.values():
        ws.add_data_validation(validation)
    for index, col in enumerate(specs, start=1):
        letter = get_column_letter(index)
        cap = TEXT_WIDTH if col.kind is Kind.TEXT and col.key == "text" else MAX_WIDTH
        ws.column_dimensions[letter].width = min(max(widths[index - 1], MIN_WIDTH), cap)
        if col.kind is Kind.TEXT:
            for cells in ws.iter_rows(min_row=FIRST_DATA_ROW, min_col=index, max_col=index):
                for cell in cells:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def _drop_down(col: ColumnSpec, profile: Profile) -> tuple[str, ...] | None:
    """The drop-down choices of a column: its enum's values or the profile's list, yes/no, or
    the profile's layers."""
    if col.kind is Kind.CHOICE:
        return profile.choice_list(col.choices_from) if col.choices_from else col.choices
    if col.kind is Kind.YES_NO:
        return ("yes", "no")
    if col.kind is Kind.LAYER:
        return tuple(str(number) for number in sorted(profile.layers))
    return None


class _Lists:
    """Long drop-down lists live in a hidden `Lists` sheet, one column per list."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.ws: Worksheet | None = None
        self.columns: dict[tuple[str, ...], str] = {}

    def formula(self, col: ColumnSpec, choices: tuple[str, ...]) -> str:
        """The validation formula: a literal list if Excel allows it, else a Lists range."""
        literal = ",".join(choices)
        if len(literal) <= MAX_LITERAL_LIST and not any('"' in c or "," in c for c in choices):
            return f'"{literal}"'
        if choices not in self.columns:
            from openpyxl.utils import get_column_letter

            if self.ws is None:
                self.ws = self.book.create_sheet(LISTS_SHEET)
            index = len(self.columns) + 1
            letter = get_column_letter(index)
            self.ws.cell(1, index, col.key)
            for number, choice in enumerate(choices, start=2):
                self.ws.cell(number, index, choice)
            self.columns[choices] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(choices) + 1}"
        return self.columns[choices]

    def finish(self) -> None:
        """Hide the Lists sheet: it only feeds the drop-downs."""
        if self.ws is not None:
            self.ws.sheet_state = "hidden"


# -- cells ---------------------------------------------------------------------------------------
def _header_cell(
    ws: Worksheet, row: int, column: int, label: str, comment: str, *, required: bool
) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    cell = ws.cell(row, column, label)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor=REQUIRED_FILL if required else OPTIONAL_FILL)
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    cell.border = Border(bottom=Side(style="thin"))
    note = Comment(comment, "aiexp")
    note.width = 320
    note.height = max(90, 18 * (2 + len(comment) // 45))
    cell.comment = note


def _comment_text(col: ColumnSpec) -> str:
    """A header's comment: what the column means, whether it is required, how to write it."""
    parts = [
        f"{col.label} ({col.key})",
        f"{'Required' if col.required else 'Optional'}: {col.description}.",
    ]
    if col.kind is not Kind.TEXT:
        parts.append(f"Write {kind_rule(col)}.")
    default = default_text(col)
    if default is not None:
        parts.append(f"Blank means {default}.")
    return "\n".join(parts)


def _relax(validation: Any) -> None:
    """Warn rather than refuse: the reader also accepts `y`, `L1` or another letter case."""
    validation.errorStyle = "warning"
    validation.showErrorMessage = True
    validation.errorTitle = "Not in the list"
    validation.error = "This value is not one of the choices; aiexp validate will check it."


def _put(ws: Worksheet, row: int, column: int, value: Any, col: ColumnSpec, title: str) -> int:
    """Write one model value into a cell the way the reader reads it back; returns its width."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    cell = ws.cell(row, column)
    written = _cell_value(value, col)
    if isinstance(written, str):
        written = ILLEGAL_CHARACTERS_RE.sub("", written)
        if len(written) > MAX_CELL_TEXT:
            raise OutputError(
                f"{title}!{get_column_letter(column)}{row}: {col.key} has {len(written)} "
                f"characters; an Excel cell holds at most {MAX_CELL_TEXT}"
            )
        cell.value = written
        # openpyxl would store text starting with `=` as a formula; it is text here.
        cell.data_type = "s"
        return max((len(line) for line in written.splitlines()), default=0)
    cell.value = written
    if isinstance(written, dt.date):
        cell.number_format = DATE_FORMAT
        return len(DATE_FORMAT)
    if col.kind is Kind.MONEY:
        cell.number_format = MONEY_FORMAT
    return len(str(written)) + (len(str(written)) // 3 if col.kind is Kind.MONEY else 0)


def _cell_value(value: Any, col: ColumnSpec) -> Any:
    """The cell form of a model value: numbers as numbers, lists joined, yes/no, enum values."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return ", ".join(str(_cell_value(item, col)) for item in value)
    if isinstance(value, Decimal):
        digits = value.normalize().as_tuple().digits
        if len(digits) > EXCEL_DIGITS:
            return format(value, "f")
        return int(value) if value == value.to_integral_value() else value
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        return value
    return str(value)
