"""AI models and systems (III, IV.C): ownership and control of the IP owner, open-weight models.

NCE exception (IV opening, II.A): for a model whose own IP owner is a member with
`nce_requested`, failing IV.C(2) is a warning that says the package relies on the exception —
model by model, never because some other member is an NCE. Every country-of-concern rule stays
an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.codes import number_text
from aiexp.findings import Finding, Severity
from aiexp.model import AIModel, Member, SupportFunction
from aiexp.ownership import CocLink, coc_label, describe, linked_to_coc, member_links
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check

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
    error_pct = ctx.profile.thresholds.model_owner_coc_error_pct
    for model in ctx.consortium.models:
        reasons: list[tuple[str, str]] = []
        if model.ip_owner_country in ctx.profile.coc_codes:
            reasons.append(
                (
                    "ip_owner_country",
                    f"incorporated in {coc_label(ctx.profile, model.ip_owner_country)}",
                )
            )
        pct = model.ip_owner_coc_ownership_pct
        if pct is not None and pct >= error_pct:
            reasons.append(
                (
                    "ip_owner_coc_ownership_pct",
                    f"{pct} % of its voting or ownership interest is held by countries of "
                    "concern or their entities or nationals (at or above "
                    f"{number_text(error_pct)} %)",
                )
            )
        if model.ip_owner_coc_controlled:
            reasons.append(
                (
                    "ip_owner_coc_controlled",
                    "controlled by a country of concern or its entities or nationals",
                )
            )
        if reasons:
            yield ctx.finding(
                "models.coc-owner",
                f"the IP owner of model {model.model!r}, {model.ip_owner!r}, is "
                + "; ".join(text for _, text in reasons),
                ctx.locate("Models", model, reasons[0][0]),
                "IV.C(1): use a model whose IP owner has no country-of-concern ownership or "
                "control (a National Champion Enterprise is no exception)",
            )


@check("models.coc-interest")
def models_coc_interest(ctx: RuleContext) -> Iterator[Finding]:
    """IV.C(1): the IP owner "must not be owned or controlled through a voting or ownership
    interest by a country of concern" — unlike IV.D there is no "majority" qualifier."""
    thresholds = ctx.profile.thresholds
    for model in ctx.consortium.models:
        pct = model.ip_owner_coc_ownership_pct
        if model.ip_owner_coc_controlled or pct is None:
            continue
        if thresholds.model_owner_coc_max_pct < pct < thresholds.model_owner_coc_error_pct:
            yield ctx.finding(
                "models.coc-interest",
                f"countries of concern or their entities or nationals hold {pct} % of the IP owner "
                f"of model {model.model!r} ({model.ip_owner!r}); IV.C(1), unlike IV.D, has no "
                '"majority" qualifier',
                ctx.locate("Models", model, "ip_owner_coc_ownership_pct"),
                "have counsel confirm that this interest does not amount to ownership or control "
                "through a voting or ownership interest (IV.C(1))",
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


def _support_provider_problems(ctx: RuleContext, model: AIModel) -> tuple[str, str] | None:
    """Why the model's support provider does not satisfy IV.C: (column, reason); None if it does."""
    thresholds = ctx.profile.thresholds
    name = model.us_support_provider
    if not name:
        return "us_support_provider", "it names no U.S. support provider"
    member = ctx.consortium.member(name)
    if member is None:
        return "us_support_provider", f"its support provider {name!r} is not a consortium member"
    links = member_links(member, ctx.profile)
    if links:
        return (
            "us_support_provider",
            f"its support provider {name!r} is linked to a country of concern ({describe(links)})",
        )
    if member.coc_ownership_pct is None:
        return (
            "us_support_provider",
            f"its support provider {name!r} does not give its country-of-concern ownership, so "
            "IV.C(1) cannot be shown",
        )
    if member.coc_ownership_pct > thresholds.model_owner_coc_max_pct:
        return (
            "us_support_provider",
            f"its support provider {name!r} has a {member.coc_ownership_pct} % country-of-concern "
            "interest (IV.C(1))",
        )
    if member.coc_controlled:
        return "us_support_provider", f"its support provider {name!r} is CoC-controlled"
    us_pct = member.us_ownership_pct
    if us_pct is None or us_pct < thresholds.model_owner_us_ownership_min_pct:
        shown = "not given" if us_pct is None else f"{us_pct} %"
        return (
            "us_support_provider",
            f"its support provider {name!r} is not shown to be at least "
            f"{thresholds.model_owner_us_ownership_min_pct} % U.S.-owned and controlled "
            f"(us_ownership_pct {shown}, IV.C(2))",
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
        if model.open_weight is not True or model.ip_owner_us_ownership_pct is None:
            continue
        if _owner_meets_us_ownership(ctx, model) or _nce_owner(ctx, model) is not None:
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
            "name in us_support_provider a member that itself meets IV.C(1)-(2) and list all "
            "five support_functions: deployment, integration, fine-tuning, security, support",
        )


def _developer_links(ctx: RuleContext, model: AIModel) -> list[CocLink]:
    """Why the model's developer (the IP owner when blank) is linked to a country of concern."""
    if model.developer:
        links = linked_to_coc(
            ctx.profile,
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
        links = linked_to_coc(
            ctx.profile,
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
    member = ctx.consortium.member(name)
    if member is not None and not links:
        links = [
            CocLink(
                "developer" if model.developer else "ip_owner", f"its Members row: {link.reason}"
            )
            for link in member_links(member, ctx.profile)
        ]
    return links


@check("models.coc-open-weight")
def models_coc_open_weight(ctx: RuleContext) -> Iterator[Finding]:
    """IV.C: "The Department will not designate any consortium with open-weight models developed
    by entities that are (1) incorporated or have its principal place of business in a country of
    concern … or (2) owned or controlled through a majority voting or equity interest by a country
    of concern or by an entity or national of a country of concern." """
    for model in ctx.consortium.models:
        if model.open_weight is not True:
            continue
        links = _developer_links(ctx, model)
        if links:
            developer = model.developer or model.ip_owner
            yield ctx.finding(
                "models.coc-open-weight",
                f"open-weight model {model.model!r} (layer {model.layer}) is developed by "
                f"{developer!r}, which is linked to a country of concern: {describe(links)}; the "
                "Department will not designate a consortium with such a model",
                ctx.locate("Models", model, links[0].field),
                "remove the model from the package (no exception applies, IV.C)",
            )
