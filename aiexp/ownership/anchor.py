"""II.2 for the anchor (organized under U.S. or State law, its ultimate parent), and the foreign
enterprise of II.A."""

from __future__ import annotations

from dataclasses import dataclass

from aiexp.model import Member
from aiexp.ownership.link import CocLink
from aiexp.values import country_name, us_state_name


@dataclass(frozen=True)
class UsOrganization:
    """II.2 for the anchor, on three values: what fails on the known facts, and what is blank."""

    failures: tuple[CocLink, ...] = ()
    unknown: tuple[str, ...] = ()
    #: The State it is organized under, by its name, when `state_of_organization` names one.
    state: str | None = None

    @property
    def met(self) -> bool:
        """Every fact known and none failing: the attestation may be made."""
        return not self.failures and not self.unknown


def us_organization(member: Member) -> UsOrganization:
    """II.2: "Be organized under the laws of the United States or a State thereof, with its
    principal place of business in the United States. Any subsidiary, affiliate, or branch whose
    ultimate parent entity is organized under the laws of a foreign jurisdiction or has its
    principal place of business outside the United States is ineligible to be an anchor member."

    `ultimate_parent` blank is unknown; `none` (or its own name) says it is its own ultimate
    parent; a named parent needs its country and principal place of business.
    """
    failures: list[CocLink] = []
    unknown: list[str] = []
    state = us_state_name(member.state_of_organization) if member.state_of_organization else None
    country = member.country_of_incorporation
    if country is None:
        unknown.append("country_of_incorporation")
    elif country != "US":
        failures.append(
            CocLink(
                "country_of_incorporation",
                f"organized in {country_name(country)}, not under the laws of the United States "
                "or a State thereof",
            )
        )
    elif member.state_of_organization and state is None:
        failures.append(
            CocLink(
                "state_of_organization",
                f"state_of_organization {member.state_of_organization.strip()!r} is not a State "
                "of the United States",
            )
        )
    place = member.principal_place_of_business
    if place is None:
        unknown.append("principal_place_of_business")
    elif place != "US":
        failures.append(
            CocLink(
                "principal_place_of_business",
                f"principal place of business in {country_name(place)}, not in the United States",
            )
        )
    if member.has_parent is None:
        unknown.append("ultimate_parent")
    elif member.has_parent:
        for key, value, what in (
            ("ultimate_parent_country", member.ultimate_parent_country, "is organized"),
            (
                "ultimate_parent_principal_place_of_business",
                member.ultimate_parent_principal_place_of_business,
                "has its principal place of business",
            ),
        ):
            if value is None:
                unknown.append(key)
            elif value != "US":
                failures.append(
                    CocLink(
                        key,
                        f"its ultimate parent {member.parent_name!r} {what} in "
                        f"{country_name(value)}",
                    )
                )
    return UsOrganization(tuple(failures), tuple(unknown), state)


def is_foreign(country: str | None, principal_place_of_business: str | None) -> bool:
    """A foreign enterprise (II.A): not organized in the U.S., or based outside the U.S."""
    return (country is not None and country != "US") or (
        principal_place_of_business is not None and principal_place_of_business != "US"
    )
