"""Security measures (IV.B, VI.2, IX.4), checked against the NIST package data."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiexp.findings import Severity
from aiexp.rules.security import nist_data, parse_reference, reference_problem
from tests.rules.helpers import findings, of, where
from tests.workbook_edit import clear_sheet, set_cells

GOVERNANCE = {"measure": "Cybersecurity governance and supply-chain risk management"}
PRIVACY = {"measure": "Privacy program for personal data in public services"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("PR.AA-01", None),
        ("pr.aa-1", None),
        ("GV", None),
        ("DE.CM", None),
        ("AC-2(1)", None),
        ("ac-02 (1)", None),
        ("SI-2(7)", None),
        ("PR.AC-01", "withdrawn from CSF 2.0"),
        ("ID.BE", "withdrawn from CSF 2.0"),
        ("RA-4", "withdrawn in SP 800-53 Rev. 5"),
        ("AC-99", "not an SP 800-53 Rev. 5 control"),
        ("PR.ZZ-01", "not a NIST CSF 2.0"),
        ("A.5.19", "neither"),
    ],
)
def test_reference_ids(text: str, problem: str | None) -> None:
    found = reference_problem(parse_reference(text))
    if problem is None:
        assert found is None
    else:
        assert found is not None
        assert problem in found


def test_the_package_data_is_complete() -> None:
    data = nist_data()
    assert len(data.csf) == 134
    assert len(data.controls) == 1196
    assert sum(value == "W" for value in data.controls.values()) == 182
    assert data.controls["AC-2"] == "LMH"


def test_no_security_measure(sample: Path) -> None:
    clear_sheet(sample, "Security")
    (finding,) = of(findings(sample), "security.none")
    assert finding.location.sheet == "Security"


def test_no_privacy_measure(sample: Path) -> None:
    set_cells(sample, "Security", PRIVACY, {"privacy": "no"})
    (finding,) = of(findings(sample), "security.none")
    assert (finding.location.sheet, finding.location.column) == ("Security", "privacy")


def test_no_measure_aligned_to_a_standard(sample: Path) -> None:
    from openpyxl import load_workbook

    # Every measure becomes an unnamed "other" framework.

    book = load_workbook(sample)
    ws = book["Security"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 3).value = "other"
        ws.cell(row, 6).value = None
    book.save(sample)
    assert where(findings(sample), "security.standards") == ["Security!F2"]


def test_other_framework_with_a_name_counts(sample: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(sample)
    ws = book["Security"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 3).value = "other"
        ws.cell(row, 6).value = "BSI IT-Grundschutz"
    book.save(sample)
    assert where(findings(sample), "security.standards") == []


def test_a_reference_that_is_not_real(sample: Path) -> None:
    set_cells(sample, "Security", GOVERNANCE, {"references": "GV.OC-03, XY.ZZ-99"})
    (finding,) = of(findings(sample), "security.reference")
    assert str(finding.location) == "Security!D2"
    assert "XY.ZZ-99" in finding.message


def test_a_withdrawn_reference(sample: Path) -> None:
    set_cells(sample, "Security", GOVERNANCE, {"references": "GV.OC-03; PR.AC-01; RA-4"})
    found = of(findings(sample), "security.reference")
    assert [str(f.location) for f in found] == ["Security!D2", "Security!D2"]
    assert all("withdrawn" in f.message for f in found)


def test_references_on_other_frameworks_are_not_checked(sample: Path) -> None:
    assert where(findings(sample), "security.reference") == []  # ISO and AI RMF rows


def test_a_csf_function_no_measure_addresses(sample: Path) -> None:
    set_cells(
        sample,
        "Security",
        {"measure": "Backup, model rollback and recovery"},
        {"references": "PR.DS-11"},
    )
    (finding,) = of(findings(sample), "security.csf-coverage")
    assert finding.severity is Severity.WARNING
    assert finding.location.sheet == "Security"
    assert "RC" in finding.message
