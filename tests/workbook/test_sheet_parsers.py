"""The sheet parsers: the fast one and lxml agree with each other and with openpyxl, cell by cell.

Every workbook of the corpus (tests/fixtures, the samples and, when the checkout has it, the
shared corpus of real-world files) is read through both parsers and through openpyxl, the reader
until 0.2: the values, their Python types, the number formats and the formula flags must be the
same, except where openpyxl dropped cells (rows or columns beyond a stale `<dimension>`).
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from pathlib import Path
from typing import Any

import pytest

from aiexp.errors import WorkbookError
from aiexp.workbook import sheet as sheet_module
from aiexp.workbook.sheet import Cell, SheetRows
from aiexp.workbook.xlsx import open_xlsx
from tests.workbook.openpyxl_reference import iter_sheet_rows, load
from tests.workbook.packages import (
    MAIN,
    Sheet,
    chartsheet,
    one_sheet,
    shared_strings,
    styles,
    worksheet,
    write_package,
)

REPO = Path(__file__).resolve().parents[2]
SHARED_CORPUS = REPO.parent / "shared" / "corpus" / "spreadsheets"
SOURCES = [REPO / "tests" / "fixtures" / "corpus", REPO / "tests" / "fixtures" / "libreoffice"]
WORKBOOKS = sorted(
    [REPO / "samples" / "consortium.xlsx"]
    + [p for folder in SOURCES for p in folder.iterdir() if p.suffix in (".xlsx", ".xlsm")]
)
SHARED = (
    sorted(p for p in SHARED_CORPUS.iterdir() if p.suffix in (".xlsx", ".xlsm"))
    if SHARED_CORPUS.is_dir()
    else []
)
TypedRows = list[tuple[int, list[tuple[str, Any, str | None, bool]]]]


def typed(rows: list[tuple[int, list[Cell]]]) -> TypedRows:
    """Rows with each value's type spelled out (1, 1.0 and True compare equal in Python)."""
    return [
        (number, [(type(v).__name__, "nan" if _nan(v) else v, f, u) for v, f, u in cells])
        for number, cells in rows
    ]


def _nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def rows_of(
    path: Path, title: str = "Sheet1", *, fast: bool = True
) -> list[tuple[int, list[Cell]]]:
    """Every row of one sheet, read by one parser."""
    with open_xlsx(path) as package:
        return list(package.rows(title, fast=fast))


def both(path: Path, title: str = "Sheet1") -> list[tuple[int, list[Cell]]]:
    """The rows of a sheet, after checking that both parsers give exactly the same."""
    fast = rows_of(path, title)
    assert typed(fast) == typed(rows_of(path, title, fast=False))
    return fast


def openpyxl_rows(path: Path, title: str) -> tuple[dict[tuple[int, int], Any], int, int] | None:
    """The cells openpyxl gives (non-empty only), with the sheet's declared size; None if huge."""
    formulas, values = load(path, values=False), load(path, values=True)
    try:
        ws = formulas[title]
        if not hasattr(ws, "iter_rows") or (ws.max_row or 0) * (ws.max_column or 0) > 2_000_000:
            return None
        found = {
            (number, index): _typed_cell(cell)
            for number, cells in iter_sheet_rows(path, ws, values[title])
            for index, cell in enumerate(cells)
            if cell[0] is not None or cell[2]
        }
        # No <dimension>: openpyxl reads every row and column, as we do.
        return found, ws.max_row or 1 << 20, ws.max_column or 1 << 14
    finally:
        formulas.close()
        values.close()


def _typed_cell(cell: Cell) -> tuple[str, Any, str | None, bool]:
    value, fmt, uncached = cell
    return (type(value).__name__, "nan" if _nan(value) else value, fmt, uncached)


def _readable(path: Path) -> list[str]:
    try:
        with open_xlsx(path) as package:
            return package.sheet_titles
    except WorkbookError:
        return []


