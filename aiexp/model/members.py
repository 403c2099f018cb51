"""The Members sheet: every consortium member, its role, ownership and control."""

from __future__ import annotations

from decimal import Decimal

from aiexp.model.base import ConfidentialRow, Kind, column
from aiexp.model.enums import Role
from aiexp.values import normalise_name

#: What `ultimate_parent` holds for a member that is its own ultimate parent (SPEC §2): a blank
#: cell is unknown, never "no parent".
NO_PARENT = "none"


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
    state_of_organization: str | None = column(
        "State of organization",
        "for a U.S. member, the State under whose laws it is organized, e.g. Delaware (II.2: "
        '"organized under the laws of the United States or a State thereof")',
        Kind.TEXT,
    )
    principal_place_of_business: str | None = column(
        "Principal place of business",
        "the country of its principal place of business",
        Kind.COUNTRY,
        required=True,
    )
    ultimate_parent: str | None = column(
        "Ultimate parent",
        "its ultimate parent entity; none if it is its own ultimate parent; blank means unknown",
        Kind.TEXT,
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
    coc_controlled: bool | None = column(
        "Country-of-concern controlled",
        "yes if a country of concern or its entities or nationals control it, no if not; "
        "blank means unknown",
        Kind.YES_NO,
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

    @property
    def has_parent(self) -> bool | None:
        """Whether it has an ultimate parent other than itself: None when `ultimate_parent` is
        blank (unknown), False for `none` or its own name, True for a named parent."""
        parent = (self.ultimate_parent or "").strip()
        if not parent:
            return None
        if normalise_name(parent) == NO_PARENT:
            return False
        return not (self.name and normalise_name(parent) == normalise_name(self.name))

    @property
    def parent_name(self) -> str | None:
        """The named ultimate parent (other than itself), or None."""
        return (self.ultimate_parent or "").strip() if self.has_parent else None
