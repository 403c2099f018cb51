"""Bad numbers and bad BOM text (issue 13): misread commas, huge figures, misplaced messages.

`tests/hardening/cases.py` adds NUMBER_CASES to its CASES (the catalogue and the tests).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.hardening.cases import (
    BOM_HEADER,
    BOM_LINES,
    OUTPUT,
    Case,
    copy_sample,
    set_cells,
)

NUMBERS = "numbers and BOM text"
SEMICOLON = "line_id;description;supplier;supplier_country;unit_value;us_content_pct\n"


def _bom(text: bytes | str, *options: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        data = text.encode("utf-8") if isinstance(text, str) else text
        (folder / "bom.csv").write_bytes(data)
        return ["content-calc", "bom.csv", "--json", *options]

    return build


def _ip_owner_decimal_comma(folder: Path) -> list[str]:
    path = copy_sample(folder)
    set_cells(path, "Models", {}, {"ip_owner_us_ownership_pct": "5,1"})
    return ["validate", "consortium.xlsx", "--json"]


def _provider_value_huge(folder: Path) -> list[str]:
    path = copy_sample(folder)
    set_cells(path, "Providers", {"layer": 1}, {"value": 1e250})
    return ["validate", "consortium.xlsx", "--json"]


def _surrogate(folder: Path) -> list[str]:
    raw = (BOM_HEADER + BOM_LINES).encode("utf-16")
    at = raw.index("L2".encode("utf-16-le"))
    (folder / "bom.csv").write_bytes(raw[:at] + b"\x00\xd8" + raw[at + 2 :])
    return ["content-calc", "bom.csv", "--json"]


NUMBER_CASES: tuple[Case, ...] = (
    Case(
        "bom-decimal-comma-pct",
        NUMBERS,
        "a U.S. content % typed with a decimal comma (5,1)",
        "content-calc",
        _bom(BOM_HEADER + 'L1,GPU server,Acme,US,1000,"5,1"\n'),
        (2,),
        "decimal comma is not read",
    ),
    Case(
        "bom-decimal-comma-quantity",
        NUMBERS,
        "a quantity of 2,5 (read as 25 before)",
        "content-calc",
        _bom(
            "line_id,description,supplier,supplier_country,unit_value,quantity\n"
            'L1,GPU server,Acme,US,1000,"2,5"\n'
        ),
        (2,),
        "write 2.5",
    ),
    Case(
        "bom-semicolon-comma",
        NUMBERS,
        "a semicolon-separated BOM with 1,500 in a number",
        "content-calc",
        _bom(SEMICOLON + "L1;GPU server;Acme;US;1,500;60\n"),
        (2,),
        "--decimal-comma",
    ),
    Case(
        "bom-semicolon-decimal-comma",
        NUMBERS,
        "the same BOM with --decimal-comma (1,500 is 1.5)",
        "content-calc",
        _bom(SEMICOLON + "L1;GPU server;Acme;US;1.234,56;60,5\n", "--decimal-comma"),
        (0, 1),
    ),
    Case(
        "bom-huge-quantity",
        NUMBERS,
        "a quantity of 1e199",
        "content-calc",
        _bom(
            "line_id,description,supplier,supplier_country,unit_value,quantity\n"
            "L1,GPU server,Acme,US,1000,1e199\n"
        ),
        (2,),
        "above 10^",
    ),
    Case(
        "bom-huge-money",
        NUMBERS,
        "a unit value of 10^250",
        "content-calc",
        _bom(BOM_HEADER + "L1,GPU server,Acme,US,1" + "0" * 250 + ",60\n"),
        (2,),
        "above 10^15",
    ),
    Case(
        "bom-long-field",
        NUMBERS,
        "a 10 MB cell on line 2",
        "content-calc",
        _bom(BOM_HEADER + "L1,GPU server,Acme,US,1000," + "9" * 10_000_000 + "\n"),
        (2,),
        "line 2: a cell is longer",
    ),
    Case(
        "bom-open-quote",
        NUMBERS,
        "a quote opened on line 2 and never closed",
        "content-calc",
        _bom(BOM_HEADER + 'L1,"GPU server,Acme,US,1000,60\nL2,Switch,Acme,US,500,40\n'),
        (2,),
        "line 2: a quote opened in this row is never closed",
    ),
    Case(
        "bom-nul-utf16",
        NUMBERS,
        "a NUL character in a UTF-16 BOM",
        "content-calc",
        _bom((BOM_HEADER + "L1,GPU\0server,Acme,US,1000,60\n").encode("utf-16")),
        (2,),
        "line 2: holds a NUL character",
    ),
    Case(
        "bom-utf16-surrogate",
        NUMBERS,
        "a lone surrogate in a UTF-16 BOM",
        "content-calc",
        _surrogate,
        (2,),
        "line 3: the file is not valid UTF-16 text",
    ),
    Case(
        "cell-decimal-comma",
        NUMBERS,
        "an IP owner's U.S. ownership typed 5,1 (read as 51 % before)",
        "validate",
        _ip_owner_decimal_comma,
        (1,),
        "input.cell",
        needs_sample=True,
    ),
    Case(
        "cell-money-huge",
        NUMBERS,
        "a Providers value of 1e250",
        "validate",
        _provider_value_huge,
        (1,),
        "input.cell",
        needs_sample=True,
    ),
    Case(
        "threshold-tiny",
        OUTPUT,
        "--threshold 1e-999999999",
        "content-calc",
        _bom(BOM_HEADER + BOM_LINES, "--threshold", "1e-999999999"),
        (2,),
        "decimal places",
    ),
)
