"""Regenerate the sample consortium: samples/consortium.xlsx, samples/bom.csv, samples/rates.csv.

Run from the repository root:

    python scripts/make_sample.py            # writes into samples/
    python scripts/make_sample.py --out DIR  # writes into DIR (the tests use this)

Besides the sample it writes `broken/NAME/` variants: the sample with one thing changed, each
failing one rule (see BROKEN), for demonstrations and tests.

The consortium is fictional: every company, person, model and figure below is invented, and the
exchange rates are illustrative. It is meant to be a complete proposal that satisfies every rule
of SPEC §5 with no error and no warning, so that tests can break it one thing at a time.

The content is written as plain data (lists of model rows) so that it reads like the workbook
it becomes. Only the bill of materials is generated: eight delivery lots of the same scalable
unit, priced from a fixed random seed, so the output is the same on every run.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import re
import sys
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    # `python scripts/make_sample.py` from a checkout works without installing the package.
    sys.path.insert(0, str(REPO))

from aiexp.model import (  # noqa: E402
    AIModel,
    Baseline,
    BomKind,
    BomLine,
    ConfidentialBasis,
    Consortium,
    ConsortiumInfo,
    ExportControlItem,
    FederalSupport,
    Framework,
    Jurisdiction,
    LayerOffering,
    Market,
    Member,
    Narrative,
    NarrativeSection,
    Operation,
    OperationFunction,
    Provider,
    ProviderType,
    Rate,
    Role,
    SecurityMeasure,
    SupportFunction,
    SupportType,
    columns,
)
from aiexp.output import write_atomic  # noqa: E402

SEED = 2026
SAMPLES = REPO / "samples"
# The BOM's optional confidentiality columns are left out: no supplier line here is confidential.
BOM_COLUMNS = [
    c.key for c in columns(BomLine) if c.key not in ("confidential", "confidential_basis")
]
RATE_COLUMNS = ["currency", "usd_per_unit", "as_of", "source"]

ANCHOR = "Meridian Compute Systems, Inc."
COBALT = "Cobalt Ridge Semiconductor Corp."
HOSHIZORA = "Hoshizora Photonics K.K."
STRATOS = "Stratos Sovereign Cloud, Inc."
HALVORSEN = "Halvorsen Data Works, Inc."
LINDENAU = "Lindenau Sprachdaten GmbH"
LARKSPUR = "Larkspur Reasoning Labs, Inc."
BLUE_LANTERN = "Blue Lantern Cyber Defense, LLC"
PRAIRIE = "Prairie Signal Civic Software, Inc."
NOORDLICHT = "Stichting Noordlicht AI Research"

D = Decimal


# -- exchange rates ------------------------------------------------------------------------------
RATES_AS_OF = dt.date(2026, 5, 29)
RATES_SOURCE = (
    "Illustrative rates for this fictional sample, in the form of the Federal Reserve H.10 "
    "noon buying rates; replace with the published rates of your valuation date"
)
RATES = [
    Rate(currency="EUR", usd_per_unit=D("1.1420"), as_of=RATES_AS_OF, source=RATES_SOURCE),
    Rate(currency="GBP", usd_per_unit=D("1.3380"), as_of=RATES_AS_OF, source=RATES_SOURCE),
    Rate(currency="JPY", usd_per_unit=D("0.006920"), as_of=RATES_AS_OF, source=RATES_SOURCE),
]


# -- the bill of materials (Layer 1) -------------------------------------------------------------
@dataclass(frozen=True)
class Supplier:
    """A BOM supplier and how it appears in the Providers sheet for Layer 1."""

    name: str
    country: str
    principal_place_of_business: str
    provider_type: ProviderType
    currency: str
    description: str


SUPPLIERS = {
    s.name: s
    for s in (
        Supplier(
            COBALT,
            "US",
            "US",
            ProviderType.MEMBER,
            "USD",
            "CR-900 AI accelerator modules, wafer fabrication and final test in Arizona",
        ),
        Supplier(
            ANCHOR,
            "US",
            "US",
            ProviderType.MEMBER,
            "USD",
            "MX-8 accelerator servers, head nodes, rack integration, fleet software, project "
            "engineering and commissioning",
        ),
        Supplier(
            STRATOS,
            "US",
            "US",
            ProviderType.MEMBER,
            "USD",
            "Sovereign cloud control plane and reserved accelerator capacity in U.S. regions",
        ),
        Supplier(
            HOSHIZORA,
            "JP",
            "JP",
            ProviderType.MEMBER,
            "JPY",
            "800G and 400G optical transceivers for the back-end and spine fabrics",
        ),
        Supplier(
            "Tamarack Silicon Devices, Inc.",
            "US",
            "US",
            ProviderType.VENDOR,
            "USD",
            "Host processors for the accelerator servers and head nodes",
        ),
        Supplier(
            "Seorak Memory Solutions Co., Ltd.",
            "KR",
            "KR",
            ProviderType.VENDOR,
            "USD",
            "DDR5 registered memory modules",
        ),
        Supplier(
            "Granite Peak Storage, Inc.",
            "US",
            "US",
            ProviderType.VENDOR,
            "USD",
            "NVMe drives, parallel file system nodes and object storage",
        ),
        Supplier(
            "Ashgrove Networks, Inc.",
            "US",
            "US",
            ProviderType.VENDOR,
            "USD",
            "800G leaf and spine switches, network interface cards, management and border "
            "network equipment",
        ),
        Supplier(
            "Jade Harbor Interconnect Co., Ltd.",
            "TW",
            "TW",
            ProviderType.VENDOR,
            "USD",
            "Direct-attach copper cables and structured fibre cabling",
        ),
        Supplier(
            "Cedar Fork Power Systems, Inc.",
            "US",
            "US",
            ProviderType.VENDOR,
            "USD",
            "Power distribution units, busway, modular UPS and standby generation",
        ),
        Supplier(
            "Skagerrak Thermal Systems A/S",
            "DK",
            "DK",
            ProviderType.VENDOR,
            "EUR",
            "Coolant distribution units, rear-door heat exchangers, leak detection and dry coolers",
        ),
        Supplier(
            "Pennine Rack & Enclosure Ltd",
            "GB",
            "GB",
            ProviderType.VENDOR,
            "GBP",
            "Liquid-cooling-ready racks and cable management",
        ),
        Supplier(
            "Red Mesa Fire Protection, LLC",
            "US",
            "US",
            ProviderType.VENDOR,
            "USD",
            "Clean-agent fire suppression for the data halls",
        ),
        Supplier(
            "Ridgeline Physical Security, Inc.",
            "US",
            "US",
            ProviderType.VENDOR,
            "USD",
            "Access control, video surveillance and intrusion detection for the data halls",
        ),
        Supplier(
            "Pecos River Critical Facilities, LLC",
            "US",
            "US",
            ProviderType.SUBCONTRACTOR,
            "USD",
            "On-site installation, cabling and mechanical and electrical integration, under "
            "subcontract to Meridian Compute Systems",
        ),
        Supplier(
            "Sahil Data Centre Services L.L.C.",
            "AE",
            "AE",
            ProviderType.LOCAL_PARTNER,
            "USD",
            "Site preparation, rigging, local installation labour and first-line hardware "
            "maintenance in the Gulf",
        ),
    )
}


@dataclass(frozen=True)
class Item:
    """A BOM item: one line per delivery lot (or one site-wide line).

    `form` says how its U.S. content is declared: `pct` (us_content_pct), `non_us` (ITA's
    subtractive form, non_us_unit_value) or `both` (they agree exactly).
    """

    code: str
    description: str
    supplier: str
    origin: str
    quantity: int
    unit_value: int
    us_content_pct: int
    form: str = "pct"
    kind: BomKind = BomKind.GOOD


# One scalable unit: 32 MX-8 servers with 8 CR-900 accelerators each, their fabric, storage,
# racks, power and cooling, installed and commissioned. The reference deployment is eight units
# (2,048 accelerators) delivered in eight lots.
LOT_ITEMS = [
    Item(
        code="ACC",
        description="CR-900 AI accelerator module, 144 GB HBM3E",
        supplier=COBALT,
        origin="US",
        quantity=256,
        unit_value=26400,
        us_content_pct=68,
    ),
    Item(
        code="SRV",
        description=(
            "MX-8 accelerator server (chassis, baseboard, cooling plates), assembled in Texas"
        ),
        supplier=ANCHOR,
        origin="US",
        quantity=32,
        unit_value=61800,
        us_content_pct=72,
        form="non_us",
    ),
    Item(
        code="CPU",
        description="Host processor, 64-core, two per server",
        supplier="Tamarack Silicon Devices, Inc.",
        origin="MY",
        quantity=64,
        unit_value=9850,
        us_content_pct=55,
    ),
    Item(
        code="MEM",
        description="DDR5 registered memory module, 64 GB",
        supplier="Seorak Memory Solutions Co., Ltd.",
        origin="KR",
        quantity=1024,
        unit_value=412,
        us_content_pct=0,
    ),
    Item(
        code="NVM",
        description="NVMe data drive, 7.68 TB",
        supplier="Granite Peak Storage, Inc.",
        origin="US",
        quantity=128,
        unit_value=1180,
        us_content_pct=35,
    ),
    Item(
        code="NIC",
        description="400G network interface card, back-end fabric",
        supplier="Ashgrove Networks, Inc.",
        origin="US",
        quantity=256,
        unit_value=1650,
        us_content_pct=60,
    ),
    Item(
        code="LEAF",
        description="Leaf switch, 64 x 800G, AI back-end fabric",
        supplier="Ashgrove Networks, Inc.",
        origin="US",
        quantity=4,
        unit_value=48500,
        us_content_pct=62,
        form="both",
    ),
    Item(
        code="OPT8",
        description="800G OSFP optical transceiver",
        supplier=HOSHIZORA,
        origin="JP",
        quantity=512,
        unit_value=118000,
        us_content_pct=6,
    ),
    Item(
        code="OPT4",
        description="400G QSFP112 optical transceiver",
        supplier=HOSHIZORA,
        origin="JP",
        quantity=256,
        unit_value=86000,
        us_content_pct=6,
    ),
    Item(
        code="DAC",
        description="Direct-attach copper cable, 800G, 2 m",
        supplier="Jade Harbor Interconnect Co., Ltd.",
        origin="TW",
        quantity=128,
        unit_value=185,
        us_content_pct=0,
    ),
    Item(
        code="MGMT",
        description="Management switch, 48 x 10G",
        supplier="Ashgrove Networks, Inc.",
        origin="US",
        quantity=1,
        unit_value=9400,
        us_content_pct=62,
    ),
    Item(
        code="RACK",
        description="42U liquid-cooling-ready rack with rear-door mounting",
        supplier="Pennine Rack & Enclosure Ltd",
        origin="GB",
        quantity=8,
        unit_value=6250,
        us_content_pct=0,
    ),
    Item(
        code="CBL",
        description="Vertical cable management and labelling kit",
        supplier="Pennine Rack & Enclosure Ltd",
        origin="GB",
        quantity=8,
        unit_value=420,
        us_content_pct=0,
    ),
    Item(
        code="PDU",
        description="Intelligent PDU, three-phase 415 V, metered per outlet",
        supplier="Cedar Fork Power Systems, Inc.",
        origin="US",
        quantity=16,
        unit_value=3350,
        us_content_pct=78,
    ),
    Item(
        code="BUS",
        description="Overhead busway with tap-off boxes, per row",
        supplier="Cedar Fork Power Systems, Inc.",
        origin="US",
        quantity=1,
        unit_value=38600,
        us_content_pct=80,
    ),
    Item(
        code="UPS",
        description="Modular UPS, 500 kW, lithium-ion, 2N pair per unit",
        supplier="Cedar Fork Power Systems, Inc.",
        origin="US",
        quantity=2,
        unit_value=142000,
        us_content_pct=74,
        form="non_us",
    ),
    Item(
        code="CDU",
        description="Coolant distribution unit, 500 kW, in-row",
        supplier="Skagerrak Thermal Systems A/S",
        origin="DK",
        quantity=1,
        unit_value=214000,
        us_content_pct=12,
    ),
    Item(
        code="RDHX",
        description="Rear-door heat exchanger, 40 kW",
        supplier="Skagerrak Thermal Systems A/S",
        origin="DK",
        quantity=8,
        unit_value=11900,
        us_content_pct=12,
    ),
    Item(
        code="LEAK",
        description="Leak detection cable and controller, per row",
        supplier="Skagerrak Thermal Systems A/S",
        origin="DK",
        quantity=1,
        unit_value=7800,
        us_content_pct=12,
    ),
    Item(
        code="STO",
        description="Parallel file system node, 1 PB usable, NVMe",
        supplier="Granite Peak Storage, Inc.",
        origin="US",
        quantity=1,
        unit_value=386000,
        us_content_pct=58,
        form="non_us",
    ),
    Item(
        code="FLEET",
        description="Meridian fleet management software, per server, five-year term",
        supplier=ANCHOR,
        origin="US",
        quantity=32,
        unit_value=2400,
        us_content_pct=100,
        kind=BomKind.SERVICE,
    ),
    Item(
        code="INT",
        description="Rack integration, burn-in and factory acceptance testing in Round Rock, Texas",
        supplier=ANCHOR,
        origin="US",
        quantity=1,
        unit_value=96000,
        us_content_pct=100,
        kind=BomKind.SERVICE,
    ),
    Item(
        code="INST",
        description="On-site installation, cabling and mechanical and electrical integration",
        supplier="Pecos River Critical Facilities, LLC",
        origin="US",
        quantity=1,
        unit_value=84000,
        us_content_pct=85,
        kind=BomKind.SERVICE,
    ),
    Item(
        code="LOCAL",
        description="Site preparation, rigging and local installation labour",
        supplier="Sahil Data Centre Services L.L.C.",
        origin="AE",
        quantity=1,
        unit_value=41500,
        us_content_pct=0,
        kind=BomKind.SERVICE,
    ),
    Item(
        code="COMM",
        description="Commissioning and performance acceptance testing",
        supplier=ANCHOR,
        origin="US",
        quantity=1,
        unit_value=58000,
        us_content_pct=92,
        form="both",
        kind=BomKind.SERVICE,
    ),
]

SITE_ITEMS = [
    Item(
        code="SPINE",
        description="Spine switch, 64 x 800G",
        supplier="Ashgrove Networks, Inc.",
        origin="US",
        quantity=16,
        unit_value=52000,
        us_content_pct=62,
    ),
    Item(
        code="SPOPT",
        description="800G OSFP optical transceiver, spine layer",
        supplier=HOSHIZORA,
        origin="JP",
        quantity=1024,
        unit_value=118000,
        us_content_pct=6,
    ),
    Item(
        code="FIBRE",
        description="Structured fibre trunks, cassettes and patch panels",
        supplier="Jade Harbor Interconnect Co., Ltd.",
        origin="TW",
        quantity=1,
        unit_value=186000,
        us_content_pct=0,
    ),
    Item(
        code="BORDER",
        description="Border gateway and firewall appliance pair, 400G",
        supplier="Ashgrove Networks, Inc.",
        origin="US",
        quantity=2,
        unit_value=118000,
        us_content_pct=64,
    ),
    Item(
        code="HEAD",
        description="Cluster head and login node, MX-2",
        supplier=ANCHOR,
        origin="US",
        quantity=6,
        unit_value=24800,
        us_content_pct=70,
        form="both",
    ),
    Item(
        code="HCPU",
        description="Host processor for head nodes, 64-core",
        supplier="Tamarack Silicon Devices, Inc.",
        origin="MY",
        quantity=12,
        unit_value=9850,
        us_content_pct=55,
    ),
    Item(
        code="OBJ",
        description="Object storage node, 4 PB usable, for datasets and model checkpoints",
        supplier="Granite Peak Storage, Inc.",
        origin="US",
        quantity=4,
        unit_value=212000,
        us_content_pct=58,
    ),
    Item(
        code="GEN",
        description="Standby generator set, 2,000 kVA, with paralleling switchgear",
        supplier="Cedar Fork Power Systems, Inc.",
        origin="US",
        quantity=3,
        unit_value=690000,
        us_content_pct=70,
        form="non_us",
    ),
    Item(
        code="DRY",
        description="Adiabatic dry cooler, 600 kW",
        supplier="Skagerrak Thermal Systems A/S",
        origin="DK",
        quantity=8,
        unit_value=168000,
        us_content_pct=10,
    ),
    Item(
        code="FIRE",
        description="Clean-agent fire suppression system, two data halls",
        supplier="Red Mesa Fire Protection, LLC",
        origin="US",
        quantity=1,
        unit_value=128000,
        us_content_pct=64,
    ),
    Item(
        code="PHYS",
        description="Access control, video surveillance and intrusion detection, two data halls",
        supplier="Ridgeline Physical Security, Inc.",
        origin="US",
        quantity=1,
        unit_value=96000,
        us_content_pct=52,
    ),
    Item(
        code="SPARE",
        description="On-site spares pool: accelerators, servers, optics and drives",
        supplier=ANCHOR,
        origin="US",
        quantity=1,
        unit_value=1240000,
        us_content_pct=61,
    ),
    Item(
        code="CLOUD",
        description="Sovereign cloud control plane (identity, orchestration, metering), 36 months",
        supplier=STRATOS,
        origin="US",
        quantity=1,
        unit_value=1850000,
        us_content_pct=88,
        kind=BomKind.SERVICE,
    ),
    Item(
        code="BURST",
        description=(
            "Reserved accelerator capacity in U.S. regions for overflow training, 36 months"
        ),
        supplier=STRATOS,
        origin="US",
        quantity=1,
        unit_value=2400000,
        us_content_pct=90,
        kind=BomKind.SERVICE,
    ),
    Item(
        code="PMO",
        description="Programme management and systems engineering, design through handover",
        supplier=ANCHOR,
        origin="US",
        quantity=1,
        unit_value=420000,
        us_content_pct=96,
        kind=BomKind.SERVICE,
    ),
    Item(
        code="TRAIN",
        description="Hardware operations training for customer staff, ten days on site",
        supplier=ANCHOR,
        origin="US",
        quantity=1,
        unit_value=64000,
        us_content_pct=90,
        kind=BomKind.SERVICE,
    ),
    Item(
        code="SITEINST",
        description="Installation of spine, storage and facility systems",
        supplier="Pecos River Critical Facilities, LLC",
        origin="US",
        quantity=1,
        unit_value=212000,
        us_content_pct=85,
        kind=BomKind.SERVICE,
    ),
    Item(
        code="SITELOCAL",
        description="Civil works supervision, permits and local logistics",
        supplier="Sahil Data Centre Services L.L.C.",
        origin="AE",
        quantity=1,
        unit_value=96000,
        us_content_pct=0,
        kind=BomKind.SERVICE,
    ),
    Item(
        code="MAINT",
        description="First-line hardware maintenance, 36 months, in-country",
        supplier="Sahil Data Centre Services L.L.C.",
        origin="AE",
        quantity=1,
        unit_value=310000,
        us_content_pct=0,
        kind=BomKind.SERVICE,
    ),
    Item(
        code="WARR",
        description="Extended hardware warranty and advance replacement, years 2 and 3",
        supplier=ANCHOR,
        origin="US",
        quantity=1,
        unit_value=880000,
        us_content_pct=82,
        kind=BomKind.SERVICE,
    ),
]

LOTS = 8


def _priced(base: int, currency: str, factor: Decimal) -> Decimal:
    """A lot's unit price: the base price moved by `factor`, in whole units (yen by the hundred)."""
    step = D(100) if currency == "JPY" else D(1)
    return (D(base) * factor / step).quantize(D(1)) * step


