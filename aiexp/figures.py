"""The hardware figures of IV.A in one exact shape, whether from a BOM or from summary figures.

"U.S. content comprises at least 51 percent of the aggregate value of the hardware portion" (IV.A;
the figure is the profile's): `HardwareFigures` holds the two exact USD totals and the threshold,
and derives the percentage, the verdict, the margin and the shortfall in the exact trapping
context (`aiexp.exact`). It imports nothing of the models, so content-calc's CSV path stays light.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Literal

from aiexp.exact import EXACT, percent, reaches, share_of

_ZERO = Decimal(0)


@dataclass(frozen=True)
class HardwareFigures:
    """The hardware U.S. content (IV.A): exact, unrounded USD figures and the verdict.

    The one shape of the figures, whether they come from a BOM (the content calculation) or from
    the Consortium sheet's summary figures. Derived figures are computed in the exact trapping
    context (`aiexp.exact`): "at least 51 percent" is `us × 100 ≥ threshold × total`, compared
    without dividing or rounding; `shortfall_value` is 0 when the threshold is met, and
    `margin_value` is negative below it.
    """

    total_value: Decimal
    us_value: Decimal
    threshold_pct: Decimal
    basis: Literal["bom", "summary"]
    line_count: int = 0

    @property
    def us_content_pct(self) -> Decimal:
        """`us / total × 100`, exact when it terminates within 60 digits, else rounded down."""
        return percent(self.us_value, self.total_value)

    @property
    def meets_threshold(self) -> bool:
        """IV.A: U.S. content is at least the threshold percentage, compared exactly."""
        return reaches(self.us_value, self.total_value, self.threshold_pct)

    @property
    def margin_value(self) -> Decimal:
        """`us − threshold × total / 100`: above the threshold by this much (negative: below)."""
        with localcontext(EXACT):
            return self.us_value - share_of(self.total_value, self.threshold_pct)

    @property
    def shortfall_value(self) -> Decimal:
        """The non-U.S. value that would have to become U.S. content to meet the threshold."""
        return max(_ZERO, -self.margin_value)
