"""AI models and systems (III, IV.C): ownership and control of the IP owner, open-weight models.

NCE exception (IV opening, II.A): for a model whose own IP owner is a member with
`nce_requested`, failing IV.C(2) is a warning that says the package relies on the exception —
model by model, never because some other member is an NCE. Every country-of-concern rule stays
an error.

IV.C(1) is one two-level test (`aiexp.ownership.model_owner_status`) for the IP owner of every
model and the support provider of an open-weight model alike: control, an interest at or above
`model_owner_coc_error_pct`, or incorporation in a country of concern is `models.coc-owner` (for
a support provider, `models.open-weight-support`); a smaller non-zero interest is
`models.coc-interest`; a blank fact is `models.ownership-unknown`; a link only through a
conditionally listed country is `coc.conditional`.
"""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding, Location, Severity
from aiexp.model import AIModel, Member, SupportFunction
from aiexp.ownership import (
    SupportProvider,
    describe,
    developer_status,
    ip_owner_status,
    relies_on_support,
    support_provider,
)
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check
from aiexp.values import number_text

ALL_FUNCTIONS = frozenset(SupportFunction)


def _nce_owner(ctx: RuleContext, model: AIModel) -> Member | None:
    """The model's IP owner when it is itself a member asking to be an NCE."""
    owner = ctx.consortium.member(model.ip_owner)
    return owner if owner is not None and owner.nce_requested else None


def _owner_meets_us_ownership(ctx: RuleContext, model: AIModel) -> bool:
    pct = model.ip_owner_us_ownership_pct
    return pct is not None and pct >= ctx.profile.thresholds.model_owner_us_ownership_min_pct


@check("models.none")
def models_none(ctx: RuleContext) -> Iterator[Finding]:
    """III: the five layers required include "3. AI models and systems"."""
    if not any(model.layer == 3 for model in ctx.consortium.models):
        yield ctx.finding(
            "models.none",
            "no Layer 3 AI model or system is listed",
            ctx.locate("Models", None, "model"),
            "list the package's AI models and systems (layer 3) in the Models sheet",
        )


@check("models.coc-owner")
def models_coc_owner(ctx: RuleContext) -> Iterator[Finding]:
    """IV.C(1): "any entity that owns the intellectual property for the model (1) must not be owned
    or controlled through a voting or ownership interest by a country of concern or by an entity
    or national of a country of concern". An owner incorporated in a country of concern is itself
    an entity of one, so it is reported too."""
    for model in ctx.consortium.models:
        failures = ip_owner_status(model, ctx.consortium, ctx.profile).failures
        if failures:
            yield ctx.finding(
                "models.coc-owner",
                f"the IP owner of model {model.model!r}, {model.ip_owner!r}, is "
                + describe(failures),
                ctx.locate("Models", model, failures[0].field),
                "IV.C(1): use a model whose IP owner has no country-of-concern ownership or "
                "control (a National Champion Enterprise is no exception)",
            )


def _locate_entity(ctx: RuleContext, model: AIModel, field: str) -> Location:
    """A Models column, or — for a fact the Models row does not hold — the model's name."""
    from aiexp.model import columns

    keys = {column.key for column in columns(AIModel)}
    return ctx.locate("Models", model, field if field in keys else "model")


@check("models.coc-interest")
def models_coc_interest(ctx: RuleContext) -> Iterator[Finding]:
    """IV.C(1): the IP owner "must not be owned or controlled through a voting or ownership
    interest by a country of concern" — unlike IV.D there is no "majority" qualifier. For an
    open-weight model, "an entity meeting requirements (1) and (2)" may provide the support
    functions: the same test applies to it."""
    for model in ctx.consortium.models:
        interest = ip_owner_status(model, ctx.consortium, ctx.profile).interest
        if interest is not None:
            yield ctx.finding(
                "models.coc-interest",
                f"countries of concern or their entities or nationals hold {interest} % of the IP "
                f"owner of model {model.model!r} ({model.ip_owner!r}); IV.C(1), unlike IV.D, has "
                'no "majority" qualifier',
                ctx.locate("Models", model, "ip_owner_coc_ownership_pct"),
                "have counsel confirm that this interest does not amount to ownership or control "
                "through a voting or ownership interest (IV.C(1))",
            )
        supporter = _relied_on_support(ctx, model)
        if supporter is None:
            continue
        interest = supporter.status(ctx.profile).interest
        if interest is not None:
            yield ctx.finding(
                "models.coc-interest",
                f"countries of concern or their entities or nationals hold {interest} % of "
                f"{supporter.name!r}, the support provider of open-weight model {model.model!r}; "
                'IV.C(1), unlike IV.D, has no "majority" qualifier',
                ctx.locate("Models", model, "us_support_provider"),
                "have counsel confirm that this interest does not amount to ownership or control "
                "through a voting or ownership interest (IV.C(1))",
            )


