"""What each sheet is keyed by, how its rows are named and described, and which fields are wording.

Rows are matched by their normalised key per sheet (a member by its name, a provider by its layer
and name, a narrative by its section); `SHEETS` holds one `SheetRows` per sheet, in the order the
changes are listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aiexp.diff.describe import (
    country,
    enum_text,
    layers_phrase,
    money_text,
    name_key,
    pct_text,
    word_count,
    words,
)
from aiexp.model import Consortium, Member, Provider
from aiexp.ownership import CocStatus, member_status, provider_status
from aiexp.ownership import describe as links_text
from aiexp.valuation import provider_values
from aiexp.values import normalise_name

if TYPE_CHECKING:
    from aiexp.profile import Profile

# Bookkeeping of the resubmission itself, which always differs between the two proposals and is
# not a change to the package: the explanation is the material_changes narrative (X.D).
_SKIPPED_NARRATIVES = frozenset({"material_changes"})


@dataclass(frozen=True)
class SheetRows:
    """How the rows of one sheet are matched and described."""

    name: str
    attribute: str
    noun: str
    key: Callable[[Any], str | None]
    label: Callable[[Any], str]
    describe: Callable[[Any, Profile], str]
    # Free text whose change is wording only (listed under other changes).
    wording: frozenset[str] = frozenset()
    # Entity names, compared after normalising case and spaces.
    names: frozenset[str] = frozenset()
    # Whether a row added or removed is a material change.
    rows_material: bool = True
    # How a changed row is named in prose; default `noun label`.
    subject: Callable[[Any], str] | None = None

    def subject_of(self, row: Any) -> str:
        """The row's name at the start of a sentence: `Member Acme Corp`."""
        return self.subject(row) if self.subject else f"{self.noun} {self.label(row)}"


@dataclass
class ProviderTotal:
    """A provider in a layer: the sum of its rows (SPEC §2), per currency."""

    first: Provider
    value: dict[str, Decimal]

    def __getattr__(self, name: str) -> Any:
        # Every other column is the first row's (the rows of one provider describe one entity).
        return getattr(self.__dict__["first"], name)


def rows_of(consortium: Consortium, spec: SheetRows) -> dict[str, Any]:
    """The rows of a sheet by key, in order; the first row wins a repeated key."""
    rows: dict[str, Any] = {}
    if spec.name == "Providers":
        # A provider's rows grouped as every command groups them (aiexp.valuation).
        for (layer, name), provider in provider_values(consortium).items():
            rows[f"{layer}|{name}"] = ProviderTotal(provider.rows[0], provider.by_currency())
        return rows
    for row in getattr(consortium, spec.attribute):
        key = spec.key(row)
        if key is not None and key not in rows:
            rows[key] = row
    return rows


def coc_links(entity: Member | Provider | ProviderTotal, profile: Profile) -> str:
    """Why a member or provider is linked to a country of concern (SPEC §4); "" when it is not."""
    return links_text(coc_state(entity, profile).links)


def coc_state(entity: Member | Provider | ProviderTotal, profile: Profile) -> CocStatus:
    """A member's or provider's country-of-concern status: linked, not linked, or unknown."""
    if isinstance(entity, Member):
        return member_status(entity, profile)
    row = entity.first if isinstance(entity, ProviderTotal) else entity
    return provider_status(row, profile)


# -- a row added or removed, in words ---------------------------------------------------------
def _describe_member(member: Member, profile: Profile) -> str:
    parts = [enum_text(member.role) if member.role else "role blank"]
    if member.layers:
        parts.append(layers_phrase(member.layers))
    if member.country_of_incorporation:
        parts.append(f"organized in {country(member.country_of_incorporation)}")
    if member.coc_ownership_pct is not None:
        parts.append(f"country-of-concern ownership {pct_text(member.coc_ownership_pct)} %")
    if member.us_ownership_pct is not None:
        parts.append(f"U.S. ownership {pct_text(member.us_ownership_pct)} %")
    if member.nce_requested:
        parts.append("NCE requested")
    link = coc_links(member, profile)
    if link:
        parts.append(f"linked to a country of concern: {link}")
    return f"{member.name} ({'; '.join(parts)})"


def _describe_provider(provider: ProviderTotal, profile: Profile) -> str:
    parts = [enum_text(provider.provider_type) if provider.provider_type else "type blank"]
    if provider.country:
        parts.append(country(provider.country))
    parts.append(money_text(provider.value))
    link = coc_links(provider, profile)
    if link:
        parts.append(f"linked to a country of concern: {link}")
    return f"{provider.provider} in layer {provider.layer} ({', '.join(parts)})"


