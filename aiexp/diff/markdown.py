"""The concise explanation of material changes in Markdown (X.D), ready to paste into the
`material_changes` narrative.

The explanation's own structure (the opening paragraph, headings and bullets) is Markdown; every
text that carries workbook values — a change's summary, the consortium's name, the previous
submission's reference — goes through `markdown_literal`, so a cell can neither inject HTML nor
add a link, emphasis, a heading, a table or a line of its own. The summaries are plain prose with
no Markdown of their own (`aiexp.diff.describe`), so each is escaped whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from aiexp.diff.hardware import figures_sentence, points_change
from aiexp.diff.model import Change, WorkbookDiff

_WHITESPACE_RUN = re.compile(r"\s+")
# What could start Markdown or HTML in the middle of a line (the text never starts one: each line
# opens with the explanation's own words). Other ASCII punctuation — , . : ; ( ) ' " ? ! / - + =
# @ % — is left as it is: it means something only at the start of a line (`-`, `+`, `1.`) or
# after a character escaped here (`(` after `]`, `!` before `[`), so prose stays readable.
_SPECIAL = re.compile(r"[\\`*_~\[\]<>|#$^{}&]")
_CHARACTER_REFERENCE = re.compile(r"&#?[0-9A-Za-z]+;")


def markdown_literal(value: object) -> str:
    """A workbook value as literal Markdown text on one line, control characters dropped.

    `<` is escaped unless a space follows it (only `<` followed by a character can open a tag, an
    HTML comment or an autolink), `&` only where it starts a character reference (`&amp;`), `_`
    unless it joins two letters or digits (`business_model`: CommonMark never reads that as
    emphasis) — so `Johnson & Johnson` and `a < b` read as typed, in the file and in the proposal.
    """
    # ESC, the other C0 and C1 controls and DEL would reach a terminal or editor raw (a
    # clear-screen or window-title sequence); a lone surrogate cannot be written as UTF-8. Line
    # breaks and tabs are white space: joined into single spaces with the rest.
    text = "".join(
        c for c in str(value) if c.isspace() or unicodedata.category(c) not in ("Cc", "Cs")
    )
    text = _WHITESPACE_RUN.sub(" ", text).strip()
    return _SPECIAL.sub(lambda match: _escaped(text, match.start()), text)


def _escaped(text: str, index: int) -> str:
    char = text[index]
    after = text[index + 1] if index + 1 < len(text) else ""
    if char == "<" and (not after or after.isspace()):
        return char
    if char == "&" and not _CHARACTER_REFERENCE.match(text, index):
        return char
    if char == "_" and index > 0 and text[index - 1].isalnum() and after.isalnum():
        return char
    return "\\" + char


def render_markdown(diff: WorkbookDiff) -> str:
    """The concise explanation of material changes (X.D): a paragraph, headings and bullets."""
    name = markdown_literal(diff.consortium_name) if diff.consortium_name else "this consortium"
    reference = f" ({markdown_literal(diff.previous_reference)})" if diff.previous_reference else ""
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
        lines += ["**Material changes**", ""]
        lines += _bullets(diff.material) or ["- None: only the wording changed.", ""]
        lines += ["**Other changes**", ""]
        lines += _bullets(diff.other) or ["- None.", ""]
    lines += ["**Hardware U.S. content**", ""]
    # The figures are the tool's own numbers and words: nothing in them comes from a cell.
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
            lines.append(f"- {markdown_literal(item.summary)}.")
            continue
        members = grouped[item]
        if len(members) == 1:
            lines.append(f"- {markdown_literal(members[0].summary)}.")
            continue
        details = "; ".join(markdown_literal(c.detail) for c in members)
        lines.append(f"- {markdown_literal(members[0].subject)}: {details}.")
    if lines:
        lines.append("")
    return lines
