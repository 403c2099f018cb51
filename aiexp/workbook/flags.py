"""The `confidential` cells of a row, read so that a claim is never lost (notice Section VII).

"Proposers are responsible for properly identifying such information at the time of
submission." A flag the reader cannot read is not a "no": text such as `Yes - NDA`, a formula
with no saved value, or a second `Confidential` column that says yes (or cannot be read) makes
the row *withheld* — redacted from the public version as a confidential row is — and each such
cell is an error finding, so the user fixes it before submission (fail closed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiexp.findings import Location
from aiexp.model import ColumnSpec, ConfidentialRow, Row
from aiexp.values import is_blank
from aiexp.workbook.parse import get_column_letter, parse_value
from aiexp.workbook.xlsx import EMPTY, Cell

#: `add(code, message, location, hint)`: the reader's way to record a finding.
AddFinding = Callable[[str, str, Location, str], None]


def read_flags(
    row: Row,
    values: dict[str, Any],
    cells: list[Cell],
    *,
    first: int | None,
    duplicates: list[int],
    column: ColumnSpec,
    where: Location,
    add: AddFinding,
) -> None:
    """Withhold `row` when a confidential cell of it was not read, or a duplicate says yes.

    `first` is the position of the column the reader read (its finding, if any, is already
    recorded), `duplicates` the positions of further columns that are also `confidential`;
    `where` locates the row (its sheet and row number).
    """

    def cell(letter: str) -> Location:
        return where.model_copy(update={"cell": f"{letter}{where.row}"})

    if not isinstance(row, ConfidentialRow):
        return
    size = len(cells)
    first_cell = cells[first] if first is not None and first < size else EMPTY
    if "confidential" not in values and (first_cell[2] or not is_blank(first_cell[0])):
        row.mark_flag_unreadable()  # the reader's input.cell finding says why
    stated = values.get("confidential")
    for position in duplicates:
        raw, number_format, uncached = cells[position] if position < size else EMPTY
        letter = get_column_letter(position + 1)
        if uncached:
            row.mark_flag_unreadable()
            add(
                "input.cell",
                f"{cell(letter)} holds a formula with no saved value; the row is treated as "
                "confidential",
                cell(letter),
                "open the file in Excel and save it, or type yes or no",
            )
            continue
        if raw is None or is_blank(raw):
            continue
        try:
            said = parse_value(raw, number_format, column)
        except ValueError as exc:
            row.mark_flag_unreadable()
            add(
                "input.cell",
                f"{column.label}: {exc}; the row is treated as confidential",
                cell(letter),
                f"{column.label}: {column.description}",
            )
            continue
        if said is True and not row.confidential:
            row.confidential = True
        if (stated is not None and said != stated) or (stated is None and said is True):
            first_letter = get_column_letter(first + 1) if first is not None else "?"
            add(
                "input.duplicate",
                f"{cell(letter)} says {'yes' if said else 'no'} but {cell(first_letter)} "
                f"says {'yes' if stated else 'no'}: both columns are confidential; the row is "
                "treated as confidential",
                cell(letter),
                "delete one of the two Confidential columns and state the row's claim once",
            )
