"""The human views of the commands: each takes a result of the core and returns a rich renderable.

One rule for data (issue 13): every string that comes from the user's files — a cell, a BOM
field, a file name, a finding's message that quotes them — is shown through `data()`: a
`rich.text.Text` (so `[/]` or `:fire:` is never read as markup or emoji) whose control
characters are shown escaped (`common.printable`). Markup and styles belong to the tool's own
words only. The views print nothing; the commands print them with `common.print_view`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from aiexp.cli.common import printable

if TYPE_CHECKING:
    from pathlib import Path

    from aiexp.annotate import AnnotatedCopy
    from aiexp.checklist import Checklist
    from aiexp.content import ContentResult
    from aiexp.findings import Finding, Report
    from aiexp.screening import ScreeningResult

SEVERITY_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Info"}
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
STATUS_STYLES = {"complete": "green", "incomplete": "bold red", "not applicable": "dim"}
#: How many ids an id list shows, and how many rows the country-of-concern table.
IDS_SHOWN = 30
COC_ROWS_SHOWN = 50


def data(value: object, style: str = "") -> Text:
    """Text from the user's files, shown as it is: no markup, control characters escaped."""
    return Text(printable(str(value)), style=style)


def _line(*parts: str | Text | tuple[str, str], style: str = "") -> Text:
    """One line of the tool's words and data: plain `str` parts are the tool's own, never data.

    A line is never wrapped at the terminal's width: a piped report keeps one line per finding
    or note, for grep (`print_view` does not crop it either).
    """
    return Text.assemble(*parts, style=style, no_wrap=True, overflow="ignore")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


# -- validate -------------------------------------------------------------------------------
def report_view(report: Report) -> RenderableType:
    """validate: the findings grouped by severity, each with its place, then a summary line."""
    lines: list[RenderableType] = []
    for severity, heading in SEVERITY_HEADINGS.items():
        group = [f for f in report.findings if f.severity.value == severity]
        if not group:
            continue
        style = SEVERITY_STYLES[severity]
        lines.append(_line(f"{heading} ({len(group)})", style=style))
        for finding in group:
            where = str(finding.location) or report.file
            section = f"  [{finding.section}]" if finding.section else ""
            lines.append(_line("  ", data(finding.code, style), "  ", data(where), data(section)))
            lines.append(_line("    ", data(finding.message)))
            if finding.hint:
                lines.append(_line("    ", data(f"→ {finding.hint}", "dim")))
        lines.append(_line())
    summary = report.summary
    verdict = "no errors" if report.valid else "NOT ready"
    lines.append(
        _line(
            data(report.file),
            f": {_plural(summary.errors, 'error')}, {_plural(summary.warnings, 'warning')}, "
            f"{summary.info} info (profile ",
            data(report.profile),
            f") — {verdict}",
        )
    )
    return Group(*lines)


# -- screen ---------------------------------------------------------------------------------
def screening_view(result: ScreeningResult, file: str, input_errors: int) -> RenderableType:
    """screen: the list used, each match and possible match with its places, then a summary."""
    from aiexp.findings import sort_findings

    listed = result.screening_list
    newest = listed.newest_start_date.isoformat() if listed.newest_start_date else "none given"
    lines: list[RenderableType] = [
        _line("List ", data(listed.path), f" ({listed.format.upper()}, sha256 {listed.sha256})"),
        _line(
            f"  {_count(len(listed.entries), 'entry', 'entries')} compared, newest start date "
            f"{newest}",
            f"; {_count(listed.not_screened, 'vessel or aircraft', 'vessels and aircraft')} "
            "not compared (not parties)"
            if listed.not_screened
            else "",
        ),
        _line(),
    ]
    findings = sort_findings(result.findings())
    headings = {"error": "Matches", "warning": "Possible matches"}
    for severity, heading in headings.items():
        group = [f for f in findings if f.severity.value == severity]
        if not group:
            continue
        style = SEVERITY_STYLES[severity]
        lines.append(_line(f"{heading} ({len(group)})", style=style))
        for finding in group:
            lines.append(_line("  ", data(finding.code, style), "  ", data(finding.location)))
            lines.append(_line("    ", data(finding.message)))
        lines.append(_line())
    if result.matches:
        verdict = (
            f"{_count(result.match_count, 'match', 'matches')}, "
            f"{_count(result.possible_count, 'possible match', 'possible matches')}: due "
            "diligence before proceeding (a match is not a conclusion)"
        )
    else:
        verdict = f"no name scored {result.min_score} or more"
    parties = _count(len(result.parties), "party", "parties")
    lines.append(_line(data(file), f": {parties} screened — {verdict}"))
    if input_errors:
        lines.append(
            _line(
                f"Note: the workbook has {_plural(input_errors, 'input error')}; a cell that "
                "cannot be read names no party (see aiexp validate ",
                data(file),
                ")",
            )
        )
    return Group(*lines)


