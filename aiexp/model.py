"""The consortium workbook as pydantic models: the single source of truth (SPEC §2).

Every sheet is a model of one row; every column is a field whose title is the label the template
writes, whose description is the header comment, and whose `x-kind` tells the reader which value
rule parses it. The reader, `aiexp init`, `aiexp schema` and docs/workbook.md all derive from here.

Required columns are typed optional in Python so that a workbook with gaps still loads and every
rule can run; a blank required cell is an `input.required` finding raised by the reader, and the
JSON Schema lists the column as required.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr
from pydantic.fields import FieldInfo


class Kind(StrEnum):
    """Which value rule of SPEC §2 parses a column."""

    TEXT = "text"
    MONEY = "money"
    NUMBER = "number"
    PERCENT = "percent"
    COUNTRY = "country"
    COUNTRIES = "countries"
    YES_NO = "yes/no"
    LIST = "list"
    LAYER = "layer"
    LAYERS = "layers"
    DATE = "date"
    CHOICE = "choice"
    CHOICES = "choices"
    CURRENCY = "currency"


class Role(StrEnum):
    """A member's role in the consortium (Section II)."""

    ANCHOR = "anchor"
    MEMBER = "member"


class ProviderType(StrEnum):
    """How a provider takes part in the package (Sections II and IV.D)."""

    MEMBER = "member"
    SUBCONTRACTOR = "subcontractor"
    LOCAL_PARTNER = "local_partner"
    VENDOR = "vendor"


class ConfidentialBasis(StrEnum):
    """The two kinds of protected information Section VII names."""

    COMMERCIAL = "commercial"
    EXPORT_CONTROL = "export-control"


class NarrativeSection(StrEnum):
    """The narratives of the proposal and the notice item each answers."""

    PACKAGE_OVERVIEW = "package_overview"
    PRIVACY_SECURITY_MEASURES = "privacy_security_measures"
    BUSINESS_MODEL = "business_model"
    NATIONAL_INTEREST_STATEMENT = "national_interest_statement"
    EXPORT_COMPLIANCE_PROGRAM = "export_compliance_program"
    NCE_JUSTIFICATION = "nce_justification"
    MATERIAL_CHANGES = "material_changes"
    LETTERS_OF_INTENT = "letters_of_intent"
    LOCAL_PARTNERS = "local_partners"
    WORKFORCE_TRAINING = "workforce_training"
    ENABLING_INFRASTRUCTURE = "enabling_infrastructure"


class Framework(StrEnum):
    """The standard a security measure aligns to (VI.2, IX.4)."""

    NIST_CSF_2 = "NIST CSF 2.0"
    NIST_SP_800_53 = "NIST SP 800-53"
    NIST_SP_800_53B = "NIST SP 800-53B"
    NIST_AI_RMF = "NIST AI RMF"
    ISO_27001 = "ISO/IEC 27001"
    OTHER = "other"


class Baseline(StrEnum):
    """An SP 800-53B control baseline."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    PRIVACY = "privacy"


class SupportFunction(StrEnum):
    """The functions an open-weight model's U.S. support provider must cover (IV.C)."""

    DEPLOYMENT = "deployment"
    INTEGRATION = "integration"
    FINE_TUNING = "fine-tuning"
    SECURITY = "security"
    SUPPORT = "support"


class OperationFunction(StrEnum):
    """Who builds, owns, operates, delivers and supports the package (VI.4)."""

    BUILD = "build"
    OWN = "own"
    OPERATE = "operate"
    DELIVER = "deliver"
    SUPPORT = "support"


class SupportType(StrEnum):
    """The types of Federal support VI.5 lists."""

    EXPORT_CONTROL_ENGAGEMENT = "export-control engagement"
    FINANCING_REFERRALS = "financing referrals"
    GOVERNMENT_TO_GOVERNMENT = "government-to-government engagement"
    TECHNICAL_ASSISTANCE = "technical assistance"
    DIRECT_LOANS = "direct loans"
    LOAN_GUARANTEES = "loan guarantees"
    EQUITY_INVESTMENTS = "equity investments"
    CO_FINANCING = "co-financing"
    POLITICAL_RISK_INSURANCE = "political risk insurance"
    CREDIT_GUARANTEES = "credit guarantees"
    FEASIBILITY_STUDIES = "feasibility studies"
    OTHER = "other"