def _line(line_id: str, item: Item, unit_value: Decimal, notes: str) -> BomLine:
    """A BOM line for an item, its U.S. content declared in the item's form."""
    supplier = SUPPLIERS[item.supplier]
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
    """The Layer 1 bill of materials: eight delivery lots and the site-wide lines."""
    rng = random.Random(SEED)
    lines: list[BomLine] = []
    for lot in range(1, LOTS + 1):
        # Lots are quoted months apart: a small escalation per lot and some quote-to-quote noise.
        for number, item in enumerate(LOT_ITEMS, start=1):
            factor = 1 + D(lot - 1) * D("0.004") + D(rng.randint(-8, 8)) / 1000
            supplier = SUPPLIERS[item.supplier]
            unit_value = _priced(item.unit_value, supplier.currency, factor)
            notes = f"Delivery lot {lot}; quote MCS-Q26-{lot:02d}{number:02d}"
            lines.append(_line(f"SU{lot:02d}-{item.code}", item, unit_value, notes))
    for item in SITE_ITEMS:
        supplier = SUPPLIERS[item.supplier]
        unit_value = _priced(item.unit_value, supplier.currency, D(1))
        lines.append(_line(f"SITE-{item.code}", item, unit_value, "Site-wide; quote MCS-Q26-S01"))
    return lines