# -- content-calc ---------------------------------------------------------------------------
def content_view(result: ContentResult) -> RenderableType:
    """content-calc: the figures, the verdict, the top non-U.S. lines and the lines to look at."""
    from aiexp.content import money_display, pct_display

    threshold = pct_display(result.threshold_pct, 4)
    summary = Table(title="U.S. hardware content (notice IV.A)", show_header=False)
    summary.add_column("figure")
    summary.add_column("value", justify="right")
    summary.add_row("BOM", data(result.source))
    summary.add_row("Lines", f"{result.line_count:,}")
    summary.add_row("Total value (USD)", money_display(result.total_value))
    summary.add_row("U.S. value (USD)", money_display(result.us_value))
    label = "U.S. content" + (" (with assumptions)" if result.assumed_lines else "")
    summary.add_row(label, pct_display(result.us_content_pct, 4))
    if result.assumed_lines:
        summary.add_row(
            "U.S. content without assumptions (ITA method)",
            pct_display(result.us_content_pct_without_assumptions, 4),
        )
    summary.add_row("Threshold", threshold)
    if result.meets_threshold:
        summary.add_row("Margin above the threshold (USD)", money_display(result.margin_value))
    else:
        summary.add_row("Shortfall (USD)", money_display(result.shortfall_value))
    for code, rate in sorted(result.rates.items()):
        summary.add_row(Text.assemble("Rate ", data(code), " (USD per unit)"), f"{rate:f}")
    verdict = "meets" if result.meets_threshold else "is BELOW"
    parts: list[RenderableType] = [
        summary,
        _line(f"The U.S. content {verdict} the {threshold} threshold."),
    ]
    if result.top_non_us:
        table = Table(title=f"Top {len(result.top_non_us)} lines by non-U.S. value")
        table.add_column("line_id")
        table.add_column("description")
        table.add_column("line value (USD)", justify="right")
        table.add_column("non-U.S. value (USD)", justify="right")
        for line in result.top_non_us:
            table.add_row(
                data(line.line_id),
                data(line.description),
                money_display(line.line_value),
                money_display(line.non_us_value),
            )
        parts.append(table)
    if result.sensitivity:
        change = "made fully U.S." if not result.meets_threshold else "losing their U.S. content"
        parts.append(
            _line(
                f"Sensitivity: {len(result.sensitivity)} line(s) {change} would flip the result: ",
                data(", ".join(result.sensitivity)),
            )
        )
    parts += _id_list("Undeclared lines (counted as 0 %)", result.undeclared_lines)
    parts += _id_list(
        "Assumed U.S. origin (--assume-us-origin; not the ITA method)", result.assumed_lines
    )
    if result.coc_lines:
        table = Table(title="Lines whose supplier is linked to a country of concern (section 7)")
        for name in ("line_id", "supplier", "country", "principal place", "controlled"):
            table.add_column(name)
        table.add_column("line value (USD)", justify="right")
        for coc in result.coc_lines[:COC_ROWS_SHOWN]:
            table.add_row(
                data(coc.line_id),
                data(coc.supplier),
                data(coc.supplier_country or ""),
                data(coc.supplier_principal_place_of_business or ""),
                {True: "yes", False: "no", None: "not stated"}[coc.supplier_coc_controlled],
                money_display(coc.line_value),
            )
        parts.append(table)
        if len(result.coc_lines) > COC_ROWS_SHOWN:
            more = len(result.coc_lines) - COC_ROWS_SHOWN
            parts.append(_line(f"… and {more} more (see --json)"))
    parts += _id_list(
        "Lines whose supplier's country-of-concern status is not stated (section 7 cannot say "
        "they are clear)",
        result.unknown_lines.line_ids(),
    )
    return Group(*parts)


def _id_list(title: str, ids: Sequence[str]) -> list[RenderableType]:
    if not ids:
        return []
    shown = ", ".join(ids[:IDS_SHOWN])
    more = f" … and {len(ids) - IDS_SHOWN} more" if len(ids) > IDS_SHOWN else ""
    return [_line(f"{title}: {len(ids)} — ", data(shown), more)]


