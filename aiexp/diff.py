"""The material changes between a proposal and its revision (notice Section X.D).

X.D: proposers whose package is not selected "may resubmit revised proposals with a concise
explanation of material changes". `diff_workbooks` compares the two workbooks on the model (not
cell by cell): rows are matched by their normalised key per sheet, and every changed field becomes
a `Change`. Changes of fact — who is in the consortium, who owns and controls them, layers,
models, hardware content, markets, security, who builds and operates, what support and which
export-controlled items — are material; changes of wording (narratives, descriptions, rationale
text, contact details, confidentiality marks) are listed after them as other changes.
`render_markdown` writes the explanation, ready to paste into the `material_changes` narrative.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from aiexp.content.format import money_display, money_str, pct_str, usd_display
from aiexp.model import (
    ColumnSpec,
    Consortium,
    ConsortiumInfo,
    Kind,
    Member,
    Provider,
    Row,
    columns,
)
from aiexp.valuation import (
    HardwareFigures,
    hardware_summary,
    layer_valuations,
    provider_values,
    sheet_rates,
    workbook_rates,
)
from aiexp.values import normalise_name

if TYPE_CHECKING:
    from aiexp.content import ContentResult
    from aiexp.profile import Profile
    from aiexp.workbook.reader import WorkbookRead

ChangeKind = Literal["added", "removed", "changed"]

# The sheet name of the hardware figures in a change: they come from the BOM (or the summary
# figures of the Consortium sheet), computed by the content-calc core.
HARDWARE_SHEET = "BOM"
HARDWARE_KEY = "hardware U.S. content"
# Bookkeeping of the resubmission itself, which always differs between the two proposals and is
# not a change to the package: the explanation is the material_changes narrative (X.D).
_SKIPPED_INFO_FIELDS = frozenset(
    {"is_resubmission", "previous_submission_reference", "submission_date"}
)
_SKIPPED_NARRATIVES = frozenset({"material_changes"})
# Confidentiality marks (VII) change how a row is published, not what the package is.
_CONFIDENTIALITY = frozenset({"confidential", "confidential_basis"})
# Text longer than this is summarised by word counts instead of being quoted.
_QUOTE_LIMIT = 80
_PROSE_FIELDS = frozenset({"text", "offering"})
_WORDS = re.compile(r"\S+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Change:
    """One difference between the old and the new proposal."""

    sheet: str
    key: str
    kind: ChangeKind
    summary: str
    material: bool
    field: str | None = None
    before: Any = None
    after: Any = None
    # The row it is about and what changed in it: one bullet can then hold all of a row's
    # changed fields (`Member Acme: a → b; c → d`). Not part of the JSON.
    subject: str = ""
    detail: str = ""

    def to_json_dict(self) -> dict[str, Any]:
        """The change as JSON: field, before and after only where they apply."""
        document: dict[str, Any] = {"sheet": self.sheet, "key": self.key, "kind": self.kind}
        if self.field is not None:
            document["field"] = self.field
        if self.kind != "added":
            document["before"] = self.before
        if self.kind != "removed":
            document["after"] = self.after
        document["summary"] = self.summary
        return document


@dataclass
class WorkbookDiff:
    """The comparison of two proposals: material changes first, then the other changes."""

    old: str
    new: str
    material: list[Change] = field(default_factory=list)
    other: list[Change] = field(default_factory=list)
    hardware_before: HardwareFigures | None = None
    hardware_after: HardwareFigures | None = None
    old_input_problems: int = 0
    new_input_problems: int = 0
    consortium_name: str | None = None
    previous_reference: str | None = None

    @property
    def changed(self) -> bool:
        """Whether anything differs between the two proposals."""
        return bool(self.material or self.other)

    def to_json_dict(self) -> dict[str, Any]:
        """`{"old", "new", "material", "other", "hardware": {"before", "after"}}`."""
        return {
            "old": self.old,
            "new": self.new,
            "material": [change.to_json_dict() for change in self.material],
            "other": [change.to_json_dict() for change in self.other],
            "hardware": {
                "before": figures_json(self.hardware_before),
                "after": figures_json(self.hardware_after),
            },
        }


def figures_json(figures: HardwareFigures | None) -> dict[str, Any] | None:
    """Money half-even to cents and percentages truncated to 4 places, as strings."""
    if figures is None:
        return None
    return {
        "total_value": money_str(figures.total_value),
        "us_value": money_str(figures.us_value),
        "us_content_pct": pct_str(figures.us_content_pct),
        "threshold_pct": pct_str(figures.threshold_pct),
        "meets_threshold": figures.meets_threshold,
        "line_count": figures.line_count,
        "basis": figures.basis,
    }


# -- what each sheet is keyed by and which of its fields are wording ----------------------------
@dataclass(frozen=True)
class _Sheet:
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


def _name_key(value: str | None) -> str | None:
    return normalise_name(value) if value and value.strip() else None


def _text(value: str | None) -> str:
    return _SPACES.sub(" ", value.strip()) if value else ""


def _enum(value: Any) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value)


def _describe_member(member: Member, profile: Profile) -> str:
    parts = [_enum(member.role) if member.role else "role blank"]
    if member.layers:
        parts.append(_layers_phrase(member.layers))
    if member.country_of_incorporation:
        parts.append(f"organized in {_country(member.country_of_incorporation)}")
    if member.coc_ownership_pct is not None:
        parts.append(f"country-of-concern ownership {_pct_text(member.coc_ownership_pct)} %")
    if member.us_ownership_pct is not None:
        parts.append(f"U.S. ownership {_pct_text(member.us_ownership_pct)} %")
    if member.nce_requested:
        parts.append("NCE requested")
    link = coc_links(member, profile)
    if link:
        parts.append(f"linked to a country of concern: {link}")
    return f"{member.name} ({'; '.join(parts)})"


def _describe_provider(provider: _ProviderTotal, profile: Profile) -> str:
    parts = [_enum(provider.provider_type) if provider.provider_type else "type blank"]
    if provider.country:
        parts.append(_country(provider.country))
    parts.append(_money_text(provider.value))
    link = coc_links(provider, profile)
    if link:
        parts.append(f"linked to a country of concern: {link}")
    return f"{provider.provider} in layer {provider.layer} ({', '.join(parts)})"


def _describe_model(model: Any, profile: Profile) -> str:
    parts = [f"layer {model.layer}"]
    if model.ip_owner:
        owner = model.ip_owner
        if model.ip_owner_country:
            owner += f", {_country(model.ip_owner_country)}"
        parts.append(f"IP owner {owner}")
    if model.open_weight is not None:
        parts.append("open-weight" if model.open_weight else "closed weights")
    return f"{model.model} ({'; '.join(parts)})"


def _describe_security(measure: Any, profile: Profile) -> str:
    parts = []
    if measure.framework is not None:
        parts.append(_enum(measure.framework))
    if measure.references:
        parts.append(", ".join(measure.references))
    if measure.privacy:
        parts.append("privacy")
    return f"{measure.measure} ({'; '.join(parts)})" if parts else str(measure.measure)


def _describe_market(market: Any, profile: Profile) -> str:
    if market.countries:
        return f"{market.market} ({', '.join(_country(c) for c in market.countries)})"
    return str(market.market)


def _describe_export_item(item: Any, profile: Profile) -> str:
    parts = [
        p for p in (_enum(item.jurisdiction) if item.jurisdiction else "", item.classification) if p
    ]
    return f"{item.item} ({' '.join(parts)})" if parts else str(item.item)


def _describe_narrative(narrative: Any, profile: Profile) -> str:
    return f"{_enum(narrative.section)} ({_words(_word_count(narrative.text))})"


_SHEETS: tuple[_Sheet, ...] = (
    _Sheet(
        "Members",
        "members",
        "Member",
        key=lambda m: _name_key(m.name),
        label=lambda m: str(m.name),
        describe=_describe_member,
        wording=frozenset({"description"}),
        names=frozenset({"name", "ultimate_parent"}),
    ),
    _Sheet(
        "Providers",
        "providers",
        "Provider",
        key=lambda p: (
            f"{p.layer}|{normalise_name(p.provider)}"
            if p.layer is not None and _name_key(p.provider)
            else None
        ),
        label=lambda p: f"{p.provider} (layer {p.layer})",
        describe=_describe_provider,
        wording=frozenset({"description"}),
        names=frozenset({"provider"}),
    ),
    _Sheet(
        "Layers",
        "layers",
        "Layer offering",
        key=lambda o: str(o.layer) if o.layer is not None else None,
        label=lambda o: f"layer {o.layer}",
        describe=lambda o, _p: f"layer {o.layer}",
        wording=frozenset({"offering"}),
        subject=lambda o: f"Layer {o.layer} offering",
    ),
    _Sheet(
        "Models",
        "models",
        "Model",
        key=lambda m: _name_key(m.model),
        label=lambda m: str(m.model),
        describe=_describe_model,
        wording=frozenset({"description"}),
        names=frozenset({"model", "ip_owner", "developer", "us_support_provider"}),
    ),
    _Sheet(
        "Security",
        "security",
        "Security measure",
        key=lambda s: _name_key(s.measure),
        label=lambda s: str(s.measure),
        describe=_describe_security,
        wording=frozenset({"description"}),
        names=frozenset({"measure"}),
    ),
    _Sheet(
        "Markets",
        "markets",
        "Target market",
        key=lambda m: _name_key(m.market),
        label=lambda m: str(m.market),
        describe=_describe_market,
        wording=frozenset({"foreign_competition", "national_interest", "demand_evidence"}),
        names=frozenset({"market"}),
    ),
    _Sheet(
        "Operations",
        "operations",
        "Operation",
        key=lambda o: (
            f"{_enum(o.function)}|{normalise_name(o.entity)}"
            if o.function is not None and _name_key(o.entity)
            else None
        ),
        label=lambda o: f"{o.entity} ({_enum(o.function)})",
        describe=lambda o, _p: f"{_enum(o.function)}: {o.entity}",
        wording=frozenset({"arrangement"}),
        names=frozenset({"entity"}),
    ),
    _Sheet(
        "FederalSupport",
        "federal_support",
        "Federal support",
        key=lambda s: _enum(s.support_type) if s.support_type is not None else None,
        label=lambda s: _enum(s.support_type),
        describe=lambda s, _p: _enum(s.support_type),
        wording=frozenset({"rationale"}),
    ),
    _Sheet(
        "ExportControl",
        "export_control",
        "Export-control item",
        key=lambda i: _name_key(i.item),
        label=lambda i: str(i.item),
        describe=_describe_export_item,
        wording=frozenset({"technical_features", "notes"}),
        names=frozenset({"item"}),
    ),
    _Sheet(
        "Narratives",
        "narratives",
        "Narrative",
        key=lambda n: (
            _enum(n.section)
            if n.section is not None and _enum(n.section) not in _SKIPPED_NARRATIVES
            else None
        ),
        label=lambda n: _enum(n.section),
        describe=_describe_narrative,
        wording=frozenset({"text"}),
        rows_material=False,
    ),
)
# Material changes are listed in the order of the notice's eligibility case: membership,
# ownership and control, layers, models, hardware content, markets, security, then the rest.
_MATERIAL_ORDER = (
    "Consortium",
    "Members",
    "Providers",
    "Layers",
    "Models",
    HARDWARE_SHEET,
    "Markets",
    "Security",
    "Operations",
    "FederalSupport",
    "ExportControl",
    "Narratives",
)
# Info fields whose change is material: the anchor member (Section II) and the hardware
# summary figures used when there is no BOM (IV.A).
_MATERIAL_INFO_FIELDS = frozenset(
    {"anchor_member", "hardware_total_value", "hardware_us_value", "hardware_basis"}
)


# -- the public entry points ------------------------------------------------------------------
def diff_workbooks(
    old: Path | str, new: Path | str, *, profile: Profile | None = None
) -> WorkbookDiff:
    """Read both workbooks (each with its own BOM) and compare them; WorkbookError if unreadable."""
    from aiexp.workbook.reader import read_workbook

    if profile is None:
        from aiexp.profile import load_profile

        profile = load_profile(None)
    from aiexp.content import content_for_workbook

    old_path, new_path = Path(old), Path(new)
    old_read = read_workbook(old_path)
    new_read = read_workbook(new_path)
    # Each workbook with its own BOM (SPEC §1), computed by the content-calc core.
    old_content = content_for_workbook(old_path, old_read, profile=profile)
    new_content = content_for_workbook(new_path, new_read, profile=profile)
    material, other = diff_consortia(
        old_read.consortium,
        new_read.consortium,
        profile=profile,
        old_rates=workbook_rates(old_path, old_read.consortium, old_content),
        new_rates=workbook_rates(new_path, new_read.consortium, new_content),
    )
    before = hardware_figures(old_read, old_content, profile=profile)
    after = hardware_figures(new_read, new_content, profile=profile)
    hardware = _hardware_change(before, after)
    if hardware is not None:
        material.append(hardware)
        material.sort(key=_material_rank)
    return WorkbookDiff(
        old=old_read.file,
        new=new_read.file,
        material=material,
        other=other,
        hardware_before=before,
        hardware_after=after,
        old_input_problems=input_problems(old_read),
        new_input_problems=input_problems(new_read),
        consortium_name=new_read.consortium.info.consortium_name,
        previous_reference=new_read.consortium.info.previous_submission_reference,
    )


def input_problems(read: WorkbookRead) -> int:
    """How many input findings of a workbook are errors or warnings (info notes not counted)."""
    return sum(1 for finding in read.findings if finding.severity.value != "info")


def diff_consortia(
    old: Consortium,
    new: Consortium,
    *,
    profile: Profile,
    old_rates: Mapping[str, Decimal] | None = None,
    new_rates: Mapping[str, Decimal] | None = None,
) -> tuple[list[Change], list[Change]]:
    """The changes from `old` to `new`: (material, other), each in a stable, readable order.

    The rates (USD per unit) convert each proposal's layer valuations to USD; without them, only
    the workbook's own Rates sheet is used, and a layer it cannot convert is summed per currency.
    """
    changes = list(_info_changes(old.info, new.info))
    for spec in _SHEETS:
        old_rows = _rows_of(old, spec)
        new_rows = _rows_of(new, spec)
        changes.extend(_sheet_changes(spec, old_rows, new_rows, profile))
        if spec.name in ("Members", "Providers"):
            changes.extend(_coc_changes(spec, old_rows, new_rows, profile))
        if spec.name == "Providers":
            changes.extend(_layer_valuation_changes(old, new, old_rates, new_rates, profile.layers))
    material = sorted((c for c in changes if c.material), key=_material_rank)
    other = [c for c in changes if not c.material]
    return material, other


def _material_rank(change: Change) -> int:
    return _MATERIAL_ORDER.index(change.sheet) if change.sheet in _MATERIAL_ORDER else 99


# -- rows and fields --------------------------------------------------------------------------
@dataclass
class _ProviderTotal:
    """A provider in a layer: the sum of its rows (SPEC §2), per currency."""

    first: Provider
    value: dict[str, Decimal]

    def __getattr__(self, name: str) -> Any:
        # Every other column is the first row's (the rows of one provider describe one entity).
        return getattr(self.__dict__["first"], name)


def _rows_of(consortium: Consortium, spec: _Sheet) -> dict[str, Any]:
    """The rows of a sheet by key, in order; the first row wins a repeated key."""
    rows: dict[str, Any] = {}
    if spec.name == "Providers":
        # A provider's rows grouped as every command groups them (aiexp.valuation).
        for (layer, name), provider in provider_values(consortium).items():
            rows[f"{layer}|{name}"] = _ProviderTotal(provider.rows[0], provider.by_currency())
        return rows
    for row in getattr(consortium, spec.attribute):
        key = spec.key(row)
        if key is not None and key not in rows:
            rows[key] = row
    return rows


def _sheet_changes(
    spec: _Sheet, old_rows: dict[str, Any], new_rows: dict[str, Any], profile: Profile
) -> Iterable[Change]:
    specs = _column_specs(spec)
    for key in [*old_rows, *(k for k in new_rows if k not in old_rows)]:
        before, after = old_rows.get(key), new_rows.get(key)
        if after is None:
            label = spec.label(before)
            yield Change(
                spec.name,
                label,
                "removed",
                f"{spec.noun} removed: {spec.describe(before, profile)}",
                spec.rows_material,
                before=_row_json(before, specs),
            )
        elif before is None:
            label = spec.label(after)
            yield Change(
                spec.name,
                label,
                "added",
                f"{spec.noun} added: {spec.describe(after, profile)}",
                spec.rows_material,
                after=_row_json(after, specs),
            )
        else:
            label = spec.label(after)
            for col in specs:
                yield from _field_change(spec, label, col, before, after)


def _column_specs(spec: _Sheet) -> list[ColumnSpec]:
    from aiexp.model import sheet as sheet_spec

    found = columns(sheet_spec(spec.name).row_model)
    if spec.name == "Providers":
        # The provider's value is compared as its total per currency; currency is part of it.
        found = [c for c in found if c.key != "currency"]
    return found


def _changed(
    sheet: str,
    key: str,
    subject: str,
    detail: str,
    material: bool,
    field: str,
    before: Any,
    after: Any,
) -> Change:
    """A changed field: its summary is `subject: detail`."""
    return Change(
        sheet,
        key,
        "changed",
        f"{subject}: {detail}",
        material,
        field=field,
        before=before,
        after=after,
        subject=subject,
        detail=detail,
    )


def _field_change(
    spec: _Sheet, label: str, col: ColumnSpec, before: Any, after: Any
) -> Iterable[Change]:
    old_value, new_value = getattr(before, col.key), getattr(after, col.key)
    if spec.name == "Providers" and col.key == "value":
        old_value, new_value = before.value, after.value
        if old_value == new_value:
            return
        yield _changed(
            spec.name,
            label,
            spec.subject_of(after),
            f"value {_money_text(old_value)} → {_money_text(new_value)}",
            True,
            "value",
            _money_json(old_value),
            _money_json(new_value),
        )
        return
    is_name = col.key in spec.names
    if _comparable(old_value, col, is_name) == _comparable(new_value, col, is_name):
        return
    wording = col.key in spec.wording or col.key in _CONFIDENTIALITY
    detail = _field_detail(col, old_value, new_value, wording=col.key in spec.wording)
    yield _changed(
        spec.name,
        label,
        spec.subject_of(after),
        detail,
        not wording and spec.rows_material,
        col.key,
        _json_value(old_value, col),
        _json_value(new_value, col),
    )


def _info_changes(old: ConsortiumInfo, new: ConsortiumInfo) -> Iterable[Change]:
    from aiexp.model import sheet as sheet_spec

    for col in columns(sheet_spec("Consortium").row_model):
        if col.key in _SKIPPED_INFO_FIELDS:
            continue
        old_value, new_value = getattr(old, col.key), getattr(new, col.key)
        is_name = col.key == "anchor_member"
        if _comparable(old_value, col, is_name) == _comparable(new_value, col, is_name):
            continue
        detail = _field_detail(col, old_value, new_value, wording=False)
        yield _changed(
            "Consortium",
            col.key,
            "Consortium",
            detail,
            col.key in _MATERIAL_INFO_FIELDS,
            col.key,
            _json_value(old_value, col),
            _json_value(new_value, col),
        )


def _coc_changes(
    spec: _Sheet, old_rows: dict[str, Any], new_rows: dict[str, Any], profile: Profile
) -> Iterable[Change]:
    """A member or provider that became, or stopped being, linked to a country of concern.

    Members so linked are ineligible (IV.B, IV.D; the anchor, II.3), and so are subcontractors
    and local partners (IV.D); the test is `aiexp.ownership.linked_to_coc`.
    """
    for key, after in new_rows.items():
        before = old_rows.get(key)
        if before is None:
            continue
        was, now = coc_links(before, profile), coc_links(after, profile)
        if bool(was) == bool(now):
            continue
        if now:
            detail = f"now linked to a country of concern ({now})"
        else:
            detail = f"no longer linked to a country of concern (was: {was})"
        label = spec.label(after)
        yield _changed(
            spec.name,
            label,
            spec.subject_of(after),
            detail,
            True,
            "country_of_concern",
            bool(was),
            bool(now),
        )


def coc_links(entity: Member | Provider | _ProviderTotal, profile: Profile) -> str:
    """Why a member or provider is linked to a country of concern (SPEC §4); "" when it is not."""
    from aiexp.ownership import describe, member_links, provider_links

    if isinstance(entity, Member):
        return describe(member_links(entity, profile))
    row = entity.first if isinstance(entity, _ProviderTotal) else entity
    return describe(provider_links(row, profile))


def _layer_valuation_changes(
    old: Consortium,
    new: Consortium,
    old_rates: Mapping[str, Decimal] | None,
    new_rates: Mapping[str, Decimal] | None,
    layers: Iterable[int],
) -> Iterable[Change]:
    """The value of each layer (the sum of its Providers rows) before and after (VI.2)."""
    before = _layer_totals(old, old_rates, layers)
    after = _layer_totals(new, new_rates, layers)
    for layer in sorted(set(before) | set(after)):
        old_total, new_total = before.get(layer, {}), after.get(layer, {})
        if old_total == new_total:
            continue
        yield _changed(
            "Providers",
            f"layer {layer}",
            f"Layer {layer} valuation (the sum of its providers)",
            f"{_money_text(old_total)} → {_money_text(new_total)}",
            True,
            "value",
            _money_json(old_total),
            _money_json(new_total),
        )


def _layer_totals(
    consortium: Consortium, known: Mapping[str, Decimal] | None, layers: Iterable[int]
) -> dict[int, dict[str, Decimal]]:
    """Each layer's providers summed in USD where the rates allow, else per currency."""
    rates = dict(known) if known is not None else sheet_rates(consortium)
    totals: dict[int, dict[str, Decimal]] = {}
    for number, layer in layer_valuations(consortium, rates, layers).items():
        sums = [provider.by_currency() for provider in layer.providers]
        if not any(sums):
            continue  # a layer without a value is not valued
        if layer.unconverted:
            per_currency: dict[str, Decimal] = {}
            for provider_sums in sums:
                for currency, amount in provider_sums.items():
                    per_currency[currency] = per_currency.get(currency, Decimal(0)) + amount
            totals[number] = per_currency
        else:
            totals[number] = {"USD": sum((p.value for p in layer.providers), Decimal(0))}
    return totals


