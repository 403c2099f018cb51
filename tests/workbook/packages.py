"""Hand-built .xlsx packages: the exact XML a test needs, for the shapes openpyxl never writes.

Real writers differ (Excel: shared strings; openpyxl: inline strings; LibreOffice, Google,
generators: cells without `r`, prefixes, pretty-printed XML). These helpers write a real zip
package with [Content_Types].xml, relationships, styles and shared strings, so that both of the
reader's sheet parsers can be tried on each shape.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class Sheet:
    """One sheet of a hand-built package: its name, its part's XML, its kind and state."""

    name: str
    xml: str
    kind: str = "worksheet"  # or chartsheet, dialogsheet
    state: str = "visible"


def worksheet(rows: str, *, dimension: str = "A1", before: str = "", after: str = "") -> str:
    """A worksheet part whose <sheetData> holds `rows` (XML text) as given."""
    return (
        f'{DECLARATION}<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
        f'<dimension ref="{dimension}"/>{before}<sheetData>{rows}</sheetData>{after}</worksheet>'
    )


def chartsheet() -> str:
    """A chart sheet part (no cells; its drawing is left out)."""
    return f'{DECLARATION}<chartsheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetViews>' + (
        '<sheetView workbookViewId="0"/></sheetViews></chartsheet>'
    )


def styles(*formats: int | str) -> str:
    """styles.xml whose cellXfs are General (s=0) then one style per format: an id or a code."""
    custom = {
        code: 164 + index
        for index, code in enumerate(dict.fromkeys(f for f in formats if isinstance(f, str)))
    }
    numfmts = "".join(
        f'<numFmt numFmtId="{number}" formatCode="{escape(code, {chr(34): "&quot;"})}"/>'
        for code, number in custom.items()
    )
    xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' + "".join(
        f'<xf numFmtId="{custom[f] if isinstance(f, str) else f}" fontId="0" fillId="0" '
        'borderId="0" xfId="0" applyNumberFormat="1"/>'
        for f in formats
    )
    return (
        f'{DECLARATION}<styleSheet xmlns="{MAIN}">'
        f'<numFmts count="{len(custom)}">{numfmts}</numFmts>'
        '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{len(formats) + 1}">{xfs}</cellXfs></styleSheet>'
    )


def shared_strings(*items: str) -> str:
    """sharedStrings.xml: each item as given (plain text is escaped; XML starts with `<`)."""
    body = "".join(
        f"<si>{item}</si>" if item.startswith("<") else f"<si><t>{escape(item)}</t></si>"
        for item in items
    )
    return f'{DECLARATION}<sst xmlns="{MAIN}" count="{len(items)}">{body}</sst>'


def write_package(
    path: Path,
    sheets: list[Sheet],
    *,
    styles_xml: str | None = None,
    strings_xml: str | None = None,
    date1904: bool = False,
) -> Path:
    """Write the package: workbook, relationships, content types, styles, strings, sheets."""
    entries, rels, overrides = [], [], []
    parts: dict[str, str] = {}
    for index, sheet in enumerate(sheets, start=1):
        folder = {"worksheet": "worksheets", "chartsheet": "chartsheets"}.get(
            sheet.kind, f"{sheet.kind}s"
        )
        part = f"xl/{folder}/sheet{index}.xml"
        parts[part] = sheet.xml
        state = "" if sheet.state == "visible" else f' state="{sheet.state}"'
        entries.append(
            f'<sheet name="{escape(sheet.name)}" sheetId="{index}"{state} r:id="rId{index}"/>'
        )
        rels.append(
            f'<Relationship Id="rId{index}" Type="{REL}/{sheet.kind}" '
            f'Target="{folder}/sheet{index}.xml"/>'
        )
        overrides.append(
            f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-'
            f'officedocument.spreadsheetml.{sheet.kind.replace("sheet", "")}+xml"/>'
        )
    extra = len(sheets)
    if styles_xml is not None:
        parts["xl/styles.xml"] = styles_xml
        rels.append(f'<Relationship Id="rId{extra + 1}" Type="{REL}/styles" Target="styles.xml"/>')
    if strings_xml is not None:
        parts["xl/sharedStrings.xml"] = strings_xml
        rels.append(
            f'<Relationship Id="rId{extra + 2}" Type="{REL}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
    properties = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    parts["xl/workbook.xml"] = (
        f'{DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{REL}">{properties}'
        f"<sheets>{''.join(entries)}</sheets></workbook>"
    )
    parts["xl/_rels/workbook.xml.rels"] = (
        f'{DECLARATION}<Relationships xmlns="{PKG}">{"".join(rels)}</Relationships>'
    )
    parts["_rels/.rels"] = (
        f'{DECLARATION}<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    parts["[Content_Types].xml"] = (
        f"{DECLARATION}<Types "
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{''.join(overrides)}</Types>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            package.writestr(name, text.encode("utf-8"))
    return path


def one_sheet(path: Path, rows: str, **options: object) -> Path:
    """A package with one worksheet, Sheet1, whose sheetData holds `rows`."""
    sheet_options = {k: options.pop(k) for k in ("dimension", "before", "after") if k in options}
    return write_package(
        path,
        [Sheet("Sheet1", worksheet(rows, **sheet_options))],  # type: ignore[arg-type]
        **options,  # type: ignore[arg-type]
    )
