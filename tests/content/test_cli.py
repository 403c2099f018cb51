"""`aiexp content-calc` end to end: exit codes, --json equal to the core, one-line errors."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiexp.cli import app
from tests.content.bomfiles import COLUMNS, calc, line, write_csv, write_xlsx

runner = CliRunner()
ENV = {"COLUMNS": "160", "NO_COLOR": "1", "TERM": "dumb"}


def run(*args: str) -> tuple[int, str, str]:
    """Run `aiexp content-calc ARGS`: exit code, stdout, stderr."""
    result = runner.invoke(app, ["content-calc", *args], env=ENV)
    return result.exit_code, result.stdout, result.stderr


def test_json_equals_core_and_exit_0_when_met(tmp_path: Path) -> None:
    bom = write_csv(
        tmp_path / "bom.csv",
        [
            line("A", "100", quantity=3, us_content_pct=70),
            line("B", "80", currency="EUR", non_us_unit_value="20"),
            line("C", "5", supplier_country="CN"),
        ],
    )
    code, out, err = run(str(bom), "--rate", "EUR=1.25", "--json", "--top", "2")
    assert code == 0, err
    document = json.loads(out)
    expected = calc(bom, rates={"EUR": Decimal("1.25")}, top=2).to_json_dict()
    assert document == expected
    for key in (
        "total_value",
        "us_value",
        "us_content_pct",
        "threshold_pct",
        "meets_threshold",
        "shortfall_value",
        "us_content_pct_without_assumptions",
        "line_count",
        "undeclared_lines",
        "assumed_lines",
        "coc_lines",
        "top_non_us",
        "currency",
    ):
        assert key in document
    assert document["line_count"] == 3
    assert document["coc_lines"] == ["C"]
    assert len(document["top_non_us"]) == 2


def test_exit_1_below_threshold_and_human_report(tmp_path: Path) -> None:
    bom = write_csv(
        tmp_path / "bom.csv",
        [line("A", "100", us_content_pct=50), line("B", "100", origin_country="US")],
    )
    code, out, err = run(str(bom))
    assert code == 1, err
    assert "BELOW" in out
    assert "Shortfall (USD)" in out
    assert "52.00" in out  # 51 % of 200 is 102; U.S. 50
    code, out, _ = run(str(bom), "--assume-us-origin")
    assert code == 0
    assert "without assumptions" in out
    assert "Assumed U.S. origin" in out


def test_threshold_option(tmp_path: Path) -> None:
    bom = write_csv(tmp_path / "bom.csv", [line("A", "100", us_content_pct=40)])
    assert run(str(bom), "--threshold", "40%")[0] == 0
    assert run(str(bom), "--threshold", "40.01")[0] == 1
    code, _, err = run(str(bom), "--threshold", "140")
    assert code == 2
    assert "--threshold" in err


def _bad(tmp_path: Path, rows: list[dict[str, object]], **kwargs: object) -> Path:
    return write_csv(tmp_path / "bom.csv", rows, **kwargs)  # type: ignore[arg-type]


BAD_CASES = {
    "negative": ([line("A", "-5")], "line 2, column unit_value", "negative"),
    "nan": ([line("A", "1"), line("B", "NaN")], "line 3, column unit_value", "NaN"),
    "infinite": ([line("A", "1", quantity="inf")], "line 2, column quantity", "inf"),
    "percent-over-100": ([line("A", "1", us_content_pct="101")], "column us_content_pct", "100"),
    "percent-negative": ([line("A", "1", us_content_pct="-1")], "column us_content_pct", "0"),
    "quantity-zero": ([line("A", "1", quantity="0")], "line 2, column quantity", "positive"),
    "quantity-negative": ([line("A", "1", quantity="-2")], "column quantity", "positive"),
    "unknown-country": (
        [line("A", "1", supplier_country="Atlantis")],
        "line 2, column supplier_country",
        "Atlantis",
    ),
    "disagree": (
        [line("A", "10", non_us_unit_value="5", us_content_pct="60")],
        "line 2, column us_content_pct",
        "implies 50",
    ),
    "non-us-over-unit": (
        [line("A", "10", non_us_unit_value="11")],
        "line 2, column non_us_unit_value",
        "exceeds",
    ),
    "repeated-id": (
        [line("A", "1"), line("B", "1"), line("A", "2")],
        "line 4, column line_id",
        "first at line 2",
    ),
    "blank-required": ([line("A", "1", supplier="  ")], "line 2, column supplier", "required"),
    "no-rate": (
        [line("A", "1", currency="SEK"), line("B", "1", currency="SEK")],
        "line 2, column currency",
        "SEK (lines 2, 3)",
    ),
    "empty": ([], "bom.csv", "no lines"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_is_one_located_line_and_exit_2(tmp_path: Path, case: str) -> None:
    rows, where, what = BAD_CASES[case]
    bom = _bad(tmp_path, rows)
    code, out, err = run(str(bom), "--json")
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"aiexp: error: {bom}")
    assert where in err
    assert what in err


def test_missing_required_column(tmp_path: Path) -> None:
    columns = [c for c in COLUMNS if c != "unit_value"]
    bom = _bad(tmp_path, [line("A", "1")], columns=columns)
    code, _, err = run(str(bom))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert f"{bom}: line 1, column unit_value" in err


def test_not_utf8_is_refused_with_the_rule(tmp_path: Path) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_bytes(
        "line_id,description,supplier,supplier_country,unit_value\n"
        "A,Caf\xe9 machine,Acme,US,1\n".encode("latin-1")
    )
    code, _, err = run(str(bom))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "save it as UTF-8" in err
    assert "UTF-16 with a byte-order mark" in err


def test_xlsx_error_names_the_cell(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "Book.xlsx", [line("A", 1), line("B", -3)])
    code, _, err = run(str(book))
    assert code == 2
    assert f"{book}: BOM!J3 (unit_value)" in err


def test_missing_file_and_bad_rate_option(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "nope.csv"))
    assert code == 2
    assert "no such file" in err
    bom = write_csv(tmp_path / "bom.csv", [line("A", "1")])
    code, _, err = run(str(bom), "--rate", "EUR")
    assert code == 2
    assert "CUR=USD_PER_UNIT" in err
