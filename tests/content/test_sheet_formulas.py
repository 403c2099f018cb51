"""Formula cells on a BOM sheet: read by the value Excel cached (SPEC §2).

Excel saves a formula that gives empty text (`=IF(A2="","",A2*2)`) as `t="str"` with an empty
`<v></v>`: a saved value, the empty text, which reads as a blank cell. A formula saved without a
value (openpyxl writes `<v></v>` with no type) stays an error naming the cell. Both sheet
parsers (the fast one and lxml) must agree.
"""

from __future__ import annotations

import zipfile
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import pytest

from aiexp.errors import BomError
from aiexp.workbook.xlsx import open_xlsx
from tests.content.bomfiles import calc, line, write_csv, write_xlsx

SHEET = "xl/worksheets/sheet1.xml"


def _with_cells(path: Path, cells: dict[str, str]) -> Path:
    """The workbook at `path` with the XML of some of its BOM cells replaced (by reference)."""
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info.filename) for info in package.infolist()}
    text = parts[SHEET].decode()
    for reference, xml in cells.items():
        start = text.index(f'<c r="{reference}"')
        end = text.index("</c>", start) + len("</c>")
        text = text[:start] + xml + text[end:]
    parts[SHEET] = text.encode()
    patched = path.with_name(f"patched-{path.name}")
    with zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return patched


def _sheet(tmp_path: Path) -> Path:
    """Two lines; the second's U.S. content % (L3) and notes (N3) hold formulas (no values)."""
    return write_xlsx(
        tmp_path / "bom.xlsx",
        [
            line("L1", 1000, us_content_pct=60),
            line("L2", 500, us_content_pct='=IF(TRUE,"",51)', notes='=""'),
        ],
    )


def test_a_formula_saved_with_empty_text_reads_blank(tmp_path: Path) -> None:
    sheet = _with_cells(
        _sheet(tmp_path),
        {
            "L3": '<c r="L3" t="str"><f>IF(TRUE,"",51)</f><v></v></c>',
            "N3": '<c r="N3" t="str"><f>""</f><v></v></c>',
        },
    )
    reference = write_csv(
        tmp_path / "bom.csv", [line("L1", 1000, us_content_pct=60), line("L2", 500)]
    )
    report = calc(sheet).to_json_dict()
    assert report.pop("source").endswith("bom.xlsx#BOM")
    expected = calc(reference).to_json_dict()
    assert expected.pop("source").endswith("bom.csv")
    assert report == expected
    assert report["undeclared_lines"] == ["L2"]
    assert report["us_value"] == "600.00"
    with open_xlsx(sheet) as package:
        fast = list(package.rows("BOM"))
        slow = list(package.rows("BOM", fast=False))
    assert fast == slow
    assert fast[2][1][11] == ("", "General", False)


@pytest.mark.parametrize("xml", ['<c r="L3"><f>51</f><v></v></c>', '<c r="L3"><f>51</f></c>'])
def test_a_formula_saved_without_a_value_is_still_refused(tmp_path: Path, xml: str) -> None:
    sheet = _with_cells(_sheet(tmp_path), {"L3": xml, "N3": '<c r="N3" t="str"><f/><v></v></c>'})
    with pytest.raises(BomError, match=r"BOM!L3 holds a formula with no saved value"):
        calc(sheet)


LIBREOFFICE_BOM = (
    Path(__file__).parents[1] / "fixtures" / "libreoffice" / "bom-saved-by-libreoffice.xlsx"
)


def test_a_bom_saved_by_libreoffice_gives_the_exact_figures() -> None:
    # LibreOffice saves 0.1 + 0.2 as 0.3 and the empty-text formulas as t="str" <v></v>.
    lines = [  # (line value, U.S. value), worked out by hand from make_bom.py
        (2 * Decimal("0.3"), 2 * Decimal("0.3") * Decimal("0.51")),
        (Decimal(150) * Decimal("1.0832"), Decimal(0)),  # EUR, undeclared (empty text)
        (3 * Decimal("123456789.123456"), 3 * Decimal("123456789.123456") * Decimal("0.006")),
        (Decimal("1E-7"), Decimal("1E-7") * Decimal("0.0051")),  # text "0.51": 0.51 %
        (Decimal(5), 5 * Decimal("0.51234")),  # 0.51234 under 0.00%: 51.234 %
    ]
    total = sum(value for value, _ in lines)
    us = sum(share for _, share in lines)
    report = calc(LIBREOFFICE_BOM, rates={"EUR": Decimal("1.0832")}).to_json_dict()
    assert report["undeclared_lines"] == ["L2"]
    assert report["line_count"] == 5
    assert Decimal(report["total_value"]) == total.quantize(Decimal("0.01"))
    assert Decimal(report["us_value"]) == us.quantize(Decimal("0.01"))
    assert report["us_content_pct"] == str(
        (us * 100 / total).quantize(Decimal("0.0001"), ROUND_DOWN)
    )
