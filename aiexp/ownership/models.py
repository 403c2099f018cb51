"""IV.C for AI models: the two-level IV.C(1) test of IP owners and support providers, and the
developer of an open-weight model — the facts of the Models row completed by the entity's Members
or Providers rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from aiexp.model import AIModel, Consortium, Member, Provider
from aiexp.ownership.link import (
    _FIELDS,
    NO_COLUMN,
    CocLink,
    CocStatus,
    NoColumn,
    coc_status,
    member_status,
)
from aiexp.profile import Profile
from aiexp.values import normalise_name, number_text


@dataclass(frozen=True)
class ModelOwnerStatus:
    """IV.C(1) for a model's IP owner or an open-weight model's support provider, two-level.

    IV.C(1): the entity "must not be owned or controlled through a voting or ownership interest
    by a country of concern or by an entity or national of a country of concern" — with no
    "majority" qualifier, unlike IV.D. `failures`: control, an interest at or above the profile's
    `model_owner_coc_error_pct`, or incorporation or principal place of business in a country
    of concern; `interest`: a smaller interest above `model_owner_coc_max_pct`, for counsel;
    `conditional`: links only through a conditionally listed country; `unknown`: blank facts.
    """

    failures: tuple[CocLink, ...] = ()
    #: The smaller interest, in percent, when there is one.
    interest: Decimal | None = None
    conditional: tuple[CocLink, ...] = ()
    unknown: tuple[str, ...] = ()


def model_owner_status(
    profile: Profile,
    *,
    country: str | NoColumn | None = NO_COLUMN,
    principal_place_of_business: str | NoColumn | None = NO_COLUMN,
    coc_ownership_pct: Decimal | None,
    coc_controlled: bool | None,
    fields: dict[str, str] | None = None,
) -> ModelOwnerStatus:
    """The IV.C(1) test of one entity (SPEC §5 `models.coc-owner` / `models.coc-interest`)."""
    names = {**_FIELDS, **(fields or {})}
    places = coc_status(
        profile,
        country=country,
        principal_place_of_business=principal_place_of_business,
        coc_controlled=coc_controlled,
        fields=fields,
    )
    failures = list(places.firm_links)
    thresholds = profile.thresholds
    interest = None
    unknown = list(places.unknown)
    if coc_ownership_pct is None:
        unknown.append(names["coc_ownership_pct"])
    elif coc_ownership_pct >= thresholds.model_owner_coc_error_pct:
        failures.append(
            CocLink(
                names["coc_ownership_pct"],
                f"{coc_ownership_pct} % of its voting or ownership interest is held by countries "
                "of concern or their entities or nationals (at or above "
                f"{number_text(thresholds.model_owner_coc_error_pct)} %)",
            )
        )
    elif coc_ownership_pct > thresholds.model_owner_coc_max_pct:
        interest = coc_ownership_pct
    conditional = [link for link in places.links if link.conditional]
    return ModelOwnerStatus(tuple(failures), interest, tuple(conditional), tuple(unknown))


def _either(*values: bool | None) -> bool | None:
    """Yes if any source says yes, else no if any says no, else unknown."""
    if any(value is True for value in values):
        return True
    return False if any(value is False for value in values) else None


def _largest(*values: Decimal | None) -> Decimal | None:
    known = [value for value in values if value is not None]
    return max(known) if known else None


def merged_provider(rows: Iterable[Provider]) -> Provider | None:
    """One provider's facts from all its Providers rows: the first known country and principal
    place of business, the largest stated interests, control if any row says so."""
    rows = list(rows)
    if not rows:
        return None
    first = rows[0]
    return first.model_copy(
        update={
            "country": next((r.country for r in rows if r.country), None),
            "principal_place_of_business": next(
                (r.principal_place_of_business for r in rows if r.principal_place_of_business),
                None,
            ),
            "coc_ownership_pct": _largest(*(r.coc_ownership_pct for r in rows)),
            "coc_controlled": _either(*(r.coc_controlled for r in rows)),
            "us_ownership_pct": min(
                (r.us_ownership_pct for r in rows if r.us_ownership_pct is not None),
                default=None,
            ),
        }
    )


def named_provider(consortium: Consortium, name: str | None) -> Provider | None:
    """The Providers rows of the entity with this name (case and spaces ignored), merged."""
    if not name:
        return None
    key = normalise_name(name)
    return merged_provider(
        row for row in consortium.providers if row.provider and normalise_name(row.provider) == key
    )


def ip_owner_status(model: AIModel, consortium: Consortium, profile: Profile) -> ModelOwnerStatus:
    """IV.C(1) for a model's IP owner: the Models row's facts, completed by the owner's Members
    row when it is a member (control if either says so, the larger interest)."""
    member = consortium.member(model.ip_owner)
    return model_owner_status(
        profile,
        country=model.ip_owner_country,
        principal_place_of_business=(
            member.principal_place_of_business if member is not None else NO_COLUMN
        ),
        coc_ownership_pct=_largest(
            model.ip_owner_coc_ownership_pct,
            member.coc_ownership_pct if member is not None else None,
        ),
        coc_controlled=_either(
            model.ip_owner_coc_controlled, member.coc_controlled if member is not None else None
        ),
        fields={
            "country": "ip_owner_country",
            "principal_place_of_business": "principal_place_of_business",
            "coc_ownership_pct": "ip_owner_coc_ownership_pct",
            "coc_controlled": "ip_owner_coc_controlled",
        },
    )


@dataclass(frozen=True)
class SupportProvider:
    """An open-weight model's named support provider and its facts (a member, or a Providers
    row: IV.C asks for "an entity meeting requirements (1) and (2)", not a member)."""

    name: str
    member: Member | None
    provider: Provider | None

    @property
    def us_ownership_pct(self) -> Decimal | None:
        """The percent owned and controlled by U.S. persons or entities (IV.C(2))."""
        row = self.member or self.provider
        return row.us_ownership_pct if row is not None else None

    def status(self, profile: Profile) -> ModelOwnerStatus:
        """IV.C(1), the same two-level test as an IP owner's."""
        row = self.member or self.provider
        if row is None:
            return ModelOwnerStatus(unknown=("us_support_provider",))
        return model_owner_status(
            profile,
            country=row.country_of_incorporation if isinstance(row, Member) else row.country,
            principal_place_of_business=row.principal_place_of_business,
            coc_ownership_pct=row.coc_ownership_pct,
            coc_controlled=row.coc_controlled,
            fields={
                "country": "country_of_incorporation" if isinstance(row, Member) else "country"
            },
        )


