"""A workbook's BOM and rates, resolved once (SPEC §1 resolution order), and its figures.

`workbook_figures` finds the BOM (`--bom FILE`, else the workbook's BOM sheet, else bom.csv
beside it), builds ONE rate book for the workbook (its Rates sheet, an .xlsx BOM's Rates sheet,
rates.csv beside the BOM, then beside the workbook), computes the BOM's U.S. content with it and
looks the Providers currencies up in it — so validate, render and diff convert every value of a
workbook at the same rates, and record the rates files that were actually consulted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from aiexp.bom import has_lines, is_xlsx
from aiexp.content.calc import calculate
from aiexp.content.inputs import RATES_BESIDE, workbook_rates_layer
from aiexp.content.rates import RateBook, RatesLayer, read_rates_layer
from aiexp.content.result import BomSource, ContentResult

if TYPE_CHECKING:
    from aiexp.bom.xlsxfile import SheetCells
    from aiexp.model import Consortium
    from aiexp.profile import Profile

BOM_BESIDE = "bom.csv"


class WorkbookRead(Protocol):
    """What this module needs of a read workbook (`aiexp.workbook.reader.WorkbookRead`)."""

    @property
    def consortium(self) -> Consortium:
        """The workbook's models."""

    def take_bom_cells(self) -> SheetCells | None:
        """The BOM sheet's rows as the reader read them (once), so they are not read again."""


@dataclass(frozen=True)
class WorkbookFigures:
    """A workbook's BOM and rates resolved once, and what they give."""

    #: The BOM used, or None when the workbook has none.
    bom: BomSource | None
    #: The one rate book of the workbook (its layers name the files consulted).
    rates: RateBook
    #: The BOM's U.S. content, or None without a BOM.
    content: ContentResult | None
    #: USD per unit of each currency of the Providers sheet (USD is 1).
    provider_rates: dict[str, Decimal]

    @property
    def rates_files(self) -> list[Path]:
        """The rates files whose content a lookup reached, in the order consulted."""
        return [layer.path for layer in self.rates.consulted if layer.path is not None]


def resolve_bom(workbook: Path, wb: WorkbookRead, bom: Path | None) -> BomSource | None:
    """`--bom FILE`, else the workbook's BOM sheet if it has rows, else bom.csv beside it.

    A BOM found this way (not named) that has no lines — the header-only bom.csv that
    `aiexp init` writes — counts as no BOM (None).
    """
    if bom is not None:
        return BomSource("file", Path(bom), explicit=True)
    if wb.consortium.bom:
        return BomSource("sheet", Path(workbook), explicit=False, cells=wb.take_bom_cells())
    beside = Path(workbook).parent / BOM_BESIDE
    if beside.is_file() and has_lines(beside):
        return BomSource("file", beside, explicit=False)
    return None


def workbook_rate_book(workbook: Path, wb: WorkbookRead, source: BomSource | None) -> RateBook:
    """The rates of a workbook: its Rates sheet, an .xlsx BOM file's own Rates sheet, then
    rates.csv beside the BOM, then beside the workbook (each read once, errors deferred)."""
    from aiexp.valuation import sheet_rates  # the models: not on content-calc's CSV path

    workbook = Path(workbook)
    layers = [RatesLayer("the workbook's Rates sheet", sheet_rates(wb.consortium))]
    folders = []
    if source is not None:
        if source.kind == "file" and is_xlsx(source.path):
            layers.append(workbook_rates_layer(source.path, "the BOM workbook's Rates sheet"))
        folders.append((source.path.parent, "the BOM"))
    if all(workbook.parent.resolve() != folder.resolve() for folder, _ in folders):
        folders.append((workbook.parent, "the workbook"))
    for folder, where in folders:
        beside = folder / RATES_BESIDE
        if beside.is_file():
            layers.append(read_rates_layer(beside, f"rates.csv beside {where}", deferred=True))
    return RateBook(layers)


def files_read(workbook: Path, bom: Path | None = None) -> list[Path]:
    """Every file the figures of a workbook may read: the workbook, `--bom FILE`, and the
    bom.csv and rates.csv beside them (whether or not a figure needed them in the end).

    An output is never written over any of them (`aiexp.output`).
    """
    workbook = Path(workbook)
    found = [workbook]
    folders = [workbook.parent]
    if bom is not None:
        found.append(Path(bom))
        folders.append(Path(bom).parent)
    for folder in folders:
        found += [folder / BOM_BESIDE, folder / RATES_BESIDE]
    return [path for path in found if path.exists()]


def workbook_figures(
    workbook: Path,
    wb: WorkbookRead,
    *,
    profile: Profile,
    bom: Path | None = None,
    assume_us_origin: bool = False,
) -> WorkbookFigures:
    """The workbook's BOM, rates, U.S. content and Providers rates; BomError on a bad BOM."""
    from aiexp.valuation import provider_rates

    workbook = Path(workbook)
    source = resolve_bom(workbook, wb, bom)
    book = workbook_rate_book(workbook, wb, source)
    content = (
        calculate(source, book, profile=profile, assume_us_origin=assume_us_origin)
        if source is not None
        else None
    )
    return WorkbookFigures(source, book, content, provider_rates(wb.consortium, book.rate))


def content_for_workbook(
    workbook: Path,
    wb: WorkbookRead,
    *,
    bom: Path | None = None,
    profile: Profile | None = None,
    assume_us_origin: bool = False,
) -> ContentResult | None:
    """The content of the workbook's BOM (None when there is none); raises BomError on a bad BOM."""
    from aiexp.profile import load_profile

    return workbook_figures(
        workbook,
        wb,
        profile=profile or load_profile(None),
        bom=bom,
        assume_us_origin=assume_us_origin,
    ).content
