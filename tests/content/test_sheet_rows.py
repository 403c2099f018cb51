"""A BOM sheet's rows read as text (the fast path) give exactly what parsing every cell gives.

`aiexp.bom.xlsxfile` hands the content calculation each plain sheet row as the text the CSV
path reads (`_plain`), with its original cells for anything parsed or reported. Here random
sheets of every kind of cell — text, whole and fractional numbers, percent formats, booleans,
dates, errors, blanks — are calculated both ways: the reports, or the error lines, must be
identical. And `validate` reads the workbook's BOM sheet once: the calculation takes the rows
the workbook reader kept, and gives the same report as reading the sheet again.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from aiexp.bom import xlsxfile
from aiexp.check import check_workbook
from aiexp.content import workbook_figures
from aiexp.errors import BomError
from aiexp.profile import load_profile
from aiexp.workbook import read_workbook
from aiexp.workbook.xlsx import XlsxPackage
from tests.content.bomfiles import COLUMNS, calc
from tests.workbook_edit import append_row, copy_sample

ODD = st.sampled_from(
    [None, "", "  ", "#N/A", True, False, dt.datetime(2026, 1, 2), -3, 1e400, -0.0, "abc", 1.5e16]
)
# Valid cells of every type a sheet gives (text, int, float; percent formats).
CLEAN: dict[str, st.SearchStrategy[Any]] = {
    "description": st.sampled_from(["GPU", " switch ", 12]),
    "kind": st.sampled_from(["good", "service", "Service", None]),
    "supplier": st.sampled_from(["Acme", "Rhein GmbH", 7, "Pearl River Co."]),
    "supplier_country": st.sampled_from(["US", "DE", "CN", "Germany", 840]),
    "supplier_principal_place_of_business": st.sampled_from(["US", "HK", "", None]),
    "supplier_coc_controlled": st.sampled_from(["yes", "no", "", None, 1, 0, True, False]),
    "origin_country": st.sampled_from(["US", "MX", None, "usa"]),
    "quantity": st.sampled_from([1, 2, 2.5, "3", "1,000", None, 4.0, 16]),
    "unit_value": st.one_of(
        st.integers(min_value=0, max_value=10**7),
        st.sampled_from([1234.56, 0.1, 1e-05, 99.995, "1,234.50", "$12.00", " 7 ", 250000.0]),
    ),
    "currency": st.sampled_from(["USD", "EUR", "eur", None]),
    "us_content_pct": st.sampled_from([0, 51, 0.51, "51%", "51", 51.25, 100, None, "", 0.5]),
    "notes": st.sampled_from([None, 2.5, "n"]),
}
FORMATS = st.sampled_from(["General", "0%", "0.0%", "0.00", "#,##0.00"])


@st.composite
def bom_row(draw: st.DrawFn, number: int) -> dict[str, Any]:
    """A valid row of varied cell types, now and then with one odd cell."""
    row = {key: draw(strategy) for key, strategy in CLEAN.items()}
    row["line_id"] = draw(st.sampled_from([f"L{number}", 1000 + number, f" L{number} "]))
    if draw(st.booleans()):
        row["pct_format"] = draw(FORMATS)
    if row["us_content_pct"] in (None, "") and draw(st.booleans()):
        unit = row["unit_value"]
        row["non_us_unit_value"] = unit if not isinstance(unit, int) else unit // 3
    if draw(st.integers(min_value=0, max_value=5)) == 0:
        row[draw(st.sampled_from([*CLEAN, "line_id"]))] = draw(ODD)
    return row


BOMS = st.integers(min_value=1, max_value=14).flatmap(
    lambda size: st.tuples(*(bom_row(number) for number in range(size)))
)


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "BOM"
    sheet.append(COLUMNS)
    for values in rows:
        sheet.append([values.get(key) for key in COLUMNS])
        if "pct_format" in values:
            cell = sheet.cell(sheet.max_row, COLUMNS.index("us_content_pct") + 1)
            cell.number_format = values["pct_format"]
    book.save(path)
    return path


def _outcome(path: Path) -> Any:
    """The report as JSON, or the error line."""
    try:
        result = calc(path, rates={"EUR": Decimal("1.0832")})
    except BomError as exc:
        return f"error: {exc}"
    return result.to_json_dict()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BOMS)
def test_plain_rows_read_as_text_give_what_every_cell_parsed_gives(
    rows: tuple[dict[str, Any], ...],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder) / "bom.xlsx", list(rows))
        fast = _outcome(path)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(xlsxfile, "_plain", lambda *args: None)
            slow = _outcome(path)
    assert fast == slow


def test_rows_with_clean_values_take_the_text_path(tmp_path: Path) -> None:
    rows = [
        {
            "line_id": f"L{i}",
            "description": "GPU",
            "supplier": "Acme",
            "supplier_country": "US",
            "quantity": 1 + i % 3,
            "unit_value": 1000.25 + i,
            "currency": ("USD", "EUR")[i % 2],
            "us_content_pct": (0.5, 51, "", "40")[i % 4],
            "pct_format": ("0%", "General", "General", "General")[i % 4],
        }
        for i in range(40)
    ]
    path = _write(tmp_path / "bom.xlsx", rows)
    seen: list[bool] = []
    plain = xlsxfile._plain

    def spy(*args: Any) -> Any:
        text = plain(*args)
        seen.append(text is not None)
        return text

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xlsxfile, "_plain", spy)
        fast = _outcome(path)
    assert seen
    assert all(seen)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xlsxfile, "_plain", lambda *args: None)
        assert _outcome(path) == fast
    assert isinstance(fast, dict)
    assert fast["line_count"] == 40


CLEAN_ROW = {
    "description": "GPU",
    "supplier": "Acme",
    "supplier_country": "US",
    "quantity": 2,
    "unit_value": 1000.25,
}


def _workbook_with_bom_sheet(folder: Path, lines: list[dict[str, Any]]) -> Path:
    workbook = copy_sample(folder, with_bom=False)
    for values in lines:
        append_row(workbook, "BOM", values)
    return workbook


BOM_LINES = [
    {
        "line_id": f"S{i}",
        "description": "Server",
        "supplier": ("Acme Compute Inc.", "Pearl River Cable Co.")[i % 2],
        "supplier_country": ("US", "CN")[i % 2],
        "supplier_coc_controlled": "no",
        "origin_country": "US",
        "quantity": 2,
        "unit_value": 1500.5 + i,
        "currency": ("USD", "EUR")[i % 3 == 0],
        "us_content_pct": (90, "")[i % 4 == 0],
    }
    for i in range(30)
]


def test_validate_parses_the_bom_sheet_once(tmp_path: Path) -> None:
    workbook = _workbook_with_bom_sheet(tmp_path, BOM_LINES)
    opened: list[str] = []
    rows = XlsxPackage.rows

    def counting(self: XlsxPackage, title: str, **options: Any) -> Any:
        opened.append(title)
        return rows(self, title, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(XlsxPackage, "rows", counting)
        result = check_workbook(workbook)
    assert result.content is not None
    assert result.content.line_count == len(BOM_LINES)
    assert opened.count("BOM") == 1


def _figures(workbook: Path, wb: Any) -> str:
    try:
        figures = workbook_figures(workbook, wb, profile=load_profile(None))
    except BomError as exc:
        return str(exc)
    assert figures.content is not None
    return json.dumps(figures.content.to_json_dict(), sort_keys=True)


@pytest.mark.parametrize("case", ["good", "repeated id", "bad cell"])
def test_kept_rows_give_the_report_of_the_sheet_read_again(tmp_path: Path, case: str) -> None:
    lines = {
        "good": BOM_LINES,
        "repeated id": [*BOM_LINES, {**BOM_LINES[0], "line_id": "S1"}],
        "bad cell": [*BOM_LINES[:3], {**BOM_LINES[3], "unit_value": "12,5"}],
    }[case]
    workbook = _workbook_with_bom_sheet(tmp_path, lines)
    wb = read_workbook(workbook)
    assert wb.bom_cells is not None
    kept = _figures(workbook, wb)  # the rows the reader kept, taken once
    assert wb.bom_cells is None
    again = _figures(workbook, wb)  # the sheet read from the file again
    assert kept == again
    if case != "good":
        assert "BOM!" in kept, kept


def test_progress_through_a_sheet_reaches_the_end(tmp_path: Path) -> None:
    rows = [{"line_id": f"L{i}", **CLEAN_ROW} for i in range(300)]
    path = _write(tmp_path / "bom.xlsx", rows)
    calls: list[tuple[int, int]] = []
    calc(path, progress=lambda done, total: calls.append((done, total)))
    size = calls[-1][1]
    assert size > 0
    assert calls[-1] == (size, size)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
