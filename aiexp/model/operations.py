"""The Operations and FederalSupport sheets: who runs the package, and the support asked for."""

from __future__ import annotations

from aiexp.model.base import ConfidentialRow, Kind, column
from aiexp.model.enums import OperationFunction


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

    support_type: str | None = column(
        "Support type",
        "one of the types VI.5 lists (the program profile's support types)",
        Kind.CHOICE,
        required=True,
        choices_from="support_types",
    )
    rationale: str | None = column(
        "Rationale", "why this support would be most useful (recommended)", Kind.TEXT
    )
