"""Linked to a country of concern (SPEC §4), and foreign enterprise (II.A): the one definition.

Every part of aiexp that asks whether an entity is linked to a country of concern — the rules,
the proposal document and the diff — calls `coc_status` here (or its wrappers for a Members,
Providers or BOM row). The notice's test, the same in II.3, IV.A, IV.B, IV.D and VI.7: an entity
that is "(1) incorporated or have its principal place of business in a country of concern, as
defined in Sec. 8521 of the 2026 National Defense Authorization Act (Pub. L. 119-60); or (2)
owned or controlled through a majority voting or equity interest by a country of concern or by
an entity or national of a country of concern".

An entity is linked when its country of organization or principal place of business is a country
of concern; or its ultimate parent's country or principal place of business is one; or the
country-of-concern interest in it is above the profile's `coc_majority_pct` ("a majority voting
or equity interest"); or it is controlled by a country of concern or its entities or nationals.

The answer has three values (SPEC §4): linked, not linked, or unknown. A blank fact is unknown,
never "no": "not linked" (`CocStatus.clear`) is said only when every fact the entity's sheet has
is known. The ultimate parent's facts can link an entity, but a blank parent does not make its
status unknown: the ownership percentage and control settle IV.B and IV.D (SPEC §2 Members; the
anchor's parent is II.2's own test). A link only through a country that the profile lists with a
condition (Venezuela, "under the regime of Nicolás Maduro Moros") is `conditional`: counsel must
confirm whether the condition holds, so it is neither linked nor clear.

The package: `link` (the test: `coc_status`, `member_status`, `provider_status`,
`bom_line_status`), `models` (IV.C: `ip_owner_status`, `support_provider`, `developer_status`),
`anchor` (II.2: `us_organization`; II.A: `is_foreign`). Import from `aiexp.ownership`.

`link` needs no workbook model; `anchor` and `models` (which do) are imported when one of their
names is first used, so that `content-calc` on a CSV — which asks `coc_status` only — starts
without building the pydantic models of the workbook.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from aiexp.ownership.link import (
    NO_COLUMN,
    CocLink,
    CocStatus,
    bom_line_links,
    bom_line_status,
    coc_label,
    coc_status,
    describe,
    describe_unknown,
    linked_to_coc,
    member_links,
    member_status,
    provider_links,
    provider_status,
)

if TYPE_CHECKING:
    from aiexp.ownership.anchor import UsOrganization, is_foreign, us_organization
    from aiexp.ownership.models import (
        ModelOwnerStatus,
        SupportProvider,
        developer_status,
        ip_owner_status,
        merged_provider,
        model_owner_status,
        named_provider,
        relies_on_support,
        support_provider,
    )

#: The names of `anchor` and `models`, imported on first use (see the module's docstring).
_LAZY = {
    **dict.fromkeys(("UsOrganization", "is_foreign", "us_organization"), "anchor"),
    **dict.fromkeys(
        (
            "ModelOwnerStatus",
            "SupportProvider",
            "developer_status",
            "ip_owner_status",
            "merged_provider",
            "model_owner_status",
            "named_provider",
            "relies_on_support",
            "support_provider",
        ),
        "models",
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"aiexp.ownership.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "NO_COLUMN",
    "CocLink",
    "CocStatus",
    "ModelOwnerStatus",
    "SupportProvider",
    "UsOrganization",
    "bom_line_links",
    "bom_line_status",
    "coc_label",
    "coc_status",
    "describe",
    "describe_unknown",
    "developer_status",
    "ip_owner_status",
    "is_foreign",
    "linked_to_coc",
    "member_links",
    "member_status",
    "merged_provider",
    "model_owner_status",
    "named_provider",
    "provider_links",
    "provider_status",
    "relies_on_support",
    "support_provider",
    "us_organization",
]