@check("models.ownership-unknown")
def models_ownership_unknown(ctx: RuleContext) -> Iterator[Finding]:
    """IV.C(1): the IP owner "must not be owned or controlled through a voting or ownership
    interest by a country of concern"; IV.C: "The Department will not designate any consortium
    with open-weight models developed by entities that are" linked to one. A blank fact is
    unknown, never "no"."""
    for model in ctx.consortium.models:
        owner = ip_owner_status(model, ctx.consortium, ctx.profile)
        if owner.unknown and not owner.failures:
            yield ctx.finding(
                "models.ownership-unknown",
                f"model {model.model!r}: its IP owner {model.ip_owner!r} does not state "
                f"{' or '.join(owner.unknown)}, so IV.C(1) cannot be shown",
                _locate_entity(ctx, model, owner.unknown[0]),
            )
        if model.open_weight is not True:
            continue
        developer = developer_status(model, ctx.consortium, ctx.profile)
        if developer.unknown and not developer.links and (model.developer or not owner.unknown):
            yield ctx.finding(
                "models.ownership-unknown",
                f"open-weight model {model.model!r}: its developer "
                f"{model.developer or model.ip_owner!r} does not state "
                f"{' or '.join(developer.unknown)}, so it cannot be shown that it is not "
                "developed by an entity linked to a country of concern (IV.C)",
                _locate_entity(ctx, model, developer.unknown[0]),
            )


@check("models.us-owned")
def models_us_owned(ctx: RuleContext) -> Iterator[Finding]:
    """IV.C(2): the IP owner "must be at least 51 percent owned and controlled by U.S. persons or
    entities"; IV: subsection C is "also required unless a national interest determination
    provides for an exception on a case-by-case basis, as described in Section II.A"."""
    minimum = ctx.profile.thresholds.model_owner_us_ownership_min_pct
    for model in ctx.consortium.models:
        if model.ip_owner_us_ownership_pct is None or _owner_meets_us_ownership(ctx, model):
            continue
        nce = _nce_owner(ctx, model)
        if model.open_weight is not False and nce is None:
            continue  # open-weight (or unknown): models.open-weight-support decides
        what = "open-weight" if model.open_weight else "closed"
        message = (
            f"the IP owner of {what} model {model.model!r}, {model.ip_owner!r}, is "
            f"{model.ip_owner_us_ownership_pct} % owned and controlled by U.S. persons, below "
            f"{number_text(minimum)} %"
        )
        location = ctx.locate("Models", model, "ip_owner_us_ownership_pct")
        if nce is not None:
            yield ctx.finding(
                "models.us-owned",
                message + f"; the package relies on the NCE exception for {nce.name!r} (II.A)",
                location,
                "explain in nce_justification why this NCE's model advances the national "
                "interest; designation is then case by case (II.A)",
                severity=Severity.WARNING,
            )
        else:
            yield ctx.finding(
                "models.us-owned",
                message,
                location,
                f"use a model whose IP owner is at least {number_text(minimum)} % U.S.-owned and "
                "controlled, or (for a foreign member's own model) request NCE designation for "
                "that member",
            )


def _relies_on_support(ctx: RuleContext, model: AIModel) -> bool:
    return relies_on_support(model, ctx.consortium, ctx.profile)


def _relied_on_support(ctx: RuleContext, model: AIModel) -> SupportProvider | None:
    """The named support provider IV.C relies on for the model, if it relies on one."""
    return support_provider(model, ctx.consortium) if _relies_on_support(ctx, model) else None


def _support_provider_problems(ctx: RuleContext, model: AIModel) -> tuple[str, str] | None:
    """Why the model's support provider does not satisfy IV.C: (column, reason); None if it does.

    IV.C asks for "an entity meeting requirements (1) and (2)": a member, or a non-member named in
    Providers with its ownership stated — the same two-level IV.C(1) test as an IP owner (a small
    interest is `models.coc-interest`, a conditional link `coc.conditional`), and at least the
    profile's U.S. ownership."""
    minimum = ctx.profile.thresholds.model_owner_us_ownership_min_pct
    supporter = support_provider(model, ctx.consortium)
    if supporter is None:
        return "us_support_provider", "it names no U.S. support provider"
    name = supporter.name
    if supporter.member is None and supporter.provider is None:
        return (
            "us_support_provider",
            f"its support provider {name!r} is neither a member nor a Providers row, so its "
            "ownership is not stated",
        )
    test = supporter.status(ctx.profile)
    if test.failures:
        return (
            "us_support_provider",
            f"its support provider {name!r} does not meet IV.C(1): {describe(test.failures)}",
        )
    if test.unknown:
        return (
            "us_support_provider",
            f"its support provider {name!r} does not state {' or '.join(test.unknown)}, so "
            "IV.C(1) cannot be shown",
        )
    us_pct = supporter.us_ownership_pct
    if us_pct is None or us_pct < minimum:
        shown = "not given" if us_pct is None else f"{us_pct} %"
        return (
            "us_support_provider",
            f"its support provider {name!r} is not shown to be at least "
            f"{number_text(minimum)} % U.S.-owned and controlled (us_ownership_pct {shown}, "
            "IV.C(2))",
        )
    missing = [f.value for f in SupportFunction if f not in set(model.support_functions)]
    if missing:
        return (
            "support_functions",
            f"its support provider {name!r} does not cover {', '.join(missing)}",
        )
    return None


