"""Hardware (IV.A): the Layer 1 valuation and its U.S. content, from the content-calc core.

The rules never recompute a BOM: they read the `ContentResult` that `aiexp.content` computed.
Without a BOM, the Consortium sheet's summary figures are used, and the percentage is
`hardware_us_value / hardware_total_value × 100`, compared exactly with the threshold.
"""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.codes import number_text
from aiexp.content.format import pct_str, usd_display
from aiexp.findings import Finding, Location
from aiexp.ownership import describe, member_links, provider_links
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check
from aiexp.valuation import hardware_summary
from aiexp.values import normalise_name

SHOWN_LINES = 10


def _summary_given(ctx: RuleContext) -> bool:
    info = ctx.consortium.info
    return info.hardware_total_value is not None and info.hardware_us_value is not None


def _bom_location(ctx: RuleContext) -> Location:
    if ctx.bom is not None:
        return Location(file=str(ctx.bom))
    if ctx.consortium.bom:
        return ctx.locate("BOM")
    return Location(file=ctx.wb.file)


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN_LINES])
    return shown + (f" and {len(ids) - SHOWN_LINES} more" if len(ids) > SHOWN_LINES else "")


@check("hardware.no-bom")
def hardware_no_bom(ctx: RuleContext) -> Iterator[Finding]:
    """IV.A: a proposal must demonstrate "that U.S. content comprises at least 51 percent of the
    aggregate value of the hardware portion"; VI.2 asks for "a description, valuation, and
    percentage of U.S. hardware content"."""
    if ctx.content is not None or _summary_given(ctx):
        return
    yield ctx.finding(
        "hardware.no-bom",
        "no bill of materials and no hardware summary figures: the hardware valuation and its "
        "U.S. content cannot be shown",
        ctx.field("hardware_total_value"),
        "give a BOM (--bom FILE, a BOM sheet, or bom.csv beside the workbook), or fill in "
        "hardware_total_value, hardware_us_value and hardware_basis",
    )


@check("hardware.summary-only")
def hardware_summary_only(ctx: RuleContext) -> Iterator[Finding]:
    """IV.A: U.S. content is shown "through reasonable efforts"; "If the Department of Commerce
    learns that the hardware portion of the proposal is not at least 51 percent U.S. content, the
    Department may contact the proposer to request adjustments." """
    if ctx.content is not None or not _summary_given(ctx):
        return
    basis = ctx.consortium.info.hardware_basis
    yield ctx.finding(
        "hardware.summary-only",
        "the hardware figures are a summary without a bill of materials"
        + ("" if basis else ", and hardware_basis does not say how they were established"),
        ctx.field("hardware_total_value"),
        "give the BOM, or say in hardware_basis how the figures were established (the "
        "Department may ask)",
    )


@check("hardware.us-content")
def hardware_us_content(ctx: RuleContext) -> Iterator[Finding]:
    """IV.A: "A proposal will be presumed to satisfy the U.S. content component … if … U.S.
    content comprises at least 51 percent of the aggregate value of the hardware portion"; IX: "a
    proposal that does not satisfy that presumption is not automatically disqualified." """
    threshold = ctx.profile.thresholds.hardware_us_content_pct
    content = ctx.content
    if content is not None:
        if content.meets_threshold:
            return
        yield ctx.finding(
            "hardware.us-content",
            f"hardware U.S. content is {pct_str(content.us_content_pct)} % of "
            f"{usd_display(content.total_value)}, below the {number_text(threshold)} % threshold; "
            f"shortfall {usd_display(content.shortfall_value)} (the presumption of IV.A is not "
            "met; this is not disqualifying by itself, IX)",
            _bom_location(ctx),
            "raise the U.S. content of the largest non-U.S. lines (aiexp content-calc --top 10), "
            "or explain the reasonable efforts made",
        )
        return
    if not _summary_given(ctx):
        return
    summary = hardware_summary(ctx.consortium.info, threshold)
    if summary is None:
        yield ctx.finding(
            "hardware.us-content",
            "hardware_total_value is 0: the hardware U.S.-content percentage cannot be computed",
            ctx.field("hardware_total_value"),
            "give the aggregate value of the Layer 1 hardware in USD",
        )
        return
    total, us_value = summary.total_value, summary.us_value
    if us_value > total:
        yield ctx.finding(
            "hardware.us-content",
            f"hardware_us_value ({usd_display(us_value)}) is larger than hardware_total_value "
            f"({usd_display(total)})",
            ctx.field("hardware_us_value"),
            "the U.S.-content value is a part of the total value; correct the figures",
        )
        return
    # Compared exactly, us × 100 ≥ threshold × total (SPEC §3), by hardware_summary.
    if summary.meets_threshold:
        return
    yield ctx.finding(
        "hardware.us-content",
        f"hardware U.S. content is {pct_str(summary.us_content_pct)} % of {usd_display(total)} "
        f"(summary figures), below the {number_text(threshold)} % threshold; shortfall "
        f"{usd_display(summary.shortfall_value)} (the presumption of IV.A is not met; this is not "
        "disqualifying by itself, IX)",
        ctx.field("hardware_us_value"),
        "raise the U.S. content of the hardware, or explain the reasonable efforts made",
    )


@check("hardware.undeclared")
def hardware_undeclared(ctx: RuleContext) -> Iterator[Finding]:
    """IV.A, footnote 2: "U.S. content is the percentage of value originating from U.S.-based
    manufacturing"; a line whose U.S. content is not declared is counted as 0 %."""
    content = ctx.content
    if content is None or not content.undeclared_lines:
        return
    count = len(content.undeclared_lines)
    yield ctx.finding(
        "hardware.undeclared",
        f"{count} BOM line{'' if count == 1 else 's'} declare no U.S. content and count as 0 %: "
        f"{_ids(content.undeclared_lines)}",
        _bom_location(ctx),
        "ask the suppliers for us_content_pct (or non_us_unit_value) of each line",
    )


@check("hardware.coc-disclosure")
def hardware_coc_disclosure(ctx: RuleContext) -> Iterator[Finding]:
    """IV.A: "Products and services included in the package for functions under Layer 1 must be
    specifically disclosed if provided by an entity, whether a consortium member or not, that is"
    linked to a country of concern (VI.7)."""
    content = ctx.content
    if content is not None and content.coc_lines:
        ids = [line.line_id for line in content.coc_lines]
        suppliers = sorted({line.supplier for line in content.coc_lines})
        yield ctx.finding(
            "hardware.coc-disclosure",
            f"{len(ids)} BOM line{'' if len(ids) == 1 else 's'} from suppliers linked to a "
            f"country of concern ({', '.join(suppliers[:SHOWN_LINES])}) will be disclosed in "
            f"section 7: {_ids(ids)}",
            _bom_location(ctx),
        )
    seen: set[str] = set()
    for provider in ctx.consortium.providers:
        if provider.layer != 1 or not provider.provider:
            continue
        key = normalise_name(provider.provider)
        if key in seen:
            continue
        links = provider_links(provider, ctx.profile)
        location = ctx.locate("Providers", provider, links[0].field) if links else None
        member = ctx.consortium.member(provider.provider)
        if not links and member is not None:
            # A member's ownership is on its Members row (IV.A: "whether a consortium member or
            # not").
            links = member_links(member, ctx.profile)
            location = ctx.locate("Members", member, links[0].field) if links else None
        if links and location is not None:
            seen.add(key)
            yield ctx.finding(
                "hardware.coc-disclosure",
                f"Layer 1 provider {provider.provider!r} is linked to a country of concern "
                f"({describe(links)}); it will be disclosed in section 7",
                location,
            )
