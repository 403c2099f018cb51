"""What every section of the template context shares: the inputs, and values as shown.

A `Shaper` holds the model, the validation report, the content result, the profile, the rates
the rules used and the redactor; its helpers give a row's value as the proposal shows it (marked,
or redacted in the public version). Amounts are formatted here (money half-even to cents,
percentages truncated); the Jinja2 environment escapes every printed value as Markdown data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aiexp.content.format import money_display, pct_display
from aiexp.document.redact import Redacted, Redactor
from aiexp.findings import Report
from aiexp.model import ConfidentialRow, Consortium, Member, NarrativeSection
from aiexp.profile import Profile
from aiexp.valuation import layer_valuations
from aiexp.values import country_name

if TYPE_CHECKING:
    from aiexp.content import ContentResult


def usd(value: Decimal) -> str:
    """A USD amount for the proposal: `$1,234.50`."""
    return f"${money_display(value)}"


def country(code: str | None) -> str:
    """A country's common English name ("" for none)."""
    return country_name(code) if code else ""


def long_date(day: dt.date) -> str:
    """`May 1, 2026`."""
    return f"{day:%B} {day.day}, {day.year}"


class Shaper:
    """The inputs of the template context and the helpers that show a row's values."""

    def __init__(
        self,
        consortium: Consortium,
        report: Report,
        content: ContentResult | None,
        profile: Profile,
        redactor: Redactor,
        rates: Mapping[str, Decimal],
    ) -> None:
        self.consortium = consortium
        self.report = report
        self.content = content
        self.profile = profile
        self.redactor = redactor
        self.public = redactor.public
        self.members_by_name = consortium.members_by_name()
        # The rates the rules converted the Providers values with (no file is read here).
        self.rates = rates
        self.valuation = layer_valuations(consortium, rates, profile.layers)

    def v(self, row: ConfidentialRow | None, value: Any, *, short: bool = False) -> Any:
        """A row's value as text; the redaction mark for a withheld row in the public version
        (`short`: the short mark, for a table cell beside the row's first cell)."""
        if value is None:
            return ""
        shown = self.redactor.value(row, value, short=short)
        return shown if isinstance(shown, Redacted) else str(shown)

    def withheld(self, row: ConfidentialRow | None) -> bool:
        """Whether the public version withholds this row (never in the full version)."""
        return self.public and row is not None and row.withheld

    def name(self, member: Member | None) -> Any:
        """A member's name as shown."""
        if member is None:
            return ""
        return self.v(member, member.name)

    def to_usd(self, value: Decimal | None, currency: str) -> Decimal | None:
        """A value in USD, or None when its currency has no rate."""
        if value is None:
            return None
        rate = self.rates.get((currency or "USD").upper())
        return None if rate is None else value * rate

    def narrative(self, section: NarrativeSection) -> dict[str, Any]:
        """A narrative's text (Markdown), its confidentiality mark, and whether it is given."""
        row = self.consortium.narrative(section)
        if row is None:
            return {"given": False, "text": "", "mark": ""}
        return {"given": True, "text": self.v(row, row.text), "mark": self.redactor.mark(row)}

    def pct_or_unknown(self, row: ConfidentialRow, value: Decimal | None) -> Any:
        """A percentage as shown, or "not stated"."""
        if value is None:
            return self.v(row, "not stated", short=True)
        return self.v(row, pct_display(value, 2), short=True)

    def bom_withheld(self, line_id: str) -> bool:
        """Whether the public version withholds the BOM line with this id."""
        return self.public and self.redactor.bom_withheld(line_id)

    def bom_confidential(self, line_id: str) -> bool:
        """Whether the BOM line with this id is marked confidential (either version)."""
        return self.redactor.bom_withheld(line_id)

    def bom_value(self, line_id: str, shown: Any, *, short: bool = False) -> Any:
        """A BOM line's value, redacted in the public version when the line is confidential."""
        return self.redactor.bom(line_id, shown, short=short)

    def bom_id(self, line_id: str) -> Any:
        """A BOM line's id as shown: with its mark in the full version when confidential."""
        mark = self.redactor.bom_mark(line_id)
        return f"{line_id} {mark}" if mark else self.redactor.bom(line_id, line_id)
