"""Checking a workbook against every rule of the notice: the core of `aiexp validate` (SPEC §5).

`check_workbook` reads the workbook, computes the hardware content through the content-calc core,
runs every rule of `aiexp.rules`, drops the ignored warnings and info, and returns everything a
command needs: the workbook read, the report, the content result, the profile and the BOM used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from aiexp.codes import check_ignore_codes
from aiexp.content import BomSource, ContentResult, workbook_figures
from aiexp.findings import Finding, Report, Severity, sort_findings
from aiexp.profile import Profile, load_profile
from aiexp.rules import RuleContext, run_rules
from aiexp.workbook.reader import WorkbookRead, read_workbook

if TYPE_CHECKING:
    from aiexp.screening.screen import ScreeningResult


@dataclass
class CheckResult:
    """A workbook checked: the workbook read, the report, the hardware content, the BOM used."""

    workbook: WorkbookRead
    report: Report
    content: ContentResult | None
    profile: Profile
    bom: Path | None
    #: USD per unit of each currency, for the Providers values (`valuation.provider_rates`).
    rates: Mapping[str, Decimal]
    #: The rates files a lookup reached (their rates decided a figure or were looked through).
    rates_files: list[Path] = field(default_factory=list)
    #: The parties screened against `--screening-list`, when one was given.
    screening: ScreeningResult | None = None


def check_workbook(
    path: Path,
    *,
    bom: Path | None = None,
    profile: Profile | None = None,
    today: dt.date | None = None,
    ignore: Iterable[str] = (),
    now: dt.datetime | None = None,
    screening_list: Path | None = None,
    min_score: int | None = None,
) -> CheckResult:
    """Validate a workbook (SPEC §5); raises WorkbookError/BomError when it cannot be read.

    `today` is the `--date` option (used when the workbook has no `submission_date`); `now`
    replaces the clock when neither is given (tests). `ignore` drops warnings and info of those
    codes; an unknown code or an error code raises AiexpError. `screening_list` screens every
    party against a saved Consolidated Screening List (ScreeningError when it cannot be read).
    """
    path = Path(path)
    ignored = set(check_ignore_codes(ignore))
    profile = profile or load_profile()
    wb = read_workbook(path)
    figures = workbook_figures(path, wb, profile=profile, bom=bom)
    content, rates = figures.content, figures.provider_rates
    bom_used = figures.bom.path if figures.bom is not None and figures.bom.kind == "file" else None
    screening = None
    if screening_list is not None:
        screening = _screen(wb, figures.bom, screening_list, min_score)
    context = RuleContext(
        wb=wb,
        profile=profile,
        rates=rates,
        content=content,
        bom=bom_used,
        date=today,
        now=now,
        screening=screening,
    )
    rule_findings = list(run_rules(context))
    findings = _without_repeats(wb.findings, rule_findings)
    findings = [f for f in findings if not (f.code in ignored and f.severity is not Severity.ERROR)]
    report = Report(file=wb.file, profile=profile.id, findings=sort_findings(findings))
    return CheckResult(
        workbook=wb,
        report=report,
        content=content,
        profile=profile,
        bom=bom_used,
        rates=rates,
        rates_files=figures.rates_files,
        screening=screening,
    )


def _screen(
    wb: WorkbookRead,
    bom: BomSource | None,
    screening_list: Path,
    min_score: int | None,
) -> ScreeningResult:
    """Every party of the workbook and its BOM against the list (SPEC §1 `screen`)."""
    from aiexp.screening import collect_parties, load_list
    from aiexp.screening.screen import DEFAULT_MIN_SCORE, check_min_score, screen_parties

    score = check_min_score(DEFAULT_MIN_SCORE if min_score is None else min_score)
    # The clock, not --date, bounds the list's newest date: a list saved after the submission
    # date is still as new as its entries say.
    listed = load_list(Path(screening_list))
    parties = collect_parties(wb, bom)
    return screen_parties(parties, listed, min_score=score)


def _without_repeats(reader: list[Finding], rules: list[Finding]) -> list[Finding]:
    """The reader's and the rules' findings, without an `input.required` the rules restate.

    Several rules (contact.missing, markets.competition, …) point at a required cell that the
    reader has already reported blank; the rule's finding cites the notice, so it is kept and the
    reader's plain `input.required` for the very same cell is dropped.
    """
    cells = {
        (f.location.sheet, f.location.cell)
        for f in rules
        if f.severity is Severity.ERROR and f.location.cell
    }
    kept = [
        f
        for f in reader
        if not (f.code == "input.required" and (f.location.sheet, f.location.cell) in cells)
    ]
    return kept + rules
