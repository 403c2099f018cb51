"""Sections 3 to 8 of the proposal: markets, operations, support, disclosures, export control."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from aiexp.content.result import CocLine
from aiexp.document.context.shaper import Shaper, country, usd
from aiexp.markets import market_scope
from aiexp.model import (
    ExportControlItem,
    Jurisdiction,
    NarrativeSection,
    Provider,
    ProviderType,
)
from aiexp.ownership import (
    bom_line_status,
    describe,
    member_status,
    merged_provider,
    provider_status,
)
from aiexp.values import normalise_name

OPERATION_ORDER = ("build", "own", "operate", "deliver", "support")


def markets(s: Shaper) -> list[dict[str, Any]]:
    """Target markets with foreign competition and national interest (V, VI.3).

    A market is read as the rules read it (`aiexp.markets.market_scope`): a country is shown by
    its name (`PL` is Poland, `AU` Australia), a bloc by the name the user wrote and its scope.
    """
    rows = []
    for row in s.consortium.markets:
        market = row.market or ""
        scope = market_scope(s.profile, row)
        if scope is None:
            name, shown = market, ", ".join(country(code) for code in row.countries)
        elif scope.kind == "country":
            name = shown = scope.name
        elif scope.kind == "bloc" and not row.countries:
            name, shown = market, f"{scope.name} ({len(scope.countries)} countries)"
        elif scope.kind == "global":
            name, shown = market, "Global"
        else:
            name, shown = market, ", ".join(country(code) for code in scope.countries)
        rows.append(
            {
                "name": s.v(row, name),
                "mark": s.redactor.mark(row),
                "scope": s.v(row, shown, short=True),
                "competition": s.v(row, row.foreign_competition),
                # A sentence states this yes/no: not for a withheld row (Section VII).
                "coc_competitor": row.coc_competitor and not s.withheld(row),
                "national_interest": s.v(row, row.national_interest),
                "demand_evidence": s.v(row, row.demand_evidence or ""),
            }
        )
    return rows


def operations(s: Shaper) -> dict[str, Any]:
    """Who builds, owns, operates, delivers and supports the package (VI.4).

    The rows are in the order of the functions; a withheld row comes last (its place would
    tell its function).
    """
    order = {name: index for index, name in enumerate(OPERATION_ORDER)}
    rows = [
        {
            "function": s.v(
                row, (row.function.value if row.function else "").capitalize(), short=True
            ),
            "entity": s.v(row, row.entity),
            "arrangement": s.v(row, row.arrangement, short=True),
            "mark": s.redactor.mark(row),
        }
        for row in sorted(
            s.consortium.operations,
            key=lambda r: (
                s.withheld(r),
                order.get(r.function.value if r.function else "", 9) if not s.withheld(r) else 0,
            ),
        )
    ]
    return {"rows": rows, "narrative": s.narrative(NarrativeSection.BUSINESS_MODEL)}


def federal_support(s: Shaper) -> list[dict[str, Any]]:
    """The types of Federal support requested (VI.5)."""
    return [
        {
            "type": s.v(
                row,
                (
                    s.profile.choice("support_types", row.support_type) or row.support_type or ""
                ).capitalize(),
            ),
            "rationale": s.v(row, row.rationale or "", short=True),
            "mark": s.redactor.mark(row),
        }
        for row in s.consortium.federal_support
    ]


def coc_disclosures(s: Shaper) -> dict[str, Any]:
    """Section 7: Layer 1 products and services of entities linked to a country of concern,
    from the BOM (the content result's coc_lines) and the Providers sheet (IV.A, VI.7), and the
    Layer 1 entities whose status is not stated — about which the section says nothing more.

    A member is judged on its Members row; another provider on its Providers rows (merged). BOM
    lines, from the BOM sheet or a BOM file alike, come from the content calculation, which lists
    the linked lines and those whose supplier's status is not stated.
    """
    bom = []
    for line in s.content.coc_lines if s.content is not None else []:
        links = bom_line_status(line, s.profile).links
        bom.append(
            {
                "line_id": s.bom_id(line.line_id),
                "description": s.bom_value(line.line_id, line.description, short=True),
                "supplier": s.bom_value(line.line_id, line.supplier, short=True),
                "reason": s.bom_value(line.line_id, describe(links), short=True),
                "value": s.bom_value(line.line_id, usd(line.line_value), short=True),
            }
        )
    unknown: list[dict[str, str]] = []
    by_supplier: dict[str, list[CocLine]] = {}
    for line in s.content.unknown_lines if s.content is not None else []:
        by_supplier.setdefault(normalise_name(line.supplier), []).append(line)
    for lines in by_supplier.values():
        # One entry per supplier; a confidential line makes the entry confidential.
        shown = next((line for line in lines if s.bom_confidential(line.line_id)), lines[0])
        # (a confidential line makes the entry confidential: one mark for all of them)
        ids = ", ".join(line.line_id for line in lines)
        keys = tuple(key for line in lines for key in bom_line_status(line, s.profile).unknown)
        unknown.append(
            {
                "name": s.bom_value(shown.line_id, f"{shown.supplier} (bill of materials: {ids})"),
                "description": s.bom_value(
                    shown.line_id,
                    "; ".join(dict.fromkeys(line.description for line in lines)),
                    short=True,
                ),
                "not_stated": s.bom_value(shown.line_id, _not_stated(keys), short=True),
            }
        )
    providers = []
    groups: dict[str, list[Provider]] = {}
    for provider in s.consortium.providers:
        if provider.layer == 1 and provider.provider:
            groups.setdefault(normalise_name(provider.provider), []).append(provider)
    for key, rows in groups.items():
        member = s.members_by_name.get(key)
        merged = merged_provider(rows)
        assert merged is not None
        status = member_status(member, s.profile) if member else provider_status(merged, s.profile)
        # A confidential row makes the provider's entry confidential (as in section 2).
        first = next((row for row in rows if row.withheld), rows[0])
        if status.links:
            amount = sum(
                (value for r in rows if (value := s.to_usd(r.value, r.currency)) is not None),
                Decimal(0),
            )
            providers.append(
                {
                    "name": s.v(first, first.provider),
                    "type": s.v(
                        first,
                        (first.provider_type or ProviderType.VENDOR).value.replace("_", " "),
                        short=True,
                    ),
                    "description": s.v(
                        first, "; ".join(r.description for r in rows if r.description), short=True
                    ),
                    "reason": s.v(first, describe(status.links), short=True),
                    "value": s.v(first, usd(amount), short=True),
                    "mark": s.redactor.mark(first),
                }
            )
        elif status.unknown:
            unknown.append(
                {
                    "name": s.v(first, first.provider),
                    "description": s.v(
                        first, "; ".join(r.description for r in rows if r.description), short=True
                    ),
                    "not_stated": s.v(first, _not_stated(status.unknown), short=True),
                }
            )
    return {
        "bom": bom,
        "providers": providers,
        "unknown": unknown,
        "any": bool(bom or providers),
    }


def _not_stated(keys: tuple[str, ...]) -> str:
    """The blank facts of the country-of-concern test, in the proposal's words."""
    words = {
        "country": "country of incorporation",
        "country_of_incorporation": "country of incorporation",
        "supplier_country": "country of incorporation",
        "principal_place_of_business": "principal place of business",
        "supplier_principal_place_of_business": "principal place of business",
        "coc_ownership_pct": "country-of-concern interest",
        "coc_controlled": "ownership or control by a country of concern",
        "supplier_coc_controlled": "ownership or control by a country of concern",
    }
    shown = list(dict.fromkeys(words.get(key, key) for key in keys))
    return "; ".join(shown)


def export_control(s: Shaper) -> dict[str, Any]:
    """Export-control items (VI.8) and the compliance program."""
    items = [
        {
            "item": s.v(row, row.item),
            "mark": s.redactor.mark(row),
            "jurisdiction": s.v(
                row, row.jurisdiction.value if row.jurisdiction else "", short=True
            ),
            "classification": s.v(row, row.classification or _unclassified(row), short=True),
            "destinations": s.v(
                row, ", ".join(country(c) for c in row.destinations) or "—", short=True
            ),
            "end_use": s.v(row, row.end_use or "—", short=True),
            "end_user": s.v(row, row.end_user or "Not yet known", short=True),
            "features": s.v(row, row.technical_features or "—", short=True),
            "notes": s.v(row, row.notes or "", short=True),
        }
        for row in s.consortium.export_control
    ]
    return {
        "rows": items,
        "program": s.narrative(NarrativeSection.EXPORT_COMPLIANCE_PROGRAM),
    }


def _unclassified(row: ExportControlItem) -> str:
    """What the classification cell shows when it is blank: an EAR or ITAR item is preliminary
    information (VI.8), not yet classified; other regimes have no classification."""
    if row.jurisdiction in (Jurisdiction.EAR, Jurisdiction.ITAR):
        return "Not yet classified"
    return "—"
