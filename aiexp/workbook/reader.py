"""Reading the consortium workbook into the model, every problem a located finding (SPEC §2)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiexp.findings import Finding, Location, Severity
from aiexp.model import (
    SHEETS,
    ColumnSpec,
    Consortium,
    ConsortiumInfo,
    Kind,
    Row,
    SheetSpec,
    columns,
)
from aiexp.values import (
    is_blank,
    normalise_header,
    normalise_name,
    parse_country,
    parse_date,
    parse_layer,
    parse_layers,
    parse_list,
    parse_money,
    parse_percent,
    parse_text,
    parse_yes_no,
    to_decimal,
)
from aiexp.workbook.xlsx import check_xlsx, file_label, iter_sheet_rows, load

HEADER_SEARCH_ROWS = 10


def get_column_letter(index: int) -> str:
    """The column letter of a 1-based index (`A` for 1)."""
    # openpyxl is imported lazily: `parse_value` users such as content-calc's CSV path never
    # need it, and importing it costs about 0.3 s of start-up.
    from openpyxl.utils import get_column_letter as letter

    return str(letter(index))


_CURRENCY = re.compile(r"^[A-Z]{3}$")


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


def parse_value(raw: Any, number_format: str | None, spec: ColumnSpec) -> Any:
    """Parse one non-blank cell by its column's value rule; raises ValueError."""
    kind = spec.kind
    if kind is Kind.TEXT:
        return parse_text(raw)
    if kind is Kind.MONEY:
        return parse_money(raw)
    if kind is Kind.NUMBER:
        number = to_decimal(raw)
        if number <= 0:
            raise ValueError(f"expected a positive number, got {parse_text(raw)!r}")
        return number
    if kind is Kind.PERCENT:
        return parse_percent(raw, number_format)
    if kind is Kind.COUNTRY:
        return parse_country(raw)
    if kind is Kind.COUNTRIES:
        return [parse_country(item) for item in parse_list(raw)]
    if kind is Kind.YES_NO:
        return parse_yes_no(raw)
    if kind is Kind.LIST:
        return parse_list(raw)
    if kind is Kind.LAYER:
        return parse_layer(raw)
    if kind is Kind.LAYERS:
        return parse_layers(raw)
    if kind is Kind.DATE:
        return parse_date(raw)
    if kind is Kind.CURRENCY:
        return parse_currency(raw)
    if kind is Kind.CHOICE:
        return parse_choice(raw, spec.choices)
    if kind is Kind.CHOICES:
        return [parse_choice(item, spec.choices) for item in parse_list(raw)]
    raise AssertionError(f"unhandled kind {kind}")  # pragma: no cover


def parse_currency(raw: Any) -> str:
    """An ISO 4217 currency code such as USD or EUR."""
    text = parse_text(raw).upper()
    if not _CURRENCY.match(text):
        raise ValueError(f"expected a three-letter currency code such as EUR, got {text!r}")
    return text


def parse_choice(raw: Any, choices: Iterable[str]) -> str:
    """One of a column's choices, matched ignoring case, spaces, `_` and `-`."""
    choices = tuple(choices)
    wanted = normalise_header(parse_text(raw))
    for choice in choices:
        if normalise_header(choice) == wanted:
            return choice
    raise ValueError(f"expected one of {', '.join(choices)}; got {parse_text(raw)!r}")


def read_workbook(path: Path | str) -> WorkbookRead:
    """Read a consortium workbook; raises WorkbookError when it cannot be read at all."""
    path = Path(path)
    check_xlsx(path)
    formulas = load(path, values=False)
    try:
        values = load(path, values=True)
    except BaseException:
        formulas.close()
        raise
    try:
        return _Reader(path, formulas).read(values)
    finally:
        formulas.close()
        values.close()


