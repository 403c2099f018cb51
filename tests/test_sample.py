"""The sample consortium: complete, clean, and regenerated exactly by scripts/make_sample.py.

Every other test builds its cases from this sample by changing one thing, so it must read with
no finding, validate with no error or warning, and meet the 51 % hardware threshold with a
realistic margin. The broken variants under samples/broken/ each fail exactly one rule.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from aiexp.findings import Severity
from aiexp.model import BomLine, Role, columns
from aiexp.workbook import read_workbook
from tests.workbook_edit import REPO, SAMPLE_BOM, SAMPLE_RATES, SAMPLE_WORKBOOK

SCRIPT = REPO / "scripts" / "make_sample.py"


def _script() -> ModuleType:
    """Import scripts/make_sample.py (not a package) as a module."""
    spec = importlib.util.spec_from_file_location("make_sample", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the module executes.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _bom_rows() -> list[dict[str, str]]:
    with SAMPLE_BOM.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _rates() -> dict[str, Decimal]:
    with SAMPLE_RATES.open(encoding="utf-8", newline="") as handle:
        rates = {row["currency"]: Decimal(row["usd_per_unit"]) for row in csv.DictReader(handle)}
    return {"USD": Decimal(1), **rates}


def test_sample_reads_without_findings() -> None:
    wb = read_workbook(SAMPLE_WORKBOOK)

    assert wb.findings == []
    consortium = wb.consortium
    assert consortium.info.consortium_name == "Meridian Allied AI Consortium"
    assert [m.name for m in consortium.members if m.role is Role.ANCHOR] == [
        consortium.info.anchor_member
    ]
    assert len(consortium.members) >= 8
    # The BOM sheet stays empty so that bom.csv beside the workbook is used (SPEC §1).
    assert consortium.bom == []


def test_sample_validates_without_errors_or_warnings() -> None:
    from aiexp.check import check_workbook

    result = check_workbook(SAMPLE_WORKBOOK)

    unexpected = [
        (f.code, f.message) for f in result.report.findings if f.severity is not Severity.INFO
    ]
    assert unexpected == []
    # The accelerators, servers and 5A992 items are, rightly, flagged for licence review.
    assert {f.code for f in result.report.findings} == {"export.advanced-computing"}
    assert result.bom == SAMPLE_BOM


def test_sample_bom_is_large_and_multi_currency() -> None:
    with SAMPLE_BOM.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    rows = _bom_rows()

    assert header == [c.key for c in columns(BomLine) if not c.key.startswith("confidential")]
    assert len(rows) >= 200
    assert len({row["line_id"] for row in rows}) == len(rows)
    assert {row["currency"] for row in rows} >= {"USD", "EUR", "JPY", "GBP"}
    assert set(_rates()) >= {row["currency"] for row in rows}


def test_sample_bom_meets_the_threshold_with_every_line_declared() -> None:
    rates = _rates()
    total = us = Decimal(0)
    for row in _bom_rows():
        assert row["us_content_pct"] or row["non_us_unit_value"], row["line_id"]
        assert row["supplier_coc_controlled"] == "no"
        quantity, unit = Decimal(row["quantity"]), Decimal(row["unit_value"])
        line_value = quantity * unit * rates[row["currency"]]
        if row["non_us_unit_value"]:
            non_us = Decimal(row["non_us_unit_value"])
            line_us = line_value - quantity * non_us * rates[row["currency"]]
            if row["us_content_pct"]:
                # Both forms given: they must agree to the displayed decimals (SPEC §3).
                implied = (unit - non_us) / unit * 100
                assert implied == Decimal(row["us_content_pct"]), row["line_id"]
        else:
            line_us = line_value * Decimal(row["us_content_pct"]) / 100
        total += line_value
        us += line_us

    pct = us / total * 100
    assert Decimal(58) <= pct <= Decimal(65)


def test_sample_has_no_country_of_concern_supplier() -> None:
    concern = {"CN", "HK", "MO", "CU", "IR", "KP", "RU", "VE"}
    for row in _bom_rows():
        countries = {
            row["supplier_country"],
            row["supplier_principal_place_of_business"],
            row["origin_country"],
        }
        assert not countries & concern, row["line_id"]


def test_script_regenerates_the_committed_sample(tmp_path: Path) -> None:
    script = _script()

    assert script.main(["--out", str(tmp_path)]) == 0

    assert (tmp_path / "bom.csv").read_bytes() == SAMPLE_BOM.read_bytes()
    assert (tmp_path / "rates.csv").read_bytes() == SAMPLE_RATES.read_bytes()
    fresh = read_workbook(tmp_path / "consortium.xlsx")
    committed = read_workbook(SAMPLE_WORKBOOK)
    assert fresh.findings == []
    assert fresh.consortium.model_dump() == committed.consortium.model_dump()
    for name in BROKEN:
        made, kept = tmp_path / "broken" / name, SAMPLE_WORKBOOK.parent / "broken" / name
        assert (made / "bom.csv").read_bytes() == (kept / "bom.csv").read_bytes()
        assert (
            read_workbook(made / "consortium.xlsx").consortium.model_dump()
            == read_workbook(kept / "consortium.xlsx").consortium.model_dump()
        )


def test_script_writes_the_same_workbook_bytes_every_time(tmp_path: Path) -> None:
    script = _script()
    bom = script.build_bom()
    consortium = script.build_consortium(bom)

    script.write_folder(tmp_path / "first", consortium, bom)
    script.write_folder(tmp_path / "second", consortium, bom)

    first = (tmp_path / "first" / "consortium.xlsx").read_bytes()
    assert first == (tmp_path / "second" / "consortium.xlsx").read_bytes()


BROKEN = {
    "foreign-anchor": {"anchor.foreign-parent"},
    "coc-open-weight": {"models.coc-open-weight"},
    "low-content": {"hardware.us-content"},
}


@pytest.mark.parametrize(("name", "codes"), sorted(BROKEN.items()))
def test_broken_variant_fails_exactly_its_rule(name: str, codes: set[str]) -> None:
    from aiexp.check import check_workbook

    folder = SAMPLE_WORKBOOK.parent / "broken" / name
    result = check_workbook(folder / "consortium.xlsx")

    assert result.workbook.findings == []
    assert {f.code for f in result.report.findings if f.severity is not Severity.INFO} == codes
    assert result.bom == folder / "bom.csv"


def test_broken_variants_are_the_ones_the_script_declares() -> None:
    script = _script()

    assert {name: set(codes) for name, (_change, codes) in script.BROKEN.items()} == BROKEN
    assert {p.name for p in (SAMPLE_WORKBOOK.parent / "broken").iterdir()} == set(BROKEN)


def test_script_model_survives_the_workbook_round_trip() -> None:
    script = _script()
    built = script.build_consortium(script.build_bom())

    read = read_workbook(SAMPLE_WORKBOOK).consortium

    assert read.model_dump() == built.model_dump()


@pytest.fixture(scope="module")
def sample_texts() -> list[str]:
    """The narratives, descriptions and offerings of the sample, read once."""
    consortium = read_workbook(SAMPLE_WORKBOOK).consortium
    texts = [n.text or "" for n in consortium.narratives]
    texts += [m.description or "" for m in consortium.members]
    texts += [p.description or "" for p in consortium.providers]
    texts += [layer.offering or "" for layer in consortium.layers]
    return texts


@pytest.mark.parametrize(
    "word", ["TBD", "TODO", "lorem ipsum", "[insert", "<", "XXX", "placeholder"]
)
def test_sample_text_has_no_placeholder(sample_texts: list[str], word: str) -> None:
    assert len(sample_texts) > 30
    assert not [text for text in sample_texts if word.casefold() in text.casefold()]