# -- comparing and showing values ---------------------------------------------------------------
def _comparable(value: Any, col: ColumnSpec, is_name: bool) -> Any:
    """A value reduced to what matters: names without case and spacing, lists as sets."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, list):
        items = [_comparable(item, col, is_name) for item in value]
        return frozenset(item for item in items if item is not None) or None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return normalise_name(value) if is_name else _text(value)
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _json_value(value: Any, col: ColumnSpec) -> Any:
    """A field value as JSON: exact decimals as strings, countries as alpha-2, enums by value."""
    if value is None:
        return None
    if isinstance(value, list):
        return [_json_value(item, col) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        if col.kind is Kind.MONEY:
            return money_str(value)
        if col.kind is Kind.PERCENT:
            return pct_str(value)
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _row_json(row: Any, specs: Sequence[ColumnSpec]) -> dict[str, Any]:
    if isinstance(row, _ProviderTotal):
        document = {c.key: _json_value(getattr(row.first, c.key), c) for c in specs}
        document["value"] = _money_json(row.value)
        return document
    assert isinstance(row, Row)
    return {c.key: _json_value(getattr(row, c.key), c) for c in specs}


def _money_json(value: dict[str, Decimal]) -> dict[str, str]:
    return {currency: money_str(amount) for currency, amount in sorted(value.items())}


def _money_text(value: dict[str, Decimal]) -> str:
    if not value:
        return "none"
    return " + ".join(
        f"{currency} {money_display(amount)}" for currency, amount in sorted(value.items())
    )


def _field_detail(col: ColumnSpec, old: Any, new: Any, *, wording: bool) -> str:
    """`country-of-concern ownership 0 % → 12 %`, or a word-level summary for prose."""
    name = _field_name(col)
    if col.key in _PROSE_FIELDS:
        # A narrative or a layer offering is all prose: its word summary is the whole story.
        return word_summary(old or "", new or "")
    if wording or _long(old) or _long(new):
        return f"{name} {word_summary(old or '', new or '')}"
    return f"{name} {_show(old, col)} → {_show(new, col)}"


def _field_name(col: ColumnSpec) -> str:
    label = col.label.removesuffix(" %")
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        label = label[0].lower() + label[1:]
    return label


def _long(value: Any) -> bool:
    return isinstance(value, str) and len(value) > _QUOTE_LIMIT


def _show(value: Any, col: ColumnSpec) -> str:
    """A value in prose: countries by name, percentages with `%`, money with separators."""
    if value is None or value == [] or (isinstance(value, str) and not value.strip()):
        # A blank percentage of ownership means unknown (SPEC §2 Members).
        return "unknown" if col.kind is Kind.PERCENT else "blank"
    if isinstance(value, list):
        return ", ".join(_show(item, col).strip("“”") for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        if col.kind is Kind.PERCENT:
            return f"{_pct_text(value)} %"
        if col.kind is Kind.MONEY:
            return f"{money_display(value)}"
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if col.kind in (Kind.COUNTRY, Kind.COUNTRIES) and isinstance(value, str):
        return _country(value)
    if isinstance(value, str):
        return f"“{_text(value)}”"
    return str(value)


def _pct_text(value: Decimal) -> str:
    """A percentage truncated to 4 places, without trailing zeros: `51`, `12.5`."""
    text = pct_str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _country(code: str) -> str:
    from aiexp.values import country_name

    try:
        return country_name(code)
    except (KeyError, LookupError, ValueError):
        return code


def _layers_phrase(layers: Sequence[int]) -> str:
    ordered = sorted(set(layers))
    if len(ordered) == 1:
        return f"layer {ordered[0]}"
    return f"layers {', '.join(str(n) for n in ordered)}"


# -- prose: word-level summaries ----------------------------------------------------------------
def _word_count(text: str | None) -> int:
    return len(_WORDS.findall(text or ""))


def word_summary(old: str, new: str) -> str:
    """`rewritten: 412 → 455 words, 38 % of words changed` — a measure, not a text diff."""
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    if not old_words:
        return f"added: {_words(len(new_words))}"
    if not new_words:
        return f"removed: {_words(len(old_words))}"
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    longest = max(len(old_words), len(new_words))
    # Integer arithmetic, half up: a display figure, not one of the proposal's percentages.
    changed = ((longest - kept) * 200 + longest) // (2 * longest)
    if changed == 0:
        changed_text = "under 1 %"
    else:
        changed_text = f"{changed} %"
    verb = "rewritten" if changed >= 50 else "edited"
    counts = f"{len(old_words)} → {_words(len(new_words))}"
    return f"{verb}: {counts}, {changed_text} of words changed"


def _words(count: int) -> str:
    return f"{count} word" if count == 1 else f"{count} words"


# -- the hardware U.S. content --------------------------------------------------------------------
def hardware_figures(
    read: WorkbookRead, result: ContentResult | None, *, profile: Profile
) -> HardwareFigures | None:
    """The workbook's hardware figures: its BOM's content result, else its summary figures."""
    if result is not None:
        return HardwareFigures(
            result.total_value, result.us_value, result.threshold_pct, "bom", result.line_count
        )
    # IV.A without a BOM: the summary figures of the Consortium sheet (none for a zero total).
    return hardware_summary(read.consortium.info, profile.thresholds.hardware_us_content_pct)


def _hardware_change(
    before: HardwareFigures | None, after: HardwareFigures | None
) -> Change | None:
    """The hardware U.S. content before and after, with the change in points (IV.A)."""
    if before is None and after is None:
        return None
    if before is not None and after is not None:
        same = (
            before.us_content_pct == after.us_content_pct
            and money_str(before.total_value) == money_str(after.total_value)
            and money_str(before.us_value) == money_str(after.us_value)
        )
        if same:
            return None
    return _changed(
        HARDWARE_SHEET,
        HARDWARE_KEY,
        "Hardware U.S. content",
        hardware_detail(before, after),
        True,
        "us_content_pct",
        pct_str(before.us_content_pct) if before is not None else None,
        pct_str(after.us_content_pct) if after is not None else None,
    )


def points_change(before: Decimal, after: Decimal) -> str:
    """The exact change in percentage points, truncated to 4 places, with its sign."""
    points = after - before
    text = _pct_text(abs(points))
    if text == "0":
        return "0"  # less than 0.0001 points either way
    return f"+{text}" if points > 0 else f"−{text}"


def hardware_detail(before: HardwareFigures | None, after: HardwareFigures | None) -> str:
    """`62.5 % of USD 1,000.00 → 48.1 % of USD 1,200.00 (−14.4 points); …`."""
    detail = f"{_figures_text(before)} → {_figures_text(after)}"
    if before is not None and after is not None:
        detail += f" ({points_change(before.us_content_pct, after.us_content_pct)} points)"
        if before.meets_threshold and not after.meets_threshold:
            detail += f"; the {_pct_text(after.threshold_pct)} % threshold is no longer met"
        elif after.meets_threshold and not before.meets_threshold:
            detail += f"; the {_pct_text(after.threshold_pct)} % threshold is now met"
    return detail


def _figures_text(figures: HardwareFigures | None) -> str:
    if figures is None:
        return "not shown (no BOM or hardware figures)"
    return f"{_pct_text(figures.us_content_pct)} % of {usd_display(figures.total_value)}"


# -- the explanation in Markdown ----------------------------------------------------------------
def render_markdown(diff: WorkbookDiff) -> str:
    """The concise explanation of material changes (X.D), in the narratives' Markdown subset."""
    name = diff.consortium_name or "this consortium"
    reference = f" ({diff.previous_reference})" if diff.previous_reference else ""
    lines = [
        (
            f"This resubmission revises the proposal of {name} that was previously submitted"
            f"{reference} and not selected (Section X.D). "
        )
        + (
            "The material changes — to membership, ownership and control, layers, models, "
            "hardware content, markets and security — are listed first, followed by the other "
            "changes."
            if diff.changed
            else "It makes no changes to the proposal's contents."
        ),
        "",
    ]
    if not diff.changed:
        lines += ["No changes were found between the two workbooks.", ""]
    else:
        lines += ["## Material changes", ""]
        lines += _bullets(diff.material) or ["- None: only the wording changed.", ""]
        lines += ["## Other changes", ""]
        lines += _bullets(diff.other) or ["- None.", ""]
    lines += ["## Hardware U.S. content", ""]
    lines += [
        f"- Before: {_figures_sentence(diff.hardware_before)}",
        f"- After: {_figures_sentence(diff.hardware_after)}",
    ]
    before, after = diff.hardware_before, diff.hardware_after
    if before is not None and after is not None:
        lines.append(
            f"- Change: {points_change(before.us_content_pct, after.us_content_pct)} "
            "percentage points."
        )
    return "\n".join(lines) + "\n"


