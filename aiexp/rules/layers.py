"""The five layers (Sections II, III, VI.2): covered by members, led by members, described.

The value of a provider in a layer is the sum of its Providers rows in USD, names compared after
normalising case and spaces (SPEC §2). Values in another currency are converted with
the rates resolved once for the whole check (`aiexp.valuation.workbook_rates`): the workbook's
Rates sheet, else the rates the BOM calculation
used, else `rates.csv` beside the workbook; the sums are `aiexp.valuation.layer_valuations`
(shared with the proposal document and the diff). Membership is what the Members sheet says: a
Providers row of type `member` whose name is not in Members counts as a non-member for the
top-provider rule, and is itself reported as `input.unknown-entity` (a name that must refer to a
member does not).
"""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.content.format import usd_display
from aiexp.findings import Finding
from aiexp.model import Provider, ProviderType
from aiexp.rules.context import RuleContext
from aiexp.rules.ownership import member_names
from aiexp.rules.registry import check
from aiexp.valuation import LayerValuation, layer_valuations
from aiexp.values import normalise_name


def layer_totals(ctx: RuleContext) -> dict[int, LayerValuation]:
    """The providers of every layer 1-5 summed by name in USD (SPEC §2 Providers)."""
    return layer_valuations(ctx.consortium, ctx.rates, ctx.profile.layers)


@check("layers.coverage")
def layers_coverage(ctx: RuleContext) -> Iterator[Finding]:
    """III: "A pre-set consortium must provide products or services for the functions described
    across all five layers"."""
    covered = {layer for m in ctx.consortium.members for layer in m.layers}
    for layer, name in sorted(ctx.profile.layers.items()):
        if layer not in covered:
            yield ctx.finding(
                "layers.coverage",
                f"no member provides layer {layer} ({name}): the package must cover all five "
                "layers",
                ctx.locate("Members", None, "layers"),
                f"add {layer} to the layers of the member that provides it, or add a member",
            )


@check("layers.top-provider")
def layers_top_provider(ctx: RuleContext) -> Iterator[Finding]:
    """II: "For each layer … the entity providing the greatest share of the package's products
    and services by value for that layer must be a member of the consortium." (Footnote 1:
    ex-factory prices of goods and contract value of services.)"""
    for layer, totals in layer_totals(ctx).items():
        name = ctx.profile.layers.get(layer, "")
        if totals.unconverted:
            row = totals.unconverted[0]
            yield ctx.finding(
                "layers.top-provider",
                f"the largest provider of layer {layer} cannot be determined: {row.provider!r} "
                f"is valued in {row.currency}, and there is no rate for {row.currency}",
                ctx.locate("Providers", row, "currency"),
                f"add a Rates row for {row.currency} (USD per unit), or give the value in USD",
            )
            continue
        top = totals.top()
        if not top or any(p.member for p in top):
            continue
        leader = top[0]
        members = [p for p in totals.providers if p.member]
        best_member = max(members, key=lambda p: p.value) if members else None
        compared = (
            f"; the largest member, {best_member.name!r}, provides {usd_display(best_member.value)}"
            if best_member is not None
            else "; no member has a Providers row in this layer"
        )
        typed_member = [r for r in leader.rows if r.provider_type is ProviderType.MEMBER]
        note = " (typed member, but not in the Members sheet)" if typed_member else ""
        yield ctx.finding(
            "layers.top-provider",
            f"the largest provider of layer {layer} ({name}) by value is {leader.name!r}{note}, "
            f"{usd_display(leader.value)}, which is not a consortium member{compared}",
            ctx.locate("Providers", leader.rows[0], "provider"),
            "II: the entity with the greatest share of a layer by value must be a member; make "
            "it a member, or correct the values",
        )


@check("layers.providers-missing")
def layers_providers_missing(ctx: RuleContext) -> Iterator[Finding]:
    """II and VI.2: the top provider of each layer by value must be a member, "down to the two
    highest-value providers" after the members — which needs each layer's providers."""
    present = {p.layer for p in ctx.consortium.providers}
    for layer, name in sorted(ctx.profile.layers.items()):
        if layer not in present:
            yield ctx.finding(
                "layers.providers-missing",
                f"layer {layer} ({name}) has no Providers rows, so the rule that its largest "
                "provider is a member cannot be checked",
                ctx.locate("Providers", None, "layer"),
                f"add the providers of layer {layer} with their values to the Providers sheet",
            )


