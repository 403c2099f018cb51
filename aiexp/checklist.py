"""The completeness review (notice X.A, VI): each item of Section VI, complete or not, and why.

Every item of Section VI 1-8 and the four optional items gets a status — complete, incomplete or
not applicable — the sheets and narratives its content comes from, and the codes of the findings
that concern it: error findings block it, warnings are listed as open. A finding is assigned to an
item by its code (`markets.*` → VI.3) or, for findings any sheet can raise (`input.*`, placeholders,
confidentiality), by the sheet and row it points at. A resubmission adds the X.D item (the
explanation of material changes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from aiexp.check import CheckResult, check_workbook
from aiexp.findings import Finding, Severity
from aiexp.model import NarrativeSection
from aiexp.profile import Profile


class ItemStatus(StrEnum):
    """Where an item of the completeness review stands."""

    COMPLETE = "complete"
    INCOMPLETE = "incomplete"
    NOT_APPLICABLE = "not applicable"


@dataclass(frozen=True)
class ItemSpec:
    """An item of Section VI (or X.D): its title, whether required, where its content comes from."""

    id: str
    title: str
    required: bool
    sources: tuple[str, ...]
    narratives: tuple[NarrativeSection, ...] = ()


N = NarrativeSection
ITEMS: tuple[ItemSpec, ...] = (
    ItemSpec(
        "VI.1",
        "Consortium overview: name, anchor member and its attestations, members, roles, layers, "
        "NCE wishes, ownership and control",
        True,
        ("Consortium sheet", "Members sheet"),
    ),
    ItemSpec(
        "VI.2",
        "Full-stack package description: the five layers, their providers and valuation, U.S. "
        "hardware content, privacy and security measures and standards",
        True,
        (
            "Narratives: package_overview, privacy_security_measures",
            "Layers sheet",
            "Providers sheet",
            "Models sheet",
            "Security sheet",
            "BOM (bom.csv or BOM sheet) or the Consortium hardware figures",
        ),
        (N.PACKAGE_OVERVIEW, N.PRIVACY_SECURITY_MEASURES),
    ),
    ItemSpec("VI.3", "Target markets", True, ("Markets sheet",)),
    ItemSpec(
        "VI.4",
        "Business and operational model: who builds, owns, operates, delivers and supports",
        True,
        ("Narratives: business_model", "Operations sheet"),
        (N.BUSINESS_MODEL,),
    ),
    ItemSpec("VI.5", "Requested Federal support", True, ("FederalSupport sheet",)),
    ItemSpec(
        "VI.6",
        "National interest statement (and the NCE justification)",
        True,
        ("Narratives: national_interest_statement, nce_justification",),
        (N.NATIONAL_INTEREST_STATEMENT,),
    ),
    ItemSpec(
        "VI.7",
        "Country of concern disclosures (Layer 1)",
        True,
        ("BOM (bom.csv or BOM sheet)", "Providers sheet (layer 1)"),
    ),
    ItemSpec(
        "VI.8",
        "Export-control compliance and national security information",
        True,
        ("ExportControl sheet", "Narratives: export_compliance_program"),
        (N.EXPORT_COMPLIANCE_PROGRAM,),
    ),
    ItemSpec(
        "VI.optional.1",
        "Letters of intent or other evidence of buyer interest",
        False,
        ("Narratives: letters_of_intent",),
        (N.LETTERS_OF_INTENT,),
    ),
    ItemSpec(
        "VI.optional.2",
        "Descriptions of local implementation partners",
        False,
        ("Narratives: local_partners",),
        (N.LOCAL_PARTNERS,),
    ),
    ItemSpec(
        "VI.optional.3",
        "Workforce-training or capacity-building components",
        False,
        ("Narratives: workforce_training",),
        (N.WORKFORCE_TRAINING,),
    ),
    ItemSpec(
        "VI.optional.4",
        "Energy, telecommunications, fiber, or other enabling-infrastructure considerations",
        False,
        ("Narratives: enabling_infrastructure",),
        (N.ENABLING_INFRASTRUCTURE,),
    ),
    ItemSpec(
        "X.D",
        "Resubmission: concise explanation of material changes",
        True,
        ("Narratives: material_changes", "Consortium: is_resubmission"),
        (N.MATERIAL_CHANGES,),
    ),
)

# Codes whose item follows from the code itself.
CODE_ITEMS: dict[str, str] = {
    "anchor": "VI.1",
    "members": "VI.1",
    "contact": "VI.1",
    "nce.misapplied": "VI.1",
    "layers": "VI.2",
    "providers": "VI.2",
    "partners": "VI.2",
    "hardware": "VI.2",
    "hardware.coc-disclosure": "VI.7",
    "models": "VI.2",
    "security": "VI.2",
    "markets": "VI.3",
    "nce.home-market": "VI.3",
    "operations": "VI.4",
    "support": "VI.5",
    "nce.justification": "VI.6",
    "nce.not-requested": "VI.6",
    "export": "VI.8",
    "resubmission": "X.D",
}
# Findings any sheet can raise go to the item of the sheet they point at.
SHEET_ITEMS: dict[str, str] = {
    "consortium": "VI.1",
    "members": "VI.1",
    "providers": "VI.2",
    "layers": "VI.2",
    "models": "VI.2",
    "security": "VI.2",
    "bom": "VI.2",
    "rates": "VI.2",
    "markets": "VI.3",
    "operations": "VI.4",
    "federalsupport": "VI.5",
    "exportcontrol": "VI.8",
}
HARDWARE_FIELDS = ("hardware_total_value", "hardware_us_value", "hardware_basis")
SECTION_ITEMS: dict[str, str] = {
    section.value: spec.id for spec in ITEMS for section in spec.narratives
} | {N.NCE_JUSTIFICATION.value: "VI.6"}


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

    @property
    def complete(self) -> bool:
        """True when every required item is complete (or not applicable)."""
        return all(item.status is not ItemStatus.INCOMPLETE for item in self.items if item.required)

    def to_json_dict(self) -> dict[str, Any]:
        """`{file, profile, complete, items: [...], other: [codes]}`."""
        return {
            "file": self.file,
            "profile": self.profile,
            "complete": self.complete,
            "items": [item.to_json_dict() for item in self.items],
            "other": list(self.unassigned),
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
    code = finding.code
    if code in CODE_ITEMS:
        return CODE_ITEMS[code]
    prefix = code.split(".", 1)[0]
    if prefix in CODE_ITEMS:
        return CODE_ITEMS[prefix]
    location = finding.location
    sheet = (location.sheet or "").casefold().replace(" ", "")
    consortium = result.workbook.consortium
    if sheet == "narratives":
        row = next((n for n in consortium.narratives if n.row and n.row == location.row), None)
        if row is not None and row.section is not None:
            return SECTION_ITEMS.get(row.section.value)
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