def supplier_totals(bom: list[BomLine]) -> dict[str, Decimal]:
    """Each supplier's BOM value in its own currency (quantity times unit value, summed)."""
    totals: dict[str, Decimal] = {}
    for line in bom:
        assert line.supplier is not None
        assert line.unit_value is not None
        totals[line.supplier] = totals.get(line.supplier, D(0)) + line.quantity * line.unit_value
    return totals


# -- the Consortium sheet ------------------------------------------------------------------------
INFO = ConsortiumInfo(
    consortium_name="Meridian Allied AI Consortium",
    package_name="Meridian Sovereign AI Stack",
    anchor_member=ANCHOR,
    contact_name="Elena Marquez-Hart",
    contact_title="Vice President, Government and International Programs",
    contact_email="elena.marquez-hart@meridian-compute.example",
    contact_phone="+1 512 555 0142",
    submission_date=dt.date(2026, 6, 15),
    is_resubmission=False,
)


# -- Members ---------------------------------------------------------------------------------------
MEMBERS = [
    Member(
        name=ANCHOR,
        role=Role.ANCHOR,
        layers=[1],
        country_of_incorporation="US",
        principal_place_of_business="US",
        coc_ownership_pct=D(0),
        coc_controlled=False,
        us_ownership_pct=D(100),
        international_experience=True,
        multi_country_capacity=True,
        nce_requested=False,
        description=(
            "Anchor member and prime contractor. A Delaware corporation headquartered in Austin, "
            "Texas, that designs and assembles the MX-8 accelerator servers in Round Rock, "
            "integrates the Layer 1 infrastructure, manages multi-country delivery and is the "
            "Program's single point of contact. It has delivered high-performance computing "
            "systems in eleven countries since 2014."
        ),
    ),
    Member(
        name=COBALT,
        role=Role.MEMBER,
        layers=[1],
        country_of_incorporation="US",
        principal_place_of_business="US",
        coc_ownership_pct=D(0),
        coc_controlled=False,
        us_ownership_pct=D("91.5"),
        description=(
            "Designs the CR-900 AI accelerator and manufactures it at its wafer fabrication and "
            "test facility in Chandler, Arizona; the largest Layer 1 provider by value."
        ),
    ),
    Member(
        name=HOSHIZORA,
        role=Role.MEMBER,
        layers=[1],
        country_of_incorporation="JP",
        principal_place_of_business="JP",
        ultimate_parent="Hoshizora Holdings Co., Ltd.",
        ultimate_parent_country="JP",
        ultimate_parent_principal_place_of_business="JP",
        coc_ownership_pct=D("0.4"),
        coc_controlled=False,
        us_ownership_pct=D("6.2"),
        description=(
            "Supplies the 800G and 400G optical transceivers of the accelerator and spine "
            "fabrics from its plant in Sendai, Japan. Its parent is listed on the Tokyo Stock "
            "Exchange; the 0.4 % country-of-concern figure is passive index-fund holdings shown "
            "in its most recent shareholder register."
        ),
    ),
    Member(
        name=STRATOS,
        role=Role.MEMBER,
        layers=[1, 4],
        country_of_incorporation="US",
        principal_place_of_business="US",
        ultimate_parent="Stratos Infrastructure Holdings, Inc.",
        ultimate_parent_country="US",
        ultimate_parent_principal_place_of_business="US",
        coc_ownership_pct=D(0),
        coc_controlled=False,
        us_ownership_pct=D(100),
        description=(
            "Provides the sovereign cloud control plane, reserved overflow capacity in U.S. "
            "regions, and confidential-computing and key-management services; operates the "
            "deployed clusters under managed-service agreements."
        ),
    ),
    Member(
        name=HALVORSEN,
        role=Role.MEMBER,
        layers=[2],
        country_of_incorporation="US",
        principal_place_of_business="US",
        coc_ownership_pct=D(0),
        coc_controlled=False,
        us_ownership_pct=D(100),
        description=(
            "Builds the data pipelines: ingestion, de-identification, quality control, "
            "labeling workflow and dataset lineage for each customer's data estate."
        ),
    ),
    Member(
        name=LINDENAU,
        role=Role.MEMBER,
        layers=[2],
        country_of_incorporation="DE",
        principal_place_of_business="DE",
        coc_ownership_pct=D(0),
        coc_controlled=False,
        us_ownership_pct=D(0),
        description=(
            "Leipzig-based specialist in multilingual speech and text data; curates and labels "
            "Arabic, Filipino and Polish evaluation and fine-tuning datasets."
        ),
    ),
    Member(
        name=LARKSPUR,
        role=Role.MEMBER,
        layers=[3],
        country_of_incorporation="US",
        principal_place_of_business="US",
        coc_ownership_pct=D(0),
        coc_controlled=False,
        us_ownership_pct=D(84),
        description=(
            "Develops and owns the Larkspur L2 model family; fine-tunes models for each market "
            "and is the U.S. support provider for the open-weight Noordlicht-13B model "
            "(deployment, integration, fine-tuning, security and support)."
        ),
    ),
    Member(
        name=BLUE_LANTERN,
        role=Role.MEMBER,
        layers=[4],
        country_of_incorporation="US",
        principal_place_of_business="US",
        coc_ownership_pct=D(0),
        coc_controlled=False,
        us_ownership_pct=D(100),
        description=(
            "Secures the models and systems: AI red-teaming, model and supply-chain scanning, "
            "a 24x7 security operations service and incident response."
        ),
    ),
    Member(
        name=PRAIRIE,
        role=Role.MEMBER,
        layers=[5],
        country_of_incorporation="US",
        principal_place_of_business="US",
        coc_ownership_pct=D(0),
        coc_controlled=False,
        us_ownership_pct=D(100),
        description=(
            "Builds the sector applications: a caseworker assistant for public services, a "
            "clinical documentation assistant and an agricultural advisory service."
        ),
    ),
]


