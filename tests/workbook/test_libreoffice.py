"""Workbooks saved by LibreOffice Calc read as they do from Excel (fixtures/libreoffice)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from aiexp.workbook import read_workbook
from aiexp.workbook.template import workbook_bytes

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "libreoffice"


def test_sample_saved_by_libreoffice_reads_without_findings() -> None:
    read = read_workbook(FIXTURES / "sample-saved-by-libreoffice.xlsx")
    assert read.findings == []
    consortium = read.consortium
    assert consortium.anchor() is not None
    assert {layer for m in consortium.members for layer in m.layers} == {1, 2, 3, 4, 5}
    assert len(consortium.narratives) >= 5


def test_template_drop_downs_survive_libreoffice(tmp_path: Path) -> None:
    ours = tmp_path / "ours.xlsx"
    ours.write_bytes(workbook_bytes())

    def validations(path: Path) -> dict[str, list[str]]:
        book = load_workbook(path)
        return {
            ws.title: sorted(str(v.formula1) for v in ws.data_validations.dataValidation)
            for ws in book.worksheets
            if ws.data_validations.dataValidation
        }

    saved = validations(FIXTURES / "template-saved-by-libreoffice.xlsx")
    assert saved
    assert saved == validations(ours)


def test_template_saved_by_libreoffice_gives_required_findings_only() -> None:
    read = read_workbook(FIXTURES / "template-saved-by-libreoffice.xlsx")
    codes = {f.code for f in read.findings}
    assert "input.required" in codes
    assert codes <= {"input.required"}
