"""Finding the BOM and its rates for a workbook (SPEC §1 resolution order)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from aiexp.bom import has_lines
from aiexp.content.calc import calculate
from aiexp.content.result import BomSource, ContentResult
from aiexp.valuation import sheet_rates

if TYPE_CHECKING:
    from aiexp.profile import Profile
    from aiexp.workbook.reader import WorkbookRead

BOM_BESIDE = "bom.csv"


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
    workbook = Path(workbook)
    source = resolve_bom(workbook, wb, bom)
    if source is None:
        return None
    dirs = [source.path.parent]
    if workbook.parent.resolve() != source.path.parent.resolve():
        dirs.append(workbook.parent)
    return calculate(
        source.path,
        profile=profile,
        assume_us_origin=assume_us_origin,
        workbook_rates=sheet_rates(wb.consortium),
        rates_dirs=dirs,
        source=f"{source.path}#BOM" if source.kind == "sheet" else str(source.path),
    )