# -- Providers -------------------------------------------------------------------------------------
def layer_one_providers(bom: list[BomLine]) -> list[Provider]:
    """Layer 1 providers: one row per BOM supplier, valued as in the BOM (same currency)."""
    totals = supplier_totals(bom)
    rows = []
    for name, total in sorted(
        totals.items(), key=lambda pair: (-pair[1] * _rate(pair[0]), pair[0])
    ):
        supplier = SUPPLIERS[name]
        confidential = supplier.provider_type is ProviderType.SUBCONTRACTOR
        rows.append(
            Provider(
                layer=1,
                provider=name,
                provider_type=supplier.provider_type,
                country=supplier.country,
                principal_place_of_business=supplier.principal_place_of_business,
                coc_ownership_pct=D(0) if name != HOSHIZORA else D("0.4"),
                coc_controlled=False,
                value=total.quantize(D("0.01")),
                currency=supplier.currency,
                description=supplier.description,
                # The subcontract price is commercially sensitive (Section VII).
                confidential=confidential,
                confidential_basis=ConfidentialBasis.COMMERCIAL if confidential else None,
            )
        )
    return rows


def _rate(supplier: str) -> Decimal:
    currency = SUPPLIERS[supplier].currency
    return next((r.usd_per_unit for r in RATES if r.currency == currency), D(1)) or D(1)


def _provider(
    layer: int,
    name: str,
    provider_type: ProviderType,
    country: str,
    value: str,
    description: str,
    currency: str = "USD",
) -> Provider:
    """A provider row of layers 2-5 (none of them has a country-of-concern interest)."""
    return Provider(
        layer=layer,
        provider=name,
        provider_type=provider_type,
        country=country,
        principal_place_of_business=country,
        coc_ownership_pct=D(0),
        coc_controlled=False,
        value=D(value),
        currency=currency,
        description=description,
    )


OTHER_PROVIDERS = [
    _provider(
        2,
        HALVORSEN,
        ProviderType.MEMBER,
        "US",
        "6200000",
        "Data pipeline platform licences, pipeline engineering and labeling operations, 36 months",
    ),
    _provider(
        2,
        LINDENAU,
        ProviderType.MEMBER,
        "DE",
        "2150000",
        "Arabic, Filipino and Polish speech and text datasets; evaluation set curation",
        "EUR",
    ),
    _provider(
        2,
        "Pinecrest Annotation Services, LLC",
        ProviderType.SUBCONTRACTOR,
        "US",
        "1100000",
        "Expert annotation (clinical, legal, agronomy) under subcontract to Halvorsen Data Works",
    ),
    _provider(
        2,
        "Luzon Data Annotation Corp.",
        ProviderType.SUBCONTRACTOR,
        "PH",
        "640000",
        "Filipino and English annotation in Manila under subcontract to Halvorsen Data Works",
    ),
    _provider(
        2,
        "Quarry Lake Data Catalog, Inc.",
        ProviderType.VENDOR,
        "US",
        "480000",
        "Data catalog and lineage software licences",
    ),
    _provider(
        3,
        LARKSPUR,
        ProviderType.MEMBER,
        "US",
        "14500000",
        "Larkspur L2 model licences, market fine-tuning, evaluation and model support, 36 months",
    ),
    _provider(
        3,
        NOORDLICHT,
        ProviderType.VENDOR,
        "NL",
        "240000",
        "Model documentation and safety evaluation reports for Noordlicht-13B",
        "EUR",
    ),
    _provider(
        4,
        BLUE_LANTERN,
        ProviderType.MEMBER,
        "US",
        "7400000",
        "AI red-teaming, model scanning, 24x7 security operations and incident response, 36 months",
    ),
    _provider(
        4,
        STRATOS,
        ProviderType.MEMBER,
        "US",
        "2300000",
        "Confidential computing, key management and sovereign identity services, 36 months",
    ),
    _provider(
        4,
        "Ironbark Hardware Security, Inc.",
        ProviderType.VENDOR,
        "US",
        "620000",
        "FIPS 140-3 Level 3 hardware security modules for customer-held keys",
    ),
    _provider(
        4,
        "Wisła Cyfrowa Integracja sp. z o.o.",
        ProviderType.LOCAL_PARTNER,
        "PL",
        "260000",
        "Polish-language security operations liaison and on-site incident support in Poland",
        "EUR",
    ),
    _provider(
        5,
        PRAIRIE,
        ProviderType.MEMBER,
        "US",
        "9800000",
        "Caseworker, clinical documentation and agricultural advisory applications, "
        "licences and configuration, 36 months",
    ),
    _provider(
        5,
        "Wadi Health Informatics FZ-LLC",
        ProviderType.SUBCONTRACTOR,
        "AE",
        "780000",
        "Integration of the clinical documentation assistant with Gulf hospital record "
        "systems, under subcontract to Prairie Signal",
    ),
    _provider(
        5,
        "Bayanihan Systems Integration Corp.",
        ProviderType.LOCAL_PARTNER,
        "PH",
        "540000",
        "Local deployment, user training and help desk for the Philippine public-service "
        "applications",
    ),
    _provider(
        5,
        "Saltmarsh Geospatial, Inc.",
        ProviderType.VENDOR,
        "US",
        "310000",
        "Satellite-derived soil and crop data licences for the agricultural advisory service",
    ),
]


