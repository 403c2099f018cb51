"""A BOM sheet's percentage is read as Excel shows it (SPEC §2 percent; notice IV.A).

Excel multiplies a number by 100 only for a `%` that is a format character: a `%` in quotes
(`0.0" %"`), escaped (`0.0\\%`) or after `_`/`*` is literal text, so 0.6 under `0.0" %"` shows
"0.6 %" and must read 0.6, not 60. A text cell is never formatted: "0.51" in a `0%` cell shows
0.51 and must read 0.51 (SPEC: only a *numeric* cell whose format holds `%` is scaled). The
same data as a bom.csv (as the sheet shows it) is the reference.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from aiexp.values import parse_percent, percent_format
from tests.content.bomfiles import calc, line, write_csv, write_xlsx


def _figures(path: Path) -> dict[str, Any]:
    report = calc(path).to_json_dict()
    return {key: report[key] for key in ("total_value", "us_value", "us_content_pct")}


@pytest.mark.parametrize(
    ("cell", "number_format", "shown"),
    [
        (0.6, '0.0" %"', "0.6"),  # a literal % in quotes: shown 0.6 %
        (0.6, "0.0\\%", "0.6"),  # an escaped %
        (51, '0" %"', "51"),
        (0.6, '0.0"%"', "0.6"),
        (0.51, "0%", "51"),  # a real percent format: Excel shows 51 %
        (0.515, "0.00%", "51.5"),
        (0.51, "[Red]0%", "51"),
        (0.51, '"US "0%', "51"),  # a literal before a real %
        ("0.51", "0%", "0.51"),  # text is shown as written
        ("51", "0.00%", "51"),
        ("51%", "0%", "51"),
    ],
)
def test_a_sheet_percentage_reads_as_excel_shows_it(
    tmp_path: Path, cell: Any, number_format: str, shown: str
) -> None:
    sheet = write_xlsx(
        tmp_path / "bom.xlsx",
        [line("L1", 1000, us_content_pct=cell), line("L2", 1000, us_content_pct=cell)],
        formats={"us_content_pct": number_format},
    )
    reference = write_csv(
        tmp_path / "bom.csv",
        [line("L1", 1000, us_content_pct=shown), line("L2", 1000, us_content_pct=shown)],
    )
    expected = Decimal(shown) * 20  # two lines of 1000 at `shown` percent
    assert _figures(sheet) == _figures(reference)
    assert Decimal(_figures(sheet)["us_value"]) == expected


@pytest.mark.parametrize(
    ("number_format", "scales"),
    [
        ("0%", True),
        ("0.00%", True),
        ("#,##0.0%;[Red]-#,##0.0%", True),
        ('"%"0', False),
        ('0" %"', False),
        ("0\\%", False),
        ("0_%", False),
        ("0*%", False),
        ("[$%-409]0", False),
        ("General", False),
        (None, False),
        ('0;"-";0%', False),  # only the positive section applies to a percentage
    ],
)
def test_percent_format_is_a_format_character(number_format: str | None, scales: bool) -> None:
    assert percent_format(number_format) is scales
    assert parse_percent(0.25, number_format) == (Decimal(25) if scales else Decimal("0.25"))