class Jurisdiction(StrEnum):
    """The control regime an export-control item may implicate (VI.8)."""

    EAR = "EAR"
    ITAR = "ITAR"
    OUTBOUND_INVESTMENT = "outbound-investment"
    END_USER = "end-user"
    SANCTIONS = "sanctions"
    OTHER = "other"


class BomKind(StrEnum):
    """A BOM line is a good (ex-factory price) or a service (contract value), footnote 1."""

    GOOD = "good"
    SERVICE = "service"


def column(
    label: str,
    description: str,
    kind: Kind,
    *,
    required: bool = False,
    default: Any = None,
    choices: type[Enum] | None = None,
) -> Any:
    """A workbook column: its label, header comment, value rule and whether it must be filled."""
    extra: dict[str, Any] = {"x-kind": kind.value, "x-required": required}
    if choices is not None:
        extra["x-choices"] = [member.value for member in choices]
    if kind in (Kind.LIST, Kind.COUNTRIES, Kind.LAYERS, Kind.CHOICES):
        return Field(
            default_factory=list, title=label, description=description, json_schema_extra=extra
        )
    return Field(default=default, title=label, description=description, json_schema_extra=extra)


class Row(BaseModel):
    """A row of a sheet; remembers the worksheet row it came from."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    _row: int | None = PrivateAttr(default=None)

    @property
    def row(self) -> int | None:
        """The worksheet row number (1-based), or None for a row not read from a workbook."""
        return self._row

    def at_row(self, row: int | None) -> Row:
        """Set the worksheet row; returns self for chaining."""
        self._row = row
        return self


class ConfidentialRow(Row):
    """A row that may hold confidential information (Section VII)."""

    confidential: bool = column(
        "Confidential",
        "yes if this row is confidential commercial or export-control-sensitive information "
        "(Section VII); it is marked in the proposal and removed from the --public version",
        Kind.YES_NO,
        default=False,
    )
    confidential_basis: ConfidentialBasis | None = column(
        "Confidential basis",
        "why it is confidential: commercial (confidential commercial information) or "
        "export-control (export-control-sensitive information); claims not supported may be "
        "disregarded (VII)",
        Kind.CHOICE,
        choices=ConfidentialBasis,
    )


class ConsortiumInfo(Row):
    """The Consortium sheet: one `field`/`value` row per field."""

    _rows: dict[str, int] = PrivateAttr(default_factory=dict)

    consortium_name: str | None = column(
        "Consortium name",
        "the consortium's name as it should appear on the proposal (VI.1)",
        Kind.TEXT,
        required=True,
    )
    package_name: str | None = column(
        "Package name", "the name of the full-stack export package", Kind.TEXT
    )
    anchor_member: str | None = column(
        "Anchor member",
        "the anchor member's name, exactly as in the Members sheet (Section II)",
        Kind.TEXT,
        required=True,
    )
    contact_name: str | None = column(
        "Contact name",
        "the single point of contact for the Program (Section II)",
        Kind.TEXT,
        required=True,
    )
    contact_title: str | None = column("Contact title", "the contact's job title", Kind.TEXT)
    contact_email: str | None = column(
        "Contact email", "the contact's email address", Kind.TEXT, required=True
    )
    contact_phone: str | None = column(
        "Contact phone", "the contact's telephone number", Kind.TEXT, required=True
    )
    submission_date: dt.date | None = column(
        "Submission date",
        "the date the proposal will be submitted (YYYY-MM-DD); checked against the filing window",
        Kind.DATE,
    )
    is_resubmission: bool = column(
        "Is resubmission",
        "yes if this revises a proposal that was not selected (X.D)",
        Kind.YES_NO,
        default=False,
    )
    previous_submission_reference: str | None = column(
        "Previous submission reference",
        "the portal reference of the earlier proposal, for a resubmission (X.D)",
        Kind.TEXT,
    )
    hardware_total_value: Decimal | None = column(
        "Hardware total value",
        "only when no BOM is given: the aggregate value of Layer 1 in USD (IV.A)",
        Kind.MONEY,
    )
    hardware_us_value: Decimal | None = column(
        "Hardware U.S. value",
        "only when no BOM is given: the U.S.-content value of Layer 1 in USD (IV.A)",
        Kind.MONEY,
    )
    hardware_basis: str | None = column(
        "Hardware basis",
        "only when no BOM is given: how the two hardware figures were established",
        Kind.TEXT,
    )

    def row_of(self, field: str) -> int | None:
        """The worksheet row that holds `field`, if it was read from a workbook."""
        return self._rows.get(field)

    def set_rows(self, rows: dict[str, int]) -> ConsortiumInfo:
        """Remember the worksheet row of each field."""
        self._rows = dict(rows)
        return self


class Narrative(ConfidentialRow):
    """A narrative section of the proposal (Markdown subset allowed)."""

    section: NarrativeSection | None = column(
        "Section",
        "which narrative this is: package_overview, privacy_security_measures, business_model, "
        "national_interest_statement, export_compliance_program (required); nce_justification, "
        "material_changes (when they apply); letters_of_intent, local_partners, "
        "workforce_training, enabling_infrastructure (optional)",
        Kind.CHOICE,
        required=True,
        choices=NarrativeSection,
    )
    text: str | None = column(
        "Text",
        "the narrative; paragraphs, bullet and numbered lists, **bold** and *italic* are kept",
        Kind.TEXT,
        required=True,
    )


class Member(ConfidentialRow):
    """A consortium member (Sections II, IV, VI.1)."""

    name: str | None = column("Name", "the member's legal name", Kind.TEXT, required=True)
    role: Role | None = column(
        "Role", "anchor (exactly one) or member", Kind.CHOICE, required=True, choices=Role
    )
    layers: list[int] = column(
        "Layers",
        "the stack layers (1-5) it provides products or services in, e.g. 1, 3",
        Kind.LAYERS,
        required=True,
    )
    country_of_incorporation: str | None = column(
        "Country of incorporation",
        "the country under whose laws it is organized",
        Kind.COUNTRY,
        required=True,
    )
    principal_place_of_business: str | None = column(
        "Principal place of business",
        "the country of its principal place of business",
        Kind.COUNTRY,
        required=True,
    )
    ultimate_parent: str | None = column(
        "Ultimate parent", "its ultimate parent entity; blank if it has none", Kind.TEXT
    )
    ultimate_parent_country: str | None = column(
        "Ultimate parent country",
        "the country under whose laws the ultimate parent is organized (required with a parent)",
        Kind.COUNTRY,
    )
    ultimate_parent_principal_place_of_business: str | None = column(
        "Ultimate parent principal place of business",
        "the country of the ultimate parent's principal place of business",
        Kind.COUNTRY,
    )
    coc_ownership_pct: Decimal | None = column(
        "Country-of-concern ownership %",
        "the larger of the voting and equity interest held by countries of concern or their "
        "entities or nationals; blank means unknown",
        Kind.PERCENT,
    )
    coc_controlled: bool = column(
        "Country-of-concern controlled",
        "yes if a country of concern or its entities or nationals control it",
        Kind.YES_NO,
        default=False,
    )
    us_ownership_pct: Decimal | None = column(
        "U.S. ownership %", "the percent owned and controlled by U.S. persons", Kind.PERCENT
    )
    international_experience: bool = column(
        "International experience",
        "anchor attestation II.1: experience providing products or services internationally",
        Kind.YES_NO,
        default=False,
    )
    multi_country_capacity: bool = column(
        "Multi-country capacity",
        "anchor attestation II.1: organizational capacity to manage multi-country delivery",
        Kind.YES_NO,
        default=False,
    )
    nce_requested: bool = column(
        "NCE requested",
        "yes to ask that this foreign member be designated a National Champion Enterprise (II.A)",
        Kind.YES_NO,
        default=False,
    )
    description: str | None = column(
        "Description", "its role in the package", Kind.TEXT, required=True
    )


class Provider(ConfidentialRow):
    """A provider of products or services in a layer, by value (Sections II, IV.D, VI.2)."""

    layer: int | None = column("Layer", "the stack layer, 1-5", Kind.LAYER, required=True)
    provider: str | None = column(
        "Provider",
        "the entity's name (a member's name exactly as in Members)",
        Kind.TEXT,
        required=True,
    )
    provider_type: ProviderType | None = column(
        "Provider type",
        "member, subcontractor, local_partner or vendor",
        Kind.CHOICE,
        required=True,
        choices=ProviderType,
    )
    country: str | None = column(
        "Country", "the provider's country of incorporation", Kind.COUNTRY, required=True
    )
    principal_place_of_business: str | None = column(
        "Principal place of business",
        "the country of its principal place of business",
        Kind.COUNTRY,
    )
    coc_ownership_pct: Decimal | None = column(
        "Country-of-concern ownership %",
        "voting or equity interest held by countries of concern or their entities or nationals",
        Kind.PERCENT,
    )
    coc_controlled: bool = column(
        "Country-of-concern controlled",
        "yes if a country of concern controls it",
        Kind.YES_NO,
        default=False,
    )
    value: Decimal | None = column(
        "Value",
        "ex-factory price of goods and contract value of services it provides in this layer",
        Kind.MONEY,
        required=True,
    )
    currency: str = column(
        "Currency",
        "ISO 4217 code of the value; needs a Rates row unless USD",
        Kind.CURRENCY,
        default="USD",
    )
    description: str | None = column("Description", "what it provides", Kind.TEXT, required=True)


class LayerOffering(ConfidentialRow):
    """What the package provides in one layer (Section III, VI.2)."""

    layer: int | None = column("Layer", "the stack layer, 1-5", Kind.LAYER, required=True)
    offering: str | None = column(
        "Offering", "what the package provides for this layer and how", Kind.TEXT, required=True
    )


class AIModel(ConfidentialRow):
    """An AI model or system in the package (Section IV.C)."""

    model: str | None = column("Model", "the model or system's name", Kind.TEXT, required=True)
    layer: int = column(
        "Layer",
        "3 for AI models and systems, 5 for a model inside an application",
        Kind.LAYER,
        default=3,
    )
    ip_owner: str | None = column(
        "IP owner",
        "the entity that owns the model's intellectual property",
        Kind.TEXT,
        required=True,
    )
    ip_owner_country: str | None = column(
        "IP owner country",
        "the IP owner's country of incorporation",
        Kind.COUNTRY,
        required=True,
    )
    ip_owner_us_ownership_pct: Decimal | None = column(
        "IP owner U.S. ownership %",
        "percent of the IP owner owned and controlled by U.S. persons or entities (IV.C(2))",
        Kind.PERCENT,
        required=True,
    )
    ip_owner_coc_ownership_pct: Decimal | None = column(
        "IP owner country-of-concern ownership %",
        "any voting or ownership interest in the IP owner held by countries of concern or their "
        "entities or nationals (IV.C(1))",
        Kind.PERCENT,
        required=True,
    )
    ip_owner_coc_controlled: bool = column(
        "IP owner country-of-concern controlled",
        "yes if a country of concern or its entities or nationals control the IP owner",
        Kind.YES_NO,
        default=False,
    )
    open_weight: bool | None = column(
        "Open weight",
        "yes if the model's weights are openly published",
        Kind.YES_NO,
        required=True,
    )
    developer: str | None = column(
        "Developer", "the entity that developed it; blank means the IP owner", Kind.TEXT
    )
    developer_country: str | None = column(
        "Developer country", "the developer's country of incorporation", Kind.COUNTRY
    )
    developer_principal_place_of_business: str | None = column(
        "Developer principal place of business",
        "the country of the developer's principal place of business",
        Kind.COUNTRY,
    )
    developer_coc_ownership_pct: Decimal | None = column(
        "Developer country-of-concern ownership %",
        "voting or equity interest in the developer held by countries of concern",
        Kind.PERCENT,
    )
    developer_coc_controlled: bool = column(
        "Developer country-of-concern controlled",
        "yes if a country of concern controls the developer",
        Kind.YES_NO,
        default=False,
    )
    us_support_provider: str | None = column(
        "U.S. support provider",
        "for an open-weight model: the member (as in Members) that provides deployment, "
        "integration, fine-tuning, security and support (IV.C)",
        Kind.TEXT,
    )
    support_functions: list[SupportFunction] = column(
        "Support functions",
        "the functions the support provider covers: deployment, integration, fine-tuning, "
        "security, support",
        Kind.CHOICES,
        choices=SupportFunction,
    )
    description: str | None = column("Description", "what the model does", Kind.TEXT)


class SecurityMeasure(ConfidentialRow):
    """A privacy or security measure of the package (IV.B, VI.2, IX.4)."""

    measure: str | None = column("Measure", "the measure's short name", Kind.TEXT, required=True)
    description: str | None = column(
        "Description",
        "what it does and how it secures the software and AI systems",
        Kind.TEXT,
        required=True,
    )
    framework: Framework | None = column(
        "Framework", "the standard it aligns to", Kind.CHOICE, required=True, choices=Framework
    )
    references: list[str] = column(
        "References",
        "CSF 2.0 ids (PR.AA, PR.AA-01) or SP 800-53 Rev. 5 control ids (AC-2, AC-2(1), SC-7)",
        Kind.LIST,
    )
    baseline: Baseline | None = column(
        "Baseline",
        "for SP 800-53B: low, moderate, high or privacy",
        Kind.CHOICE,
        choices=Baseline,
    )
    framework_name: str | None = column(
        "Framework name", "for other: which comparable framework (VI.2)", Kind.TEXT
    )
    privacy: bool = column(
        "Privacy", "yes if this is a privacy measure", Kind.YES_NO, default=False
    )


class Market(ConfidentialRow):
    """A target market (Section V)."""

    market: str | None = column(
        "Market",
        "a country, a regional bloc (EU, GCC, ASEAN, African Union…), Global, or a region you "
        "name with its countries listed",
        Kind.TEXT,
        required=True,
    )
    countries: list[str] = column(
        "Countries", "for a region of your own naming: its countries", Kind.COUNTRIES
    )
    foreign_competition: str | None = column(
        "Foreign competition",
        "the relevant foreign competition in this market",
        Kind.TEXT,
        required=True,
    )
    coc_competitor: bool = column(
        "Country-of-concern competitor",
        "yes if a procurer there is choosing between American technology and technology from a "
        "country of concern",
        Kind.YES_NO,
        default=False,
    )
    national_interest: str | None = column(
        "National interest",
        "why the offering would advance U.S. national interests there",
        Kind.TEXT,
        required=True,
    )
    demand_evidence: str | None = column(
        "Demand evidence", "evidence of demand in the market", Kind.TEXT
    )


class Operation(ConfidentialRow):
    """Who builds, owns, operates, delivers or supports the package (VI.4)."""

    function: OperationFunction | None = column(
        "Function",
        "build, own, operate, deliver or support",
        Kind.CHOICE,
        required=True,
        choices=OperationFunction,
    )
    entity: str | None = column(
        "Entity",
        "the entity that performs it: a member, a provider or the customer",
        Kind.TEXT,
        required=True,
    )
    arrangement: str | None = column(
        "Arrangement",
        "how, including infrastructure, cloud and managed-service arrangements",
        Kind.TEXT,
        required=True,
    )


class FederalSupport(ConfidentialRow):
    """A type of Federal support requested (VI.5)."""

    support_type: SupportType | None = column(
        "Support type",
        "one of the types VI.5 lists",
        Kind.CHOICE,
        required=True,
        choices=SupportType,
    )
    rationale: str | None = column(
        "Rationale", "why this support would be most useful (recommended)", Kind.TEXT
    )


class ExportControlItem(ConfidentialRow):
    """An item, destination, end use or feature that may implicate export controls (VI.8)."""

    item: str | None = column("Item", "the item, technology or feature", Kind.TEXT, required=True)
    jurisdiction: Jurisdiction | None = column(
        "Jurisdiction",
        "EAR, ITAR, outbound-investment, end-user, sanctions or other",
        Kind.CHOICE,
        required=True,
        choices=Jurisdiction,
    )
    classification: str | None = column(
        "Classification",
        "for EAR: an ECCN such as 3A090.a or EAR99; for ITAR: a USML category such as XI(a)",
        Kind.TEXT,
    )
    destinations: list[str] = column("Destinations", "the destination countries", Kind.COUNTRIES)
    end_use: str | None = column("End use", "the intended end use", Kind.TEXT)
    end_user: str | None = column("End user", "the end user, if known (not required)", Kind.TEXT)
    technical_features: str | None = column(
        "Technical features", "technical features that may implicate controls", Kind.TEXT
    )
    notes: str | None = column("Notes", "anything else", Kind.TEXT)


class BomLine(ConfidentialRow):
    """One Layer 1 line item of the bill of materials (SPEC §3)."""

    line_id: str | None = column("Line id", "unique id of the line", Kind.TEXT, required=True)
    description: str | None = column("Description", "what it is", Kind.TEXT, required=True)
    kind: BomKind = column(
        "Kind",
        "good (ex-factory price) or service (contract value)",
        Kind.CHOICE,
        default=BomKind.GOOD,
        choices=BomKind,
    )
    supplier: str | None = column(
        "Supplier", "the entity that provides it", Kind.TEXT, required=True
    )
    supplier_country: str | None = column(
        "Supplier country",
        "the supplier's country of incorporation",
        Kind.COUNTRY,
        required=True,
    )
    supplier_principal_place_of_business: str | None = column(
        "Supplier principal place of business",
        "the country of the supplier's principal place of business",
        Kind.COUNTRY,
    )
    supplier_coc_controlled: bool = column(
        "Supplier country-of-concern controlled",
        "yes if owned or controlled (a majority voting or equity interest, or control) by a "
        "country of concern or its entities or nationals",
        Kind.YES_NO,
        default=False,
    )
    origin_country: str | None = column(
        "Origin country",
        "country of manufacture (goods) or of performance (services)",
        Kind.COUNTRY,
    )
    quantity: Decimal = column(
        "Quantity", "how many units; positive", Kind.NUMBER, default=Decimal(1)
    )
    unit_value: Decimal | None = column(
        "Unit value",
        "ex-factory unit price (goods) or contract value (services)",
        Kind.MONEY,
        required=True,
    )
    currency: str = column(
        "Currency",
        "ISO 4217 code; any currency but USD needs a rate",
        Kind.CURRENCY,
        default="USD",
    )
    us_content_pct: Decimal | None = column(
        "U.S. content %",
        "percent of the line's value that is U.S. content, as declared by the supplier; "
        "blank = undeclared (counted as 0 %)",
        Kind.PERCENT,
    )
    non_us_unit_value: Decimal | None = column(
        "Non-U.S. unit value",
        "per unit, same currency: value contributed by non-U.S. sources (ITA's subtractive "
        "form); takes precedence over U.S. content %",
        Kind.MONEY,
    )
    notes: str | None = column("Notes", "free text", Kind.TEXT)


class Rate(Row):
    """An exchange rate: how many U.S. dollars one unit of a currency is worth."""

    currency: str | None = column(
        "Currency", "ISO 4217 code, e.g. EUR", Kind.CURRENCY, required=True
    )
    usd_per_unit: Decimal | None = column(
        "USD per unit", "U.S. dollars for one unit of the currency", Kind.NUMBER, required=True
    )
    as_of: dt.date | None = column("As of", "the date of the rate", Kind.DATE)
    source: str | None = column("Source", "where the rate comes from", Kind.TEXT)


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of the workbook: its name, the model of its rows and what it is for."""

    name: str
    attribute: str
    row_model: type[Row]
    required: bool
    purpose: str

    @property
    def key(self) -> str:
        """The sheet's key column: its first column (or `field` for the Consortium sheet)."""
        if self.row_model is ConsortiumInfo:
            return "field"
        return columns(self.row_model)[0].key


SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        "Consortium",
        "info",
        ConsortiumInfo,
        True,
        "The consortium, the anchor member and the contact: one field per row (VI.1).",
    ),
    SheetSpec(
        "Narratives",
        "narratives",
        Narrative,
        True,
        "The proposal's narrative sections, one row each (VI.2, VI.4, VI.6, VI.8).",
    ),
    SheetSpec(
        "Members",
        "members",
        Member,
        True,
        "Every consortium member: role, layers, ownership and control (II, IV, VI.1).",
    ),
    SheetSpec(
        "Providers",
        "providers",
        Provider,
        True,
        "The products and services of each layer by value, members and non-members "
        "(II, IV.D, VI.2).",
    ),
    SheetSpec(
        "Layers",
        "layers",
        LayerOffering,
        True,
        "What the package offers in each of the five layers (III, VI.2).",
    ),
    SheetSpec(
        "Models",
        "models",
        AIModel,
        True,
        "Every AI model and system, its IP owner and developer (IV.C).",
    ),
    SheetSpec(
        "Security",
        "security",
        SecurityMeasure,
        True,
        "The privacy and security measures and the standards they align to (IV.B, VI.2).",
    ),
    SheetSpec(
        "Markets",
        "markets",
        Market,
        True,
        "Target markets, foreign competition and national interest (V, VI.3).",
    ),
    SheetSpec(
        "Operations",
        "operations",
        Operation,
        True,
        "Who builds, owns, operates, delivers and supports the package (VI.4).",
    ),
    SheetSpec(
        "FederalSupport",
        "federal_support",
        FederalSupport,
        True,
        "The types of Federal support requested (VI.5).",
    ),
    SheetSpec(
        "ExportControl",
        "export_control",
        ExportControlItem,
        True,
        "Items, destinations, end uses and features that may implicate export controls (VI.8).",
    ),
    SheetSpec(
        "BOM",
        "bom",
        BomLine,
        False,
        "Optional: the Layer 1 bill of materials, the same columns as bom.csv (IV.A).",
    ),
    SheetSpec(
        "Rates",
        "rates",
        Rate,
        False,
        "Optional: exchange rates for BOM and Providers values not in USD.",
    ),
)