@check("models.open-weight-support")
def models_open_weight_support(ctx: RuleContext) -> Iterator[Finding]:
    """IV.C: "For open-weight models, requirement (2) may instead be satisfied if an entity
    meeting requirements (1) and (2) provides the deployment, integration, fine-tuning, security,
    and support functions necessary to make the model part of the package." """
    for model in ctx.consortium.models:
        if not _relies_on_support(ctx, model):
            continue
        problem = _support_provider_problems(ctx, model)
        if problem is None:
            continue
        key, reason = problem
        yield ctx.finding(
            "models.open-weight-support",
            f"open-weight model {model.model!r}: its IP owner {model.ip_owner!r} is "
            f"{model.ip_owner_us_ownership_pct} % U.S.-owned (IV.C(2) not met), and {reason}",
            ctx.locate("Models", model, key),
            "name in us_support_provider an entity (a member, or a Providers row with its "
            "ownership and us_ownership_pct) that itself meets IV.C(1)-(2), and list all five "
            "support_functions: deployment, integration, fine-tuning, security, support",
        )


@check("models.coc-open-weight")
def models_coc_open_weight(ctx: RuleContext) -> Iterator[Finding]:
    """IV.C: "The Department will not designate any consortium with open-weight models developed
    by entities that are (1) incorporated or have its principal place of business in a country of
    concern … or (2) owned or controlled through a majority voting or equity interest by a country
    of concern or by an entity or national of a country of concern." """
    for model in ctx.consortium.models:
        if model.open_weight is not True:
            continue
        links = developer_status(model, ctx.consortium, ctx.profile).firm_links
        if links:
            developer = model.developer or model.ip_owner
            yield ctx.finding(
                "models.coc-open-weight",
                f"open-weight model {model.model!r} (layer {model.layer}) is developed by "
                f"{developer!r}, which is linked to a country of concern: {describe(links)}; the "
                "Department will not designate a consortium with such a model",
                _locate_entity(ctx, model, links[0].field),
                "remove the model from the package (no exception applies, IV.C)",
            )


@check("coc.conditional")
def models_coc_conditional(ctx: RuleContext) -> Iterator[Finding]:
    """IV.C: "a country of concern, as defined in Sec. 8521 of the 2026 National Defense
    Authorization Act (Pub. L. 119-60)" — Venezuela is listed only "under the regime of Nicolás
    Maduro Moros". A model's IP owner, open-weight developer or support provider linked only
    through such a country is for counsel to confirm, in place of the error."""
    for model in ctx.consortium.models:
        owner = ip_owner_status(model, ctx.consortium, ctx.profile)
        if owner.conditional and not owner.failures:
            yield ctx.finding(
                "coc.conditional",
                f"the IP owner of model {model.model!r}, {model.ip_owner!r}, is linked to a "
                "country of concern only through a country listed under a condition: "
                f"{describe(owner.conditional)}",
                _locate_entity(ctx, model, owner.conditional[0].field),
                "have counsel confirm whether the statute's condition holds (IV.C(1))",
            )
        if model.open_weight is True:
            developer = developer_status(model, ctx.consortium, ctx.profile)
            if developer.conditional:
                yield ctx.finding(
                    "coc.conditional",
                    f"open-weight model {model.model!r} is developed by "
                    f"{model.developer or model.ip_owner!r}, linked to a country of concern "
                    f"only through a country listed under a condition: "
                    f"{describe(developer.links)}",
                    _locate_entity(ctx, model, developer.links[0].field),
                    "have counsel confirm whether the statute's condition holds (IV.C)",
                )
        supporter = _relied_on_support(ctx, model)
        if supporter is not None:
            test = supporter.status(ctx.profile)
            if test.conditional and not test.failures:
                yield ctx.finding(
                    "coc.conditional",
                    f"the support provider of open-weight model {model.model!r}, "
                    f"{supporter.name!r}, is linked to a country of concern only through a "
                    f"country listed under a condition: {describe(test.conditional)}",
                    ctx.locate("Models", model, "us_support_provider"),
                    "have counsel confirm whether the statute's condition holds (IV.C(1))",
                )