class _Reader:
    def __init__(self, path: Path, formulas: Any) -> None:
        self.path = path
        self.file = file_label(path)
        self.formulas = formulas
        self.findings: list[Finding] = []
        self.layouts: dict[str, SheetLayout] = {}
        self.titles = {_sheet_key(title): title for title in formulas.sheetnames}

    def read(self, values: Any) -> WorkbookRead:
        parts: dict[str, Any] = {}
        for spec in SHEETS:
            title = self.titles.get(_sheet_key(spec.name))
            if title is None:
                if spec.required:
                    self._add(
                        "input.sheet-missing",
                        f"the workbook has no {spec.name} sheet",
                        Location(file=self.file, sheet=spec.name),
                        f"add a sheet named {spec.name} (run `aiexp init` for a template)",
                    )
                continue
            value_ws = values[title] if values is not None else None
            rows = iter_sheet_rows(self.path, self.formulas[title], value_ws)
            if spec.row_model is ConsortiumInfo:
                parts[spec.attribute] = self._read_fields(spec, title, rows)
            else:
                parts[spec.attribute] = self._read_rows(spec, title, rows)
        consortium = Consortium(**parts)
        self._check_references(consortium)
        return WorkbookRead(self.file, consortium, self.findings, self.layouts)

    # -- sheets of rows -------------------------------------------------------------------
    def _read_rows(self, spec: SheetSpec, title: str, rows: Any) -> list[Row]:
        specs = columns(spec.row_model)
        header = self._find_header(spec, title, rows, {c.key: c for c in specs})
        if header is None:
            return []
        header_row, positions = header
        result: list[Row] = []
        for number, cells in rows:
            if all(is_blank(value) for value, _, _ in cells):
                continue
            values: dict[str, Any] = {}
            for col in specs:
                position = positions.get(col.key)
                if position is None or position >= len(cells):
                    continue
                parsed = self._cell(spec, title, number, position, col, cells[position])
                if parsed is not _BLANK:
                    values[col.key] = parsed
            row = spec.row_model.model_validate(values).at_row(number)
            result.append(row)
        del header_row
        return result

    def _find_header(
        self, spec: SheetSpec, title: str, rows: Any, known: dict[str, ColumnSpec]
    ) -> tuple[int, dict[str, int]] | None:
        names = {}
        for col in known.values():
            names[col.key] = col.key
            names[normalise_header(col.label)] = col.key
        key = spec.key
        for number, cells in rows:
            headers = [_header(v) for v, _, _ in cells]
            if key in [names.get(h, h) for h in headers]:
                return number, self._layout(spec, title, number, headers, names, known)
            if number >= HEADER_SEARCH_ROWS:
                break
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
        names: dict[str, str],
        known: dict[str, ColumnSpec],
    ) -> dict[str, int]:
        positions: dict[str, int] = {}
        layout = SheetLayout(title, header_row)
        for index, header in enumerate(headers):
            if not header:
                continue
            letter = get_column_letter(index + 1)
            key_of = names.get(header)
            if key_of is None:
                self._add(
                    "input.unknown-column",
                    f"column {header!r} of {title} is not used by aiexp and is ignored",
                    Location(
                        file=self.file,
                        sheet=title,
                        cell=f"{letter}{header_row}",
                        row=header_row,
                        column=header,
                    ),
                    "rename it to one of the sheet's columns if it was meant to be read",
                    Severity.INFO,
                )
            elif key_of not in positions:
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
        return positions

    def _cell(
        self,
        spec: SheetSpec,
        title: str,
        number: int,
        position: int,
        col: ColumnSpec,
        cell: tuple[Any, str | None, bool],
    ) -> Any:
        raw, number_format, uncached = cell
        letter = get_column_letter(position + 1)
        location = Location(
            file=self.file, sheet=title, cell=f"{letter}{number}", row=number, column=col.key
        )
        if uncached:
            self._add(
                "input.cell",
                f"{title}!{letter}{number} holds a formula with no saved value",
                location,
                "open the file in Excel and save it (so the formula's value is stored), "
                "or type the value",
            )
            return _BLANK
        if is_blank(raw):
            if col.required:
                self._add(
                    "input.required",
                    f"{col.label} is required ({title}!{letter}{number} is blank)",
                    location,
                    f"fill in {col.label}: {col.description}",
                )
            return _BLANK
        try:
            return parse_value(raw, number_format, col)
        except ValueError as exc:
            self._add(
                "input.cell",
                f"{col.label}: {exc}",
                location,
                f"{col.label}: {col.description}",
            )
            return _BLANK

    # -- the Consortium sheet: field / value pairs ----------------------------------------------
    def _read_fields(self, spec: SheetSpec, title: str, rows: Any) -> ConsortiumInfo:
        fields = {c.key: c for c in columns(ConsortiumInfo)}
        names = {
            **{k: k for k in fields},
            **{normalise_header(c.label): c.key for c in fields.values()},
        }
        header_row = None
        value_position = 1
        for number, cells in rows:
            headers = [_header(v) for v, _, _ in cells]
            if "field" in headers:
                header_row = number
                value_position = (
                    headers.index("value") if "value" in headers else headers.index("field") + 1
                )
                break
            if number >= HEADER_SEARCH_ROWS:
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
        self.layouts[spec.name] = SheetLayout(
            title,
            header_row,
            {
                "field": get_column_letter(field_position + 1),
                "value": get_column_letter(value_position + 1),
            },
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
                        file=self.file,
                        sheet=title,
                        cell=f"{get_column_letter(field_position + 1)}{number}",
                        row=number,
                    ),
                    "check the spelling against `aiexp schema --format markdown`",
                    Severity.INFO,
                )
                continue
            if key in seen:
                self._add(
                    "input.duplicate",
                    f"field {key} appears twice in {title} (rows {seen[key]} and {number})",
                    Location(
                        file=self.file,
                        sheet=title,
                        cell=f"{get_column_letter(field_position + 1)}{number}",
                        row=number,
                        column=key,
                    ),
                    "keep one row per field",
                )
                continue
            seen[key] = number
            cell = cells[value_position] if value_position < len(cells) else (None, None, False)
            parsed = self._cell(spec, title, number, value_position, fields[key], cell)
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

    # -- names that must refer to something ---------------------------------------------------
    def _check_references(self, consortium: Consortium) -> None:
        wb = WorkbookRead(self.file, consortium, self.findings, self.layouts)
        for sheet_name, rows, key in (
            ("Members", consortium.members, "name"),
            ("Models", consortium.models, "model"),
        ):
            first: dict[str, Row] = {}
            for row in rows:
                name = getattr(row, key)
                if not name:
                    continue
                norm = normalise_name(name)
                if norm in first:
                    self._add(
                        "input.duplicate",
                        f"{sheet_name} lists {name!r} twice (rows {first[norm].row} and {row.row})",
                        wb.locate(sheet_name, row, key),
                        "merge the two rows into one",
                    )
                else:
                    first[norm] = row
        anchor = consortium.info.anchor_member
        if anchor and consortium.members and consortium.member(anchor) is None:
            self._add(
                "input.unknown-entity",
                f"anchor_member {anchor!r} is not a name in the Members sheet",
                wb.locate("Consortium", consortium.info, "anchor_member"),
                "write the anchor member's name exactly as in the Members sheet",
            )
        providers = {normalise_name(p.provider) for p in consortium.providers if p.provider}
        for model in consortium.models:
            provider = model.us_support_provider
            if (
                provider
                and consortium.member(provider) is None
                and normalise_name(provider) not in providers
            ):
                self._add(
                    "input.unknown-entity",
                    f"us_support_provider {provider!r} of model {model.model!r} is neither a "
                    "member nor a Providers row",
                    wb.locate("Models", model, "us_support_provider"),
                    "name a member, or a provider listed in Providers with its ownership, exactly "
                    "as written there (IV.C: its own ownership must be checked)",
                )

    def _add(
        self,
        code: str,
        message: str,
        location: Location,
        hint: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.findings.append(
            Finding(code=code, severity=severity, message=message, location=location, hint=hint)
        )


_BLANK = object()


def _header(value: Any) -> str:
    return "" if is_blank(value) else normalise_header(str(value))


def _sheet_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())
