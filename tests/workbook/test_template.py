"""The template workbook: every sheet from the models, drop-downs, comments, and a round trip."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from aiexp.model import (
    SHEETS,
    BomLine,
    Consortium,
    ConsortiumInfo,
    FederalSupport,
    Kind,
    Member,
    Narrative,
    NarrativeSection,
    Role,
    columns,
)
from aiexp.workbook.reader import read_workbook
from aiexp.workbook.template import LISTS_SHEET, README_SHEET, write_workbook


def _filled() -> Consortium:
    return Consortium(
        info=ConsortiumInfo(
            consortium_name="Acme Consortium",
            anchor_member="Acme Corp",
            contact_name="Ada",
            contact_email="ada@example.com",
            contact_phone="+1 202 555 0100",
            submission_date=dt.date(2026, 5, 1),
            is_resubmission=True,
            hardware_total_value=Decimal("1234.56"),
        ),
        members=[
            Member(
                name="Acme Corp",
                role=Role.ANCHOR,
                layers=[1, 3],
                country_of_incorporation="US",
                principal_place_of_business="US",
                coc_ownership_pct=Decimal("0.51"),
                us_ownership_pct=Decimal(100),
                description="=not a formula",
            )
        ],
        narratives=[Narrative(section=NarrativeSection.PACKAGE_OVERVIEW, text="One.\n\n- a\n- b")],
        federal_support=[FederalSupport(support_type="direct loans")],
        bom=[
            BomLine(
                line_id="L1",
                description="GPU server",
                supplier="Acme Corp",
                supplier_country="US",
                unit_value=Decimal("123456789012345.67"),  # 17 digits: past float, below 10^15
            )
        ],
    )


def test_empty_template_has_every_sheet_in_order(tmp_path: Path) -> None:
    path = tmp_path / "consortium.xlsx"
    write_workbook(path)
    book = load_workbook(path)
    assert book.sheetnames == [README_SHEET, *(s.name for s in SHEETS), LISTS_SHEET]
    assert book[LISTS_SHEET].sheet_state == "hidden"
    members = book["Members"]
    labels = [c.value for c in members[1]]
    assert labels == [c.label for c in columns(SHEETS[2].row_model)]
    assert members.freeze_panes == "A2"


def test_filled_template_reads_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "consortium.xlsx"
    consortium = _filled()
    write_workbook(path, consortium)
    read = read_workbook(path)
    assert read.findings == []
    assert read.consortium.model_dump() == consortium.model_dump()


def test_choice_columns_have_drop_downs(tmp_path: Path) -> None:
    path = tmp_path / "consortium.xlsx"
    write_workbook(path)
    book = load_workbook(path)
    for spec in SHEETS[1:]:
        ws = book[spec.name]
        covered = " ".join(str(v.sqref) for v in ws.data_validations.dataValidation)
        for index, col in enumerate(columns(spec.row_model)):
            letter = get_column_letter(index + 1)
            wanted = col.kind in (Kind.CHOICE, Kind.YES_NO, Kind.LAYER)
            assert (f"{letter}2:{letter}1000" in covered.split()) == wanted, (spec.name, col.key)
        for validation in ws.data_validations.dataValidation:
            assert len(validation.formula1) <= 255
