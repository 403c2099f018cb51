"""The concise explanation of material changes in Markdown (X.D), ready to paste into the
`material_changes` narrative."""

from __future__ import annotations

from collections.abc import Sequence

from aiexp.diff.hardware import figures_sentence, points_change
from aiexp.diff.model import Change, WorkbookDiff


def render_markdown(diff: WorkbookDiff) -> str:
    """The concise explanation of material changes (X.D), in the narratives' Markdown subset."""
    name = diff.consortium_name or "this consortium"
    reference = f" ({diff.previous_reference})" if diff.previous_reference else ""
    lines = [
        (
            f"This resubmission revises the proposal of {name} that was previously submitted"
            f"{reference} and not selected (Section X.D). "
        )
        + (
            "The material changes — to membership, ownership and control, layers, models, "
            "hardware content, markets and security — are listed first, followed by the other "
            "changes."
            if diff.changed
            else "It makes no changes to the proposal's contents."
        ),
        "",
    ]
    if not diff.changed:
        lines += ["No changes were found between the two workbooks.", ""]
    else:
        lines += ["## Material changes", ""]
        lines += _bullets(diff.material) or ["- None: only the wording changed.", ""]
        lines += ["## Other changes", ""]
        lines += _bullets(diff.other) or ["- None.", ""]
    lines += ["## Hardware U.S. content", ""]
    lines += [
        f"- Before: {figures_sentence(diff.hardware_before)}",
        f"- After: {figures_sentence(diff.hardware_after)}",
    ]
    before, after = diff.hardware_before, diff.hardware_after
    if before is not None and after is not None:
        lines.append(
            f"- Change: {points_change(before.us_content_pct, after.us_content_pct)} "
            "percentage points."
        )
    return "\n".join(lines) + "\n"


def _bullets(changes: Sequence[Change]) -> list[str]:
    """One bullet per added or removed row, and one per changed row with all its fields."""
    lines: list[str] = []
    grouped: dict[tuple[str, str], list[Change]] = {}
    order: list[tuple[str, str] | Change] = []
    for change in changes:
        if change.kind != "changed":
            order.append(change)
            continue
        group = (change.sheet, change.key)
        if group not in grouped:
            grouped[group] = []
            order.append(group)
        grouped[group].append(change)
    for item in order:
        if isinstance(item, Change):
            lines.append(f"- {item.summary}.")
            continue
        members = grouped[item]
        if len(members) == 1:
            lines.append(f"- {members[0].summary}.")
            continue
        lines.append(f"- {members[0].subject}: {'; '.join(c.detail for c in members)}.")
    if lines:
        lines.append("")
    return lines
