"""Regenerate the sample consortium: samples/consortium.xlsx, samples/bom.csv, samples/rates.csv.

Run from the repository root:

    python scripts/make_sample.py            # writes into samples/
    python scripts/make_sample.py --out DIR  # writes into DIR (the tests use this)

The sample's facts are data in scripts/sample/, written the way the workbook reads: one TOML file
per sheet, named after its `Consortium` attribute (`members.toml` holds the Members rows, one
table per row, keyed by column); `bom.toml` and `bom_items.csv` for the bill of materials; and
`broken.toml` for the `broken/NAME/` variants, the sample with one thing changed, each failing
one rule, for demonstrations and tests. This script only turns that data into files.

The consortium is fictional: every company, person, model and figure is invented, and the
exchange rates are illustrative. It is meant to be a complete proposal that satisfies every rule
of SPEC §5 with no error and no warning, so that tests can break it one thing at a time.

Only the bill of materials is generated: eight delivery lots of the same scalable unit, priced
from a fixed random seed, so the output is the same on every run.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import re
import sys
import tomllib
import zipfile
from decimal import Decimal
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    # `python scripts/make_sample.py` from a checkout works without installing the package.
    sys.path.insert(0, str(REPO))

from aiexp.model import (  # noqa: E402
    SHEETS,
    BomKind,
    BomLine,
    ConfidentialBasis,
    Consortium,
    ConsortiumInfo,
    Provider,
    ProviderType,
    Rate,
    Row,
    SheetSpec,
    columns,
)
from aiexp.output import write_atomic  # noqa: E402

DATA = Path(__file__).resolve().parent / "sample"
SAMPLES = REPO / "samples"
# The BOM's optional confidentiality columns are left out: no supplier line here is confidential.
BOM_COLUMNS = [
    c.key for c in columns(BomLine) if c.key not in ("confidential", "confidential_basis")
]
RATE_COLUMNS = ["currency", "usd_per_unit", "as_of", "source"]

D = Decimal
M = TypeVar("M", bound=BaseModel)


# -- reading scripts/sample/ ---------------------------------------------------------------------
def load_toml(name: str) -> dict[str, Any]:
    """A TOML file of scripts/sample/, its decimals read exactly (never through a float)."""
    with (DATA / name).open("rb") as handle:
        return tomllib.load(handle, parse_float=Decimal)


def validated(model: type[M], data: Any, where: str) -> M:
    """`data` as a `model`; bad data stops the script with the file and row it came from."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise SystemExit(f"scripts/sample/{where}: {exc}") from None


def load_sheet(spec: SheetSpec) -> list[Row]:
    """The rows of a sheet from scripts/sample/ATTRIBUTE.toml; `[defaults]` fill every row."""
    name = f"{spec.attribute}.toml"
    data = load_toml(name)
    defaults = data.get("defaults", {})
    return [
        validated(spec.row_model, {**defaults, **row}, f"{name}: row {number}")
        for number, row in enumerate(data[spec.attribute], start=1)
    ]


class Data(BaseModel):
    """A record of the sample's own data files (not a workbook row): unknown keys are typos."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Supplier(Data):
    """A BOM supplier and how it appears in the Providers sheet for Layer 1."""

    name: str
    country: str
    principal_place_of_business: str
    provider_type: ProviderType
    currency: str
    coc_ownership_pct: Decimal = D(0)
    confidential_basis: ConfidentialBasis | None = None
    description: str


class Item(Data):
    """A BOM item of bom_items.csv: one line per delivery lot, or one site-wide line."""

    scope: Literal["lot", "site"]
    code: str
    kind: BomKind
    quantity: int
    unit_value: int
    us_content_pct: int
    form: Literal["pct", "non_us", "both"]
    origin: str
    supplier: str
    description: str


class BomPlan(Data):
    """bom.toml: how the lots are priced, and who supplies what."""

    seed: int
    lots: int
    escalation_per_lot: Decimal
    noise_per_mille: int
    quote: str
    suppliers: list[Supplier]


@cache
def load_bom_plan() -> tuple[BomPlan, dict[str, Supplier], list[Item]]:
    """The BOM's parameters, its suppliers by name and its items, in file order."""
    plan = validated(BomPlan, load_toml("bom.toml"), "bom.toml")
    with (DATA / "bom_items.csv").open(encoding="utf-8", newline="") as handle:
        items = [
            validated(Item, row, f"bom_items.csv: line {number}")
            for number, row in enumerate(csv.DictReader(handle), start=2)
        ]
    suppliers = {s.name: s for s in plan.suppliers}
    unknown = sorted({i.supplier for i in items} - set(suppliers))
    if unknown:
        raise SystemExit(f"scripts/sample/bom_items.csv: suppliers not in bom.toml: {unknown}")
    return plan, suppliers, items


