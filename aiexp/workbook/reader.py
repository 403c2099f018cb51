"""Reading the consortium workbook into the model, every problem a located finding (SPEC §2)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aiexp.codes import finding
from aiexp.findings import Finding, Location
from aiexp.model import (
    SHEETS,
    BomLine,
    ColumnSpec,
    Consortium,
    ConsortiumInfo,
    Kind,
    Row,
    SheetSpec,
    columns,
)
from aiexp.values import is_blank, normalise_header, parse_text
from aiexp.workbook.flags import read_flags
from aiexp.workbook.integrity import cross_row_findings
from aiexp.workbook.parse import get_column_letter, parse_choice, parse_currency, parse_value
from aiexp.workbook.result import SheetLayout, WorkbookRead
from aiexp.workbook.sheet import SheetCells
from aiexp.workbook.xlsx import (
    EMPTY,
    Cell,
    SheetEntry,
    SheetRows,
    XlsxPackage,
    open_xlsx,
    sheet_key,
    worksheet_for,
)

__all__ = [
    "HEADER_SEARCH_ROWS",
    "SheetLayout",
    "WorkbookRead",
    "get_column_letter",
    "parse_choice",
    "parse_currency",
    "parse_value",
    "read_workbook",
]

HEADER_SEARCH_ROWS = 10


def read_workbook(path: Path | str) -> WorkbookRead:
    """Read a consortium workbook; raises WorkbookError when it cannot be read at all."""
    # Reading allocates a few objects per cell and creates no reference cycles; pausing the
    # cycle collector meanwhile saves it from rescanning them (15-20 % of a large read).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open_xlsx(Path(path)) as package:
            return _Reader(package).read()
    finally:
        if collecting:
            gc.enable()


# Kinds whose parsed value is immutable, so one parse serves every cell with the same text.
_CACHED_KINDS = frozenset(
    {
        Kind.TEXT,
        Kind.MONEY,
        Kind.NUMBER,
        Kind.PERCENT,
        Kind.COUNTRY,
        Kind.YES_NO,
        Kind.LAYER,
        Kind.DATE,
        Kind.CURRENCY,
        Kind.CHOICE,
    }
)


class _Reader:
    def __init__(self, package: XlsxPackage) -> None:
        self.package = package
        self.file = package.label
        self.findings: list[Finding] = []
        self.layouts: dict[str, SheetLayout] = {}
        self.bom_cells: SheetCells | None = None
        # Further columns that are also `confidential` (a duplicated column): still read, so
        # that a claim made there is never ignored (Section VII; `aiexp.workbook.flags`).
        self.flag_duplicates: dict[str, list[int]] = {}

    def read(self) -> WorkbookRead:
        parts: dict[str, Any] = {}
        for spec in SHEETS:
            title = self._sheet(spec)
            if title is None:
                continue
            rows = self.package.rows(title)
            try:
                if spec.row_model is ConsortiumInfo:
                    parts[spec.attribute] = self._read_fields(spec, title, rows)
                elif spec.row_model is BomLine:
                    # Its rows are kept as read: the content calculation reads them, not the file.
                    kept: list[tuple[int, list[Cell]]] = []
                    parts[spec.attribute] = self._read_rows(spec, title, rows, kept)
                    self.bom_cells = SheetCells(self.file, title, kept)
                else:
                    parts[spec.attribute] = self._read_rows(spec, title, rows)
            finally:
                rows.close()
        consortium = Consortium(**parts)
        read = WorkbookRead(
            self.file,
            consortium,
            self.findings,
            self.layouts,
            sha256=self.package.sha256,
            bom_cells=self.bom_cells,
        )
        self.findings.extend(cross_row_findings(read))
        return read

    # -- which sheet is read --------------------------------------------------------------------
    def _sheet(self, spec: SheetSpec) -> str | None:
        """The title of the worksheet to read for `spec`, every doubt a located error finding.

        Sheets are found by name ignoring case, spaces and punctuation (SPEC §2), so `Members`,
        a hidden `members` and `Mem bers` all claim the Members sheet: two claimants are an
        error naming both, never a silent choice. A chart or dialog sheet has no cells to read.
        """
        key = sheet_key(spec.name)
        claimants = [s for s in self.package.sheets if sheet_key(s.name) == key]
        if not claimants:
            if spec.required:
                self._add(
                    "input.sheet-missing",
                    f"the workbook has no {spec.name} sheet",
                    Location(file=self.file, sheet=spec.name),
                    f"add a sheet named {spec.name} (run `aiexp init` for a template)",
                )
            return None
        # Read a visible worksheet before a hidden one, the exact name before a near one.
        chosen = worksheet_for(claimants, spec.name)
        for other in claimants:
            if other is chosen or (chosen is None and other is claimants[0]):
                continue
            first = chosen or claimants[0]
            read = f"only {first.name!r} is read" if chosen is not None else "neither is read"
            self._add(
                "input.duplicate",
                f"sheets {_describe_sheet(first)} and {_describe_sheet(other)} both name the "
                f"{spec.name} sheet (names are matched ignoring case, spaces and punctuation); "
                f"{read}",
                Location(file=self.file, sheet=other.name),
                f"delete or rename one of them, so that one sheet is named {spec.name}",
            )
        if chosen is None:
            sheet = claimants[0]
            self._add(
                "input.sheet-missing",
                f"{_describe_sheet(sheet)} is not a worksheet of cells, so the workbook has no "
                f"{spec.name} sheet to read",
                Location(file=self.file, sheet=sheet.name),
                f"rename that sheet and put the {spec.name} rows on a worksheet named "
                f"{spec.name} (run `aiexp init` for a template)",
            )
            return None
        return chosen.name

    # -- sheets of rows -------------------------------------------------------------------
    def _read_rows(
        self,
        spec: SheetSpec,
        title: str,
        rows: SheetRows,
        kept: list[tuple[int, list[Cell]]] | None = None,
    ) -> list[Row]:
        """The rows of a sheet as models; `kept` receives every row as read (with the header)."""
        specs = columns(spec.row_model)
        stream = rows if kept is None else _keeping(rows, kept)
        header = self._find_header(spec, title, stream, {c.key: c for c in specs})
        if header is None:
            return []
        positions, width = header
        # Columns past the header's last label are not read (a stray cell at XFD costs
        # nothing), but a row with content there alone is still not a blank row. Kept rows
        # are read as wide as the header row's cells, as the BOM reader reads the sheet.
        rows.width = width if kept is None else max(width, len(kept[-1][1]))
        layout = self.layouts[spec.name]
        # (column, key, position, letter, required, parse cache, keyed by format): the cache
        # maps a cell's value (and number format, for percentages) to its parsed value for kinds
        # whose values are immutable, so repeated values (countries, yes/no, currencies,
        # names, quantities, percentages) are parsed once.
        plan: list[tuple[ColumnSpec, str, int, str, bool, dict[Any, Any] | None, bool]] = [
            (
                col,
                col.key,
                position,
                layout.columns[col.key],
                col.required,
                {} if col.kind in _CACHED_KINDS else None,
                col.kind is Kind.PERCENT,
            )
            for col in specs
            if (position := positions.get(col.key)) is not None
        ]
        result: list[Row] = []
        model = spec.row_model
        flag_column = next((c for c in specs if c.key == "confidential"), None)
        duplicates = self.flag_duplicates.get(spec.name, [])
        if "confidential" not in positions and not duplicates:
            flag_column = None
        for number, cells in stream:
            for value, _, _ in cells:
                if value is not None and (value.__class__ is not str or value.strip()):
                    break
            else:
                continue  # a blank row
            values: dict[str, Any] = {}
            size = len(cells)
            for col, key, position, letter, required, cache, by_format in plan:
                cell = cells[position] if position < size else EMPTY
                raw = cell[0]
                if raw is None:
                    if required or cell[2]:
                        self._cell(title, number, letter, col, cell)
                    continue
                memo = None
                if cache is not None:
                    kind = raw.__class__
                    if kind is str:
                        memo = (raw, cell[1]) if by_format else raw
                    elif kind is not float or raw:
                        # With its type: 1, 1.0 and True are equal keys but read differently
                        # (Decimal("1") and Decimal("1.0")); ±0.0 differ only in their sign.
                        memo = (raw, kind, cell[1]) if by_format else (raw, kind)
                    if memo is not None:
                        known = cache.get(memo, _BLANK)
                        if known is not _BLANK:
                            values[key] = known
                            continue
                parsed = self._cell(title, number, letter, col, cell, cache, memo)
                if parsed is not _BLANK:
                    values[key] = parsed
            row = model.model_validate(values).at_row(number)
            if flag_column is not None and ("confidential" not in values or duplicates):
                read_flags(
                    row,
                    values,
                    cells,
                    first=positions.get("confidential"),
                    duplicates=duplicates,
                    column=flag_column,
                    where=Location(file=self.file, sheet=title, row=number, column="confidential"),
                    add=self._add,
                )
            result.append(row)
        return result

    def _find_header(
        self,
        spec: SheetSpec,
        title: str,
        rows: Iterator[tuple[int, list[Cell]]],
        known: dict[str, ColumnSpec],
    ) -> tuple[dict[str, int], int] | None:
        names = {}
        for col in known.values():
            names[col.key] = col.key
            names[normalise_header(col.label)] = col.key
        key = spec.key
        for number, cells in rows:
            if number > HEADER_SEARCH_ROWS:
                break
            headers = [_header(v) for v, _, _ in cells]
            if key in [names.get(h, h) for h in headers]:
                raw = [v for v, _, _ in cells]
                return self._layout(spec, title, number, headers, raw, names, known)
        self._add(
            "input.column-missing",
            f"the {title} sheet has no {key} column in its first {HEADER_SEARCH_ROWS} rows",
            Location(file=self.file, sheet=title, column=key),
            f"add a header row whose first column is {key} (see `aiexp schema --format markdown`)",
        )
        self.layouts[spec.name] = SheetLayout(title, 0)
        return None

    def _layout(
        self,
        spec: SheetSpec,
        title: str,
        header_row: int,
        headers: list[str],
        raw: list[Any],
        names: dict[str, str],
        known: dict[str, ColumnSpec],
    ) -> tuple[dict[str, int], int]:
        positions: dict[str, int] = {}
        layout = SheetLayout(title, header_row)
        width = 0
        for index, header in enumerate(headers):
            if not header:
                continue
            width = index + 1
            letter = get_column_letter(index + 1)
            where = Location(
                file=self.file,
                sheet=title,
                cell=f"{letter}{header_row}",
                row=header_row,
                column=header,
            )
            key_of = names.get(header)
            if key_of is None:
                self._add(
                    "input.unknown-column",
                    f"column {header!r} of {title} is not used by aiexp and is ignored",
                    where,
                    "rename it to one of the sheet's columns if it was meant to be read",
                )
            elif key_of in positions:
                first = positions[key_of]
                if key_of == "confidential":
                    self.flag_duplicates.setdefault(spec.name, []).append(index)
                self._add(
                    "input.duplicate",
                    f"columns {layout.columns[key_of]}{header_row} ({str(raw[first]).strip()!r}) "
                    f"and {letter}{header_row} ({str(raw[index]).strip()!r}) of {title} are "
                    f"both {key_of}; only column {layout.columns[key_of]} is read",
                    where.model_copy(update={"column": key_of}),
                    "delete one of the two columns, or rename it if it means something else",
                )
            else:
                positions[key_of] = index
                layout.columns[key_of] = letter
        self.layouts[spec.name] = layout
        for col in known.values():
            if col.required and col.key not in positions:
                self._add(
                    "input.column-missing",
                    f"the {title} sheet has no {col.key} column",
                    Location(file=self.file, sheet=title, row=header_row, column=col.key),
                    f"add a column headed {col.label!r} to the header row (row {header_row})",
                )
        return positions, width

    def _cell(
        self,
        title: str,
        number: int,
        letter: str,
        col: ColumnSpec,
        cell: Cell,
        cache: dict[Any, Any] | None = None,
        memo: Any = None,
    ) -> Any:
        """One cell's parsed value, or _BLANK (blank, or a located finding said why not)."""
        raw, number_format, uncached = cell
        if uncached:
            self._add(
                "input.cell",
                f"{title}!{letter}{number} holds a formula with no saved value",
                self._where(title, letter, number, col),
                "open the file in Excel and save it (so the formula's value is stored), "
                "or type the value",
            )
            return _BLANK
        if raw is None or is_blank(raw):
            if col.required:
                self._add(
                    "input.required",
                    f"{col.label} is required ({title}!{letter}{number} is blank)",
                    self._where(title, letter, number, col),
                    f"fill in {col.label}: {col.description}",
                )
            return _BLANK
        try:
            parsed = parse_value(raw, number_format, col)
        except ValueError as exc:
            return self._bad_cell(title, number, letter, col, str(exc))
        if cache is not None and memo is not None:
            cache[memo] = parsed
        return parsed

    def _bad_cell(self, title: str, number: int, letter: str, col: ColumnSpec, why: str) -> Any:
        self._add(
            "input.cell",
            f"{col.label}: {why}",
            self._where(title, letter, number, col),
            f"{col.label}: {col.description}",
        )
        return _BLANK

    def _where(self, title: str, letter: str, number: int, col: ColumnSpec) -> Location:
        return Location(
            file=self.file, sheet=title, cell=f"{letter}{number}", row=number, column=col.key
        )

    # -- the Consortium sheet: field / value pairs ----------------------------------------------
    def _read_fields(self, spec: SheetSpec, title: str, rows: SheetRows) -> ConsortiumInfo:
        fields = {c.key: c for c in columns(ConsortiumInfo)}
        names = {
            **{k: k for k in fields},
            **{normalise_header(c.label): c.key for c in fields.values()},
        }
        header_row = None
        headers: list[str] = []
        for number, cells in rows:
            if number > HEADER_SEARCH_ROWS:
                break
            headers = [_header(v) for v, _, _ in cells]
            if "field" in headers:
                header_row = number
                break
        if header_row is None:
            self._add(
                "input.column-missing",
                f"the {title} sheet has no field/value header in its first "
                f"{HEADER_SEARCH_ROWS} rows",
                Location(file=self.file, sheet=title, column="field"),
                "add a header row with the columns field and value",
            )
            self.layouts[spec.name] = SheetLayout(title, 0)
            return ConsortiumInfo()
        field_position = headers.index("field")
        value_position = (
            headers.index("value") if "value" in headers else headers.index("field") + 1
        )
        for name in ("field", "value"):
            places = [get_column_letter(i + 1) for i, h in enumerate(headers) if h == name]
            if len(places) > 1:
                self._add(
                    "input.duplicate",
                    f"columns {places[0]}{header_row} and {places[1]}{header_row} of {title} are "
                    f"both {name}; only column {places[0]} is read",
                    Location(
                        file=self.file,
                        sheet=title,
                        cell=f"{places[1]}{header_row}",
                        row=header_row,
                        column=name,
                    ),
                    "delete one of the two columns",
                )
        rows.width = max(field_position, value_position) + 1
        field_letter = get_column_letter(field_position + 1)
        value_letter = get_column_letter(value_position + 1)
        self.layouts[spec.name] = SheetLayout(
            title, header_row, {"field": field_letter, "value": value_letter}
        )
        values: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for number, cells in rows:
            if field_position >= len(cells) or is_blank(cells[field_position][0]):
                continue
            name = normalise_header(parse_text(cells[field_position][0]))
            key = names.get(name)
            if key is None:
                self._add(
                    "input.unknown-column",
                    f"field {name!r} of {title} is not used by aiexp and is ignored",
                    Location(
                        file=self.file, sheet=title, cell=f"{field_letter}{number}", row=number
                    ),
                    "check the spelling against `aiexp schema --format markdown`",
                )
                continue
            if key in seen:
                self._add(
                    "input.duplicate",
                    f"field {key} appears twice in {title} (rows {seen[key]} and {number})",
                    Location(
                        file=self.file,
                        sheet=title,
                        cell=f"{field_letter}{number}",
                        row=number,
                        column=key,
                    ),
                    "keep one row per field",
                )
                continue
            seen[key] = number
            cell = cells[value_position] if value_position < len(cells) else EMPTY
            parsed = self._cell(title, number, value_letter, fields[key], cell)
            if parsed is not _BLANK:
                values[key] = parsed
        for key, col in fields.items():
            if col.required and key not in seen:
                self._add(
                    "input.required",
                    f"{title} has no {key} row",
                    Location(file=self.file, sheet=title, column=key),
                    f"add a row with field {key} and its value: {col.description}",
                )
        return ConsortiumInfo.model_validate(values).set_rows(seen)

    def _add(self, code: str, message: str, location: Location, hint: str) -> None:
        # Severity and section come from the code table; the message and hint name the cells.
        self.findings.append(finding(code, message, location, hint))


_BLANK = object()


def _keeping(
    rows: Iterator[tuple[int, list[Cell]]], kept: list[tuple[int, list[Cell]]]
) -> Iterator[tuple[int, list[Cell]]]:
    """The rows, each also appended to `kept`."""
    append = kept.append
    for row in rows:
        append(row)
        yield row


def _header(value: Any) -> str:
    return "" if is_blank(value) else normalise_header(str(value))


_KIND_NAMES = {
    "chartsheet": "a chart sheet",
    "dialogsheet": "a dialog sheet",
    "xlmacrosheet": "a macro sheet",
    "xlintlmacrosheet": "a macro sheet",
}


def _describe_sheet(sheet: SheetEntry) -> str:
    kind = "" if sheet.kind == "worksheet" else _KIND_NAMES.get(sheet.kind, "not a worksheet")
    notes = [note for note in (kind, "hidden" if sheet.hidden else "") if note]
    return f"{sheet.name!r}" + (f" ({', '.join(notes)})" if notes else "")