def _describe_model(model: Any, profile: Profile) -> str:
    parts = [f"layer {model.layer}"]
    if model.ip_owner:
        owner = model.ip_owner
        if model.ip_owner_country:
            owner += f", {country(model.ip_owner_country)}"
        parts.append(f"IP owner {owner}")
    if model.open_weight is not None:
        parts.append("open-weight" if model.open_weight else "closed weights")
    return f"{model.model} ({'; '.join(parts)})"


def _describe_security(measure: Any, profile: Profile) -> str:
    parts = []
    if measure.framework is not None:
        parts.append(enum_text(measure.framework))
    if measure.references:
        parts.append(", ".join(measure.references))
    if measure.privacy:
        parts.append("privacy")
    return f"{measure.measure} ({'; '.join(parts)})" if parts else str(measure.measure)


def _describe_market(market: Any, profile: Profile) -> str:
    if market.countries:
        return f"{market.market} ({', '.join(country(c) for c in market.countries)})"
    return str(market.market)


def _describe_export_item(item: Any, profile: Profile) -> str:
    parts = [
        p
        for p in (enum_text(item.jurisdiction) if item.jurisdiction else "", item.classification)
        if p
    ]
    return f"{item.item} ({' '.join(parts)})" if parts else str(item.item)


def _describe_narrative(narrative: Any, profile: Profile) -> str:
    return f"{enum_text(narrative.section)} ({words(word_count(narrative.text))})"


SHEETS: tuple[SheetRows, ...] = (
    SheetRows(
        "Members",
        "members",
        "Member",
        key=lambda m: name_key(m.name),
        label=lambda m: str(m.name),
        describe=_describe_member,
        wording=frozenset({"description"}),
        names=frozenset({"name", "ultimate_parent"}),
    ),
    SheetRows(
        "Providers",
        "providers",
        "Provider",
        key=lambda p: (
            f"{p.layer}|{normalise_name(p.provider)}"
            if p.layer is not None and name_key(p.provider)
            else None
        ),
        label=lambda p: f"{p.provider} (layer {p.layer})",
        describe=_describe_provider,
        wording=frozenset({"description"}),
        names=frozenset({"provider"}),
    ),
    SheetRows(
        "Layers",
        "layers",
        "Layer offering",
        key=lambda o: str(o.layer) if o.layer is not None else None,
        label=lambda o: f"layer {o.layer}",
        describe=lambda o, _p: f"layer {o.layer}",
        wording=frozenset({"offering"}),
        subject=lambda o: f"Layer {o.layer} offering",
    ),
    SheetRows(
        "Models",
        "models",
        "Model",
        key=lambda m: name_key(m.model),
        label=lambda m: str(m.model),
        describe=_describe_model,
        wording=frozenset({"description"}),
        names=frozenset({"model", "ip_owner", "developer", "us_support_provider"}),
    ),
    SheetRows(
        "Security",
        "security",
        "Security measure",
        key=lambda s: name_key(s.measure),
        label=lambda s: str(s.measure),
        describe=_describe_security,
        wording=frozenset({"description"}),
        names=frozenset({"measure"}),
    ),
    SheetRows(
        "Markets",
        "markets",
        "Target market",
        key=lambda m: name_key(m.market),
        label=lambda m: str(m.market),
        describe=_describe_market,
        wording=frozenset({"foreign_competition", "national_interest", "demand_evidence"}),
        names=frozenset({"market"}),
    ),
    SheetRows(
        "Operations",
        "operations",
        "Operation",
        key=lambda o: (
            f"{enum_text(o.function)}|{normalise_name(o.entity)}"
            if o.function is not None and name_key(o.entity)
            else None
        ),
        label=lambda o: f"{o.entity} ({enum_text(o.function)})",
        describe=lambda o, _p: f"{enum_text(o.function)}: {o.entity}",
        wording=frozenset({"arrangement"}),
        names=frozenset({"entity"}),
    ),
    SheetRows(
        "FederalSupport",
        "federal_support",
        "Federal support",
        key=lambda s: enum_text(s.support_type) if s.support_type is not None else None,
        label=lambda s: enum_text(s.support_type),
        describe=lambda s, _p: enum_text(s.support_type),
        wording=frozenset({"rationale"}),
    ),
    SheetRows(
        "ExportControl",
        "export_control",
        "Export-control item",
        key=lambda i: name_key(i.item),
        label=lambda i: str(i.item),
        describe=_describe_export_item,
        wording=frozenset({"technical_features", "notes"}),
        names=frozenset({"item"}),
    ),
    SheetRows(
        "Narratives",
        "narratives",
        "Narrative",
        key=lambda n: (
            enum_text(n.section)
            if n.section is not None and enum_text(n.section) not in _SKIPPED_NARRATIVES
            else None
        ),
        label=lambda n: enum_text(n.section),
        describe=_describe_narrative,
        wording=frozenset({"text"}),
        rows_material=False,
    ),
)
