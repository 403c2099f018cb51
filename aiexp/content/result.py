"""The result of a U.S.-content calculation (SPEC §3): exact figures, and the JSON document."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, NamedTuple

from aiexp.content.format import money_str, pct_str


class TopLine(NamedTuple):
    """A BOM line among those with the most non-U.S. value (USD, exact)."""

    line_id: str
    description: str
    line_value: Decimal
    non_us_value: Decimal

    def to_json_dict(self) -> dict[str, str]:
        """`{line_id, description, line_value, non_us_value}` with money rounded to cents."""
        return {
            "line_id": self.line_id,
            "description": self.description,
            "line_value": money_str(self.line_value),
            "non_us_value": money_str(self.non_us_value),
        }


class CocLine(NamedTuple):
    """A BOM line whose supplier is linked to a country of concern (disclosed in section 7).

    A named tuple (immutable), because a BOM may flag many lines and it is built in the hot loop.
    """

    line_id: str
    description: str
    supplier: str
    supplier_country: str | None
    supplier_principal_place_of_business: str | None
    supplier_coc_controlled: bool
    line_value: Decimal


@dataclass(frozen=True, slots=True)
class BomSource:
    """Where a BOM was found: a file (`.csv` or `.xlsx`) or the workbook's own BOM sheet."""

    kind: Literal["file", "sheet"]
    path: Path
    explicit: bool


@dataclass(frozen=True)
class ContentResult:
    """U.S. hardware content of a BOM, every figure exact and unrounded (USD).

    `us_value` and `us_content_pct` include `--assume-us-origin` assumptions when it was given
    (the `..._without_assumptions` figures never do). `margin_value` is `us_value − threshold ×
    total / 100` (negative below the threshold). `sensitivity` is the smallest set of top lines
    whose change alone flips the result: below the threshold, the fewest lines with the most
    non-U.S. value that, made fully U.S., would meet it; at or above it, the fewest lines with
    the most U.S. value whose loss of all U.S. content would drop it below. Both are taken
    greedily from the largest down (which gives the fewest), among the 100 (or `top`, if larger)
    largest lines; empty when those are not enough or nothing can flip it.
    """

    total_value: Decimal
    us_value: Decimal
    us_content_pct: Decimal
    threshold_pct: Decimal
    meets_threshold: bool
    shortfall_value: Decimal
    us_value_without_assumptions: Decimal
    us_content_pct_without_assumptions: Decimal
    line_count: int
    undeclared_lines: list[str]
    assumed_lines: list[str]
    coc_lines: list[CocLine]
    top_non_us: list[TopLine]
    sensitivity: list[str]
    rates: dict[str, Decimal]
    source: str
    margin_value: Decimal = Decimal(0)
    meets_threshold_without_assumptions: bool = False
    #: The lines of `sensitivity`, with their line and non-U.S. values.
    sensitivity_lines: list[TopLine] = field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        """The SPEC §3 `--json` document, plus a few added keys (the spec's are never renamed)."""
        return {
            "total_value": money_str(self.total_value),
            "us_value": money_str(self.us_value),
            "us_content_pct": pct_str(self.us_content_pct),
            "threshold_pct": pct_str(self.threshold_pct),
            "meets_threshold": self.meets_threshold,
            "shortfall_value": money_str(self.shortfall_value),
            "us_content_pct_without_assumptions": pct_str(self.us_content_pct_without_assumptions),
            "line_count": self.line_count,
            "undeclared_lines": list(self.undeclared_lines),
            "assumed_lines": list(self.assumed_lines),
            "coc_lines": [line.line_id for line in self.coc_lines],
            "top_non_us": [line.to_json_dict() for line in self.top_non_us],
            "currency": "USD",
            # Added keys (SPEC §3 allows more; these help a reviewer check the figure).
            "us_value_without_assumptions": money_str(self.us_value_without_assumptions),
            "meets_threshold_without_assumptions": self.meets_threshold_without_assumptions,
            "margin_value": money_str(self.margin_value),
            "sensitivity": list(self.sensitivity),
            "rates": {code: f"{rate:f}" for code, rate in sorted(self.rates.items())},
            "source": self.source,
        }