def _check_against_openpyxl(path: Path) -> None:
    for title in _readable(path):
        try:
            ours = both(path, title)
        except WorkbookError:
            continue  # a damaged sheet: test_corpus.py checks the one-line error
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                theirs = openpyxl_rows(path, title)
            except WorkbookError:
                continue  # openpyxl could not read it; we can (see the package tests)
        if theirs is None:
            continue
        cells, max_row, max_col = theirs
        mine = {
            (number, index): _typed_cell(cell)
            for number, row in ours
            for index, cell in enumerate(row)
            if number <= max_row and index < max_col and (cell[0] is not None or cell[2])
        }
        for key, cell in cells.items():
            if cell[3] and mine.get(key) == ("str", "", cell[2], False):
                # A formula saved with empty text (t="str", <v></v>): openpyxl cannot tell it
                # from a formula with no saved value; we read the saved "" (a blank cell), as
                # tests/content/test_sheet_formulas.py checks on the XML itself.
                mine[key] = cell
        assert mine == cells, (path.name, title)


@pytest.mark.parametrize("path", WORKBOOKS, ids=[p.name for p in WORKBOOKS])
def test_fixtures_read_as_openpyxl_read_them(path: Path) -> None:
    _check_against_openpyxl(path)


@pytest.mark.skipif(not SHARED, reason=f"{SHARED_CORPUS} is not available")
def test_shared_corpus_reads_as_openpyxl_read_it() -> None:
    for path in SHARED:
        _check_against_openpyxl(path)


# -- cell types ---------------------------------------------------------------------------------
def test_every_cell_type(tmp_path: Path) -> None:
    path = one_sheet(
        tmp_path / "types.xlsx",
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1"><v>42</v></c><c r="D1"><v>4.50</v></c><c r="E1"><v>1E3</v></c>'
        '<c r="F1" t="b"><v>1</v></c><c r="G1" t="b"><v>0</v></c>'
        '<c r="H1" t="e"><v>#N/A</v></c><c r="I1" t="str"><v>text &amp; more</v></c>'
        '<c r="J1" t="d"><v>2026-05-01</v></c><c r="K1" t="d"><v>2026-05-01T16:30:00</v></c>'
        '<c r="L1" t="inlineStr"><is><t xml:space="preserve"> inline </t></is></c>'
        '<c r="M1" t="inlineStr"><is><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r>'
        "<rPh><t>phonetic</t></rPh></is></c>"
        '<c r="N1" t="n"><v>-0.25</v></c><c r="O1" s="0"/></row>',
        strings_xml=shared_strings("Acme & Co", "<r><t>A</t></r><r><t>B</t></r>"),
    )
    [(number, cells)] = both(path)
    assert number == 1
    assert [v for v, _, _ in cells] == [
        "Acme & Co",
        "AB",
        42,
        4.5,
        1000.0,
        True,
        False,
        "#N/A",
        "text & more",
        dt.date(2026, 5, 1),
        dt.datetime(2026, 5, 1, 16, 30),
        " inline ",
        "rich text",
        -0.25,
    ]
    assert [type(v) for v, _, _ in cells][2:5] == [int, float, float]
    assert all(fmt == "General" and not uncached for _, fmt, uncached in cells)


def test_xml_text_rules(tmp_path: Path) -> None:
    """References and line ends as an XML parser gives them; `_x000D_` kept, as openpyxl did."""
    path = one_sheet(
        tmp_path / "text.xlsx",
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a&#x41;&#66;&lt;&gt;&quot;&apos;</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>one\r\ntwo\rthree</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>x_x000D_y</t></is></c></row>',
    )
    [(_, cells)] = both(path)
    assert [v for v, _, _ in cells] == ["aAB<>\"'", "one\ntwo\nthree", "x_x000D_y"]


def test_formulas_shared_cached_and_uncached(tmp_path: Path) -> None:
    path = one_sheet(
        tmp_path / "formulas.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f>'
        "<v>2</v></c></row>"
        '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>'
        '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/></c>'
        '<c r="C3" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="D3" t="e"><f>1/0</f>'
        '<v>#DIV/0!</v></c><c r="E3"><f>A1</f><v></v></c></row>',
    )
    rows = both(path)
    assert [c[1] for _, c in rows[:2]] == [(2, "General", False), (4, "General", False)]
    assert rows[2][1][1:] == [
        (None, "General", True),
        ("xy", "General", False),
        ("#DIV/0!", "General", False),
        (None, "General", True),
    ]