# -- Layers ----------------------------------------------------------------------------------------
LAYERS = [
    LayerOffering(
        layer=1,
        offering=(
            "A reference sovereign AI cluster of eight scalable units: 256 MX-8 servers with "
            "2,048 CR-900 accelerators on an 800G non-blocking fabric, 8 PB of parallel file "
            "system storage and 16 PB of object storage, in liquid-cooled racks with UPS and "
            "standby generation. Meridian Compute Systems assembles and tests every rack in "
            "Texas before shipment and installs it with its U.S. subcontractor and a local "
            "partner; Stratos Sovereign Cloud adds the cloud control plane and reserved U.S. "
            "capacity for overflow training. The cluster scales down to a single unit for "
            "smaller buyers."
        ),
    ),
    LayerOffering(
        layer=2,
        offering=(
            "Halvorsen Data Works deploys a data pipeline inside the customer's environment: "
            "ingestion connectors, de-identification, quality checks, a labeling workbench and "
            "dataset lineage. Lindenau Sprachdaten supplies curated Arabic, Filipino and Polish "
            "speech and text corpora and builds the evaluation sets each market needs. Expert "
            "annotation is performed under subcontract, and no customer data leaves the country "
            "without the customer's written instruction."
        ),
    ),
    LayerOffering(
        layer=3,
        offering=(
            "Larkspur Reasoning Labs provides its closed Larkspur L2-70B and L2-Mini models, "
            "fine-tuned for each market's languages and public-service vocabulary, hosted on "
            "the in-country cluster. For buyers that require inspectable weights, the package "
            "includes the open-weight Noordlicht-13B model from a Dutch research foundation, "
            "deployed, integrated, fine-tuned, secured and supported by Larkspur. Every model "
            "ships with a model card, an evaluation report and a documented update schedule."
        ),
    ),
    LayerOffering(
        layer=4,
        offering=(
            "Blue Lantern Cyber Defense red-teams every model release, scans model artefacts "
            "and software dependencies, and runs a 24x7 security operations service with "
            "incident response. Stratos Sovereign Cloud adds confidential computing, "
            "customer-held keys in hardware security modules and sovereign identity. The "
            "controls are mapped to the NIST Cybersecurity Framework 2.0 and the SP 800-53B "
            "moderate baseline, and to ISO/IEC 27001 where a buyer requires it."
        ),
    ),
    LayerOffering(
        layer=5,
        offering=(
            "Prairie Signal Civic Software provides three applications built on the Larkspur "
            "models: a caseworker assistant that drafts benefit and permit decisions for human "
            "review, a clinical documentation assistant for hospital physicians, and an "
            "agricultural advisory service that answers farmers by voice in local languages. "
            "Local partners localise, deploy and support the applications in each market."
        ),
    ),
]


# -- Models ----------------------------------------------------------------------------------------
MODELS = [
    AIModel(
        model="Larkspur L2-70B",
        layer=3,
        ip_owner=LARKSPUR,
        ip_owner_country="US",
        ip_owner_us_ownership_pct=D(84),
        ip_owner_coc_ownership_pct=D(0),
        ip_owner_coc_controlled=False,
        open_weight=False,
        developer=LARKSPUR,
        developer_country="US",
        developer_principal_place_of_business="US",
        developer_coc_ownership_pct=D(0),
        developer_coc_controlled=False,
        description=(
            "70-billion-parameter multilingual language model for drafting, summarisation and "
            "retrieval-augmented question answering; weights stay on the in-country cluster."
        ),
    ),
    AIModel(
        model="Larkspur L2-Mini",
        layer=3,
        ip_owner=LARKSPUR,
        ip_owner_country="US",
        ip_owner_us_ownership_pct=D(84),
        ip_owner_coc_ownership_pct=D(0),
        ip_owner_coc_controlled=False,
        open_weight=False,
        developer=LARKSPUR,
        developer_country="US",
        developer_principal_place_of_business="US",
        developer_coc_ownership_pct=D(0),
        developer_coc_controlled=False,
        description=(
            "8-billion-parameter model for speech transcription, classification and on-premises "
            "use at hospitals and agricultural extension offices."
        ),
    ),
    AIModel(
        model="Noordlicht-13B",
        layer=3,
        ip_owner=NOORDLICHT,
        ip_owner_country="NL",
        ip_owner_us_ownership_pct=D(0),
        ip_owner_coc_ownership_pct=D(0),
        ip_owner_coc_controlled=False,
        open_weight=True,
        developer=NOORDLICHT,
        developer_country="NL",
        developer_principal_place_of_business="NL",
        developer_coc_ownership_pct=D(0),
        developer_coc_controlled=False,
        us_support_provider=LARKSPUR,
        support_functions=[
            SupportFunction.DEPLOYMENT,
            SupportFunction.INTEGRATION,
            SupportFunction.FINE_TUNING,
            SupportFunction.SECURITY,
            SupportFunction.SUPPORT,
        ],
        description=(
            "Open-weight 13-billion-parameter model from a Dutch non-profit research "
            "foundation, offered to buyers whose rules require inspectable weights."
        ),
    ),
    AIModel(
        model="Prairie Signal Caseworker Assistant",
        layer=5,
        ip_owner=PRAIRIE,
        ip_owner_country="US",
        ip_owner_us_ownership_pct=D(100),
        ip_owner_coc_ownership_pct=D(0),
        ip_owner_coc_controlled=False,
        open_weight=False,
        developer=PRAIRIE,
        developer_country="US",
        developer_principal_place_of_business="US",
        developer_coc_ownership_pct=D(0),
        developer_coc_controlled=False,
        description=(
            "Retrieval and ranking models inside the caseworker application, fine-tuned from "
            "Larkspur L2-Mini on each agency's published rules."
        ),
    ),
]


