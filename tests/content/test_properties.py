"""Properties of the calculation (hypothesis): sums, scale invariance, monotonicity."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from aiexp.content import ContentResult
from tests.content.bomfiles import calc, line, write_csv

D = Decimal
money = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
positive_money = money.filter(lambda x: x > 0)
quantity = st.integers(min_value=1, max_value=500)
percent = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False)
lines = st.lists(st.tuples(quantity, positive_money, percent), min_size=1, max_size=12)
FEW = settings(max_examples=25, deadline=None)


def _calc(rows: list[tuple[int, Decimal, Decimal]], **kwargs: object) -> ContentResult:
    with tempfile.TemporaryDirectory() as folder:
        bom = write_csv(
            Path(folder) / "bom.csv",
            [
                line(f"L{i}", str(unit), quantity=qty, us_content_pct=str(pct))
                for i, (qty, unit, pct) in enumerate(rows)
            ],
        )
        return calc(bom, **kwargs)  # type: ignore[arg-type]


@FEW
@given(lines)
def test_total_is_the_sum_of_the_lines(rows: list[tuple[int, Decimal, Decimal]]) -> None:
    result = _calc(rows)
    assert result.total_value == sum(qty * unit for qty, unit, _ in rows)
    assert result.us_value == sum(qty * unit * pct / 100 for qty, unit, pct in rows)
    assert result.meets_threshold == (result.us_value * 100 >= 51 * result.total_value)
    assert result.line_count == len(rows)


@FEW
@given(lines, st.decimals(min_value="0.01", max_value=1000, places=2))
def test_scaling_every_value_keeps_the_percentage(
    rows: list[tuple[int, Decimal, Decimal]], factor: Decimal
) -> None:
    scaled = [(qty, unit * factor, pct) for qty, unit, pct in rows]
    before, after = _calc(rows), _calc(scaled)
    assert before.us_content_pct == after.us_content_pct
    assert before.meets_threshold == after.meets_threshold


@FEW
@given(lines, positive_money, positive_money, st.decimals(min_value=0, max_value=1, places=2))
def test_moving_value_to_a_us_line_never_lowers_the_percentage(
    rows: list[tuple[int, Decimal, Decimal]], non_us: Decimal, us: Decimal, share: Decimal
) -> None:
    moved = (non_us * share).quantize(D("0.01"))
    before = _calc([*rows, (1, non_us, D(0)), (1, us, D(100))])
    after_rows = [*rows, (1, non_us - moved, D(0)), (1, us + moved, D(100))]
    after_rows = [row for row in after_rows if row[1] > 0]
    after = _calc(after_rows)
    assert after.total_value == before.total_value
    assert after.us_content_pct >= before.us_content_pct


@FEW
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_threshold_boundary_is_exact(total_cents: int, us_cents: int) -> None:
    us_cents = min(us_cents, total_cents)
    result = _calc([(1, D(total_cents) / 100, D(us_cents) * 100 / D(total_cents))])
    # The percentage cell is written with up to 28 significant digits; the check is exact on
    # whatever the line's U.S. value then is.
    assert result.meets_threshold == (result.us_value * 100 >= 51 * result.total_value)
    assert (result.shortfall_value == 0) == result.meets_threshold
