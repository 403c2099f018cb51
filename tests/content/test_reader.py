"""The BOM reader: numbers with commas, and read errors at their true line and cause (SPEC §3)."""

from __future__ import annotations

import csv
import io
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiexp.bom import BOM, open_table
from aiexp.bom.csvfile import csv_chunks
from aiexp.errors import BomError
from tests.content.bomfiles import COLUMNS, calc, line, write_csv

HEADER = "line_id;description;supplier;supplier_country;unit_value;us_content_pct;quantity\n"


def test_semicolon_bom_with_a_comma_is_refused_naming_the_cell(tmp_path: Path) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_text(HEADER + "A;Rack;Acme;US;1500;51;1\nB;Cable;Acme;US;1,500;;2\n")
    with pytest.raises(BomError) as caught:
        calc(bom)
    message = str(caught.value)
    assert message.startswith(f"{bom}: line 3, column unit_value: '1,500' holds a comma")
    assert "--decimal-comma" in message


def test_decimal_comma_reads_that_file_only(tmp_path: Path) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_text(HEADER + "A;Rack;Acme;US;1.234,56;51,5;1\nB;Cable;Acme;US;1,500;;2\n")
    (tmp_path / "rates.csv").write_text("currency,usd_per_unit\nEUR,1.5\n")
    result = calc(bom, decimal_comma=True)
    assert result.total_value == Decimal("1234.56") + 2 * Decimal("1.5")
    assert result.us_value == Decimal("1234.56") * Decimal("0.515")
    write_csv(bom, [line("A", "1.5")])
    with pytest.raises(BomError, match=r"line 2, column unit_value.*point separates thousands"):
        calc(bom, decimal_comma=True)


@pytest.mark.parametrize(
    ("values", "column"),
    [
        ({"unit_value": "5,1"}, "unit_value"),
        ({"quantity": "2,5"}, "quantity"),
        ({"us_content_pct": "5,1"}, "us_content_pct"),
        ({"non_us_unit_value": "0,4"}, "non_us_unit_value"),
    ],
)
def test_a_decimal_comma_is_a_located_error(
    tmp_path: Path, values: dict[str, str], column: str
) -> None:
    bom = write_csv(tmp_path / "bom.csv", [line("A", values.pop("unit_value", "10"), **values)])
    with pytest.raises(BomError, match=rf"line 2, column {column}: .*decimal comma is not read"):
        calc(bom)


def test_huge_numbers_are_input_errors(tmp_path: Path) -> None:
    for values, column in (
        ({"quantity": "1e199"}, "quantity"),
        ({"quantity": "2000000000"}, "quantity"),
        ({"unit_value": "2000000000000000"}, "unit_value"),
        ({"unit_value": "9" * 5000}, "unit_value"),
    ):
        bom = write_csv(tmp_path / "bom.csv", [line("A", values.pop("unit_value", "1"), **values)])
        with pytest.raises(BomError, match=rf"line 2, column {column}: .*above 10\^"):
            calc(bom)


def test_unusual_values_are_exact(tmp_path: Path) -> None:
    # More decimals than the scaled integers hold, a fractional quantity, a grouped amount:
    # read by the parsers, the figures still exact.
    bom = write_csv(
        tmp_path / "bom.csv",
        [
            line("A", "0.000125", quantity="2.5", us_content_pct="33.333333"),
            line("B", "1,234.5", quantity="3", non_us_unit_value="0.00001"),
            line("C", "$10", currency="EUR"),
        ],
    )
    rate = Decimal("1.08321234567891")
    result = calc(bom, rates={"EUR": rate})
    a, b, c = Decimal("0.0003125"), 3 * Decimal("1234.5"), 10 * rate
    assert result.total_value == a + b + c
    assert result.us_value == a * Decimal("0.33333333") + b - 3 * Decimal("0.00001")


def test_a_long_field_is_reported_on_its_own_line(tmp_path: Path) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_text(",".join(COLUMNS) + "\nA,x,good,Acme,US,,,,1," + "9" * 200_000 + "\n")
    with pytest.raises(BomError, match=r"bom\.csv: line 2: a cell is longer than 131,072"):
        calc(bom)


def test_an_unterminated_quote_is_named(tmp_path: Path) -> None:
    bom = tmp_path / "bom.csv"
    rows = [line("A", "1"), line("B", "2"), line("C", "3")]
    text = write_csv(bom, rows).read_text().splitlines()
    text[2] = text[2].replace("item B", '"item B')
    bom.write_text("\n".join(text) + "\n")
    with pytest.raises(BomError, match=r"line 3: a quote opened in this row is never closed"):
        calc(bom)


def test_nul_and_bad_utf16_are_named_as_such(tmp_path: Path) -> None:
    bom = write_csv(tmp_path / "bom.csv", [line("A", "1"), line("B\0", "2")], encoding="utf-16")
    with pytest.raises(BomError, match=r"line 3: holds a NUL character") as caught:
        calc(bom)
    assert "UTF-8" not in str(caught.value)
    data = write_csv(tmp_path / "b.csv", [line("A", "1"), line("B", "2")], encoding="utf-16")
    raw = data.read_bytes()
    at = raw.index("B".encode("utf-16-le"), 200)
    data.write_bytes(raw[:at] + b"\x00\xd8" + raw[at + 2 :])  # a lone high surrogate
    with pytest.raises(BomError, match=r"line 3: the file is not valid UTF-16 text"):
        calc(data)
    latin = tmp_path / "c.csv"
    rows = b"".join(b"A%d,x,Acme,US,1\n" % i for i in range(6000))
    header = b"line_id,description,supplier,supplier_country,unit_value\n"
    latin.write_bytes(header + rows + b"B,Caf\xe9,Acme,US,1\n")  # past the 64 KiB first read
    with pytest.raises(BomError, match=r"line 6002: the file is not UTF-8 text"):
        calc(latin)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_before_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "bom.csv"
    os.mkfifo(fifo)
    with pytest.raises(BomError, match="not a regular file"):
        calc(fifo)


# Cells with quotes, separators, every line break CSV knows, and some that other line splitters
# know and CSV does not (\x0c, \x85, \u2028).
_CELL = st.text(alphabet='ab ",;\t\r\n\0é\x0c\x85\u2028', max_size=6)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(_CELL, max_size=5), max_size=8),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["\r\n", "\n", "\r"]),
)
def test_chunks_are_the_rows_csv_reads(rows: list[list[str]], delimiter: str, ending: str) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=ending).writerows(rows)
    text = "line_id" + ending + out.getvalue()
    expected_reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    next(expected_reader)
    expected = list(expected_reader)
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    next(reader)
    got: list[list[str]] = []
    lines: list[int] = []
    for chunk, number, _, _, _ in csv_chunks(stream, reader, delimiter, 3):
        got += chunk
        lines += [number(k) for k in range(len(chunk))]
    assert got == expected
    starts, at = [], 2
    for row in expected:
        starts.append(at)
        at += 1 + sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in row)
    assert lines == starts


def test_records_and_chunks_agree_on_a_bom(tmp_path: Path) -> None:
    bom = write_csv(tmp_path / "bom.csv", [line(f"L{i}", str(i), notes="a\nb") for i in range(9)])
    with open_table(bom, BOM) as table:
        records = [(n, row) for n, row, _ in table.records]
    with open_table(bom, BOM) as table:
        chunked = [
            (number(k), row)
            for chunk, number, _, _, _ in table.chunks(4)
            for k, row in enumerate(chunk)
        ]
    assert chunked == records
