"""The template context: the model, the validation report and the content result, shaped for
the proposal's sections (notice Section VI 1–8) and already redacted where --public asks.

Values stay plain text here; the Jinja2 environment escapes every `{{ value }}` as Markdown
data when it prints it (see `aiexp.document.render`), and narratives go through the `narrative`
filter. Amounts are formatted here (money half-even to cents, percentages truncated).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiexp.codes import profile_words
from aiexp.content.format import money_display, pct_display
from aiexp.document.crossref import appendix_requirements, requirement_status
from aiexp.document.redact import Redactor
from aiexp.findings import Finding, Report, Severity
from aiexp.model import (
    ConfidentialRow,
    Consortium,
    Member,
    NarrativeSection,
    ProviderType,
    Role,
)
from aiexp.ownership import (
    bom_line_links,
    describe,
    linked_to_coc,
    member_links,
    provider_links,
)
from aiexp.profile import Profile
from aiexp.valuation import (
    hardware_summary,
    layer_valuations,
    workbook_rates,
)
from aiexp.values import country_name, normalise_name

if TYPE_CHECKING:
    from aiexp.content import ContentResult

CSF_FUNCTIONS = (
    ("GV", "Govern"),
    ("ID", "Identify"),
    ("PR", "Protect"),
    ("DE", "Detect"),
    ("RS", "Respond"),
    ("RC", "Recover"),
)
OPTIONAL_NARRATIVES = (
    (NarrativeSection.LETTERS_OF_INTENT, "Letters of intent and evidence of buyer interest"),
    (NarrativeSection.LOCAL_PARTNERS, "Local implementation partners"),
    (NarrativeSection.WORKFORCE_TRAINING, "Workforce training and capacity building"),
    (
        NarrativeSection.ENABLING_INFRASTRUCTURE,
        "Energy, telecommunications and enabling infrastructure",
    ),
)
OPERATION_ORDER = ("build", "own", "operate", "deliver", "support")


def usd(value: Decimal) -> str:
    """A USD amount for the proposal: `$1,234.50`."""
    return f"${money_display(value)}"


def country(code: str | None) -> str:
    """A country's common English name ("" for none)."""
    return country_name(code) if code else ""


def long_date(day: dt.date) -> str:
    """`May 1, 2026`."""
    return f"{day:%B} {day.day}, {day.year}"


def build_context(
    consortium: Consortium,
    report: Report,
    content: ContentResult | None,
    profile: Profile,
    *,
    date: dt.date,
    redactor: Redactor,
    draft: bool = False,
) -> dict[str, Any]:
    """Everything the templates print, section by section."""
    builder = _Builder(consortium, report, content, profile, redactor)
    info = consortium.info
    anchor = consortium.anchor()
    members = builder.members()
    context: dict[str, Any] = {
        "profile": {
            "id": profile.id,
            "docket": profile.docket,
            "citation": profile.citation,
            "title": profile.title,
            "agency": profile.agency,
            "threshold": pct_display(profile.thresholds.hardware_us_content_pct, 0),
            "program": profile.program,
            "coc_citation": profile.coc_citation,
        },
        "document": {
            "date": long_date(info.submission_date or date),
            "draft": draft,
            "public": redactor.public,
        },
        "cover": {
            "consortium_name": info.consortium_name or "",
            "package_name": info.package_name or "",
            "anchor_name": builder.name(anchor) if anchor else (info.anchor_member or ""),
            "contact_name": info.contact_name or "",
            "contact_title": info.contact_title or "",
            "contact_email": info.contact_email or "",
            "contact_phone": info.contact_phone or "",
            "is_resubmission": info.is_resubmission,
            "previous_reference": info.previous_submission_reference or "",
        },
        "anchor": builder.anchor(anchor),
        "members": members,
        "nce_members": [m["name"] for m in members if m["nce"] == "Yes"],
        "layers": builder.layers(),
        "hardware": builder.hardware(),
        "security": builder.security(),
        "markets": builder.markets(),
        "operations": builder.operations(),
        "federal_support": builder.federal_support(),
        "national_interest": builder.narrative(NarrativeSection.NATIONAL_INTEREST_STATEMENT),
        "nce_justification": builder.narrative(NarrativeSection.NCE_JUSTIFICATION),
        "package_overview": builder.narrative(NarrativeSection.PACKAGE_OVERVIEW),
        "material_changes": builder.narrative(NarrativeSection.MATERIAL_CHANGES),
        "coc": builder.coc_disclosures(),
        "export": builder.export_control(),
        "optional": [
            {"title": title, **builder.narrative(section)}
            for section, title in OPTIONAL_NARRATIVES
            if consortium.narrative(section) is not None
        ],
    }
    context["crossref"] = builder.crossref(bool(context["nce_members"]))
    context["findings"] = builder.open_findings()
    context["document"]["confidential_rows"] = redactor.confidential_rows
    return context


