"""Compare two proposals on the model (notice Section X.D), not cell by cell.

Rows are matched by their normalised key per sheet (`aiexp.diff.sheets`) and every changed field
becomes a `Change`; a member or provider that became, or stopped being, linked to a country of
concern, each layer's valuation and the hardware U.S. content are changes of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiexp.content.format import money_str, pct_str
from aiexp.diff.describe import field_detail, money_text, one_line
from aiexp.diff.hardware import hardware_change, hardware_figures
from aiexp.diff.model import HARDWARE_SHEET, Change, WorkbookDiff, field_changed
from aiexp.diff.sheets import SHEETS, ProviderTotal, SheetRows, coc_state, rows_of
from aiexp.model import ColumnSpec, Consortium, ConsortiumInfo, Kind, Row, columns
from aiexp.model import sheet as sheet_spec
from aiexp.ownership import CocStatus, describe_unknown
from aiexp.ownership import describe as links_text
from aiexp.valuation import layer_valuations, sheet_rates
from aiexp.values import normalise_name

if TYPE_CHECKING:
    from aiexp.profile import Profile
    from aiexp.workbook.reader import WorkbookRead

# Bookkeeping of the resubmission itself, which always differs between the two proposals and is
# not a change to the package: the explanation is the material_changes narrative (X.D).
_SKIPPED_INFO_FIELDS = frozenset(
    {"is_resubmission", "previous_submission_reference", "submission_date"}
)
# Confidentiality marks (VII) change how a row is published, not what the package is.
_CONFIDENTIALITY = frozenset({"confidential", "confidential_basis"})
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
    from aiexp.content import files_read, workbook_figures

    old_path, new_path = Path(old), Path(new)
    old_read = read_workbook(old_path)
    new_read = read_workbook(new_path)
    # Each workbook with its own BOM (SPEC §1), computed by the content-calc core.
    old_figures = workbook_figures(old_path, old_read, profile=profile)
    new_figures = workbook_figures(new_path, new_read, profile=profile)
    old_content, new_content = old_figures.content, new_figures.content
    material, other = diff_consortia(
        old_read.consortium,
        new_read.consortium,
        profile=profile,
        old_rates=old_figures.provider_rates,
        new_rates=new_figures.provider_rates,
    )
    before = hardware_figures(old_read, old_content, profile=profile)
    after = hardware_figures(new_read, new_content, profile=profile)
    hardware = hardware_change(before, after)
    if hardware is not None:
        material.append(hardware)
        material.sort(key=_material_rank)
    inputs = [*files_read(old_path), *files_read(new_path)]
    for figures in (old_figures, new_figures):
        if figures.bom is not None and figures.bom.kind == "file":
            inputs.append(figures.bom.path)
        inputs += figures.rates_files
    return WorkbookDiff(
        old=old_read.file,
        new=new_read.file,
        inputs=inputs,
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
    for spec in SHEETS:
        old_rows = rows_of(old, spec)
        new_rows = rows_of(new, spec)
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
def _sheet_changes(
    spec: SheetRows, old_rows: dict[str, Any], new_rows: dict[str, Any], profile: Profile
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


def _column_specs(spec: SheetRows) -> list[ColumnSpec]:
    found = columns(sheet_spec(spec.name).row_model)
    if spec.name == "Providers":
        # The provider's value is compared as its total per currency; currency is part of it.
        found = [c for c in found if c.key != "currency"]
    return found


def _field_change(
    spec: SheetRows, label: str, col: ColumnSpec, before: Any, after: Any
) -> Iterable[Change]:
    old_value, new_value = getattr(before, col.key), getattr(after, col.key)
    if spec.name == "Providers" and col.key == "value":
        old_value, new_value = before.value, after.value
        if old_value == new_value:
            return
        yield field_changed(
            spec.name,
            label,
            spec.subject_of(after),
            f"value {money_text(old_value)} → {money_text(new_value)}",
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
    detail = field_detail(col, old_value, new_value, wording=col.key in spec.wording)
    yield field_changed(
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
    for col in columns(sheet_spec("Consortium").row_model):
        if col.key in _SKIPPED_INFO_FIELDS:
            continue
        old_value, new_value = getattr(old, col.key), getattr(new, col.key)
        is_name = col.key == "anchor_member"
        if _comparable(old_value, col, is_name) == _comparable(new_value, col, is_name):
            continue
        detail = field_detail(col, old_value, new_value, wording=False)
        yield field_changed(
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
    spec: SheetRows, old_rows: dict[str, Any], new_rows: dict[str, Any], profile: Profile
) -> Iterable[Change]:
    """A member or provider whose country-of-concern status changed: linked, not linked, or not
    stated (SPEC §4: a blank fact is unknown, never "no").

    Members so linked are ineligible (IV.B, IV.D; the anchor, II.3), and so are subcontractors
    and local partners (IV.D); the test is `aiexp.ownership.coc_status`.
    """
    for key, after in new_rows.items():
        before = old_rows.get(key)
        if before is None:
            continue
        was, now = coc_state(before, profile), coc_state(after, profile)
        if _state(was) == _state(now):
            continue
        if now.links:
            detail = f"now linked to a country of concern ({links_text(now.links)})"
        elif now.unknown:
            detail = (
                "now not stated whether linked to a country of concern "
                f"({describe_unknown(now)} blank)"
            )
            if was.links:
                detail += f"; was linked: {links_text(was.links)}"
        elif was.links:
            detail = f"no longer linked to a country of concern (was: {links_text(was.links)})"
        else:
            detail = "now stated not to be linked to a country of concern"
        label = spec.label(after)
        yield field_changed(
            spec.name,
            label,
            spec.subject_of(after),
            detail,
            True,
            "country_of_concern",
            _state(was),
            _state(now),
        )


def _state(status: CocStatus) -> str:
    """`linked`, `not stated` or `not linked`: the value a change records before and after."""
    if status.links:
        return "linked"
    return "not stated" if status.unknown else "not linked"


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
        yield field_changed(
            "Providers",
            f"layer {layer}",
            f"Layer {layer} valuation (the sum of its providers)",
            f"{money_text(old_total)} → {money_text(new_total)}",
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


# -- comparing values and writing them as JSON --------------------------------------------------
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
        return normalise_name(value) if is_name else one_line(value)
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
    if isinstance(row, ProviderTotal):
        document = {c.key: _json_value(getattr(row.first, c.key), c) for c in specs}
        document["value"] = _money_json(row.value)
        return document
    assert isinstance(row, Row)
    return {c.key: _json_value(getattr(row, c.key), c) for c in specs}


def _money_json(value: dict[str, Decimal]) -> dict[str, str]:
    return {currency: money_str(amount) for currency, amount in sorted(value.items())}