@check("layers.offering")
def layers_offering(ctx: RuleContext) -> Iterator[Finding]:
    """III: the package "provides products or services for the functions described in each layer";
    VI.2 asks for "a concise narrative describing the integrated technology offering across all
    required five layers"."""
    rows = {row.layer for row in ctx.consortium.layers}
    for layer, name in sorted(ctx.profile.layers.items()):
        # A row with a blank offering is the reader's input.required at that cell.
        if layer not in rows:
            yield ctx.finding(
                "layers.offering",
                f"layer {layer} ({name}) has no offering: the Layers sheet has no row for it",
                ctx.locate("Layers", None, "offering"),
                f"add a Layers row for layer {layer} saying what the package provides and how",
            )


@check("providers.top-two")
def providers_top_two(ctx: RuleContext) -> Iterator[Finding]:
    """VI.2: the package description must address how products and services will be provided,
    "down to the two highest-value providers of products and services in each layer after the
    listed consortia members in Layers 1, 2, and 5"."""
    for layer, totals in layer_totals(ctx).items():
        if layer not in ctx.profile.top_two_layers:
            continue
        others = totals.non_members()
        if len(others) < 2:
            name = ctx.profile.layers.get(layer, "")
            yield ctx.finding(
                "providers.top-two",
                f"layer {layer} ({name}) names {len(others)} non-member provider"
                f"{'' if len(others) == 1 else 's'}; VI.2 asks for the two highest-value "
                "providers after the members",
                ctx.locate("Providers", None, "provider"),
                "add the two highest-value non-member providers of the layer; ignore this "
                "warning (--ignore providers.top-two) if the layer really has fewer",
            )


@check("input.unknown-entity")
def provider_member_unknown(ctx: RuleContext) -> Iterator[Finding]:
    """II: the largest provider of each layer "must be a member of the consortium"; a Providers
    row of type member must name a Members row, or the rule would be checked on a guess."""
    members = member_names(ctx)
    seen: set[str] = set()
    for provider in ctx.consortium.providers:
        if provider.provider_type is not ProviderType.MEMBER or not provider.provider:
            continue
        key = normalise_name(provider.provider)
        if key in members or key in seen or not ctx.consortium.members:
            continue
        seen.add(key)
        yield ctx.finding(
            "input.unknown-entity",
            f"Providers lists {provider.provider!r} as a member, but it is not a name in the "
            "Members sheet; it is counted as a non-member",
            ctx.locate("Providers", provider, "provider"),
            "write the member's name exactly as in the Members sheet, add it to Members, or "
            "change its provider_type",
        )


@check("members.layers-mismatch")
def members_layers_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """VI.1: the overview lists "all consortium members, their roles, the stack layers in which
    they provide products or services"; VI.2 addresses "how products and services pertaining to
    functions described in the technology stack layers will be provided". The two must agree."""
    provided: dict[str, dict[int, Provider]] = {}
    for row in ctx.consortium.providers:
        if row.provider and row.layer is not None:
            provided.setdefault(normalise_name(row.provider), {}).setdefault(row.layer, row)
    layers_with_rows = {row.layer for row in ctx.consortium.providers}
    for member in ctx.consortium.members:
        if not member.name:
            continue
        rows = provided.get(normalise_name(member.name), {})
        listed = set(member.layers)
        for layer, row in sorted(rows.items()):
            if layer not in listed:
                yield ctx.finding(
                    "members.layers-mismatch",
                    f"member {member.name!r} has a Providers row in layer {layer}, which its "
                    f"Members row does not list (layers {_layers(listed)})",
                    ctx.locate("Providers", row, "layer"),
                    f"add {layer} to the member's layers, or correct the Providers row",
                )
        for layer in sorted(listed - set(rows)):
            if layer not in layers_with_rows:
                continue  # layers.providers-missing: the layer has no Providers rows at all
            yield ctx.finding(
                "members.layers-mismatch",
                f"member {member.name!r} lists layer {layer}, but has no Providers row in it",
                ctx.locate("Members", member, "layers"),
                f"add the member's products or services in layer {layer} to Providers, or "
                "remove the layer from its Members row",
            )


def _layers(layers: set[int]) -> str:
    return ", ".join(str(n) for n in sorted(layers)) or "none"