def test_number_formats_percent_and_dates(tmp_path: Path) -> None:
    path = one_sheet(
        tmp_path / "formats.xlsx",
        '<row r="1"><c r="A1" s="1"><v>0.51</v></c><c r="B1" s="2"><v>0.125</v></c>'
        '<c r="C1" s="3"><v>46143</v></c><c r="D1" s="4"><v>46143.6875</v></c>'
        '<c r="E1" s="5"><v>1.5</v></c><c r="F1" s="6"><v>0.75</v></c>'
        '<c r="G1" s="3"><v>99999999</v></c><c r="H1" s="7"><v>12</v></c></row>',
        styles_xml=styles(9, "0.0%", 14, "yyyy-mm-dd hh:mm", "[h]:mm:ss", 20, 31),
    )
    [(_, cells)] = both(path)
    assert cells == [
        (0.51, "0%", False),
        (0.125, "0.0%", False),
        (dt.datetime(2026, 5, 1), "mm-dd-yy", False),
        (dt.datetime(2026, 5, 1, 16, 30), "yyyy-mm-dd hh:mm", False),
        (dt.timedelta(hours=36), "[h]:mm:ss", False),
        (dt.time(18, 0), "h:mm", False),
        ("#VALUE!", "mm-dd-yy", False),  # a date out of range: an error value, as openpyxl
        (12, "General", False),  # a locale's own built-in id (31) reads as General
    ]


def test_1904_date_system(tmp_path: Path) -> None:
    from openpyxl.utils.datetime import MAC_EPOCH, from_excel

    path = one_sheet(
        tmp_path / "mac.xlsx",
        '<row r="1"><c r="A1" s="1"><v>44681</v></c><c r="B1" s="1"><v>1.25</v></c></row>',
        styles_xml=styles(14),
        date1904=True,
    )
    [(_, cells)] = both(path)
    assert [v for v, _, _ in cells] == [dt.datetime(2026, 5, 1), dt.datetime(1904, 1, 2, 6)]
    # 1,462 days after the same serial in the 1900 system (46143 is 2026-05-01 there)
    assert cells[0][0] == from_excel(44681, MAC_EPOCH) == from_excel(46143)


# -- rows and positions -------------------------------------------------------------------------
def test_cells_and_rows_without_r(tmp_path: Path) -> None:
    """Positions implied by order, as Excel reads them: after the last cell, after the last row."""
    path = one_sheet(
        tmp_path / "no-r.xlsx",
        '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>'
        '<row r="5"><c r="C5"><v>3</v></c><c><v>4</v></c></row>'
        "<row><c><v>5</v></c></row>",
    )
    assert both(path) == [
        (1, [("a", "General", False), (1, "General", False)]),
        (
            5,
            [
                (None, None, False),
                (None, None, False),
                (3, "General", False),
                (4, "General", False),
            ],
        ),
        (6, [(5, "General", False)]),
    ]


def test_rows_beyond_a_stale_dimension_are_read(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 8))
    path = one_sheet(tmp_path / "stale.xlsx", rows, dimension="A1:A2")
    assert [n for n, _ in both(path)] == [1, 2, 3, 4, 5, 6, 7]


def test_a_stray_cell_at_xfd1048576_is_one_cell(tmp_path: Path) -> None:
    path = one_sheet(
        tmp_path / "stray.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
        dimension="A1:XFD1048576",
    )
    rows = both(path)
    assert [n for n, _ in rows] == [1, 1048576]
    assert rows[1][1][16383] == ("x", "General", False)
    with open_xlsx(path) as package:
        limited = package.rows("Sheet1")
        first = next(limited)
        limited.width = 2  # as the reader does once the header is found
        assert first == (1, [(1, "General", False)])
        # Past the width only the first far cell is kept, so the row is not taken for blank.
        assert next(limited) == (1048576, [(None, None, False)] * 2 + [("x", "General", False)])


def test_the_same_cell_twice_keeps_the_last(tmp_path: Path) -> None:
    path = one_sheet(
        tmp_path / "twice.xlsx", '<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row>'
    )
    assert both(path) == [(1, [(2, "General", False)])]


