"""Section 2 of the proposal: the layers, their providers and models, hardware, security (VI.2)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aiexp.content.format import pct_display
from aiexp.model import NarrativeSection, ProviderType
from aiexp.valuation import hardware_summary

if TYPE_CHECKING:
    pass

from aiexp.document.context.shaper import Shaper, country, usd

CSF_FUNCTIONS = (
    ("GV", "Govern"),
    ("ID", "Identify"),
    ("PR", "Protect"),
    ("DE", "Detect"),
    ("RS", "Respond"),
    ("RC", "Recover"),
)


def layers(s: Shaper) -> list[dict[str, Any]]:
    """One entry per layer 1–5: offering, providers by value, top two non-members, models."""
    result = []
    for number in sorted(s.profile.layers):
        offering_row = next((row for row in s.consortium.layers if row.layer == number), None)
        shown = providers(s, number)
        total = sum((p["usd"] for p in shown if p["usd"] is not None), Decimal(0))
        for p in shown:
            share = p["usd"] * 100 / total if total and p["usd"] is not None else None
            if share is None or p["redacted"]:
                p["share"] = ""
            elif share and share < Decimal("0.1"):
                p["share"] = "< 0.1 %"
            else:
                p["share"] = pct_display(share, 1)
        non_members = [p for p in shown if not p["member"]]
        result.append(
            {
                "number": number,
                "name": s.profile.layers[number],
                "offering": s.v(offering_row, offering_row.offering) if offering_row else "",
                "offering_mark": s.redactor.mark(offering_row) if offering_row else "",
                "providers": shown,
                "total": usd(total) if shown else "",
                "unconverted": [p["name"] for p in shown if p["usd"] is None],
                "top_two_required": number in s.profile.top_two_layers,
                "top_non_members": non_members[:2],
                "members": [s.name(m) for m in s.consortium.members if number in m.layers],
                "models": models(s, number),
            }
        )
    return result


def providers(s: Shaper, layer: int) -> list[dict[str, Any]]:
    """A layer's providers, rows of the same provider summed in USD, highest value first.

    The sums are `aiexp.valuation`'s, as the rules compute them: a member is a provider named
    in the Members sheet, and a provider with a row in a currency without a rate has no
    total ("no rate").
    """
    entries = []
    for provider in s.valuation[layer].providers:
        rows = provider.rows
        first = rows[0]
        confidential = next((row for row in rows if row.confidential), None)
        shown_row = confidential or first
        total = provider.usd
        redacted = bool(s.redactor.public and confidential)
        entries.append(
            {
                "name": s.v(shown_row, first.provider),
                "mark": s.redactor.mark(confidential) if confidential else "",
                "type": (first.provider_type or ProviderType.VENDOR).value.replace("_", " "),
                "member": provider.member,
                "country": s.v(shown_row, country(first.country), secret=False),
                "usd": total,
                "value": s.v(shown_row, usd(total)) if total is not None else "no rate",
                "description": s.v(
                    shown_row, "; ".join(r.description for r in rows if r.description)
                ),
                "redacted": redacted,
            }
        )
    entries.sort(key=_by_value)
    return entries


def models(s: Shaper, layer: int) -> list[dict[str, Any]]:
    """The AI models of a layer with their IP owner's ownership and control (IV.C)."""
    rows = []
    for model in s.consortium.models:
        if model.layer != layer:
            continue
        rows.append(
            {
                "name": s.v(model, model.model),
                "mark": s.redactor.mark(model),
                "ip_owner": s.v(model, model.ip_owner),
                "ip_owner_country": s.v(model, country(model.ip_owner_country), secret=False),
                "us_ownership": s.pct_or_unknown(model, model.ip_owner_us_ownership_pct),
                "coc_interest": s.pct_or_unknown(model, model.ip_owner_coc_ownership_pct),
                "open_weight": {True: "Yes", False: "No", None: "Not stated"}[model.open_weight],
                "developer": s.v(model, model.developer or model.ip_owner),
                "support_provider": s.v(model, model.us_support_provider or ""),
                "description": s.v(model, model.description or ""),
            }
        )
    return rows


