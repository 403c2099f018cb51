"""Finding the BOM and its rates for a workbook (SPEC §1 resolution order)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from aiexp.content.result import BomSource, ContentResult

if TYPE_CHECKING:
    from aiexp.profile import Profile
    from aiexp.workbook.reader import WorkbookRead


def resolve_bom(workbook: Path, wb: WorkbookRead, bom: Path | None) -> BomSource | None:
    """`--bom FILE`, else the workbook's BOM sheet if it has rows, else bom.csv beside it."""
    raise NotImplementedError


def content_for_workbook(
    workbook: Path,
    wb: WorkbookRead,
    *,
    bom: Path | None = None,
    profile: Profile | None = None,
    assume_us_origin: bool = False,
) -> ContentResult | None:
    """The content of the workbook's BOM (None when there is none); raises BomError on a bad BOM."""
    raise NotImplementedError