def test_shapes_the_fast_parser_hands_to_lxml(tmp_path: Path) -> None:
    """Comments, CDATA, prefixes and pretty-printing read the same, through lxml."""
    plain = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a&lt;b</t></is></c><c r="B1"><v>2</v></c></row>'
    )
    expected = [(1, [("a<b", "General", False), (2, "General", False)])]
    variants = {
        "comment": plain.replace('<c r="B1">', '<!-- a note --><c r="B1">'),
        "cdata": plain.replace("a&lt;b", "<![CDATA[a<b]]>"),
        "pretty": plain.replace("><", ">\n  <"),
        "single-quotes": plain.replace('r="B1"', "r='B1'"),
        "processing-instruction": plain.replace('<c r="B1">', '<?note here?><c r="B1">'),
        "namespace-on-row": plain.replace('<row r="1">', f'<row r="1" xmlns="{MAIN}">'),
        "namespace-on-cell": plain.replace('<c r="B1">', f'<c r="B1" xmlns="{MAIN}">'),
    }
    for name, rows in variants.items():
        path = one_sheet(tmp_path / f"{name}.xlsx", rows)
        assert both(path) == expected, name
    prefixed = write_package(
        tmp_path / "prefixed.xlsx",
        [
            Sheet(
                "Sheet1",
                worksheet(plain)
                .replace(f'xmlns="{sheet_module.MAIN_NS}"', f'xmlns:x="{sheet_module.MAIN_NS}"')
                .replace("<", "<x:")
                .replace("<x:/", "</x:")
                .replace("<x:?xml", "<?xml")
                .replace("x:xmlns:r", "xmlns:r"),
            )
        ],
    )
    assert both(prefixed) == expected


