"""What reading a workbook gives: the model, the input findings, and where everything is."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiexp.findings import Finding, Location
from aiexp.model import Consortium, ConsortiumInfo, Row
from aiexp.workbook.sheet import SheetCells


@dataclass
class SheetLayout:
    """Where a sheet's columns are: its title in the file, header row and column letters."""

    title: str
    header_row: int
    columns: dict[str, str] = field(default_factory=dict)


@dataclass
class WorkbookRead:
    """A workbook read into the model, with the input findings and where everything is."""

    file: str
    consortium: Consortium
    findings: list[Finding]
    layouts: dict[str, SheetLayout]
    sha256: str = ""  # of the workbook's bytes as read: exactly the file the findings are about
    #: The BOM sheet's rows as read, until the content calculation takes them (`take_bom_cells`).
    bom_cells: SheetCells | None = field(default=None, repr=False, compare=False)

    def take_bom_cells(self) -> SheetCells | None:
        """The BOM sheet's rows as read, once (then released: they are only needed once)."""
        cells, self.bom_cells = self.bom_cells, None
        return cells

    def locate(self, sheet: str, row: Row | int | None = None, key: str | None = None) -> Location:
        """The location of a sheet, a row of it, or one cell (`Members!D7`)."""
        layout = self.layouts.get(sheet)
        row_number = row.row if isinstance(row, Row) else row
        if isinstance(row, ConsortiumInfo) and key is not None:
            row_number = row.row_of(key)
            key = "value"
        letter = layout.columns.get(key) if layout is not None and key is not None else None
        cell = f"{letter}{row_number}" if letter and row_number else None
        return Location(
            file=self.file,
            sheet=layout.title if layout is not None else sheet,
            cell=cell,
            row=row_number,
            column=key if key != "value" or sheet != "Consortium" else None,
        )