def support_provider(model: AIModel, consortium: Consortium) -> SupportProvider | None:
    """The model's `us_support_provider` with its Members or Providers facts; None if unnamed."""
    name = (model.us_support_provider or "").strip()
    if not name:
        return None
    return SupportProvider(name, consortium.member(name), named_provider(consortium, name))


def developer_status(model: AIModel, consortium: Consortium, profile: Profile) -> CocStatus:
    """Whether the model's developer (the IP owner when blank) is linked to a country of concern
    (IV.C: "open-weight models developed by entities that are" so linked), on three values. A
    member's Members row adds its facts."""
    if model.developer:
        own = coc_status(
            profile,
            country=model.developer_country,
            principal_place_of_business=model.developer_principal_place_of_business,
            coc_ownership_pct=model.developer_coc_ownership_pct,
            coc_controlled=model.developer_coc_controlled,
            fields={
                "country": "developer_country",
                "principal_place_of_business": "developer_principal_place_of_business",
                "coc_ownership_pct": "developer_coc_ownership_pct",
                "coc_controlled": "developer_coc_controlled",
            },
        )
        name: str | None = model.developer
    else:
        own = coc_status(
            profile,
            country=model.ip_owner_country,
            coc_ownership_pct=model.ip_owner_coc_ownership_pct,
            coc_controlled=model.ip_owner_coc_controlled,
            fields={
                "country": "ip_owner_country",
                "coc_ownership_pct": "ip_owner_coc_ownership_pct",
                "coc_controlled": "ip_owner_coc_controlled",
            },
        )
        name = model.ip_owner
    member = consortium.member(name)
    if member is None:
        return own
    # The Members row states the same entity's facts: its links count, and a fact it states
    # is no longer unknown.
    row = member_status(member, profile)
    column = "developer" if model.developer else "ip_owner"
    links = own.links + tuple(
        CocLink(column, f"its Members row: {link.reason}", link.conditional) for link in row.links
    )
    unknown = tuple(key for key in own.unknown if not _member_states(member, key))
    return CocStatus(links, unknown)


def _member_states(member: Member, key: str) -> bool:
    """True when the Members row states the fact that a Models column left blank."""
    if key.endswith("principal_place_of_business"):
        return member.principal_place_of_business is not None
    if key.endswith("coc_ownership_pct"):
        return member.coc_ownership_pct is not None
    if key.endswith("coc_controlled"):
        return member.coc_controlled is not None
    if key.endswith("country"):
        return member.country_of_incorporation is not None
    return False


def relies_on_support(model: AIModel, consortium: Consortium, profile: Profile) -> bool:
    """True for an open-weight model whose IP owner is not shown to meet IV.C(2) and is not itself
    a member asking to be an NCE: IV.C's support route ("an entity meeting requirements (1) and
    (2) provides the deployment, integration, fine-tuning, security, and support functions")
    must then carry requirement (2)."""
    pct = model.ip_owner_us_ownership_pct
    if model.open_weight is not True or pct is None:
        return False
    if pct >= profile.thresholds.model_owner_us_ownership_min_pct:
        return False
    owner = consortium.member(model.ip_owner)
    return owner is None or not owner.nce_requested