class Consortium(BaseModel):
    """The whole input: every sheet of the consortium workbook."""

    model_config = ConfigDict(extra="forbid")

    info: ConsortiumInfo = Field(default_factory=ConsortiumInfo, title="Consortium")
    narratives: list[Narrative] = Field(default_factory=list, title="Narratives")
    members: list[Member] = Field(default_factory=list, title="Members")
    providers: list[Provider] = Field(default_factory=list, title="Providers")
    layers: list[LayerOffering] = Field(default_factory=list, title="Layers")
    models: list[AIModel] = Field(default_factory=list, title="Models")
    security: list[SecurityMeasure] = Field(default_factory=list, title="Security")
    markets: list[Market] = Field(default_factory=list, title="Markets")
    operations: list[Operation] = Field(default_factory=list, title="Operations")
    federal_support: list[FederalSupport] = Field(default_factory=list, title="FederalSupport")
    export_control: list[ExportControlItem] = Field(default_factory=list, title="ExportControl")
    bom: list[BomLine] = Field(default_factory=list, title="BOM")
    rates: list[Rate] = Field(default_factory=list, title="Rates")

    def narrative(self, section: NarrativeSection | str) -> Narrative | None:
        """The first non-blank narrative of a section, if any."""
        for narrative in self.narratives:
            if narrative.section == section and narrative.text and narrative.text.strip():
                return narrative
        return None

    def anchor(self) -> Member | None:
        """The member named as `anchor_member`, else the only member with role anchor."""
        from aiexp.values import normalise_name

        if self.info.anchor_member:
            wanted = normalise_name(self.info.anchor_member)
            for member in self.members:
                if member.name and normalise_name(member.name) == wanted:
                    return member
        anchors = [m for m in self.members if m.role is Role.ANCHOR]
        return anchors[0] if len(anchors) == 1 else None

    def member(self, name: str | None) -> Member | None:
        """The member with this name (case and spaces ignored)."""
        from aiexp.values import normalise_name

        if not name:
            return None
        wanted = normalise_name(name)
        return next((m for m in self.members if m.name and normalise_name(m.name) == wanted), None)


