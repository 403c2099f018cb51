"""Findings: what a rule says about the proposal, located in the workbook (SPEC §5)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, computed_field


class Severity(StrEnum):
    """How serious a finding is: errors block submission, warnings need a look, info is a note."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Location(BaseModel):
    """Where a finding points: as much of file, sheet, A1 cell, row and column as is known."""

    model_config = ConfigDict(frozen=True)

    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        if self.sheet and self.row:
            return f"{self.sheet} row {self.row}"
        if self.sheet:
            return self.sheet
        if self.file and self.row:
            return f"{self.file} line {self.row}"
        return self.file or ""


class Finding(BaseModel):
    """One problem (or note) about the proposal, with the notice section it comes from."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    section: str | None = None
    message: str
    location: Location = Location()
    hint: str | None = None


class Summary(BaseModel):
    """Counts of findings by severity."""

    errors: int = 0
    warnings: int = 0
    info: int = 0


class Report(BaseModel):
    """The result of validating one workbook (SPEC §5 `validate --json`)."""

    file: str
    profile: str
    findings: list[Finding] = []

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> Summary:
        """Counts by severity."""
        return summarise(self.findings)

    @property
    def valid(self) -> bool:
        """True when there is no error finding."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def to_json_dict(self) -> dict[str, object]:
        """The `validate --json` document, keys in the order of SPEC §5."""
        return {
            "file": self.file,
            "profile": self.profile,
            "summary": self.summary.model_dump(),
            "findings": [f.model_dump(mode="json") for f in self.findings],
        }


def summarise(findings: Iterable[Finding]) -> Summary:
    """Count findings by severity."""
    summary = Summary()
    for finding in findings:
        if finding.severity is Severity.ERROR:
            summary.errors += 1
        elif finding.severity is Severity.WARNING:
            summary.warnings += 1
        else:
            summary.info += 1
    return summary


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; within a severity, keep the order found."""
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])
