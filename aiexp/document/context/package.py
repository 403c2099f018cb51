"""Section 2 of the proposal: the layers, their providers and models, and security (VI.2).

In the public version (Section VII) a withheld provider row is shown in its layer's table with
every cell redacted, after the providers shown (so its place in an order by value reveals no
bound on its value); a layer's total and shares follow `withheld_total`: no shown figure minus
other shown figures equals a withheld value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from aiexp.content.format import pct_display
from aiexp.document.context.shaper import Shaper, country, usd
from aiexp.document.redact import Fixed, Redacted, redaction
from aiexp.model import NarrativeSection, ProviderType

CSF_FUNCTIONS = (
    ("GV", "Govern"),
    ("ID", "Identify"),
    ("PR", "Protect"),
    ("DE", "Detect"),
    ("RS", "Respond"),
    ("RC", "Recover"),
)
#: The short mark of a withheld figure in a narrow table column (a share).
SHORT_MARK = Redacted("[REDACTED]")


def withheld_total(total: Decimal, hidden: int, shown: Any) -> tuple[Any, bool]:
    """A total as the public version shows it, and whether the figures derived from it show.

    `hidden` counts the withheld values the total includes. None: the total as is. Two or more:
    the total says how many it includes — it minus every shown figure is their sum, never one
    of them (values are never negative). Exactly one: the total would give it away by
    subtraction, so it is withheld, and so is every share of it (a share and a shown value give
    the total back).
    """
    if hidden == 0:
        return shown, True
    if hidden >= 2:
        return f"{shown} (including {hidden} withheld values)", True
    return redaction(), False


def layers(s: Shaper) -> list[dict[str, Any]]:
    """One entry per layer 1–5: offering, providers by value, top two non-members, models."""
    result = []
    for number in sorted(s.profile.layers):
        offering_row = next((row for row in s.consortium.layers if row.layer == number), None)
        ranked = providers(s, number)  # by value, withheld ones included (what is true)
        total = sum((p["usd"] for p in ranked if p["usd"] is not None), Decimal(0))
        hidden = sum(1 for p in ranked if p["redacted"] and p["usd"] is not None)
        total_shown, shares = withheld_total(total, hidden, usd(total))
        for p in ranked:
            share = p["usd"] * 100 / total if total and p["usd"] is not None else None
            if p["redacted"] or (share is not None and not shares):
                p["share"] = SHORT_MARK if share is not None else ""
            elif share is None:
                p["share"] = ""
            elif share and share < Decimal("0.1"):
                p["share"] = "< 0.1 %"
            else:
                p["share"] = pct_display(share, 1)
        # Shown in the table: the providers shown by value, then the withheld ones in the order
        # of their rows (a withheld row placed among values would bound its own value).
        table = [p for p in ranked if not p["redacted"]] + [p for p in ranked if p["redacted"]]
        non_members = [p for p in ranked if not p["member"]]
        top = ranked[0] if ranked else None
        result.append(
            {
                "number": number,
                "name": Fixed(s.profile.layers[number]),
                "offering": s.v(offering_row, offering_row.offering) if offering_row else "",
                "offering_mark": s.redactor.mark(offering_row) if offering_row else "",
                "providers": table,
                "top_name": top["name"] if top else "",
                "top_is_member": bool(top and top["member"]),
                "total": total_shown if ranked else "",
                "unconverted": [p["name"] for p in ranked if p["usd"] is None],
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
    total ("no rate"). A provider with a withheld row is withheld as a whole (its value is the
    sum of its rows).
    """
    entries = []
    for provider in s.valuation[layer].providers:
        rows = provider.rows
        first = rows[0]
        confidential = next((row for row in rows if row.withheld), None)
        shown_row = confidential or first
        total = provider.usd
        entries.append(
            {
                "name": s.v(shown_row, first.provider),
                "mark": s.redactor.mark(confidential) if confidential else "",
                "type": s.v(
                    shown_row,
                    (first.provider_type or ProviderType.VENDOR).value.replace("_", " "),
                    short=True,
                ),
                "member": provider.member,
                "country": s.v(shown_row, country(first.country), short=True),
                "usd": total,
                "value": s.v(shown_row, usd(total) if total is not None else "no rate", short=True),
                "description": s.v(
                    shown_row, "; ".join(r.description for r in rows if r.description), short=True
                ),
                "redacted": s.withheld(confidential),
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
        open_weight = {True: "Yes", False: "No", None: "Not stated"}[model.open_weight]
        rows.append(
            {
                "name": s.v(model, model.model),
                "mark": s.redactor.mark(model),
                "ip_owner": s.v(model, model.ip_owner, short=True),
                "ip_owner_country": s.v(model, country(model.ip_owner_country), short=True),
                "us_ownership": s.pct_or_unknown(model, model.ip_owner_us_ownership_pct),
                "coc_interest": s.pct_or_unknown(model, model.ip_owner_coc_ownership_pct),
                "open_weight": s.v(model, open_weight, short=True),
                "developer": s.v(model, model.developer or model.ip_owner, short=True),
                "support_provider": s.v(model, model.us_support_provider or "", short=True),
                "description": s.v(model, model.description or "", short=True),
            }
        )
    return rows


def security(s: Shaper) -> dict[str, Any]:
    """The privacy and security measures, their standards and CSF 2.0 function coverage.

    In the public version, what a withheld measure says is withheld wherever it would count:
    its framework is not named among the standards (a mark stands for it), and the number of
    privacy measures and the CSF functions no shown measure addresses are withheld — a count
    that includes a withheld yes/no gives the yes/no away.
    """
    measures = []
    standards: list[Any] = []
    coverage: dict[str, list[Any]] = {code: [] for code, _ in CSF_FUNCTIONS}
    any_withheld = False
    csf_withheld = False
    for row in s.consortium.security:
        framework = row.framework.value if row.framework else ""
        if framework == "other" and row.framework_name:
            framework = row.framework_name
        if framework and row.baseline:
            framework_shown = f"{framework} ({row.baseline.value} baseline)"
        else:
            framework_shown = framework
        withheld = s.withheld(row)
        any_withheld = any_withheld or withheld
        if withheld:
            csf_withheld = csf_withheld or bool(row.framework)
            if framework_shown and redaction(row.confidential_basis) not in standards:
                standards.append(redaction(row.confidential_basis))
        elif framework_shown and framework_shown not in standards:
            standards.append(framework_shown)
        name = s.v(row, row.measure)
        if not withheld and row.framework and row.framework.value == "NIST CSF 2.0":
            for reference in row.references:
                function = reference.strip().upper()[:2]
                if function in coverage and name not in coverage[function]:
                    coverage[function].append(name)
        measures.append(
            {
                "name": name,
                "mark": s.redactor.mark(row),
                "description": s.v(row, row.description, short=True),
                "framework": s.v(row, framework_shown, short=True),
                "references": s.v(row, ", ".join(row.references), short=True),
                "privacy": s.v(row, "Yes" if row.privacy else "No", short=True),
            }
        )
    # Shown standards first, then one mark for the withheld ones (a standard's place in the
    # list would tell which measure uses it).
    standards.sort(key=lambda item: isinstance(item, Redacted))
    return {
        "narrative": s.narrative(NarrativeSection.PRIVACY_SECURITY_MEASURES),
        "measures": measures,
        "standards": standards,
        "privacy_count": sum(1 for row in s.consortium.security if row.privacy),
        "privacy_withheld": any_withheld,
        "csf": [
            {
                "id": code,
                "name": label,
                "measures": ", ".join(coverage[code]),
                "covered": bool(coverage[code]),
                "addressed": "Yes" if coverage[code] else (SHORT_MARK if csf_withheld else "No"),
            }
            for code, label in CSF_FUNCTIONS
        ],
        "csf_withheld": csf_withheld,
        "csf_uncovered": [label for code, label in CSF_FUNCTIONS if not coverage[code]],
    }


def _by_value(entry: dict[str, Any]) -> tuple[Decimal, str]:
    amount = entry["usd"] if isinstance(entry["usd"], Decimal) else Decimal(0)
    return (-amount, str(entry["name"]))