# -- Security --------------------------------------------------------------------------------------
# Every CSF 2.0 and SP 800-53 Rev. 5 id below is an active id of NIST's catalogs (checked
# against the OSCAL data the rules use); together the CSF rows address all six functions.
SECURITY = [
    SecurityMeasure(
        measure="Cybersecurity governance and supply-chain risk management",
        description=(
            "A consortium security board chaired by the anchor sets one risk policy for all "
            "members, approves suppliers by criticality and reviews supplier risk every quarter; "
            "hardware and model suppliers must attest to provenance before acquisition."
        ),
        framework=Framework.NIST_CSF_2,
        references=["GV.OC-03", "GV.RM-01", "GV.RR-02", "GV.SC-01", "GV.SC-04", "GV.SC-07"],
    ),
    SecurityMeasure(
        measure="Asset, model and data inventory",
        description=(
            "Every server, accelerator, software package, model version and dataset is "
            "recorded with its owner, supplier and lineage; the inventory drives vulnerability "
            "management and is checked against the BOM at acceptance."
        ),
        framework=Framework.NIST_CSF_2,
        references=["ID.AM-01", "ID.AM-02", "ID.AM-07", "ID.RA-01", "ID.RA-09"],
    ),
    SecurityMeasure(
        measure="Identity, access and encryption",
        description=(
            "Phishing-resistant multi-factor authentication for every administrator and user, "
            "least privilege with logged privileged functions, and encryption of data at rest "
            "and in transit with keys held by the customer in hardware security modules."
        ),
        framework=Framework.NIST_SP_800_53,
        references=[
            "AC-2",
            "AC-2(1)",
            "AC-6",
            "AC-6(9)",
            "IA-2(1)",
            "IA-2(2)",
            "SC-8(1)",
            "SC-12",
            "SC-13",
            "SC-28(1)",
        ],
    ),
    SecurityMeasure(
        measure="Moderate-baseline control set for the hosted platform",
        description=(
            "The cluster, cloud control plane and applications are assessed against the "
            "SP 800-53B moderate baseline before go-live and monitored continuously after; "
            "configuration baselines and boundary protection deny traffic by default."
        ),
        framework=Framework.NIST_SP_800_53B,
        baseline=Baseline.MODERATE,
        references=["CA-2", "CA-7", "CM-2", "CM-6", "RA-5", "SC-7", "SC-7(5)", "SI-4"],
    ),
    SecurityMeasure(
        measure="Continuous monitoring and AI threat detection",
        description=(
            "The security operations service correlates network, host, model-serving and user "
            "activity, including prompt-injection and data-exfiltration patterns, and escalates "
            "confirmed adverse events within 15 minutes."
        ),
        framework=Framework.NIST_CSF_2,
        references=["DE.CM-01", "DE.CM-03", "DE.CM-09", "DE.AE-02", "DE.AE-03", "DE.AE-08"],
    ),
    SecurityMeasure(
        measure="Incident response and coordinated disclosure",
        description=(
            "A joint incident response plan names each member's role; incidents are triaged, "
            "contained and reported to the customer and national authorities as local law "
            "requires, and model vulnerabilities are handled through coordinated disclosure."
        ),
        framework=Framework.NIST_CSF_2,
        references=["RS.MA-01", "RS.MA-02", "RS.AN-03", "RS.CO-02", "RS.MI-01", "ID.RA-08"],
    ),
    SecurityMeasure(
        measure="Backup, model rollback and recovery",
        description=(
            "Immutable backups of data, configurations and signed model checkpoints are "
            "verified before use; a model can be rolled back to its last approved version "
            "within four hours, and recovery progress is reported to the customer."
        ),
        framework=Framework.NIST_CSF_2,
        references=["PR.DS-11", "RC.RP-01", "RC.RP-03", "RC.RP-05", "RC.CO-03"],
    ),
    SecurityMeasure(
        measure="Privacy program for personal data in public services",
        description=(
            "Personal data is processed only for stated purposes under the customer's legal "
            "authority, minimised in training and testing, covered by privacy notices and "
            "privacy impact assessments, and never used to train models outside the country."
        ),
        framework=Framework.NIST_SP_800_53,
        references=["PT-2", "PT-3", "PT-5", "PT-7", "PM-25", "RA-8"],
        privacy=True,
    ),
    SecurityMeasure(
        measure="AI risk management for model releases",
        description=(
            "Each model release is mapped, measured and managed under the NIST AI Risk "
            "Management Framework: documented intended uses, red-team and bias evaluations, "
            "and a release gate signed by Larkspur and Blue Lantern."
        ),
        framework=Framework.NIST_AI_RMF,
        references=["GOVERN 1.1", "MAP 1.1", "MEASURE 2.7", "MANAGE 2.4"],
    ),
    SecurityMeasure(
        measure="Certified information security management",
        description=(
            "The managed service is operated under an information security management system "
            "certified to ISO/IEC 27001:2022, as buyers in the Gulf and the European Union "
            "commonly require."
        ),
        framework=Framework.ISO_27001,
        references=["A.5.19", "A.5.23", "A.8.24"],
    ),
]


# -- Markets ---------------------------------------------------------------------------------------
MARKETS = [
    Market(
        market="GCC",
        foreign_competition=(
            "State-backed cloud and AI providers headquartered in the People's Republic of "
            "China offer subsidised accelerator clusters, financing and bundled open-weight "
            "models; European and Korean integrators compete for the data-centre build."
        ),
        coc_competitor=True,
        national_interest=(
            "Gulf governments are choosing the foundation of their national AI programs now; "
            "an American stack keeps the region's compute, models and security on U.S. "
            "technology and standards and under U.S. export controls."
        ),
        demand_evidence=(
            "National AI strategies in Saudi Arabia, the United Arab Emirates and Qatar commit "
            "public funding to sovereign compute; two public buyers in the region have signed "
            "letters of intent with the consortium."
        ),
    ),
    Market(
        market="Philippines",
        foreign_competition=(
            "Chinese providers offer e-government platforms and smart-city systems with "
            "concessional financing; Japanese and Korean firms compete in hospital systems."
        ),
        coc_competitor=True,
        national_interest=(
            "A treaty ally modernising public services; American AI in benefits, health and "
            "agriculture deepens the alliance and keeps citizens' data off adversary platforms."
        ),
        demand_evidence=(
            "Agencies are digitising benefit and permit processing under the national "
            "e-government program, and a regional hospital network has completed a "
            "three-month pilot of the clinical documentation assistant."
        ),
    ),
    Market(
        market="Poland",
        foreign_competition=(
            "European cloud providers and integrators, and Chinese equipment vendors in "
            "telecommunications and surveillance systems."
        ),
        coc_competitor=False,
        national_interest=(
            "A NATO ally on the Alliance's eastern flank building national AI capacity; an "
            "American stack supports interoperability with U.S. systems and standards."
        ),
        demand_evidence=(
            "Poland's national AI policy calls for computing capacity for public "
            "administration, and a regional government has asked the consortium for a "
            "feasibility study."
        ),
    ),
]


# -- Operations ------------------------------------------------------------------------------------
OPERATIONS = [
    Operation(
        function=OperationFunction.BUILD,
        entity=ANCHOR,
        arrangement=(
            "Prime contractor: assembles and tests the racks in Round Rock, Texas, and installs "
            "them with Pecos River Critical Facilities and a local partner in each market."
        ),
    ),
    Operation(
        function=OperationFunction.OWN,
        entity="The customer (a ministry, national AI agency or state-owned operator)",
        arrangement=(
            "The customer buys and owns the hardware and licenses the software, financed where "
            "appropriate through export credit; under the hosted option Stratos Sovereign Cloud "
            "owns the hardware in an in-country facility and sells capacity."
        ),
    ),
    Operation(
        function=OperationFunction.OPERATE,
        entity=STRATOS,
        arrangement=(
            "Managed-service agreement: runs the cluster and cloud control plane from an "
            "in-country operations centre, with U.S. regions as overflow capacity."
        ),
    ),
    Operation(
        function=OperationFunction.DELIVER,
        entity=ANCHOR,
        arrangement=(
            "Single contract and single point of accountability with the customer; members and "
            "local partners deliver under back-to-back subcontracts."
        ),
    ),
    Operation(
        function=OperationFunction.SUPPORT,
        entity=LARKSPUR,
        arrangement="Model updates, fine-tuning and model support under the model licence.",
    ),
    Operation(
        function=OperationFunction.SUPPORT,
        entity=BLUE_LANTERN,
        arrangement="24x7 security operations and incident response as a managed service.",
    ),
    Operation(
        function=OperationFunction.SUPPORT,
        entity=ANCHOR,
        arrangement=(
            "Three-year hardware warranty with an on-site spares pool; first-line maintenance "
            "by the local partner."
        ),
    ),
]


# -- FederalSupport --------------------------------------------------------------------------------
FEDERAL_SUPPORT = [
    FederalSupport(
        support_type=SupportType.EXPORT_CONTROL_ENGAGEMENT,
        rationale=(
            "Prioritised review of the licence applications for CR-900 accelerators and MX-8 "
            "servers, so deliveries keep pace with customers' procurement schedules."
        ),
    ),
    FederalSupport(
        support_type=SupportType.FINANCING_REFERRALS,
        rationale=(
            "Referrals to the Export-Import Bank of the United States and the U.S. International "
            "Development Finance Corporation to match concessional offers from competitors."
        ),
    ),
    FederalSupport(
        support_type=SupportType.GOVERNMENT_TO_GOVERNMENT,
        rationale=(
            "Introductions to ministries and national AI agencies, and advocacy when a "
            "procurement compares the package with technology from a country of concern."
        ),
    ),
    FederalSupport(
        support_type=SupportType.POLITICAL_RISK_INSURANCE,
        rationale="Cover for customer-owned deployments financed over five to seven years.",
    ),
    FederalSupport(
        support_type=SupportType.FEASIBILITY_STUDIES,
        rationale=(
            "Co-funded feasibility studies for first deployments in the Philippines and Poland, "
            "where public buyers require one before procurement."
        ),
    ),
]


