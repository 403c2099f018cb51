"""The U.S.-content calculation over a streamed BOM (SPEC §3)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from aiexp.content.result import ContentResult

if TYPE_CHECKING:
    from aiexp.profile import Profile


def calculate(
    bom: Path,
    *,
    rates: Mapping[str, Decimal] | None = None,
    rates_file: Path | None = None,
    profile: Profile | None = None,
    threshold: Decimal | None = None,
    top: int = 10,
    assume_us_origin: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ContentResult:
    """U.S. content of a BOM file (.csv, or .xlsx with a BOM sheet); BomError on bad input."""
    raise NotImplementedError
