"""The U.S.-content calculation over a streamed BOM (SPEC §3; notice IV.A and footnotes 1–2).

`calculate` takes opened inputs — the resolved BOM (`BomSource`) and its exchange rates
(`RateBook`) — reads the BOM once (`aiexp.content.rows`), confirms any repeated `line_id` by
reading the ids again (`aiexp.content.repeats`), and reports exact figures
(`aiexp.content.figures`). It never looks for files: `aiexp.content.inputs` and
`aiexp.content.resolve` find them.
"""

from __future__ import annotations

import csv
import gc
from collections.abc import Callable
from decimal import Decimal, Inexact, Overflow, Rounded, localcontext
from typing import TYPE_CHECKING

from aiexp.content.figures import build_result
from aiexp.content.rates import RateBook
from aiexp.content.repeats import confirm_repeats, first_ids
from aiexp.content.result import BomSource, ContentResult
from aiexp.content.rows import RowPass
from aiexp.errors import BomError
from aiexp.exact import EXACT, EXACT_DIGITS
from aiexp.values import parse_percent

if TYPE_CHECKING:
    from aiexp.profile import Profile

#: How many of the top lines (by non-U.S. and by U.S. value) the sensitivity looks through.
SENSITIVITY_LINES = 100


def calculate(
    bom: BomSource,
    rates: RateBook,
    *,
    profile: Profile,
    threshold: Decimal | None = None,
    top: int = 10,
    assume_us_origin: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ContentResult:
    """U.S. content of a BOM (a .csv, or an .xlsx's BOM sheet); BomError on bad input.

    `threshold` defaults to the profile's (percent points); `top` lines by non-U.S. value are
    reported; `assume_us_origin` counts undeclared lines made in the U.S. as 100 % (labelled).
    `progress(done, total)` is called as the file is read.
    """
    if threshold is None:
        threshold = profile.thresholds.hardware_us_content_pct
    if not 0 <= threshold <= 100:
        raise BomError(f"the threshold must be between 0 and 100, got {threshold}")
    try:
        parse_percent(threshold)
    except ValueError as exc:
        raise BomError(f"the threshold: {exc}") from None
    if top < 0:
        raise BomError(f"--top must be 0 or more, got {top}")
    with bom.open() as table:
        rows = RowPass(
            table, rates, profile, max(top, SENSITIVITY_LINES), assume_us_origin, progress
        )
        # The pass creates no reference cycles; the cyclic collector would only re-scan the
        # growing lists of flagged lines (about a tenth of the time on a large BOM).
        collecting = gc.isenabled()
        gc.disable()
        try:
            with localcontext(EXACT):
                rows.run()
        except (UnicodeDecodeError, csv.Error) as exc:
            raise table.read_error(exc) from None
        except (Inexact, Rounded, Overflow):
            raise BomError(
                f"{table.label}: a line's figures need more than {EXACT_DIGITS} digits to be "
                "exact; check quantity, unit_value and the rates"
            ) from None
        finally:
            if collecting:
                gc.enable()
        if progress is not None:
            progress(table.size, table.size)
        rows.report_missing()
        if not rows.count:
            raise BomError(
                f"{table.label}: the BOM has no lines (only a header); add one row per "
                "Layer 1 line item"
            )
    if rows.ids.needs_prefix:  # an id after the rising run may repeat one of it
        rows.ids.add_prefix(first_ids(bom, rows.ids.rising))
    repeated = rows.ids.candidates()
    if repeated:
        confirm_repeats(bom, repeated)
    return build_result(rows, threshold, bom.label, top)