def hardware(s: Shaper) -> dict[str, Any]:
    """The Layer 1 valuation and U.S.-content percentage (IV.A), from the BOM or the summary."""
    content = s.content
    info = s.consortium.info
    threshold = s.profile.thresholds.hardware_us_content_pct
    if content is not None:
        top = [
            {
                "line_id": s.bom_value(line.line_id, line.line_id),
                "description": s.bom_value(line.line_id, line.description),
                "line_value": s.bom_value(line.line_id, usd(line.line_value)),
                "non_us_value": s.bom_value(line.line_id, usd(line.non_us_value)),
            }
            for line in content.top_non_us
        ]
        return {
            "basis": "bom",
            "total_value": usd(content.total_value),
            "us_value": usd(content.us_value),
            "us_content_pct": pct_display(content.us_content_pct, 2),
            "us_content_pct_exact": pct_display(content.us_content_pct, 4),
            "without_assumptions": pct_display(content.us_content_pct_without_assumptions, 4),
            "threshold": pct_display(content.threshold_pct, 0),
            "meets": content.meets_threshold,
            "shortfall": usd(content.shortfall_value),
            "margin": usd(content.margin_value),
            "line_count": content.line_count,
            "undeclared": [s.bom_value(i, i) for i in content.undeclared_lines],
            "assumed": [s.bom_value(i, i) for i in content.assumed_lines],
            "rates": [
                {"currency": code, "usd_per_unit": f"{rate:f}"}
                for code, rate in sorted(content.rates.items())
                if code != "USD"
            ],
            "top_non_us": top,
            "source": content.source,
        }
    # Without a BOM, the Consortium sheet's summary figures; a zero total has no percentage.
    summary = hardware_summary(info, threshold)
    if summary is not None:
        return {
            "basis": "summary",
            "total_value": usd(summary.total_value),
            "us_value": usd(summary.us_value),
            "us_content_pct": pct_display(summary.us_content_pct, 2),
            "us_content_pct_exact": pct_display(summary.us_content_pct, 4),
            "threshold": pct_display(threshold, 0),
            "meets": summary.meets_threshold,
            "shortfall": usd(summary.shortfall_value),
            "summary_basis": info.hardware_basis or "",
        }
    return {"basis": "none", "threshold": pct_display(threshold, 0)}


def security(s: Shaper) -> dict[str, Any]:
    """The privacy and security measures, their standards and CSF 2.0 function coverage."""
    measures = []
    standards: list[str] = []
    coverage: dict[str, list[str]] = {code: [] for code, _ in CSF_FUNCTIONS}
    for row in s.consortium.security:
        framework = row.framework.value if row.framework else ""
        if framework == "other" and row.framework_name:
            framework = row.framework_name
        if framework and row.baseline:
            framework_shown = f"{framework} ({row.baseline.value} baseline)"
        else:
            framework_shown = framework
        if framework_shown and framework_shown not in standards:
            standards.append(framework_shown)
        name = s.v(row, row.measure)
        if row.framework and row.framework.value == "NIST CSF 2.0":
            for reference in row.references:
                function = reference.strip().upper()[:2]
                if function in coverage and name not in coverage[function]:
                    coverage[function].append(name)
        measures.append(
            {
                "name": name,
                "mark": s.redactor.mark(row),
                "description": s.v(row, row.description),
                "framework": s.v(row, framework_shown, secret=False),
                "references": s.v(row, ", ".join(row.references), secret=False),
                "privacy": "Yes" if row.privacy else "No",
            }
        )
    return {
        "narrative": s.narrative(NarrativeSection.PRIVACY_SECURITY_MEASURES),
        "measures": measures,
        "standards": standards,
        "privacy_count": sum(1 for row in s.consortium.security if row.privacy),
        "csf": [
            {
                "id": code,
                "name": label,
                "measures": ", ".join(coverage[code]),
                "covered": bool(coverage[code]),
            }
            for code, label in CSF_FUNCTIONS
        ],
        "csf_uncovered": [label for code, label in CSF_FUNCTIONS if not coverage[code]],
    }


def _by_value(entry: dict[str, Any]) -> tuple[Decimal, str]:
    amount = entry["usd"] if isinstance(entry["usd"], Decimal) else Decimal(0)
    return (-amount, str(entry["name"]))
