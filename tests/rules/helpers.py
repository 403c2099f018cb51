"""Run the rules on a changed copy of the sample and look at what they found."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from aiexp.check import check_workbook
from aiexp.findings import Finding

SUBMISSION = dt.date(2026, 6, 15)


def findings(path: Path, **options: Any) -> list[Finding]:
    """Every finding of `validate` on the workbook."""
    return check_workbook(path, **options).report.findings


def where(found: list[Finding], code: str) -> list[str]:
    """The locations (`Sheet!A1`) of the findings of one code."""
    return [str(f.location) for f in found if f.code == code]


def of(found: list[Finding], code: str) -> list[Finding]:
    """The findings of one code."""
    return [f for f in found if f.code == code]


def write_bom(folder: Path, rows: list[dict[str, Any]], name: str = "bom.csv") -> Path:
    """Write a small BOM CSV with the columns the rows use."""
    keys: list[str] = []
    for row in rows:
        keys.extend(k for k in row if k not in keys)
    lines = [",".join(keys)]
    lines += [",".join(str(row.get(k, "")) for k in keys) for row in rows]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bom_line(line_id: str, **values: Any) -> dict[str, Any]:
    """A BOM line with sensible defaults (a U.S. supplier, USD, 100 % U.S. content)."""
    line: dict[str, Any] = {
        "line_id": line_id,
        "description": f"item {line_id}",
        "supplier": "Acme Servers Inc",
        "supplier_country": "US",
        "quantity": 1,
        "unit_value": 100,
        "currency": "USD",
        "us_content_pct": 100,
    }
    line.update(values)
    return line