# -- the bill of materials (Layer 1) -------------------------------------------------------------
def _priced(base: int, currency: str, factor: Decimal) -> Decimal:
    """A lot's unit price: the base price moved by `factor`, in whole units (yen by the hundred)."""
    step = D(100) if currency == "JPY" else D(1)
    return (D(base) * factor / step).quantize(D(1)) * step


def _line(line_id: str, item: Item, supplier: Supplier, unit_value: Decimal, notes: str) -> BomLine:
    """A BOM line for an item, its U.S. content declared in the item's form."""
    pct = D(item.us_content_pct)
    # Whole-unit prices times whole percentages are exact in cents: the two forms agree exactly.
    non_us = (unit_value * (100 - pct) / 100).quantize(D("0.01"))
    return BomLine(
        line_id=line_id,
        description=item.description,
        kind=item.kind,
        supplier=supplier.name,
        supplier_country=supplier.country,
        supplier_principal_place_of_business=supplier.principal_place_of_business,
        supplier_coc_controlled=False,
        origin_country=item.origin,
        quantity=D(item.quantity),
        unit_value=unit_value,
        currency=supplier.currency,
        us_content_pct=pct if item.form in ("pct", "both") else None,
        non_us_unit_value=non_us if item.form in ("non_us", "both") else None,
        notes=notes,
    )


def build_bom() -> list[BomLine]:
    """The Layer 1 bill of materials: the delivery lots, then the site-wide lines."""
    plan, suppliers, items = load_bom_plan()
    rng = random.Random(plan.seed)
    lines: list[BomLine] = []
    lot_items = [item for item in items if item.scope == "lot"]
    for lot in range(1, plan.lots + 1):
        # Lots are quoted months apart: a small escalation per lot and some quote-to-quote noise.
        for number, item in enumerate(lot_items, start=1):
            noise = D(rng.randint(-plan.noise_per_mille, plan.noise_per_mille)) / 1000
            factor = 1 + D(lot - 1) * plan.escalation_per_lot + noise
            supplier = suppliers[item.supplier]
            unit_value = _priced(item.unit_value, supplier.currency, factor)
            notes = f"Delivery lot {lot}; quote {plan.quote}-{lot:02d}{number:02d}"
            lines.append(_line(f"SU{lot:02d}-{item.code}", item, supplier, unit_value, notes))
    for item in items:
        if item.scope == "site":
            supplier = suppliers[item.supplier]
            unit_value = _priced(item.unit_value, supplier.currency, D(1))
            notes = f"Site-wide; quote {plan.quote}-S01"
            lines.append(_line(f"SITE-{item.code}", item, supplier, unit_value, notes))
    return lines


def supplier_totals(bom: list[BomLine]) -> dict[str, Decimal]:
    """Each supplier's BOM value in its own currency (quantity times unit value, summed)."""
    totals: dict[str, Decimal] = {}
    for line in bom:
        assert line.supplier is not None
        assert line.unit_value is not None
        totals[line.supplier] = totals.get(line.supplier, D(0)) + line.quantity * line.unit_value
    return totals


def layer_one_providers(bom: list[BomLine], rates: list[Rate]) -> list[Provider]:
    """Layer 1 providers: one row per BOM supplier, valued as in the BOM (same currency)."""
    _plan, suppliers, _items = load_bom_plan()
    usd = {r.currency: r.usd_per_unit or D(1) for r in rates}
    totals = supplier_totals(bom)
    rows = []
    for name, total in sorted(
        totals.items(),
        key=lambda pair: (-pair[1] * usd.get(suppliers[pair[0]].currency, D(1)), pair[0]),
    ):
        supplier = suppliers[name]
        rows.append(
            Provider(
                layer=1,
                provider=name,
                provider_type=supplier.provider_type,
                country=supplier.country,
                principal_place_of_business=supplier.principal_place_of_business,
                coc_ownership_pct=supplier.coc_ownership_pct,
                coc_controlled=False,
                value=total.quantize(D("0.01")),
                currency=supplier.currency,
                description=supplier.description,
                confidential=supplier.confidential_basis is not None,
                confidential_basis=supplier.confidential_basis,
            )
        )
    return rows


# -- putting it together ---------------------------------------------------------------------------
def build_consortium(bom: list[BomLine]) -> Consortium:
    """The sample consortium; its BOM sheet stays empty so that bom.csv beside it is used."""
    sheets: dict[str, Any] = {
        spec.attribute: load_sheet(spec) for spec in SHEETS if spec.attribute not in ("info", "bom")
    }
    # A narrative's text is the cell's text: the blank lines around it in the TOML are dropped.
    sheets["narratives"] = [
        n.model_copy(update={"text": n.text.strip()}) for n in sheets["narratives"] if n.text
    ]
    sheets["providers"] = layer_one_providers(bom, sheets["rates"]) + sheets["providers"]
    info = validated(ConsortiumInfo, load_toml("info.toml"), "info.toml")
    return Consortium(info=info, bom=[], **sheets)