def _bullets(changes: Sequence[Change]) -> list[str]:
    """One bullet per added or removed row, and one per changed row with all its fields."""
    lines: list[str] = []
    grouped: dict[tuple[str, str], list[Change]] = {}
    order: list[tuple[str, str] | Change] = []
    for change in changes:
        if change.kind != "changed":
            order.append(change)
            continue
        group = (change.sheet, change.key)
        if group not in grouped:
            grouped[group] = []
            order.append(group)
        grouped[group].append(change)
    for item in order:
        if isinstance(item, Change):
            lines.append(f"- {item.summary}.")
            continue
        members = grouped[item]
        if len(members) == 1:
            lines.append(f"- {members[0].summary}.")
            continue
        lines.append(f"- {members[0].subject}: {'; '.join(c.detail for c in members)}.")
    if lines:
        lines.append("")
    return lines


def _figures_sentence(figures: HardwareFigures | None) -> str:
    if figures is None:
        return "not shown (the workbook has no BOM and no hardware summary figures)."
    source = (
        f"{figures.line_count} BOM lines"
        if figures.basis == "bom"
        else "the hardware summary figures of the Consortium sheet"
    )
    verdict = "meets" if figures.meets_threshold else "does not meet"
    return (
        f"{_pct_text(figures.us_content_pct)} % U.S. content "
        f"({usd_display(figures.us_value)} of "
        f"{usd_display(figures.total_value)}, from {source}); "
        f"{verdict} the {_pct_text(figures.threshold_pct)} % threshold."
    )