def test_fast_parser_resumes_in_lxml_after_the_rows_it_gave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shape met mid-sheet: lxml takes over after the rows already given, none twice."""
    rows = "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}" t="s">'
        + ("<v/>" if n == 40 else "<v>0</v>")
        + "</c></row>"
        for n in range(1, 61)
    )
    path = one_sheet(tmp_path / "resume.xlsx", rows, strings_xml=shared_strings("s"))
    monkeypatch.setattr(sheet_module, "_BLOCK", 300)  # many small chunks
    skipped: list[int] = []
    original = SheetRows._lxml

    def spy(self: SheetRows, skip: int) -> Any:
        skipped.append(skip)
        return original(self, skip)

    monkeypatch.setattr(SheetRows, "_lxml", spy)
    result = both(path)
    assert skipped[0] > 0  # the fast parser gave some rows first
    assert [n for n, _ in result] == list(range(1, 61))
    assert result[39][1] == [(40, "General", False)]


def test_chunks_do_not_change_the_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = "".join(
        f'<row r="{n}" spans="1:3"><c r="A{n}" t="inlineStr"><is><t>line {n}</t></is></c>'
        f'<c r="C{n}"><v>{n}.5</v></c></row>'
        for n in range(1, 200)
    )
    path = one_sheet(tmp_path / "chunks.xlsx", rows)
    whole = rows_of(path, fast=False)
    monkeypatch.setattr(sheet_module, "_BLOCK", 97)

    def no_lxml(self: SheetRows, skip: int) -> Any:
        raise AssertionError("the fast parser handed over")

    monkeypatch.setattr(SheetRows, "_lxml", no_lxml)
    assert typed(rows_of(path)) == typed(whole)
    assert len(whole) == 199
    assert whole[-1] == (
        199,
        [("line 199", "General", False), (None, None, False), (199.5, "General", False)],
    )


# -- refusals -----------------------------------------------------------------------------------
def test_bad_cell_values_are_one_line_naming_the_cell(tmp_path: Path) -> None:
    for name, cell in {
        "string-index": '<c r="B3" t="s"><v>7</v></c>',
        "number": '<c r="B3"><v>twelve</v></c>',
        "boolean": '<c r="B3" t="b"><v>yes</v></c>',
    }.items():
        path = one_sheet(tmp_path / f"{name}.xlsx", f'<row r="3">{cell}</row>')
        for fast in (True, False):
            with pytest.raises(WorkbookError, match=r"cell Sheet1!B3 cannot be read") as caught:
                rows_of(path, fast=fast)
            assert "\n" not in str(caught.value)


def test_a_style_the_workbook_lacks_is_refused(tmp_path: Path) -> None:
    """Without its style, 0.51 could be 51 %: the cell is named, nothing is guessed."""
    path = one_sheet(
        tmp_path / "style.xlsx",
        '<row r="1"><c r="A1" s="5"><v>0.51</v></c></row>',
        styles_xml=styles(9),
    )
    with pytest.raises(WorkbookError, match=r"cell Sheet1!A1 .*style '5'"):
        rows_of(path)


def test_entities_anywhere_are_refused(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE worksheet [<!ENTITY e "x">]>'
    text = worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>')
    path = write_package(
        tmp_path / "dtd.xlsx",
        [Sheet("Sheet1", text.replace("<worksheet", doctype + "<worksheet", 1))],
    )
    for fast in (True, False):
        with pytest.raises(WorkbookError, match="declares entities"):
            rows_of(path, fast=fast)
    strings = shared_strings("a").replace("<sst", doctype.replace("worksheet", "sst") + "<sst", 1)
    path = one_sheet(
        tmp_path / "sst.xlsx", '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', strings_xml=strings
    )
    with pytest.raises(WorkbookError, match="declares entities"):
        rows_of(path)


def test_not_well_formed_xml_is_one_line(tmp_path: Path) -> None:
    for name, rows in {
        "control": '<row r="1"><c r="A1" t="inlineStr"><is><t>a\x01b</t></is></c></row>',
        "control-value": '<row r="1"><c r="A1"><v>1\x1f</v></c></row>',
        "control-attribute": '<row r="1"><c r="A1" s="0\x02"><v>1</v></c></row>',
        "control-row": '<row r="1" x14ac:dyDescent="\x0b"><c r="A1"><v>1</v></c></row>',
        "noncharacter": '<row r="1"><c r="A1" t="inlineStr"><is><t>a\uffffb</t></is></c></row>',
        "cdata-end": '<row r="1"><c r="A1" t="inlineStr"><is><t>a]]>b</t></is></c></row>',
        "unclosed": '<row r="1"><c r="A1"><v>1</v></row>',
        "entity": '<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>',
    }.items():
        path = one_sheet(tmp_path / f"{name}.xlsx", rows)
        for fast in (True, False):
            with pytest.raises(WorkbookError, match=r"the sheet 'Sheet1' cannot be read") as caught:
                rows_of(path, fast=fast)
            assert "\n" not in str(caught.value), name


def test_chart_sheets_are_listed_but_have_no_rows(tmp_path: Path) -> None:
    path = write_package(
        tmp_path / "chart.xlsx",
        [Sheet("Data", worksheet("")), Sheet("Members", chartsheet(), "chartsheet")],
    )
    with open_xlsx(path) as package:
        assert package.sheet_titles == ["Data"]
        assert [(s.name, s.kind) for s in package.sheets] == [
            ("Data", "worksheet"),
            ("Members", "chartsheet"),
        ]


def _strings_both_ways(path: Path) -> tuple[list[str] | None, list[str]] | None:
    """The shared strings by the fast path (None when it hands over) and by lxml alone."""
    import zipfile

    from aiexp.workbook import parts

    try:
        with open_xlsx(path) as package:
            name = package.workbook.shared_strings
    except WorkbookError:
        return None
    with zipfile.ZipFile(path) as archive:
        info = parts.member(archive, name or "xl/sharedStrings.xml")
        if info is None:
            return None
        data = archive.read(info)
    try:
        fast: list[str] | None = parts._simple_strings(data)
    except parts.NotSimple:
        fast = None
    root = parts.parse_xml(str(path), "sst", data)
    slow = [parts.text_content(i).replace("x005F_", "") for i in root.iter(parts.main("si"))]
    return fast, slow


def test_shared_strings_fast_and_lxml_agree() -> None:
    compared = 0
    for path in [*WORKBOOKS, *SHARED]:
        found = _strings_both_ways(path)
        if found is None or found[0] is None:
            continue
        fast, slow = found
        assert fast == slow, path.name
        compared += 1
    assert compared >= 5