# -- ExportControl ---------------------------------------------------------------------------------
GCC_AND_MARKETS = ["SA", "AE", "QA", "KW", "BH", "OM", "PH", "PL"]
EXPORT_CONTROL = [
    ExportControlItem(
        item="CR-900 AI accelerator modules",
        jurisdiction=Jurisdiction.EAR,
        classification="3A090.a",
        destinations=GCC_AND_MARKETS,
        end_use="Training and inference in sovereign AI clusters for public services",
        technical_features="Total processing performance above the 3A090.a threshold",
        notes="Licence applications per destination; the consortium expects licence review.",
    ),
    ExportControlItem(
        item="MX-8 accelerator servers and head nodes",
        jurisdiction=Jurisdiction.EAR,
        classification="4A090.a",
        destinations=GCC_AND_MARKETS,
        end_use="Training and inference in sovereign AI clusters for public services",
        technical_features="Computers incorporating 3A090.a integrated circuits",
    ),
    ExportControlItem(
        item="Network switches, interface cards and border appliances with encryption",
        jurisdiction=Jurisdiction.EAR,
        classification="5A992.c",
        destinations=GCC_AND_MARKETS,
        end_use="Cluster fabric and management networks",
        technical_features="Mass-market encryption for management and control traffic",
    ),
    ExportControlItem(
        item="Fleet management, cloud control plane and application software",
        jurisdiction=Jurisdiction.EAR,
        classification="5D992.c",
        destinations=GCC_AND_MARKETS,
        end_use="Operation of the cluster and the sector applications",
        technical_features="Mass-market encryption (TLS 1.3, AES-256)",
    ),
    ExportControlItem(
        item="Larkspur L2 model weights (hosted in-country, not transferred to the customer)",
        jurisdiction=Jurisdiction.EAR,
        classification="EAR99",
        destinations=GCC_AND_MARKETS,
        end_use="Public-service, health and agricultural applications",
        notes=(
            "Self-classified; a commodity classification request will be filed before the "
            "first deployment, and any new controls on model weights will be applied."
        ),
    ),
    ExportControlItem(
        item="Installation, integration, training and managed services",
        jurisdiction=Jurisdiction.EAR,
        classification="EAR99",
        destinations=GCC_AND_MARKETS,
        end_use="Deployment and operation of the package",
    ),
    ExportControlItem(
        item="Customer and end-user screening",
        jurisdiction=Jurisdiction.END_USER,
        destinations=GCC_AND_MARKETS,
        end_user="Government ministries, national AI agencies and state-owned operators",
        notes=(
            "Every customer, end user and local partner is screened against the Consolidated "
            "Screening List before contract and again before each shipment."
        ),
    ),
    ExportControlItem(
        item="Local operating companies and joint ventures",
        jurisdiction=Jurisdiction.OUTBOUND_INVESTMENT,
        notes=(
            "No investment in a person of a country of concern is planned; any local "
            "operating company is reviewed under 31 CFR Part 850 before it is formed."
        ),
    ),
]


# -- Narratives ------------------------------------------------------------------------------------
PACKAGE_OVERVIEW = """\
The **Meridian Sovereign AI Stack** is a complete, American-led AI capability that a foreign \
government or national champion can buy as one package and run in its own country: the \
computing infrastructure, the data pipelines, the models, the security around them and the \
applications that put them to work in public services, health care and agriculture. Nine \
members provide it; Meridian Compute Systems, Inc. is the anchor member, prime contractor and \
single point of contact.

The package covers all five layers of Section III:

1. **AI-optimized hardware and infrastructure.** A reference cluster of eight scalable units \
(2,048 CR-900 accelerators in 256 MX-8 servers, 800G fabric, 24 PB of storage, power and \
liquid cooling), assembled and tested in Texas, with a sovereign cloud control plane.
2. **Data pipelines and labeling.** In-country ingestion, de-identification, labeling and \
lineage, with curated Arabic, Filipino and Polish datasets.
3. **AI models and systems.** The closed Larkspur L2 models, fine-tuned for each market, and \
the open-weight Noordlicht-13B model supported end to end by a U.S. member.
4. **Security.** Red-teaming, model scanning, confidential computing, customer-held keys and \
a 24x7 security operations service aligned to NIST CSF 2.0 and SP 800-53B.
5. **Applications.** A caseworker assistant, a clinical documentation assistant and an \
agricultural advisory service.

The hardware layer of the reference deployment is valued at about **USD 117.7 million** at \
ex-factory prices and contract values; **60.65 %** of that value is U.S. content, computed line \
by line from the bill of materials submitted with this proposal. In every layer the largest \
provider by value is a consortium member, and the largest non-member providers of layers 1, 2 \
and 5 are named in the provider tables.

The package is modular: a buyer may start with a single scalable unit and one application, and \
grow to the full cluster without changing suppliers, security model or support arrangements.
"""

PRIVACY_SECURITY = """\
Security is designed into every layer of the package rather than added at the end. The \
consortium's security board, chaired by the anchor member, sets one risk policy for all \
members and approves every supplier before acquisition. The measures below are mapped to the \
*NIST Cybersecurity Framework 2.0* (all six functions), the *SP 800-53B moderate baseline* for \
the hosted platform, and the *NIST AI Risk Management Framework* for model releases; the managed \
service is certified to ISO/IEC 27001, which buyers in the Gulf and the European Union commonly \
require.

- **Hardware and supply chain.** Components are bought only from approved suppliers that attest \
to provenance; firmware is signed and verified at acceptance, and the inventory is reconciled \
with the bill of materials.
- **Identity and encryption.** Phishing-resistant multi-factor authentication for every \
administrator and user; data encrypted at rest and in transit with keys held by the customer \
in FIPS 140-3 hardware security modules; confidential computing for sensitive workloads.
- **Models.** Every release is red-teamed for prompt injection, data leakage and harmful \
outputs, scanned for tampering, signed, and can be rolled back to its last approved version \
within four hours.
- **Monitoring and response.** A 24x7 security operations service with in-country liaison, a \
joint incident response plan and coordinated vulnerability disclosure.

**Privacy.** Personal data is processed only for purposes the customer's law authorises, is \
minimised before it is used for fine-tuning or testing, and stays in the country. Each \
application has a privacy impact assessment and a privacy notice before go-live, and the \
controls follow the SP 800-53 PT family and the privacy baseline of SP 800-53B.
"""

BUSINESS_MODEL = """\
Meridian Compute Systems is the prime contractor: the customer signs **one contract** with one \
accountable party, and the other members and the local partners deliver under back-to-back \
subcontracts. Meridian builds the hardware in Texas and installs it with Pecos River Critical \
Facilities and a local partner in each market.

Two ownership models are offered:

1. **Customer-owned.** The customer buys the hardware and licenses the software and models, \
financed where appropriate through export credit. Stratos Sovereign Cloud operates the cluster \
under a managed-service agreement from an in-country operations centre.
2. **Hosted.** Stratos Sovereign Cloud owns the hardware in an in-country facility and sells \
dedicated capacity, software and models as a service, with U.S. regions available for overflow \
training under the customer's data rules.

Support is layered: first-line hardware maintenance by the local partner, warranty and spares \
by Meridian, model updates and fine-tuning by Larkspur Reasoning Labs, security operations by \
Blue Lantern Cyber Defense and application support by Prairie Signal Civic Software. Revenue \
comes from hardware sales, three-year software, model and managed-service subscriptions, and \
renewals.
"""

