"""Workbooks to annotate: the sample with planted errors, the template, LibreOffice's saves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl.comments import Comment
from openpyxl.styles import Font

from aiexp.workbook.template import workbook_bytes
from tests.annotate.compare import load
from tests.workbook_edit import SAMPLE_BOM, SAMPLE_RATES, copy_sample, set_cells

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "libreoffice"
LINDENAU = {"name": "Lindenau Sprachdaten GmbH"}
COBALT = {"name": "Cobalt Ridge Semiconductor Corp."}
MERIDIAN = {"provider": "Meridian Compute Systems, Inc."}
#: The user's own comment planted on a cell that gets a finding.
USER_NOTE = "Dana: Lindenau's registry extract is in the data room."


def cell_of(path: Path, sheet_name: str, match: dict[str, str], key: str) -> str:
    """The A1 reference of column `key` in the row matching `match` (found by the headers)."""
    from openpyxl.utils import get_column_letter

    from tests.workbook_edit import _header, _rows, _worksheet

    ws = _worksheet(load(path), sheet_name)
    header_row, keys = _header(ws, sheet_name)
    (row,) = _rows(ws, header_row, keys, match)
    return f"{get_column_letter(keys[key])}{row}"


def planted(folder: Path) -> Path:
    """The sample with errors planted: a country of concern, a decimal comma, a bad currency.

    Also an unknown column (an info finding on a header cell), the user's own comment on the
    cell of the country-of-concern error, and white text on the bad currency's cell.
    """
    path = copy_sample(folder)
    set_cells(path, "Members", LINDENAU, {"country_of_incorporation": "Russia"})
    # (Its Providers row still says Germany: members.facts-mismatch there, a warning.)
    set_cells(path, "Members", COBALT, {"us_ownership_pct": "1.234,5"})
    set_cells(path, "Providers", MERIDIAN, {"currency": "usd dollars"})
    set_cells(path, "Providers", MERIDIAN, {"internal_note": "call back"})
    country = cell_of(path, "Members", LINDENAU, "country_of_incorporation")
    currency = cell_of(path, "Providers", MERIDIAN, "currency")
    book = load(path)
    book["Members"][country].comment = Comment(USER_NOTE, "Dana Whitfield")
    book["Providers"][currency].font = Font(color="FFFFFFFF", bold=True)
    book.save(path)
    return path


def template(folder: Path) -> Path:
    """The empty workbook `aiexp init` writes."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "consortium.xlsx"
    path.write_bytes(workbook_bytes())
    return path


def libreoffice(name: str):  # type: ignore[no-untyped-def]
    """A LibreOffice-saved fixture copied into a folder, with the sample's BOM and rates."""

    def build(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "consortium.xlsx"
        shutil.copyfile(FIXTURES / name, path)
        if "template" not in name:
            shutil.copyfile(SAMPLE_BOM, folder / "bom.csv")
            shutil.copyfile(SAMPLE_RATES, folder / "rates.csv")
        return path

    return build


WORKBOOKS = {
    "sample-with-errors": planted,
    "init-template": template,
    "libreoffice-sample": libreoffice("sample-saved-by-libreoffice.xlsx"),
    "libreoffice-template": libreoffice("template-saved-by-libreoffice.xlsx"),
    "libreoffice-formulas": libreoffice("formulas-saved-by-libreoffice.xlsx"),
}


@pytest.fixture(params=sorted(WORKBOOKS))
def workbook(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """Each workbook to annotate, in a folder of its own."""
    return WORKBOOKS[request.param](tmp_path / "case")  # type: ignore[no-any-return]


@pytest.fixture
def sample_with_errors(tmp_path: Path) -> Path:
    """The sample with errors planted (see `planted`)."""
    return planted(tmp_path / "case")