def _cell(value: object) -> str:
    """A model value as CSV text: decimals exactly, yes/no, enum values, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(getattr(value, "value", value))


def csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    """UTF-8 CSV with `\\n` line endings, so the bytes are the same on every platform."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def bom_csv(bom: list[BomLine]) -> bytes:
    """samples/bom.csv: the BomLine columns in order (without the confidentiality columns)."""
    return csv_bytes(BOM_COLUMNS, [[getattr(line, key) for key in BOM_COLUMNS] for line in bom])


def rates_csv(rates: list[Rate]) -> bytes:
    """samples/rates.csv: currency, usd_per_unit, as_of, source."""
    return csv_bytes(RATE_COLUMNS, [[getattr(r, key) for key in RATE_COLUMNS] for r in rates])


# The workbook's timestamps are pinned, so that running the script again changes no byte of it.
PINNED_TIME = (2026, 6, 15, 9, 0, 0)
PINNED_W3CDTF = "2026-06-15T09:00:00Z"
_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def pinned_xlsx(data: bytes) -> bytes:
    """The .xlsx package with fixed entry times and fixed created/modified properties."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                content = _W3CDTF.sub(rb"\g<1>" + PINNED_W3CDTF.encode() + rb"\g<2>", content)
            info = zipfile.ZipInfo(entry.filename, date_time=PINNED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return buffer.getvalue()


# -- broken variants (SPEC §7): the sample with one thing changed, each failing one rule --------
# The sheets a variant may change: every sheet of rows (not the Consortium sheet's fields).
LIST_SHEETS = tuple(spec.attribute for spec in SHEETS if spec.attribute != "info")


class Variant(Data):
    """A broken variant of broken.toml: which rows change, how, and the codes that follow."""

    change: str
    codes: tuple[str, ...]
    sheet: str
    where: dict[str, Any]
    updates: dict[str, Any] = Field(alias="set")

    def matches(self, row: Row) -> bool:
        """True when the row has every `where` column; a text is a shell-style pattern."""
        for key, wanted in self.where.items():
            if key not in type(row).model_fields:
                raise SystemExit(f"scripts/sample/broken.toml: {self.sheet} has no column {key}")
            value = getattr(row, key)
            if isinstance(wanted, str):
                if not (isinstance(value, str) and fnmatchcase(value, wanted)):
                    return False
            elif value != wanted:
                return False
        return True

    def apply(self, consortium: Consortium, bom: list[BomLine]) -> tuple[Consortium, list[BomLine]]:
        """The sample with this variant's change; a `where` that matches nothing is an error."""
        if self.sheet not in LIST_SHEETS:
            raise SystemExit(
                f"scripts/sample/broken.toml: {self.sheet} is not one of {LIST_SHEETS}"
            )
        # A list of the sheet's row model (BomLine for `bom`), so the changed rows are too.
        rows: list[Any] = bom if self.sheet == "bom" else getattr(consortium, self.sheet)
        if not any(self.matches(row) for row in rows):
            raise SystemExit(
                f"scripts/sample/broken.toml: no {self.sheet} row matches {self.where}"
            )
        changed = [
            validated(type(row), {**dict(row), **self.updates}, f"broken.toml: {self.sheet}")
            if self.matches(row)
            else row
            for row in rows
        ]
        if self.sheet == "bom":
            return consortium, changed
        return consortium.model_copy(update={self.sheet: changed}), bom


def load_variants() -> dict[str, Variant]:
    """The broken variants of broken.toml, by folder name."""
    return {
        name: validated(Variant, data, f"broken.toml: [{name}]")
        for name, data in load_toml("broken.toml").items()
    }


# folder under samples/broken/ -> (what is changed, the finding codes it gives besides info)
BROKEN = {name: (variant.apply, variant.codes) for name, variant in load_variants().items()}


def write_folder(folder: Path, consortium: Consortium, bom: list[BomLine]) -> None:
    """Write consortium.xlsx, bom.csv and rates.csv into `folder`."""
    from aiexp.workbook.template import workbook_bytes

    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / "bom.csv", bom_csv(bom))
    write_atomic(folder / "rates.csv", rates_csv(consortium.rates))
    write_atomic(folder / "consortium.xlsx", pinned_xlsx(workbook_bytes(consortium)))


def write_sample(folder: Path) -> None:
    """Write the sample into `folder`, and each broken variant into `folder/broken/NAME`."""
    bom = build_bom()
    consortium = build_consortium(bom)
    write_folder(folder, consortium, bom)
    for name, (change, _codes) in BROKEN.items():
        write_folder(folder / "broken" / name, *change(consortium, bom))


def main(argv: list[str] | None = None) -> int:
    """Command line: `python scripts/make_sample.py [--out DIR]`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SAMPLES, help="folder (default: samples/)")
    args = parser.parse_args(argv)
    write_sample(args.out)
    print(f"wrote {args.out / 'consortium.xlsx'}, bom.csv, rates.csv and {len(BROKEN)} variants")
    return 0


if __name__ == "__main__":
    sys.exit(main())
