"""Finding the BOM and its rates for a workbook (SPEC §1 resolution order)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from aiexp.bom import has_lines, is_xlsx
from aiexp.content.calc import calculate
from aiexp.content.inputs import RATES_BESIDE, workbook_rates_layer
from aiexp.content.rates import RateBook, RatesLayer, read_rates_layer
from aiexp.content.result import BomSource, ContentResult

if TYPE_CHECKING:
    from aiexp.model import Consortium
    from aiexp.profile import Profile

BOM_BESIDE = "bom.csv"


class WorkbookRead(Protocol):
    """What this module needs of a read workbook (`aiexp.workbook.reader.WorkbookRead`)."""

    @property
    def consortium(self) -> Consortium:
        """The workbook's models."""


def resolve_bom(workbook: Path, wb: WorkbookRead, bom: Path | None) -> BomSource | None:
    """`--bom FILE`, else the workbook's BOM sheet if it has rows, else bom.csv beside it.

    A BOM found this way (not named) that has no lines — the header-only bom.csv that
    `aiexp init` writes — counts as no BOM (None).
    """
    if bom is not None:
        return BomSource("file", Path(bom), explicit=True)
    if wb.consortium.bom:
        return BomSource("sheet", Path(workbook), explicit=False)
    beside = Path(workbook).parent / BOM_BESIDE
    if beside.is_file() and has_lines(beside):
        return BomSource("file", beside, explicit=False)
    return None


def workbook_rate_book(workbook: Path, wb: WorkbookRead, source: BomSource) -> RateBook:
    """The rates for a workbook's BOM: the workbook's Rates sheet, the BOM workbook's own Rates
    sheet (an .xlsx BOM), then rates.csv beside the BOM, then beside the workbook."""
    from aiexp.valuation import sheet_rates

    layers = [RatesLayer("the workbook's Rates sheet", sheet_rates(wb.consortium), Path(workbook))]
    if is_xlsx(source.path):
        layers.append(workbook_rates_layer(source.path, "the BOM workbook's Rates sheet"))
    folders = [source.path.parent]
    if Path(workbook).parent.resolve() != source.path.parent.resolve():
        folders.append(Path(workbook).parent)
    for folder, where in zip(folders, ("the BOM", "the workbook"), strict=False):
        beside = folder / RATES_BESIDE
        if beside.is_file():
            layers.append(read_rates_layer(beside, f"rates.csv beside {where}", deferred=True))
    return RateBook(layers)


def content_for_workbook(
    workbook: Path,
    wb: WorkbookRead,
    *,
    bom: Path | None = None,
    profile: Profile | None = None,
    assume_us_origin: bool = False,
) -> ContentResult | None:
    """The content of the workbook's BOM (None when there is none); raises BomError on a bad BOM.

    Rates: the workbook's Rates sheet, then rates.csv beside the BOM, then beside the workbook.
    """
    from aiexp.profile import load_profile

    workbook = Path(workbook)
    source = resolve_bom(workbook, wb, bom)
    if source is None:
        return None
    return calculate(
        source,
        workbook_rate_book(workbook, wb, source),
        profile=profile or load_profile(None),
        assume_us_origin=assume_us_origin,
    )