@dataclass(frozen=True)
class ColumnSpec:
    """A column of a sheet, derived from a model field."""

    key: str
    label: str
    description: str
    kind: Kind
    required: bool
    default: Any
    choices: tuple[str, ...]


def columns(row_model: type[BaseModel]) -> list[ColumnSpec]:
    """The columns of a sheet in order, from the row model's fields; confidentiality last."""
    shared = ConfidentialRow.model_fields
    own = [key for key in row_model.model_fields if key not in shared]
    tail = [key for key in row_model.model_fields if key in shared]
    return [_column_spec(key, row_model.model_fields[key]) for key in own + tail]


def _column_spec(key: str, info: FieldInfo) -> ColumnSpec:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    choices = extra.get("x-choices") or ()
    default = None if info.default_factory is not None else info.default
    if isinstance(default, Enum):
        default = default.value
    return ColumnSpec(
        key=key,
        label=info.title or key,
        description=info.description or "",
        kind=Kind(str(extra.get("x-kind", Kind.TEXT.value))),
        required=bool(extra.get("x-required", False)),
        default=default,
        choices=tuple(str(c) for c in choices),  # type: ignore[union-attr]
    )


def sheet(name: str) -> SheetSpec:
    """The spec of a sheet by its canonical name."""
    return next(s for s in SHEETS if s.name == name)
