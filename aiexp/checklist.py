"""The completeness review (notice X.A, VI): each item of Section VI, complete or not, and why.

Every item of Section VI 1-8 and the four optional items (`aiexp.requirements.ITEMS`) gets a
status — complete, incomplete or not applicable — the sheets and narratives its content comes
from, and the codes of the findings that concern it: error findings block it, warnings are listed
as open. A finding belongs to the item the code table gives its code (`aiexp.codes`) or, for
findings any sheet can raise (`input.*`, placeholders, confidentiality), to the item of the sheet
and row it points at. A resubmission adds the X.D item (the explanation of material changes).

Then the submission steps no workbook can prove (`aiexp.requirements.MANUAL_STEPS`): filing
through the portal only, the portal's instructions for confidential information, the FAQ (XI)
and the members' antitrust responsibility (XII.B) — listed "to do by hand", never counted in
`complete` or the exit code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from aiexp.check import CheckResult, check_workbook
from aiexp.codes import BY_LOCATION, NO_ITEM, code_for
from aiexp.findings import Finding, Severity
from aiexp.profile import Profile
from aiexp.requirements import ITEMS, MANUAL_STEPS, NARRATIVE_ITEMS, SHEET_ITEMS, ManualStep


class ItemStatus(StrEnum):
    """Where an item of the completeness review stands."""

    COMPLETE = "complete"
    INCOMPLETE = "incomplete"
    NOT_APPLICABLE = "not applicable"


HARDWARE_FIELDS = ("hardware_total_value", "hardware_us_value", "hardware_basis")


@dataclass(frozen=True)
class ChecklistItem:
    """One item of the completeness review and where it stands."""

    id: str
    title: str
    required: bool
    status: ItemStatus
    sources: list[str]
    blocking: list[str] = field(default_factory=list)
    open: list[str] = field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        """The item as JSON: id, title, required, status, sources, blocking and open codes."""
        return {
            "id": self.id,
            "title": self.title,
            "required": self.required,
            "status": self.status.value,
            "sources": list(self.sources),
            "blocking": list(self.blocking),
            "open": list(self.open),
        }


@dataclass(frozen=True)
class Checklist:
    """The completeness review of one workbook."""

    file: str
    profile: str
    items: list[ChecklistItem]
    unassigned: list[str] = field(default_factory=list)
    #: The submission steps no workbook can prove: to do by hand, not counted in `complete`.
    by_hand: tuple[ManualStep, ...] = MANUAL_STEPS

    @property
    def complete(self) -> bool:
        """True when every required item is complete (or not applicable); the steps to do by
        hand are not counted."""
        return all(item.status is not ItemStatus.INCOMPLETE for item in self.items if item.required)

    def to_json_dict(self) -> dict[str, Any]:
        """`{file, profile, complete, items: [...], other: [codes], by_hand: [...]}`."""
        return {
            "file": self.file,
            "profile": self.profile,
            "complete": self.complete,
            "items": [item.to_json_dict() for item in self.items],
            "other": list(self.unassigned),
            "by_hand": [
                {"id": step.id, "notice": step.ref, "step": step.text, "quote": step.quote}
                for step in self.by_hand
            ],
        }


def checklist_workbook(
    path: Path,
    *,
    bom: Path | None = None,
    profile: Profile | None = None,
    today: dt.date | None = None,
) -> Checklist:
    """Validate a workbook and turn the result into the completeness review."""
    return checklist_for(check_workbook(path, bom=bom, profile=profile, today=today))


def checklist_for(result: CheckResult) -> Checklist:
    """The completeness review of a workbook already checked."""
    consortium = result.workbook.consortium
    by_item: dict[str, list[Finding]] = {spec.id: [] for spec in ITEMS}
    unassigned: list[str] = []
    for finding in result.report.findings:
        item = item_of(finding, result)
        if item is None:
            # A missing narrative is assigned below, by the item whose narrative it is.
            if finding.code not in unassigned and finding.code != "narrative.missing":
                unassigned.append(finding.code)
        else:
            by_item[item].append(finding)
    items = []
    for spec in ITEMS:
        found = by_item[spec.id]
        blocking = _codes(f for f in found if f.severity is Severity.ERROR)
        open_codes = _codes(f for f in found if f.severity is not Severity.ERROR)
        present = all(consortium.narrative(section) for section in spec.narratives)
        if spec.id == "X.D":
            applies = consortium.info.is_resubmission
        elif spec.required:
            applies = True
        else:
            applies = present
        if not applies:
            status = ItemStatus.NOT_APPLICABLE
        elif blocking or not present:
            status = ItemStatus.INCOMPLETE
            code = "resubmission.changes" if spec.id == "X.D" else "narrative.missing"
            if not present and code not in blocking:
                blocking.append(code)
        else:
            status = ItemStatus.COMPLETE
        items.append(
            ChecklistItem(
                spec.id, spec.title, spec.required, status, list(spec.sources), blocking, open_codes
            )
        )
    return Checklist(result.report.file, result.report.profile, items, unassigned)


def item_of(finding: Finding, result: CheckResult) -> str | None:
    """The item of Section VI (or X.D) a finding concerns; None for one that concerns none."""
    item = code_for(finding.code).item
    if item == NO_ITEM:
        return None
    if item != BY_LOCATION:
        return item
    location = finding.location
    sheet = (location.sheet or "").casefold().replace(" ", "")
    consortium = result.workbook.consortium
    if sheet == "narratives":
        row = next((n for n in consortium.narratives if n.row and n.row == location.row), None)
        if row is not None and row.section is not None:
            return NARRATIVE_ITEMS.get(row.section.value)
        return None
    if sheet == "consortium" and location.row is not None:
        info = consortium.info
        if any(info.row_of(key) == location.row for key in HARDWARE_FIELDS):
            return "VI.2"
        if info.row_of("submission_date") == location.row:
            return None  # the filing window is no item of Section VI
    if sheet in SHEET_ITEMS:
        return SHEET_ITEMS[sheet]
    if location.file and not location.sheet and result.bom is not None:
        return "VI.2"  # a BOM file
    return None


def _codes(findings: Iterable[Finding]) -> list[str]:
    return list(dict.fromkeys(f.code for f in findings))
