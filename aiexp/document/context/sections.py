"""Sections 3 to 8 of the proposal: markets, operations, support, disclosures, export control."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiexp.model import NarrativeSection, ProviderType
from aiexp.values import normalise_name

if TYPE_CHECKING:
    pass

from aiexp.document.context.shaper import Shaper, country, usd
from aiexp.ownership import bom_line_links, describe, linked_to_coc, member_links, provider_links

OPERATION_ORDER = ("build", "own", "operate", "deliver", "support")


def markets(s: Shaper) -> list[dict[str, Any]]:
    """Target markets with foreign competition and national interest (V, VI.3)."""
    rows = []
    for row in s.consortium.markets:
        market = row.market or ""
        bloc = s.profile.bloc(market) if market else None
        countries = [country(code) for code in row.countries]
        if bloc is not None and not countries:
            scope = f"{bloc.name} ({len(bloc.members)} countries)"
        else:
            scope = ", ".join(countries)
        rows.append(
            {
                "name": s.v(row, market),
                "mark": s.redactor.mark(row),
                "scope": s.v(row, scope, secret=False),
                "competition": s.v(row, row.foreign_competition),
                "coc_competitor": row.coc_competitor,
                "national_interest": s.v(row, row.national_interest),
                "demand_evidence": s.v(row, row.demand_evidence or ""),
            }
        )
    return rows


def operations(s: Shaper) -> dict[str, Any]:
    """Who builds, owns, operates, delivers and supports the package (VI.4)."""
    order = {name: index for index, name in enumerate(OPERATION_ORDER)}
    rows = [
        {
            "function": (row.function.value if row.function else "").capitalize(),
            "entity": s.v(row, row.entity),
            "arrangement": s.v(row, row.arrangement),
            "mark": s.redactor.mark(row),
        }
        for row in sorted(
            s.consortium.operations,
            key=lambda r: order.get(r.function.value if r.function else "", 9),
        )
    ]
    return {"rows": rows, "narrative": s.narrative(NarrativeSection.BUSINESS_MODEL)}


def federal_support(s: Shaper) -> list[dict[str, Any]]:
    """The types of Federal support requested (VI.5)."""
    return [
        {
            "type": (row.support_type.value if row.support_type else "").capitalize(),
            "rationale": s.v(row, row.rationale or ""),
            "mark": s.redactor.mark(row),
        }
        for row in s.consortium.federal_support
    ]


def coc_disclosures(s: Shaper) -> dict[str, Any]:
    """Section 7: Layer 1 products and services of entities linked to a country of concern,
    from the BOM (the content result's coc_lines) and the Providers sheet (IV.A, VI.7)."""
    bom = []
    for line in s.content.coc_lines if s.content is not None else []:
        links = linked_to_coc(
            s.profile,
            country=line.supplier_country,
            principal_place_of_business=line.supplier_principal_place_of_business,
            coc_controlled=line.supplier_coc_controlled,
        )
        bom.append(
            {
                "line_id": s.bom_value(line.line_id, line.line_id),
                "description": s.bom_value(line.line_id, line.description),
                "supplier": s.bom_value(line.line_id, line.supplier),
                "reason": s.bom_value(line.line_id, describe(links)),
                "value": s.bom_value(line.line_id, usd(line.line_value)),
            }
        )
    if s.content is None:
        for row in s.consortium.bom:
            links = bom_line_links(row, s.profile)
            if links:
                bom.append(
                    {
                        "line_id": s.v(row, row.line_id),
                        "description": s.v(row, row.description),
                        "supplier": s.v(row, row.supplier),
                        "reason": s.v(row, describe(links), secret=False),
                        "value": "",
                    }
                )
    providers = []
    for provider in s.consortium.providers:
        if provider.layer != 1:
            continue
        member = s.members_by_name.get(normalise_name(provider.provider or ""))
        links = member_links(member, s.profile) if member else provider_links(provider, s.profile)
        if not links:
            continue
        amount = s.to_usd(provider.value, provider.currency)
        providers.append(
            {
                "name": s.v(provider, provider.provider),
                "type": (provider.provider_type or ProviderType.VENDOR).value.replace("_", " "),
                "description": s.v(provider, provider.description),
                "reason": s.v(provider, describe(links), secret=False),
                "value": s.v(provider, usd(amount)) if amount is not None else "",
                "mark": s.redactor.mark(provider),
            }
        )
    return {"bom": bom, "providers": providers, "any": bool(bom or providers)}


def export_control(s: Shaper) -> dict[str, Any]:
    """Export-control items (VI.8) and the compliance program."""
    items = [
        {
            "item": s.v(row, row.item),
            "mark": s.redactor.mark(row),
            "jurisdiction": row.jurisdiction.value if row.jurisdiction else "",
            "classification": s.v(row, row.classification or "—"),
            "destinations": s.v(
                row, ", ".join(country(c) for c in row.destinations) or "—", secret=False
            ),
            "end_use": s.v(row, row.end_use or "—"),
            "end_user": s.v(row, row.end_user or "Not yet known"),
            "features": s.v(row, row.technical_features or "—"),
            "notes": s.v(row, row.notes or ""),
        }
        for row in s.consortium.export_control
    ]
    return {
        "rows": items,
        "program": s.narrative(NarrativeSection.EXPORT_COMPLIANCE_PROGRAM),
    }