# -- checklist ------------------------------------------------------------------------------
def checklist_view(result: Checklist) -> RenderableType:
    """checklist: the review as a table of items, then the findings no item owns and the verdict."""
    table = Table(
        title=Text.assemble("Completeness review — ", data(result.file), style="table.title"),
        show_lines=True,
    )
    table.add_column("Item", ratio=3)
    table.add_column("Status", no_wrap=True, min_width=14)
    table.add_column("Content from · findings", ratio=3)
    for item in result.items:
        required = "" if item.required else " (optional)"
        details = [f"from: {'; '.join(item.sources)}"]
        if item.blocking:
            details.append(f"blocking: {', '.join(item.blocking)}")
        if item.open:
            details.append(f"open: {', '.join(item.open)}")
        table.add_row(
            Text.assemble(data(item.id, "bold"), required, "\n", data(item.title)),
            Text.assemble((item.status.value, STATUS_STYLES[item.status.value])),
            data("\n".join(details)),
        )
    parts: list[RenderableType] = [table]
    if result.unassigned:
        parts.append(_line("Other findings: ", data(", ".join(result.unassigned))))
    parts.append(_line("To do by hand (no workbook can show these; not counted):"))
    parts.extend(_line("  - ", data(step.text), f" ({step.ref})") for step in result.by_hand)
    verdict = (
        "every required item is complete"
        if result.complete
        else "incomplete: run `aiexp validate` for the findings"
    )
    parts.append(_line(data(result.file), f": {verdict}"))
    return Group(*parts)


# -- render ---------------------------------------------------------------------------------
def refusal_view(errors: Sequence[Finding]) -> RenderableType:
    """render without --draft: why nothing was written, one line per open error finding."""
    lines: list[RenderableType] = [
        _line(
            f"Not rendered: {len(errors)} error finding(s) must be fixed first (or pass "
            "--draft for a marked draft). No file was written."
        )
    ]
    lines += [
        _line("  error ", data(f"{f.code} [{f.section or '-'}] {f.location}: {f.message}"))
        for f in errors
    ]
    return Group(*lines)


def written_view(kind: str, paths: Iterable[Path], open_errors: int) -> RenderableType:
    """render: what was written (the files, named as the user gave them) and what is still open."""
    docx, *others = [data(path) for path in paths]
    lines: list[RenderableType] = [
        _line(f"Wrote {kind} ", docx, *(part for other in others for part in (" and ", other)))
    ]
    if open_errors:
        lines.append(_line(f"{open_errors} error finding(s) are open: see Appendix C."))
    return Group(*lines)


def annotated_view(copy: AnnotatedCopy, out: Path, workbook: Path) -> RenderableType:
    """validate --annotate (on stderr): where the copy went, and what it could not carry."""
    cells = _plural(copy.cells, "cell")
    lines: list[RenderableType] = [
        _line(
            "Wrote the annotated copy ",
            data(out),
            f": {cells} commented, {_plural(copy.listed, 'finding')} on its ",
            data(copy.findings_sheet),
            " sheet",
        )
    ]
    warning = copy.warning(workbook)
    if warning is not None:
        lines.append(_line(("warning: ", "yellow"), data(warning)))
    return Group(*lines)


# -- init, diff -----------------------------------------------------------------------------
def init_view(workbook: Path, bom: Path) -> RenderableType:
    """init: the files written and what to do next."""
    return Group(
        _line("Wrote ", data(workbook), " (the workbook; its README sheet explains it)"),
        _line("Wrote ", data(bom), " (the Layer 1 bill of materials; header row only)"),
        _line("Next: fill in the workbook (amber headers are required; hover over a header"),
        _line("for what it means), list the Layer 1 hardware in bom.csv, then run"),
        _line("  aiexp validate ", data(workbook)),
    )


def templates_view(folder: Path, written: list[Path]) -> RenderableType:
    """init --templates: where the copy is and how to use it."""
    return Group(
        _line("Wrote ", str(len(written)), " templates into ", data(folder)),
        _line("Edit the wording there (a file you delete falls back to the shipped one), then"),
        _line("  aiexp render --template-dir ", data(folder), " --out proposal.docx"),
    )


def input_problems_note(name: str, count: int) -> RenderableType:
    """diff (on stderr): a workbook was compared although it has input problems."""
    return _line(
        "aiexp: note: ",
        data(name),
        f" has {_plural(count, 'input problem')} (compared anyway; see aiexp validate ",
        data(name),
        ")",
    )


def wrote_view(path: Path) -> RenderableType:
    """diff --out: the file written."""
    return _line("Wrote ", data(path))


def markdown_text(markdown: str) -> str:
    """diff: the Markdown explanation, byte for byte but for control characters (escaped).

    It is a document to paste, not a view to format: it is written as it is, not through rich.
    """
    return printable(markdown)