class _Builder:
    """Shapes one section of the context at a time (keeps build_context readable)."""

    def __init__(
        self,
        consortium: Consortium,
        report: Report,
        content: ContentResult | None,
        profile: Profile,
        redactor: Redactor,
    ) -> None:
        self.c = consortium
        self.report = report
        self.content = content
        self.profile = profile
        self.r = redactor
        self.members_by_name = {normalise_name(m.name): m for m in consortium.members if m.name}
        # The same rates as the rules' (report.file is the workbook that was checked).
        self.rates = workbook_rates(Path(report.file), consortium, content)
        self.valuation = layer_valuations(consortium, self.rates, profile.layers)
        for row in self._all_rows():
            redactor.note(row)

    def _all_rows(self) -> list[ConfidentialRow]:
        c = self.c
        rows: list[ConfidentialRow] = [*c.narratives, *c.members, *c.providers, *c.layers]
        rows += [*c.models, *c.security, *c.markets, *c.operations, *c.federal_support]
        rows += [*c.export_control, *c.bom]
        return rows

    # -- helpers ----------------------------------------------------------------------------------

    def v(self, row: ConfidentialRow, value: Any, *, secret: bool = True) -> str:
        """A row's value as text, redacted in the public version of a confidential row."""
        if value is None:
            return ""
        return str(self.r.value(row, value, secret=secret))

    def name(self, member: Member | None) -> str:
        """A member's name as shown."""
        if member is None:
            return ""
        return self.v(member, member.name)

    def to_usd(self, value: Decimal | None, currency: str) -> Decimal | None:
        """A value in USD, or None when its currency has no rate."""
        if value is None:
            return None
        rate = self.rates.get((currency or "USD").upper())
        return None if rate is None else value * rate

    def narrative(self, section: NarrativeSection) -> dict[str, Any]:
        """A narrative's text (Markdown), its confidentiality mark, and whether it is given."""
        row = self.c.narrative(section)
        if row is None:
            return {"given": False, "text": "", "mark": ""}
        return {"given": True, "text": self.v(row, row.text), "mark": self.r.mark(row)}

    # -- section 1 --------------------------------------------------------------------------------

    def anchor(self, anchor: Member | None) -> dict[str, Any]:
        """The anchor member and its three attestations (II.1–II.3), stated from the data."""
        if anchor is None:
            return {"given": False}
        links = member_links(anchor, self.profile)
        parent = anchor.ultimate_parent
        parent_us = anchor.ultimate_parent_country in (
            None,
            "US",
        ) and anchor.ultimate_parent_principal_place_of_business in (None, "US")
        return {
            "given": True,
            "name": self.name(anchor),
            "mark": self.r.mark(anchor),
            "country": self.v(anchor, country(anchor.country_of_incorporation), secret=False),
            "ppob": self.v(anchor, country(anchor.principal_place_of_business), secret=False),
            "experience": anchor.international_experience,
            "capacity": anchor.multi_country_capacity,
            "us_organized": anchor.country_of_incorporation == "US",
            "us_ppob": anchor.principal_place_of_business == "US",
            "parent": self.v(anchor, parent) if parent else "",
            "parent_country": self.v(anchor, country(anchor.ultimate_parent_country), secret=False),
            "parent_us": parent_us,
            "coc_linked": bool(links),
            "coc_reasons": self.v(anchor, describe(links), secret=False),
            "coc_ownership": self.pct_or_unknown(anchor, anchor.coc_ownership_pct),
            "coc_controlled": anchor.coc_controlled,
        }

    def pct_or_unknown(self, row: ConfidentialRow, value: Decimal | None) -> str:
        """A percentage as shown, or "not stated"."""
        if value is None:
            return "not stated"
        return self.v(row, pct_display(value, 2), secret=False)

    def members(self) -> list[dict[str, Any]]:
        """The member table (VI.1): role, layers, country, ownership and control, NCE wish."""
        rows = []
        ordered = sorted(self.c.members, key=lambda m: (m.role is not Role.ANCHOR,))
        for member in ordered:
            ownership = []
            if member.ultimate_parent:
                parent_country = country(member.ultimate_parent_country) or "country not stated"
                ownership.append(f"Ultimate parent: {member.ultimate_parent} ({parent_country})")
            else:
                ownership.append("No ultimate parent")
            if member.us_ownership_pct is not None:
                ownership.append(f"U.S. ownership {pct_display(member.us_ownership_pct, 2)}")
            ownership.append(
                "country-of-concern interest "
                + (
                    pct_display(member.coc_ownership_pct, 2)
                    if member.coc_ownership_pct is not None
                    else "not stated"
                )
            )
            ownership.append(
                "controlled by a country of concern"
                if member.coc_controlled
                else "not controlled by a country of concern"
            )
            rows.append(
                {
                    "name": self.name(member),
                    "mark": self.r.mark(member),
                    "role": "Anchor" if member.role is Role.ANCHOR else "Member",
                    "layers": ", ".join(str(n) for n in sorted(member.layers)),
                    "country": self.v(
                        member, country(member.country_of_incorporation), secret=False
                    ),
                    "ppob": self.v(
                        member, country(member.principal_place_of_business), secret=False
                    ),
                    "ownership": self.v(member, "; ".join(ownership)),
                    "nce": "Yes" if member.nce_requested else "No",
                    "description": self.v(member, member.description),
                }
            )
        return rows

    # -- section 2 --------------------------------------------------------------------------------

    def layers(self) -> list[dict[str, Any]]:
        """One entry per layer 1–5: offering, providers by value, top two non-members, models."""
        result = []
        for number in sorted(self.profile.layers):
            offering_row = next((row for row in self.c.layers if row.layer == number), None)
            providers = self.providers(number)
            total = sum((p["usd"] for p in providers if p["usd"] is not None), Decimal(0))
            for p in providers:
                share = p["usd"] * 100 / total if total and p["usd"] is not None else None
                if share is None or p["redacted"]:
                    p["share"] = ""
                elif share and share < Decimal("0.1"):
                    p["share"] = "< 0.1 %"
                else:
                    p["share"] = pct_display(share, 1)
            non_members = [p for p in providers if not p["member"]]
            result.append(
                {
                    "number": number,
                    "name": self.profile.layers[number],
                    "offering": self.v(offering_row, offering_row.offering) if offering_row else "",
                    "offering_mark": self.r.mark(offering_row) if offering_row else "",
                    "providers": providers,
                    "total": usd(total) if providers else "",
                    "unconverted": [p["name"] for p in providers if p["usd"] is None],
                    "top_two_required": number in self.profile.top_two_layers,
                    "top_non_members": non_members[:2],
                    "members": [self.name(m) for m in self.c.members if number in m.layers],
                    "models": self.models(number),
                }
            )
        return result

    def providers(self, layer: int) -> list[dict[str, Any]]:
        """A layer's providers, rows of the same provider summed in USD, highest value first.

        The sums are `aiexp.valuation`'s, as the rules compute them: a member is a provider named
        in the Members sheet, and a provider with a row in a currency without a rate has no
        total ("no rate").
        """
        entries = []
        for provider in self.valuation[layer].providers:
            rows = provider.rows
            first = rows[0]
            confidential = next((row for row in rows if row.confidential), None)
            shown_row = confidential or first
            total = provider.usd
            redacted = bool(self.r.public and confidential)
            entries.append(
                {
                    "name": self.v(shown_row, first.provider),
                    "mark": self.r.mark(confidential) if confidential else "",
                    "type": (first.provider_type or ProviderType.VENDOR).value.replace("_", " "),
                    "member": provider.member,
                    "country": self.v(shown_row, country(first.country), secret=False),
                    "usd": total,
                    "value": self.v(shown_row, usd(total)) if total is not None else "no rate",
                    "description": self.v(
                        shown_row, "; ".join(r.description for r in rows if r.description)
                    ),
                    "redacted": redacted,
                }
            )
        entries.sort(key=_by_value)
        return entries

    def models(self, layer: int) -> list[dict[str, Any]]:
        """The AI models of a layer with their IP owner's ownership and control (IV.C)."""
        rows = []
        for model in self.c.models:
            if model.layer != layer:
                continue
            rows.append(
                {
                    "name": self.v(model, model.model),
                    "mark": self.r.mark(model),
                    "ip_owner": self.v(model, model.ip_owner),
                    "ip_owner_country": self.v(
                        model, country(model.ip_owner_country), secret=False
                    ),
                    "us_ownership": self.pct_or_unknown(model, model.ip_owner_us_ownership_pct),
                    "coc_interest": self.pct_or_unknown(model, model.ip_owner_coc_ownership_pct),
                    "open_weight": "Yes" if model.open_weight else "No",
                    "developer": self.v(model, model.developer or model.ip_owner),
                    "support_provider": self.v(model, model.us_support_provider or ""),
                    "description": self.v(model, model.description or ""),
                }
            )
        return rows

    def hardware(self) -> dict[str, Any]:
        """The Layer 1 valuation and U.S.-content percentage (IV.A), from the BOM or the summary."""
        content = self.content
        info = self.c.info
        threshold = self.profile.thresholds.hardware_us_content_pct
        if content is not None:
            top = [
                {
                    "line_id": self.bom_value(line.line_id, line.line_id),
                    "description": self.bom_value(line.line_id, line.description),
                    "line_value": self.bom_value(line.line_id, usd(line.line_value)),
                    "non_us_value": self.bom_value(line.line_id, usd(line.non_us_value)),
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
                "undeclared": [self.bom_value(i, i) for i in content.undeclared_lines],
                "assumed": [self.bom_value(i, i) for i in content.assumed_lines],
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

    def bom_value(self, line_id: str, shown: str) -> str:
        """A BOM line's value, redacted in the public version when the line is confidential."""
        row = next((line for line in self.c.bom if line.line_id == line_id), None)
        return self.v(row, shown) if row is not None else shown

    def security(self) -> dict[str, Any]:
        """The privacy and security measures, their standards and CSF 2.0 function coverage."""
        measures = []
        standards: list[str] = []
        coverage: dict[str, list[str]] = {code: [] for code, _ in CSF_FUNCTIONS}
        for row in self.c.security:
            framework = row.framework.value if row.framework else ""
            if framework == "other" and row.framework_name:
                framework = row.framework_name
            if framework and row.baseline:
                framework_shown = f"{framework} ({row.baseline.value} baseline)"
            else:
                framework_shown = framework
            if framework_shown and framework_shown not in standards:
                standards.append(framework_shown)
            name = self.v(row, row.measure)
            if row.framework and row.framework.value == "NIST CSF 2.0":
                for reference in row.references:
                    function = reference.strip().upper()[:2]
                    if function in coverage and name not in coverage[function]:
                        coverage[function].append(name)
            measures.append(
                {
                    "name": name,
                    "mark": self.r.mark(row),
                    "description": self.v(row, row.description),
                    "framework": self.v(row, framework_shown, secret=False),
                    "references": self.v(row, ", ".join(row.references), secret=False),
                    "privacy": "Yes" if row.privacy else "No",
                }
            )
        return {
            "narrative": self.narrative(NarrativeSection.PRIVACY_SECURITY_MEASURES),
            "measures": measures,
            "standards": standards,
            "privacy_count": sum(1 for row in self.c.security if row.privacy),
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

    # -- sections 3 to 8 --------------------------------------------------------------------------

    def markets(self) -> list[dict[str, Any]]:
        """Target markets with foreign competition and national interest (V, VI.3)."""
        rows = []
        for row in self.c.markets:
            market = row.market or ""
            bloc = self.profile.bloc(market) if market else None
            countries = [country(code) for code in row.countries]
            if bloc is not None and not countries:
                scope = f"{bloc.name} ({len(bloc.members)} countries)"
            else:
                scope = ", ".join(countries)
            rows.append(
                {
                    "name": self.v(row, market),
                    "mark": self.r.mark(row),
                    "scope": self.v(row, scope, secret=False),
                    "competition": self.v(row, row.foreign_competition),
                    "coc_competitor": row.coc_competitor,
                    "national_interest": self.v(row, row.national_interest),
                    "demand_evidence": self.v(row, row.demand_evidence or ""),
                }
            )
        return rows

    def operations(self) -> dict[str, Any]:
        """Who builds, owns, operates, delivers and supports the package (VI.4)."""
        order = {name: index for index, name in enumerate(OPERATION_ORDER)}
        rows = [
            {
                "function": (row.function.value if row.function else "").capitalize(),
                "entity": self.v(row, row.entity),
                "arrangement": self.v(row, row.arrangement),
                "mark": self.r.mark(row),
            }
            for row in sorted(
                self.c.operations,
                key=lambda r: order.get(r.function.value if r.function else "", 9),
            )
        ]
        return {"rows": rows, "narrative": self.narrative(NarrativeSection.BUSINESS_MODEL)}

    def federal_support(self) -> list[dict[str, Any]]:
        """The types of Federal support requested (VI.5)."""
        return [
            {
                "type": (row.support_type.value if row.support_type else "").capitalize(),
                "rationale": self.v(row, row.rationale or ""),
                "mark": self.r.mark(row),
            }
            for row in self.c.federal_support
        ]

    def coc_disclosures(self) -> dict[str, Any]:
        """Section 7: Layer 1 products and services of entities linked to a country of concern,
        from the BOM (the content result's coc_lines) and the Providers sheet (IV.A, VI.7)."""
        bom = []
        for line in self.content.coc_lines if self.content is not None else []:
            links = linked_to_coc(
                self.profile,
                country=line.supplier_country,
                principal_place_of_business=line.supplier_principal_place_of_business,
                coc_controlled=line.supplier_coc_controlled,
            )
            bom.append(
                {
                    "line_id": self.bom_value(line.line_id, line.line_id),
                    "description": self.bom_value(line.line_id, line.description),
                    "supplier": self.bom_value(line.line_id, line.supplier),
                    "reason": self.bom_value(line.line_id, describe(links)),
                    "value": self.bom_value(line.line_id, usd(line.line_value)),
                }
            )
        if self.content is None:
            for row in self.c.bom:
                links = bom_line_links(row, self.profile)
                if links:
                    bom.append(
                        {
                            "line_id": self.v(row, row.line_id),
                            "description": self.v(row, row.description),
                            "supplier": self.v(row, row.supplier),
                            "reason": self.v(row, describe(links), secret=False),
                            "value": "",
                        }
                    )
        providers = []
        for provider in self.c.providers:
            if provider.layer != 1:
                continue
            member = self.members_by_name.get(normalise_name(provider.provider or ""))
            links = (
                member_links(member, self.profile)
                if member
                else provider_links(provider, self.profile)
            )
            if not links:
                continue
            amount = self.to_usd(provider.value, provider.currency)
            providers.append(
                {
                    "name": self.v(provider, provider.provider),
                    "type": (provider.provider_type or ProviderType.VENDOR).value.replace("_", " "),
                    "description": self.v(provider, provider.description),
                    "reason": self.v(provider, describe(links), secret=False),
                    "value": self.v(provider, usd(amount)) if amount is not None else "",
                    "mark": self.r.mark(provider),
                }
            )
        return {"bom": bom, "providers": providers, "any": bool(bom or providers)}

    def export_control(self) -> dict[str, Any]:
        """Export-control items (VI.8) and the compliance program."""
        items = [
            {
                "item": self.v(row, row.item),
                "mark": self.r.mark(row),
                "jurisdiction": row.jurisdiction.value if row.jurisdiction else "",
                "classification": self.v(row, row.classification or "—"),
                "destinations": self.v(
                    row, ", ".join(country(c) for c in row.destinations) or "—", secret=False
                ),
                "end_use": self.v(row, row.end_use or "—"),
                "end_user": self.v(row, row.end_user or "Not yet known"),
                "features": self.v(row, row.technical_features or "—"),
                "notes": self.v(row, row.notes or ""),
            }
            for row in self.c.export_control
        ]
        return {
            "rows": items,
            "program": self.narrative(NarrativeSection.EXPORT_COMPLIANCE_PROGRAM),
        }

    # -- appendices -------------------------------------------------------------------------------

    def crossref(self, nce: bool) -> list[dict[str, str]]:
        """Appendix A rows: requirement, where answered, status."""
        rows = []
        words = profile_words(self.profile)
        missing = frozenset(
            section
            for section in self.profile.required_narratives
            if self.c.narrative(section) is None
        )
        for requirement in appendix_requirements():
            status, codes = requirement_status(
                requirement, self.report.findings, nce=nce, missing_narratives=missing
            )
            rows.append(
                {
                    "ref": requirement.ref,
                    "text": requirement.text.format_map(words),
                    "where": requirement.where,
                    "status": status,
                    "codes": codes,
                }
            )
        return rows

    def open_findings(self) -> list[dict[str, str]]:
        """The errors and warnings still open (the --draft appendix)."""
        rows = []
        for finding in self.report.findings:
            if finding.severity is Severity.INFO:
                continue
            rows.append(_finding_row(finding))
        return rows


def _by_value(entry: dict[str, Any]) -> tuple[Decimal, str]:
    amount = entry["usd"] if isinstance(entry["usd"], Decimal) else Decimal(0)
    return (-amount, str(entry["name"]))


def _finding_row(finding: Finding) -> dict[str, str]:
    return {
        "severity": finding.severity.value,
        "code": finding.code,
        "section": finding.section or "",
        "location": str(finding.location),
        "message": finding.message,
    }
