"""The valuations that the rules, the proposal document and the diff share.

Each is computed here once, so that `validate`, `render` and `diff` agree about one workbook:
the exchange rates that convert its Providers values to U.S. dollars (SPEC §1 "Exchange rates").
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from aiexp.model import Consortium

if TYPE_CHECKING:
    from aiexp.content import ContentResult

RATES_BESIDE = "rates.csv"
_ONE = Decimal(1)


def sheet_rates(consortium: Consortium) -> dict[str, Decimal]:
    """The workbook's own Rates sheet: currency → U.S. dollars per unit."""
    return {
        rate.currency.upper(): rate.usd_per_unit
        for rate in consortium.rates
        if rate.currency and rate.usd_per_unit is not None
    }


def workbook_rates(
    workbook: Path, consortium: Consortium, content: ContentResult | None = None
) -> dict[str, Decimal]:
    """U.S. dollars per unit of each currency, for the workbook's Providers values (SPEC §1).

    Per currency, the first of these that has a rate wins:

    1. the workbook's own Rates sheet;
    2. the rates the content calculation used for the BOM (`content.rates`): where the sheet has
       none, they came from `rates.csv` beside the BOM, else beside the workbook (SPEC §1), so a
       currency in both the BOM and the Providers sheet is converted at one rate;
    3. `rates.csv` beside the workbook (read by `aiexp.bom.read_rates`). A file that cannot be
       read is skipped, never fatal to validate, render or diff: the content calculation reports
       it when the BOM needs it, and a Providers value it leaves without a rate is reported per
       currency.

    USD is always 1. (validate, render and diff pass no `--rate` flags to the content
    calculation, so for a currency on the Rates sheet 1 and 2 give the same rate.)
    """
    rates: dict[str, Decimal] = {}
    beside = Path(workbook).parent / RATES_BESIDE
    if beside.is_file():
        from aiexp.bom import read_rates
        from aiexp.errors import AiexpError

        try:
            rates.update(read_rates(beside))
        except AiexpError:
            pass
    if content is not None:
        rates.update({code.upper(): rate for code, rate in content.rates.items()})
    rates.update(sheet_rates(consortium))
    rates["USD"] = _ONE
    return rates
