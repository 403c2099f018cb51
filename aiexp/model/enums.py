"""The closed vocabularies of the workbook: the values a choice column accepts."""

from __future__ import annotations

from enum import StrEnum


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
