"""The Consortium sheet: the consortium, the anchor member and the contact (VI.1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import PrivateAttr

from aiexp.model.base import Kind, Row, column


class ConsortiumInfo(Row):
    """The Consortium sheet: one `field`/`value` row per field."""

    _rows: dict[str, int] = PrivateAttr(default_factory=dict)

    consortium_name: str | None = column(
        "Consortium name",
        "the consortium's name as it should appear on the proposal (VI.1)",
        Kind.TEXT,
        required=True,
    )
    package_name: str | None = column(
        "Package name", "the name of the full-stack export package", Kind.TEXT
    )
    anchor_member: str | None = column(
        "Anchor member",
        "the anchor member's name, exactly as in the Members sheet (Section II)",
        Kind.TEXT,
        required=True,
    )
    contact_name: str | None = column(
        "Contact name",
        "the single point of contact for the Program (Section II)",
        Kind.TEXT,
        required=True,
    )
    contact_title: str | None = column("Contact title", "the contact's job title", Kind.TEXT)
    contact_email: str | None = column(
        "Contact email", "the contact's email address", Kind.TEXT, required=True
    )
    contact_phone: str | None = column(
        "Contact phone", "the contact's telephone number (optional)", Kind.TEXT
    )
    submission_date: dt.datetime | dt.date | None = column(
        "Submission date",
        "when the proposal will be submitted: a date (YYYY-MM-DD), or a date and time "
        "(YYYY-MM-DD HH:MM, in the filing window's time zone); checked against the filing window",
        Kind.DATE,
    )
    is_resubmission: bool = column(
        "Is resubmission",
        "yes if this revises a proposal that was not selected (X.D)",
        Kind.YES_NO,
        default=False,
    )
    previous_submission_reference: str | None = column(
        "Previous submission reference",
        "the portal reference of the earlier proposal, for a resubmission (X.D)",
        Kind.TEXT,
    )
    hardware_total_value: Decimal | None = column(
        "Hardware total value",
        "only when no BOM is given: the aggregate value of Layer 1 in USD (IV.A)",
        Kind.MONEY,
    )
    hardware_us_value: Decimal | None = column(
        "Hardware U.S. value",
        "only when no BOM is given: the U.S.-content value of Layer 1 in USD (IV.A)",
        Kind.MONEY,
    )
    hardware_basis: str | None = column(
        "Hardware basis",
        "only when no BOM is given: how the two hardware figures were established",
        Kind.TEXT,
    )

    def row_of(self, field: str) -> int | None:
        """The worksheet row that holds `field`, if it was read from a workbook."""
        return self._rows.get(field)

    def set_rows(self, rows: dict[str, int]) -> ConsortiumInfo:
        """Remember the worksheet row of each field."""
        self._rows = dict(rows)
        return self
