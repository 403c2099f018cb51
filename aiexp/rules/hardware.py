"""Hardware (IV.A): the Layer 1 valuation and its U.S. content, from the content-calc core.

The rules never recompute a BOM: they read the `ContentResult` that `aiexp.content` computed.
Without a BOM, the Consortium sheet's summary figures are used, and the percentage is
`hardware_us_value / hardware_total_value × 100`, compared exactly with the threshold.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from aiexp.content.format import pct_str, usd_display
from aiexp.findings import Finding, Location
from aiexp.model import Provider
from aiexp.ownership import (
    CocStatus,
    describe,
    member_status,
    merged_provider,
    provider_status,
)
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check
from aiexp.valuation import hardware_summary, layer_valuations
from aiexp.values import normalise_name, number_text

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


def _ids(ids: Sequence[str]) -> str:
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


def layer1_providers(ctx: RuleContext) -> Iterator[tuple[str, Location, CocStatus]]:
    """Each Layer 1 provider once, with where its facts are and its status: a member's on its
    Members row (IV.A: "whether a consortium member or not"), another's on its Providers rows."""
    seen: set[str] = set()
    rows: dict[str, list[Provider]] = {}
    for provider in ctx.consortium.providers:
        if provider.layer == 1 and provider.provider:
            rows.setdefault(normalise_name(provider.provider), []).append(provider)
    for key, group in rows.items():
        if key in seen:
            continue
        seen.add(key)
        name = group[0].provider or ""
        member = ctx.consortium.member(name)
        if member is not None:
            status = member_status(member, ctx.profile)
            field = (status.links or (None,))[0]
            yield name, ctx.locate("Members", member, field.field if field else "name"), status
            continue
        merged = merged_provider(group)
        assert merged is not None
        status = provider_status(merged, ctx.profile)
        column = status.links[0].field if status.links else (status.unknown or ("provider",))[0]
        yield name, ctx.locate("Providers", group[0], column), status


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
    for name, location, status in layer1_providers(ctx):
        if status.links:
            yield ctx.finding(
                "hardware.coc-disclosure",
                f"Layer 1 provider {name!r} is linked to a country of concern "
                f"({describe(status.links)}); it will be disclosed in section 7",
                location,
            )


@check("hardware.supplier-unknown")
def hardware_supplier_unknown(ctx: RuleContext) -> Iterator[Finding]:
    """IV.A: Layer 1 products and services "must be specifically disclosed if provided by an
    entity, whether a consortium member or not, that is" linked to a country of concern; VI.7
    asks for "A description of specific products or services for functions under Layer 1 if
    provided by" such an entity. A supplier whose status is blank can be neither disclosed nor
    said to be clear.

    BOM lines (from the BOM sheet or a BOM file alike) are those the content calculation lists
    as unknown; members are `members.ownership-unknown`."""
    content = ctx.content
    unknown = [line.line_id for line in content.unknown_lines] if content is not None else []
    if unknown:
        count = len(unknown)
        yield ctx.finding(
            "hardware.supplier-unknown",
            f"{count} BOM line{'' if count == 1 else 's'} do not state whether the supplier is "
            "owned or controlled by a country of concern, or where it has its principal place of "
            f'business (a blank is unknown, never "no"): {_ids(unknown)}',
            _bom_location(ctx),
        )
    for name, location, status in layer1_providers(ctx):
        if ctx.consortium.member(name) is None and status.unknown and not status.links:
            yield ctx.finding(
                "hardware.supplier-unknown",
                f"Layer 1 provider {name!r} does not state {' or '.join(status.unknown)}: "
                "section 7 cannot say whether it is linked to a country of concern",
                location,
                "fill in its principal_place_of_business, coc_ownership_pct (0 when there is "
                "none) and coc_controlled (yes or no) on its Providers row",
            )


@check("hardware.valuation-mismatch")
def hardware_valuation_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """VI.2: the description "should include a description, valuation, and percentage of U.S.
    hardware content" — one valuation: the BOM's total (or the summary figures), and the Layer 1
    values of the Providers sheet, agree within the profile's `valuation_tolerance_pct`."""
    tolerance = ctx.profile.thresholds.valuation_tolerance_pct
    info = ctx.consortium.info
    reference: tuple[str, Decimal, Location] | None = None
    if ctx.content is not None:
        reference = ("the BOM total", ctx.content.total_value, _bom_location(ctx))
    elif info.hardware_total_value is not None:
        reference = (
            "hardware_total_value",
            info.hardware_total_value,
            ctx.field("hardware_total_value"),
        )
    if reference is None or not reference[1]:
        return
    what, total, location = reference
    others: list[tuple[str, Decimal]] = []
    layer1 = layer_valuations(ctx.consortium, ctx.rates, ctx.profile.layers).get(1)
    if layer1 is not None and layer1.providers and not layer1.unconverted:
        others.append(
            (
                "the Layer 1 values of the Providers sheet add up to",
                sum((p.value for p in layer1.providers), Decimal(0)),
            )
        )
    if ctx.content is not None and info.hardware_total_value is not None:
        others.append(("hardware_total_value is", info.hardware_total_value))
    for label, value in others:
        # Compared exactly: |a - b| x 100 > tolerance x total.
        if abs(value - total) * 100 > tolerance * total:
            yield ctx.finding(
                "hardware.valuation-mismatch",
                f"{what} is {usd_display(total)}, but {label} {usd_display(value)}: "
                f"they differ by more than {number_text(tolerance)} %, so the proposal would "
                "state two valuations of the hardware",
                location,
            )
