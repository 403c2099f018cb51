"""The BOM reader's plain column specs equal the models' columns; its CSV path needs no pydantic."""

from __future__ import annotations

import subprocess
import sys

import pytest

from aiexp.bom import BOM, RATES, TableSpec
from aiexp.model import BomLine, Rate, columns


@pytest.mark.parametrize(("spec", "model"), [(BOM, BomLine), (RATES, Rate)])
def test_plain_specs_equal_the_models(spec: TableSpec, model: type[BomLine | Rate]) -> None:
    expected = [
        (c.key, c.label, c.kind.value, c.required, c.default, c.choices) for c in columns(model)
    ]
    got = [(c.key, c.label, c.kind, c.required, c.default, c.choices) for c in spec.columns]
    assert got == expected


def test_csv_path_imports_no_pydantic_and_no_openpyxl(tmp_path: object) -> None:
    # The content core and the BOM reader, reading a CSV BOM and a rates file through the same
    # calls content-calc makes, in a fresh interpreter.
    script = """
import sys, tempfile
from decimal import Decimal
from pathlib import Path
from aiexp.bom import BOM, open_table, read_rates
import aiexp.content.calc, aiexp.content.inputs, aiexp.content.rows
folder = Path(tempfile.mkdtemp())
(folder / "bom.csv").write_text(
    "line_id,description,supplier,supplier_country,unit_value,currency\\nA,x,Acme,US,1.5,EUR\\n"
)
(folder / "rates.csv").write_text("currency,usd_per_unit\\nEUR,1.1\\n")
assert read_rates(folder / "rates.csv") == {"EUR": Decimal("1.1")}
with open_table(folder / "bom.csv", BOM) as table:
    rows = [row for chunk, _, _, _, _ in table.chunks(8) for row in chunk]
assert rows == [["A", "x", "Acme", "US", "1.5", "EUR"]], rows
from aiexp.content.inputs import content_calc_inputs
source, book = content_calc_inputs(folder / "bom.csv")
assert book.rate("EUR") == Decimal("1.1")
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "openpyxl"))
print(heavy)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
