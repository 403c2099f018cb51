"""What a comparison produces: one `Change` per difference, gathered in a `WorkbookDiff`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from aiexp.content.format import money_str, pct_str
from aiexp.figures import HardwareFigures

ChangeKind = Literal["added", "removed", "changed"]

# The sheet name of the hardware figures in a change: they come from the BOM (or the summary
# figures of the Consortium sheet), computed by the content-calc core.
HARDWARE_SHEET = "BOM"
HARDWARE_KEY = "hardware U.S. content"


@dataclass(frozen=True)
class Change:
    """One difference between the old and the new proposal."""

    sheet: str
    key: str
    kind: ChangeKind
    summary: str
    material: bool
    field: str | None = None
    before: Any = None
    after: Any = None
    # The row it is about and what changed in it: one bullet can then hold all of a row's
    # changed fields (`Member Acme: a → b; c → d`). Not part of the JSON.
    subject: str = ""
    detail: str = ""

    def to_json_dict(self) -> dict[str, Any]:
        """The change as JSON: field, before and after only where they apply."""
        document: dict[str, Any] = {"sheet": self.sheet, "key": self.key, "kind": self.kind}
        if self.field is not None:
            document["field"] = self.field
        if self.kind != "added":
            document["before"] = self.before
        if self.kind != "removed":
            document["after"] = self.after
        document["summary"] = self.summary
        return document


def field_changed(
    sheet: str,
    key: str,
    subject: str,
    detail: str,
    material: bool,
    field: str,
    before: Any,
    after: Any,
) -> Change:
    """A changed field: its summary is `subject: detail`."""
    return Change(
        sheet,
        key,
        "changed",
        f"{subject}: {detail}",
        material,
        field=field,
        before=before,
        after=after,
        subject=subject,
        detail=detail,
    )


@dataclass
class WorkbookDiff:
    """The comparison of two proposals: material changes first, then the other changes."""

    old: str
    new: str
    material: list[Change] = field(default_factory=list)
    other: list[Change] = field(default_factory=list)
    hardware_before: HardwareFigures | None = None
    hardware_after: HardwareFigures | None = None
    old_input_problems: int = 0
    new_input_problems: int = 0
    consortium_name: str | None = None
    previous_reference: str | None = None
    #: Every file the comparison read (both workbooks, their BOM and rates files): `--out`
    #: must not be one of them.
    inputs: list[Path] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether anything differs between the two proposals."""
        return bool(self.material or self.other)

    def to_json_dict(self) -> dict[str, Any]:
        """`{"old", "new", "material", "other", "hardware": {"before", "after"}}`."""
        return {
            "old": self.old,
            "new": self.new,
            "material": [change.to_json_dict() for change in self.material],
            "other": [change.to_json_dict() for change in self.other],
            "hardware": {
                "before": figures_json(self.hardware_before),
                "after": figures_json(self.hardware_after),
            },
        }


def figures_json(figures: HardwareFigures | None) -> dict[str, Any] | None:
    """Money half-even to cents and percentages truncated to 4 places, as strings."""
    if figures is None:
        return None
    return {
        "total_value": money_str(figures.total_value),
        "us_value": money_str(figures.us_value),
        "us_content_pct": pct_str(figures.us_content_pct),
        "threshold_pct": pct_str(figures.threshold_pct),
        "meets_threshold": figures.meets_threshold,
        "line_count": figures.line_count,
        "basis": figures.basis,
    }
