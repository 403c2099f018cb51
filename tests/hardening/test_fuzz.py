"""Fuzzing the value parsers, the workbook reader and the BOM reader with hypothesis.

Only the tool's own errors may escape (ValueError from a parser, AiexpError from a reader), and
every finding is located: file and sheet at least, the cell for cell-level codes. Inputs counted:
value parsers 12 x 150 = 1,800 values; workbook reader 25 workbooks x ~140 cells = ~3,500 cells;
BOM reader 60 files x 3-4 lines x 6 columns = ~1,300 cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiexp import values
from aiexp.errors import AiexpError
from aiexp.model import SHEETS, ConsortiumInfo, columns
from aiexp.workbook.reader import parse_value, read_workbook
from tests.hardening.bad_files import write_sheets

# Characters openpyxl can store (XML 1.0 forbids most C0 controls; Excel writes them as _x0001_).
XML_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff"),
    max_size=40,
).filter(lambda s: not any(ord(c) < 32 and c not in "\t\n\r" for c in s))
ANY_TEXT = st.text(max_size=40)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
)
DATES = st.one_of(
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
)
SPECIAL = st.sampled_from(
    ["#REF!", "#N/A", "=1+1", "51%", "-0", "1e999", "L6", "Layer 0", "✓", "USD -5", "1,2,3"]
)
RAW = st.one_of(ANY_TEXT, NUMBERS, st.booleans(), DATES, st.none(), SPECIAL)
CELL = st.one_of(
    XML_TEXT,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    DATES,
    st.none(),
    SPECIAL,
)
# One huge cell per workbook (Excel's 32,767-character maximum), not one per cell: cheap.
HUGE = "x" * 32_767

PARSERS = [
    values.parse_yes_no,
    values.parse_money,
    values.parse_percent,
    lambda raw: values.parse_percent(raw, "0.00%"),
    values.parse_country,
    values.parse_list,
    values.parse_layer,
    values.parse_layers,
    values.parse_date,
    values.to_decimal,
    values.parse_text,
    values.normalise_header,
]


@pytest.mark.parametrize("parser", PARSERS, ids=range(len(PARSERS)))
@settings(max_examples=150, deadline=None)
@given(raw=RAW)
def test_value_parsers_raise_only_value_error(parser: Any, raw: Any) -> None:
    """A parser returns a value or raises ValueError; money and percent stay exact and finite."""
    try:
        result = parser(raw)
    except ValueError as exc:
        message = str(exc)
        assert message, "a ValueError must say what was expected"
        return
    if isinstance(result, Decimal):
        assert result.is_finite()
    assert not (isinstance(result, float) and math.isnan(result))


ROW_SHEETS = [spec for spec in SHEETS if spec.row_model is not ConsortiumInfo]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_reader_on_random_cells(data: st.DataObject) -> None:
    """Random cells of every type in every column of every sheet: located findings only."""
    sheets: dict[str, list[list[Any]]] = {}
    info_fields = [c.key for c in columns(ConsortiumInfo)]
    sheets["Consortium"] = [["field", "value"]] + [
        [key, data.draw(CELL, label=key)] for key in info_fields
    ]
    for spec in ROW_SHEETS:
        keys = [c.key for c in columns(spec.row_model)]
        sheets[spec.name] = [keys, [data.draw(CELL) for _ in keys]]
    sheets["Members"][1][-1] = HUGE
    with tempfile.TemporaryDirectory() as folder:
        path = write_sheets(Path(folder) / "fuzz.xlsx", sheets)
        try:
            read = read_workbook(path)
        except AiexpError as exc:
            pytest.fail(f"a written workbook was refused: {exc}")
    for finding in read.findings:
        assert finding.location.file == str(path)
        assert finding.location.sheet, finding
        assert "\n" not in finding.message, finding
        if finding.code in {"input.cell"}:
            assert finding.location.cell, finding


@pytest.mark.parametrize("spec", ROW_SHEETS, ids=[s.name for s in ROW_SHEETS])
@settings(max_examples=15, deadline=None)
@given(raw=RAW)
def test_parse_value_every_column(spec: Any, raw: Any) -> None:
    """parse_value on every column kind: a value or a ValueError."""
    for col in columns(spec.row_model):
        if values.is_blank(raw):
            continue
        try:
            parse_value(raw, None, col)
        except ValueError:
            pass


BOM_COLUMNS = ["line_id", "description", "supplier", "supplier_country", "unit_value"]
BOM_EXTRA = ["us_content_pct", "quantity", "currency", "non_us_unit_value", "kind"]
CSV_CELL = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.integers(-(10**9), 10**9).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", "US", "USD", "EUR", "51%", "-1", "1,000.50", "good", "service", "L1"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    extra=st.lists(st.sampled_from(BOM_EXTRA), unique=True, max_size=3),
    rows=st.lists(st.lists(CSV_CELL, min_size=4, max_size=9), min_size=1, max_size=4),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_bom_reader_on_random_rows(extra: list[str], rows: list[list[str]], encoding: str) -> None:
    """Random BOM rows (ragged, any text, any number): a result or one BomError line."""
    from tests.content.bomfiles import calc

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(BOM_COLUMNS + extra)
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        bom = Path(folder) / "bom.csv"
        try:
            bom.write_bytes(buffer.getvalue().encode(encoding))
        except UnicodeEncodeError:
            return
        try:
            result = calc(bom, rates={"EUR": Decimal("1.1")})
        except AiexpError as exc:
            message = str(exc)
            assert "\n" not in message.strip(), message
            assert message.startswith(str(bom)), message
            return
    assert result.line_count == len(rows)
