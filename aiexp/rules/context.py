"""What every rule sees: the workbook read, the profile, the hardware content, the date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aiexp.findings import Finding, Location, Severity
from aiexp.model import Consortium, Row
from aiexp.profile import Profile
from aiexp.rules.registry import rule_for
from aiexp.workbook.reader import WorkbookRead

if TYPE_CHECKING:
    from aiexp.content import ContentResult


@dataclass
class RuleContext:
    """The inputs of the rules: the workbook, the profile, the content result and the date."""

    wb: WorkbookRead
    profile: Profile
    content: ContentResult | None = None
    bom: Path | None = None
    date: dt.date | None = None
    now: dt.datetime | None = None

    @property
    def consortium(self) -> Consortium:
        """The workbook's consortium model."""
        return self.wb.consortium

    def locate(self, sheet: str, row: Row | int | None = None, key: str | None = None) -> Location:
        """The location of a sheet, a row or a cell (see `WorkbookRead.locate`)."""
        return self.wb.locate(sheet, row, key)

    def field(self, key: str) -> Location:
        """The location of a Consortium sheet field's value cell."""
        return self.wb.locate("Consortium", self.consortium.info, key)

    def finding(
        self,
        code: str,
        message: str,
        location: Location,
        hint: str | None = None,
        *,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of a declared code: its severity and section from the registry."""
        rule = rule_for(code)
        return Finding(
            code=code,
            severity=severity or rule.severity,
            section=rule.section,
            message=message,
            location=location,
            hint=hint or rule.fix,
        )
