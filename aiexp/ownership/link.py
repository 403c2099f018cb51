"""The country-of-concern test itself, on three values (SPEC §4): see `aiexp.ownership`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Literal, Protocol

from aiexp.values import country_name, number_text

if TYPE_CHECKING:
    from aiexp.model import Member, Provider
    from aiexp.profile import Profile


class _NoColumn(Enum):
    NO_COLUMN = "no column"


#: An argument of `coc_status` that the entity's sheet has no column for (a BOM line has no
#: ownership percentage): not a fact, so never unknown.
NO_COLUMN = _NoColumn.NO_COLUMN
NoColumn = Literal[_NoColumn.NO_COLUMN]


@dataclass(frozen=True)
class CocLink:
    """One reason an entity is linked to a country of concern, and the column that shows it.

    `conditional` when the country is listed only under a condition (Venezuela).
    """

    field: str
    reason: str
    conditional: bool = False


@dataclass(frozen=True)
class CocStatus:
    """Linked, not linked, or unknown (SPEC §4): the links found on the known facts, and the
    columns of the facts that are blank."""

    links: tuple[CocLink, ...] = ()
    unknown: tuple[str, ...] = ()

    @property
    def firm_links(self) -> list[CocLink]:
        """The links through unconditional facts: each one alone links the entity."""
        return [link for link in self.links if not link.conditional]

    @property
    def linked(self) -> bool:
        """Linked to a country of concern on the known facts (a conditional link alone is not)."""
        return bool(self.firm_links)

    @property
    def conditional(self) -> bool:
        """Linked only through a country listed under a condition: counsel must confirm."""
        return bool(self.links) and not self.linked

    @property
    def clear(self) -> bool:
        """Not linked, every fact known: the only case in which "not linked" may be said."""
        return not self.links and not self.unknown

    @property
    def undetermined(self) -> bool:
        """Neither linked nor clear: a fact is unknown, or the link is conditional."""
        return not self.linked and not self.clear


def coc_label(profile: Profile, code: str) -> str:
    """A country of concern's name with the statute's condition (Venezuela: the Maduro regime)."""
    entry = profile.country_of_concern(code)
    name = country_name(code)
    if entry is not None and entry.condition:
        return f"{name} ({entry.condition})"
    return name


_FIELDS = {
    "country": "country_of_incorporation",
    "principal_place_of_business": "principal_place_of_business",
    "parent_country": "ultimate_parent_country",
    "parent_principal_place_of_business": "ultimate_parent_principal_place_of_business",
    "coc_ownership_pct": "coc_ownership_pct",
    "coc_controlled": "coc_controlled",
}


def coc_status(
    profile: Profile,
    *,
    country: str | NoColumn | None = NO_COLUMN,
    principal_place_of_business: str | NoColumn | None = NO_COLUMN,
    parent_country: str | None = None,
    parent_principal_place_of_business: str | None = None,
    coc_ownership_pct: Decimal | NoColumn | None = NO_COLUMN,
    coc_controlled: bool | NoColumn | None = NO_COLUMN,
    fields: dict[str, str] | None = None,
) -> CocStatus:
    """Whether an entity is linked to a country of concern (SPEC §4), on three values.

    Pass each fact the entity's sheet has (None when its cell is blank); leave out a fact it has
    no column for. `fields` maps the argument names to the entity's column keys (for
    `CocLink.field` and `CocStatus.unknown`).
    """
    names = {**_FIELDS, **(fields or {})}
    coc = profile.coc_codes
    conditional = profile.conditional_coc_codes
    links: list[CocLink] = []
    unknown: list[str] = []

    def place(key: str, value: str | NoColumn | None, what: str) -> None:
        if value is NO_COLUMN:
            return
        if value is None:
            if key in ("country", "principal_place_of_business"):
                unknown.append(names[key])
        elif value in coc:
            links.append(
                CocLink(names[key], f"{what} {coc_label(profile, value)}", value in conditional)
            )

    place("country", country, "incorporated in")
    place(
        "principal_place_of_business", principal_place_of_business, "principal place of business in"
    )
    place("parent_country", parent_country, "ultimate parent organized in")
    place(
        "parent_principal_place_of_business",
        parent_principal_place_of_business,
        "ultimate parent's principal place of business in",
    )
    majority = profile.thresholds.coc_majority_pct
    if coc_ownership_pct is None:
        unknown.append(names["coc_ownership_pct"])
    elif coc_ownership_pct is not NO_COLUMN and coc_ownership_pct > majority:
        links.append(
            CocLink(
                names["coc_ownership_pct"],
                f"{coc_ownership_pct} % voting or equity interest held by countries of concern or "
                f"their entities or nationals (a majority: above {number_text(majority)} %)",
            )
        )
    if coc_controlled is None:
        unknown.append(names["coc_controlled"])
    elif coc_controlled is True:
        links.append(
            CocLink(
                names["coc_controlled"],
                "controlled by a country of concern or its entities or nationals",
            )
        )
    return CocStatus(tuple(links), tuple(unknown))


def linked_to_coc(
    profile: Profile,
    *,
    country: str | None = None,
    principal_place_of_business: str | None = None,
    parent_country: str | None = None,
    parent_principal_place_of_business: str | None = None,
    coc_ownership_pct: Decimal | None = None,
    coc_controlled: bool | None = None,
    fields: dict[str, str] | None = None,
) -> list[CocLink]:
    """Every link found on the known facts (conditional ones included); empty when none.

    The links only: a blank fact adds none, so an empty list is not "not linked" — ask
    `coc_status(...).clear` for that.
    """
    return list(
        coc_status(
            profile,
            country=country,
            principal_place_of_business=principal_place_of_business,
            parent_country=parent_country,
            parent_principal_place_of_business=parent_principal_place_of_business,
            coc_ownership_pct=coc_ownership_pct,
            coc_controlled=coc_controlled,
            fields=fields,
        ).links
    )


def member_status(member: Member, profile: Profile) -> CocStatus:
    """A Members row: linked, not linked, or unknown (its parent's facts link, never unknown)."""
    return coc_status(
        profile,
        country=member.country_of_incorporation,
        principal_place_of_business=member.principal_place_of_business,
        parent_country=member.ultimate_parent_country if member.has_parent is not False else None,
        parent_principal_place_of_business=(
            member.ultimate_parent_principal_place_of_business
            if member.has_parent is not False
            else None
        ),
        coc_ownership_pct=member.coc_ownership_pct,
        coc_controlled=member.coc_controlled,
    )


def provider_status(provider: Provider, profile: Profile) -> CocStatus:
    """A Providers row: linked, not linked, or unknown."""
    return coc_status(
        profile,
        country=provider.country,
        principal_place_of_business=provider.principal_place_of_business,
        coc_ownership_pct=provider.coc_ownership_pct,
        coc_controlled=provider.coc_controlled,
        fields={"country": "country"},
    )


class SupplierFacts(Protocol):
    """A BOM line's supplier facts: a `BomLine` row, or a line the content calculation kept."""

    @property
    def supplier_country(self) -> str | None:
        """Its country of incorporation."""

    @property
    def supplier_principal_place_of_business(self) -> str | None:
        """Its principal place of business."""

    @property
    def supplier_coc_controlled(self) -> bool | None:
        """Owned or controlled by a country of concern (None: not stated)."""


def bom_line_status(line: SupplierFacts, profile: Profile) -> CocStatus:
    """A BOM line's supplier: linked, not linked, or unknown (the BOM has no ownership %; its
    `supplier_coc_controlled` covers a majority interest and control alike)."""
    return coc_status(
        profile,
        country=line.supplier_country,
        principal_place_of_business=line.supplier_principal_place_of_business,
        coc_controlled=line.supplier_coc_controlled,
        fields={
            "country": "supplier_country",
            "principal_place_of_business": "supplier_principal_place_of_business",
            "coc_controlled": "supplier_coc_controlled",
        },
    )


def member_links(member: Member, profile: Profile) -> list[CocLink]:
    """Why a Members row is linked to a country of concern (empty when no known fact links it)."""
    return list(member_status(member, profile).links)


def provider_links(provider: Provider, profile: Profile) -> list[CocLink]:
    """Why a Providers row is linked to a country of concern (empty when no known fact does)."""
    return list(provider_status(provider, profile).links)


def bom_line_links(line: SupplierFacts, profile: Profile) -> list[CocLink]:
    """Why a BOM line's supplier is linked to a country of concern (empty when no known fact)."""
    return list(bom_line_status(line, profile).links)


def describe(links: list[CocLink] | tuple[CocLink, ...]) -> str:
    """The reasons joined into one clause."""
    return "; ".join(link.reason for link in links)


def describe_unknown(status: CocStatus) -> str:
    """The blank facts, for a finding: `coc_ownership_pct and coc_controlled`."""
    names = list(status.unknown)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