NATIONAL_INTEREST = """\
Executive Order 14320 seeks to extend American leadership in AI and to reduce partners' \
dependence on AI technology developed by adversaries. The Meridian Sovereign AI Stack serves \
both aims in markets where the choice is being made now.

- **A full American stack.** Every layer is led by a U.S. member, and more than 60 % of the \
hardware value is U.S. content, with the accelerators made in Arizona and the servers in Texas.
- **Displacing adversary technology.** In the Gulf and the Philippines, public buyers are \
weighing subsidised offers from providers headquartered in the People's Republic of China; the \
package gives them a complete, financeable alternative.
- **Allied standards.** The security measures follow NIST frameworks, so deployments extend \
American cybersecurity and AI risk-management practice to partner governments.
- **Alliances.** The package brings in trusted partners from Japan, Germany and the \
Netherlands, and local firms in each market, strengthening supply chains among allies.

Every deployment stays under U.S. export controls: accelerators and servers are licensed, \
model weights remain on infrastructure operated by a U.S. member, and every customer and end \
user is screened.
"""

EXPORT_COMPLIANCE = """\
The consortium's export compliance program is run by the anchor member's trade compliance \
office, which reports to Meridian's general counsel, and is binding on every member and \
subcontractor through the consortium agreement.

1. **Classification.** Every item is classified before it is quoted. The accelerators \
(3A090.a) and servers (4A090.a) are expected to require a licence for each destination; the \
mass-market encryption items (5A992.c, 5D992.c) are expected to need no licence to these \
destinations, and the required self-classification reports are filed.
2. **Screening.** Customers, end users, local partners and freight forwarders are screened \
against the Consolidated Screening List before contract and before each shipment.
3. **Licensing.** Licence applications name the end user and end use; deliveries start only \
under a valid licence or a documented licence exception.
4. **End-use controls.** Customer contracts prohibit diversion and re-export, allow on-site \
verification, and keep model weights on infrastructure operated by a U.S. member.
5. **Outbound investment.** No investment in a person of a country of concern is planned; any \
local operating company is reviewed under 31 CFR Part 850 before it is formed.

Staff in export-facing roles are trained every year, records are kept for five years, and the \
program is audited annually by outside counsel.
"""

LETTERS_OF_INTENT = """\
Two public buyers have signed non-binding letters of intent with Meridian Compute Systems: a \
Gulf ministry for a two-unit deployment with the caseworker assistant, and a Gulf national \
health authority for the clinical documentation assistant. A Philippine regional hospital \
network has completed a three-month pilot. The letters are provided as attachments and are \
*confidential commercial information*.
"""

LOCAL_PARTNERS = """\
Each market has a local implementation partner screened under the compliance program:

- **Sahil Data Centre Services L.L.C.** (United Arab Emirates): site preparation, installation \
labour and first-line hardware maintenance in the Gulf.
- **Bayanihan Systems Integration Corp.** (Philippines): deployment, user training and help \
desk for the public-service applications.
- **Wisła Cyfrowa Integracja sp. z o.o.** (Poland): Polish-language security operations \
liaison and on-site incident support.
"""

WORKFORCE_TRAINING = """\
Every deployment includes ten days of hardware operations training for customer staff, an \
administrator and security analyst curriculum delivered by Stratos Sovereign Cloud and Blue \
Lantern Cyber Defense, and application training for caseworkers and clinicians. Local \
partners receive Meridian's installer certification, so that maintenance capacity stays in the \
country.
"""

ENABLING_INFRASTRUCTURE = """\
A full eight-unit cluster draws about 4 MW at peak, including cooling. The package includes \
2N modular UPS, N+1 standby generation and adiabatic dry coolers sized for a 50 °C ambient \
temperature. The customer provides a utility connection of at least 5 MVA, a site with two \
diverse fibre routes to separate carriers, and water for adiabatic cooling on the hottest days; \
where water is scarce, the dry coolers run without it at a higher power draw.
"""

NARRATIVES = [
    Narrative(section=NarrativeSection.PACKAGE_OVERVIEW, text=PACKAGE_OVERVIEW),
    Narrative(section=NarrativeSection.PRIVACY_SECURITY_MEASURES, text=PRIVACY_SECURITY),
    Narrative(section=NarrativeSection.BUSINESS_MODEL, text=BUSINESS_MODEL),
    Narrative(section=NarrativeSection.NATIONAL_INTEREST_STATEMENT, text=NATIONAL_INTEREST),
    Narrative(section=NarrativeSection.EXPORT_COMPLIANCE_PROGRAM, text=EXPORT_COMPLIANCE),
    Narrative(
        section=NarrativeSection.LETTERS_OF_INTENT,
        text=LETTERS_OF_INTENT,
        confidential=True,
        confidential_basis=ConfidentialBasis.COMMERCIAL,
    ),
    Narrative(section=NarrativeSection.LOCAL_PARTNERS, text=LOCAL_PARTNERS),
    Narrative(section=NarrativeSection.WORKFORCE_TRAINING, text=WORKFORCE_TRAINING),
    Narrative(section=NarrativeSection.ENABLING_INFRASTRUCTURE, text=ENABLING_INFRASTRUCTURE),
]


# -- putting it together ---------------------------------------------------------------------------
def build_consortium(bom: list[BomLine]) -> Consortium:
    """The sample consortium; its BOM sheet stays empty so that bom.csv beside it is used."""
    return Consortium(
        info=INFO,
        narratives=[n.model_copy(update={"text": n.text.strip()}) for n in NARRATIVES if n.text],
        members=MEMBERS,
        providers=layer_one_providers(bom) + OTHER_PROVIDERS,
        layers=LAYERS,
        models=MODELS,
        security=SECURITY,
        markets=MARKETS,
        operations=OPERATIONS,
        federal_support=FEDERAL_SUPPORT,
        export_control=EXPORT_CONTROL,
        bom=[],
        rates=RATES,
    )


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
def _foreign_anchor(consortium: Consortium, bom: list[BomLine]) -> tuple[Consortium, list[BomLine]]:
    """II.2: the anchor becomes the subsidiary of a parent organized abroad."""
    members = [
        m.model_copy(
            update={
                "ultimate_parent": "Meridian Beteiligungen AG",
                "ultimate_parent_country": "DE",
                "ultimate_parent_principal_place_of_business": "DE",
            }
        )
        if m.name == ANCHOR
        else m
        for m in consortium.members
    ]
    return consortium.model_copy(update={"members": members}), bom


def _coc_open_weight(
    consortium: Consortium, bom: list[BomLine]
) -> tuple[Consortium, list[BomLine]]:
    """IV.C: the open-weight model was developed by an entity in a country of concern."""
    models = [
        m.model_copy(
            update={
                "developer": "Qiantang Open Models Co., Ltd.",
                "developer_country": "CN",
                "developer_principal_place_of_business": "CN",
            }
        )
        if m.open_weight
        else m
        for m in consortium.models
    ]
    return consortium.model_copy(update={"models": models}), bom


def _low_content(consortium: Consortium, bom: list[BomLine]) -> tuple[Consortium, list[BomLine]]:
    """IV.A: the accelerators are declared with 20 % U.S. content, so Layer 1 falls below 51 %."""
    lines = [
        line.model_copy(update={"us_content_pct": D(20)})
        if line.line_id and line.line_id.endswith("-ACC")
        else line
        for line in bom
    ]
    return consortium, lines


# folder under samples/broken/ -> (what is changed, the finding codes it gives besides info)
BROKEN = {
    "foreign-anchor": (_foreign_anchor, ("anchor.foreign-parent",)),
    "coc-open-weight": (_coc_open_weight, ("models.coc-open-weight",)),
    "low-content": (_low_content, ("hardware.us-content",)),
}


def write_folder(folder: Path, consortium: Consortium, bom: list[BomLine]) -> None:
    """Write consortium.xlsx, bom.csv and rates.csv into `folder`."""
    from aiexp.workbook.template import workbook_bytes

    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / "bom.csv", bom_csv(bom))
    write_atomic(folder / "rates.csv", rates_csv(RATES))
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
