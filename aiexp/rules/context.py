"""What every rule sees: the workbook read, the profile, the hardware content, the date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from aiexp import codes
from aiexp.findings import Finding, Location, Severity
from aiexp.model import Consortium, Row
from aiexp.profile import Profile
from aiexp.workbook.reader import WorkbookRead

if TYPE_CHECKING:
    from aiexp.content import ContentResult
    from aiexp.screening.screen import ScreeningResult


@dataclass
class RuleContext:
    """The inputs of the rules: the workbook, the profile, the content result and the date."""

    wb: WorkbookRead
    profile: Profile
    #: USD per unit of each currency, for the Providers values (resolved once by the caller).
    rates: Mapping[str, Decimal] = field(default_factory=lambda: {"USD": Decimal(1)})
    content: ContentResult | None = None
    bom: Path | None = None
    date: dt.date | None = None
    now: dt.datetime | None = None
    #: The parties screened against a Consolidated Screening List (`--screening-list`), if any.
    screening: ScreeningResult | None = None

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
        """A finding of a declared code: severity and section from the code table; the hint is
        the table's fix (with the profile's figures) unless a more specific one is given."""
        return codes.finding(
            code,
            message,
            location,
            hint or codes.code_for(code).fix_for(self.profile),
            severity=severity,
        )
