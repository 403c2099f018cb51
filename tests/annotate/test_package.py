"""What openpyxl cannot carry is named; what it gets wrong (formula values, note sizes) is fixed."""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

from openpyxl.chart import BarChart, Reference

from aiexp.annotate import annotated_copy, write_annotated_copy
from aiexp.annotate.package import sheet_parts
from aiexp.check import check_workbook
from tests.annotate.compare import SUBMISSION, findings_of, load
from tests.annotate.conftest import cell_of

# An Excel 2010 extension holding a drop-down list (how Excel stores a list that points at
# another sheet in some versions); openpyxl drops it on reading.
X14_VALIDATIONS = (
    '<extLst><ext uri="{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="0" '
    'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/></ext></extLst>'
)
DRAWING_NS = (
    'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
PICTURE = (
    "<xdr:oneCellAnchor><xdr:from><xdr:col>20</xdr:col><xdr:colOff>0</xdr:colOff>"
    "<xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
    '<xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="9" name="Logo"/>'
    '<xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rIdLogo"/><a:stretch>'
    '<a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/>'
    '<a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
    "</a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>"
)


def tiny_wmf() -> bytes:
    """A minimal Windows Metafile: an image format openpyxl never writes back."""
    header = struct.pack("<HHHIHIH", 1, 9, 0x300, 12, 0, 3, 0)
    return header + struct.pack("<IH", 3, 0)


def with_chart_logo_and_extension(path: Path) -> None:
    """Add to a workbook: a chart (openpyxl keeps it), a WMF logo and an x14 drop-down list
    (openpyxl drops both)."""
    book = load(path)
    ws = book["Rates"]
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=ws.max_row), titles_from_data=True)
    ws.add_chart(chart, "H2")
    book.save(path)
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
        rates = sheet_parts(package)["Rates"]
    drawing = next(n for n in parts if re.match(r"xl/drawings/drawing\d+\.xml$", n))
    rels = drawing.replace("drawings/", "drawings/_rels/") + ".rels"
    parts[drawing] = parts[drawing].replace(b"</xdr:wsDr>", PICTURE.encode() + b"</xdr:wsDr>")
    if b"xmlns:a=" not in parts[drawing]:
        parts[drawing] = parts[drawing].replace(b"<xdr:wsDr ", f"<xdr:wsDr {DRAWING_NS} ".encode())
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/image" Target="/xl/media/logo1.wmf"/></Relationships>',
    )
    parts["xl/media/logo1.wmf"] = tiny_wmf()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"<Default ", b'<Default Extension="wmf" ContentType="image/x-wmf"/><Default ', 1
    )
    parts[rates] = parts[rates].replace(b"</worksheet>", X14_VALIDATIONS.encode() + b"</worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def test_what_openpyxl_cannot_carry_is_named_in_one_warning(sample_with_errors: Path) -> None:
    with_chart_logo_and_extension(sample_with_errors)
    before = findings_of(sample_with_errors)
    report = check_workbook(sample_with_errors, today=SUBMISSION).report
    copy = annotated_copy(sample_with_errors, report)
    assert copy.not_carried == ("1 image", "drop-down lists stored as Excel extensions")
    warning = copy.warning("consortium.xlsx")
    assert warning is not None
    assert "\n" not in warning
    assert "1 image" in warning
    assert "drop-down lists stored as Excel extensions" in warning
    assert "chart" not in warning, "openpyxl keeps the chart"
    out = sample_with_errors.parent / "annotated.xlsx"
    out.write_bytes(copy.data)
    with zipfile.ZipFile(out) as package:
        assert any(n.startswith("xl/charts/chart") for n in package.namelist())
    assert findings_of(out) == before


def test_a_plain_workbook_has_nothing_to_warn_about(sample_with_errors: Path) -> None:
    report = check_workbook(sample_with_errors, today=SUBMISSION).report
    copy = annotated_copy(sample_with_errors, report)
    assert copy.not_carried == ()
    assert copy.warning("consortium.xlsx") is None


def test_a_formula_without_a_saved_value_stays_one(sample_with_errors: Path) -> None:
    """openpyxl writes formulas without values: the copy says so where the original does."""
    cell = cell_of(
        sample_with_errors, "Members", {"name": "Hoshizora Photonics K.K."}, "us_ownership_pct"
    )
    book = load(sample_with_errors)
    book["Members"][cell] = "=40+60"
    book.save(sample_with_errors)
    before = findings_of(sample_with_errors)
    assert any(
        f[0] == "input.cell" and f[4] == cell and "no saved value" in str(f[8]) for f in before
    )
    out = sample_with_errors.parent / "annotated.xlsx"
    write_annotated_copy(
        sample_with_errors, check_workbook(sample_with_errors, today=SUBMISSION).report, out
    )
    assert findings_of(out) == before
    assert load(out)["Members"][cell].value == "=40+60"


def test_comment_boxes_are_anchored_at_their_size(sample_with_errors: Path) -> None:
    """LibreOffice draws a note at its default size unless the note has an anchor."""
    out = sample_with_errors.parent / "annotated.xlsx"
    write_annotated_copy(
        sample_with_errors, check_workbook(sample_with_errors, today=SUBMISSION).report, out
    )
    with zipfile.ZipFile(out) as package:
        vml = b"".join(package.read(n) for n in package.namelist() if n.endswith(".vml")).decode(
            "utf-8"
        )
    anchors = re.findall(r"<[\w:]*Anchor>([^<]*)</[\w:]*Anchor>", vml)
    # Members!D7 (row 7, column D), Members!K3, Providers!I3 and the Providers header: one
    # anchor per marked cell, each right of its cell and wider than one column.
    assert len(anchors) >= 4
    for anchor in anchors:
        left, _, top, _, right, _, bottom, _ = (int(part) for part in anchor.split(","))
        assert right > left
        assert bottom > top
