"""`render --public` (Section VII): one test per way issue 11 found a confidential text leaking.

Each test plants a distinctive text in a confidential place of the sample, renders through the
real command line, checks the full version shows it (so the check means something) and that
the public version — every part of the DOCX and the manifest, read independently
(`tests.document.public`) — does not, in any form.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.document.public import shown_texts, where_shown
from tests.hardening.runner import run_main
from tests.workbook_edit import append_row, clear_sheet, copy_sample, set_cells, set_field

DATE = "2026-05-01"
SECRET = "Zyphrax Quorvane"


def render(folder: Path, out: str, *extra: str) -> tuple[int, str]:
    """`aiexp render` in `folder` (as a draft: planted rows may add findings)."""
    run = run_main(
        ["render", "consortium.xlsx", "--out", out, "--date", DATE, "--draft", *extra],
        cwd=folder,
    )
    return run.exit_code, run.stdout + run.stderr


def full_and_public(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The full and the public version of the workbook in `folder`, as a reader sees them."""
    code, said = render(folder, "full.docx")
    assert code == 0, said
    code, said = render(folder, "public.docx", "--public")
    assert code == 0, said
    assert "internal error" not in said
    return shown_texts(folder / "full.docx"), shown_texts(folder / "public.docx")


def assert_withheld(secret: str, full: dict[str, str], public: dict[str, str]) -> None:
    """Shown in the full version, nowhere in the public one."""
    assert where_shown(secret, full), f"{secret!r} is not even in the full version"
    assert not where_shown(secret, public), (secret, where_shown(secret, public))


def bom_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_bom(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def confidential_bom_line(folder: Path, **values: str) -> dict[str, str]:
    """Mark the sample bom.csv's first line confidential (no basis) with these values."""
    rows = bom_rows(folder / "bom.csv")
    header = [*rows[0], "confidential", "confidential_basis"]
    body = [[*row, "", ""] for row in rows[1:]]
    line = dict(zip(header, body[0], strict=True))
    line.update(values, confidential="yes")
    body[0] = [line[key] for key in header]
    write_bom(folder / "bom.csv", [header, *body])
    return line


# -- bom.csv's confidential columns count ---------------------------------------------------------
def test_bom_csv_confidential_line_is_withheld_and_needs_a_basis(tmp_path: Path) -> None:
    copy_sample(tmp_path)
    line = confidential_bom_line(
        tmp_path,
        line_id="ZQX-0001",
        description="Zyphrax lattice module",
        supplier="Quorvane Fabrication GmbH",
        quantity="1",
        unit_value="7777777.77",
        us_content_pct="",
    )
    full, public = full_and_public(tmp_path)
    for secret in (line["line_id"], line["description"], "7,777,777.77"):
        assert_withheld(secret, full, public)
    assert not where_shown(line["supplier"], public)  # (shown only for flagged suppliers)
    assert "7777777.77" in full["manifest"]
    assert "7777777.77" not in public["manifest"]
    manifest = json.loads(public["manifest"])
    assert manifest["hardware"]["withheld_lines"] == 1
    assert "ZQX-0001" not in manifest["hardware"]["undeclared_lines"]
    # validate: the line has no confidential_basis, like any other confidential row (VII).
    run = run_main(["validate", "consortium.xlsx", "--json", "--date", DATE], cwd=tmp_path)
    findings = json.loads(run.stdout)["findings"]
    basis = [f for f in findings if f["code"] == "confidential.basis"]
    assert any(f["location"]["file"] == "bom.csv" and f["location"]["row"] == 2 for f in basis)


# -- the manifest keeps no raw amount --------------------------------------------------------------
def test_bom_sheet_amounts_are_not_in_the_public_manifest(tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path, with_bom=False)
    lines = bom_rows(Path(__file__).parents[2] / "samples" / "bom.csv")
    header = lines[0]
    for row in lines[1:4]:
        append_row(workbook, "BOM", dict(zip(header, row, strict=True)))
    set_cells(
        workbook,
        "BOM",
        {"line_id": lines[1][0]},
        {
            "unit_value": 7777777.77,
            "quantity": 1,
            "confidential": "yes",
            "confidential_basis": "commercial",
        },
    )
    full, public = full_and_public(tmp_path)
    assert "7777777.77" in full["manifest"]
    for form in ("7777777.77", "7,777,777.77", lines[1][0]):
        assert not where_shown(form, public), form
    # Three lines, one confidential and two shown: the total would give it away (below).
    assert json.loads(public["manifest"])["hardware"]["total_value"] is None


# -- another form of the same text -----------------------------------------------------------------
FORMS = {
    "capitals": "ZYPHRAX QUORVANE",
    "lower case": "zyphrax quorvane",
    "markdown emphasis": "**Zyphrax** Quorvane",
    "markdown inside a word": "**Zyph**rax Quorvane",
    "line break": "Zyphrax\nQuorvane",
    "link text": "[Zyphrax Quorvane](https://example.com/partners)",
    "image alt text": "![Zyphrax Quorvane](logo.png)",
    "full-width": "Ｚｙｐｈｒａｘ Ｑｕｏｒｖａｎｅ",
    "no-break space": "Zyphrax\u00a0Quorvane",
    "zero-width joiner": "Zyph\u200drax Quorvane",
    "soft hyphen": "Zyph\u00adrax Quor\u00advane",
}


def test_every_form_of_a_confidential_member_is_withheld(tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path)
    name = f"{SECRET}, Inc."
    set_cells(
        workbook,
        "Members",
        {"name": "Prairie Signal Civic Software, Inc."},
        {"name": name, "confidential": "yes", "confidential_basis": "commercial"},
    )
    # aiexp treats the lower-case name in Providers as the same member (SPEC §2).
    set_cells(
        workbook,
        "Providers",
        {"provider": "Prairie Signal Civic Software, Inc."},
        {"provider": name.lower()},
    )
    set_cells(
        workbook, "Operations", {"entity": "Larkspur Reasoning Labs, Inc."}, {"entity": SECRET}
    )
    # The consortium name reaches the title, the header, the footer and docProps/core.xml.
    set_field(workbook, "consortium_name", f"{SECRET.upper()} Alliance")
    sections = [
        "package_overview",
        "business_model",
        "national_interest_statement",
        "export_compliance_program",
        "local_partners",
        "workforce_training",
        "enabling_infrastructure",
        "privacy_security_measures",
    ]
    forms = list(FORMS.values())
    for section, form in zip(sections, forms, strict=False):
        set_cells(workbook, "Narratives", {"section": section}, {"text": f"Delivered with {form}."})
    rest = forms[len(sections) :]
    for index, form in enumerate(rest):
        set_cells(
            workbook,
            "Markets",
            {"market": ["GCC", "Philippines", "Poland"][index]},
            {"demand_evidence": f"Letters from {form}"},
        )
    full, public = full_and_public(tmp_path)
    assert_withheld(SECRET, full, public)
    for part in ("docProps/core.xml", "word/header1.xml", "word/footer1.xml"):
        assert "[REDACTED" in public[part], part


def test_a_short_name_is_withheld_everywhere(tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path)
    set_cells(
        workbook,
        "Providers",
        {"provider": "Ridgeline Physical Security, Inc."},
        {"provider": "QX", "confidential": "yes", "confidential_basis": "commercial"},
    )
    set_cells(
        workbook,
        "Operations",
        {"entity": "Larkspur Reasoning Labs, Inc."},
        {"arrangement": "Second-line support by QX under a subcontract."},
    )
    full, public = full_and_public(tmp_path)
    assert_withheld("QX", full, public)


# -- the draft's findings appendix -----------------------------------------------------------------
def test_draft_findings_quote_no_confidential_cell(tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path)
    set_cells(
        workbook,
        "Members",
        {"name": "Lindenau Sprachdaten GmbH"},
        {
            "coc_ownership_pct": "Quorvane-owned 12",
            "confidential": "yes",
            "confidential_basis": "commercial",
        },
    )
    set_cells(
        workbook,
        "Narratives",
        {"section": "workforce_training"},
        {"text": "TBD Zyphrax staffing plan", "confidential": "yes"},
    )
    full, public = full_and_public(tmp_path)
    assert_withheld("Quorvane-owned", full, public)
    assert_withheld("Zyphrax staffing plan", full, public)
    assert "Lindenau" not in public["word/document.xml"]


# -- the flag fails closed -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "flag", ["Yes - NDA", "=1=1", "second column"], ids=["unparsable", "formula", "duplicate"]
)
def test_an_unreadable_flag_withholds_the_row(flag: str, tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path)
    set_cells(
        workbook,
        "Operations",
        {"entity": "Larkspur Reasoning Labs, Inc."},
        {"arrangement": f"Managed by {SECRET} under NDA"},
    )
    book = load_workbook(workbook)
    ws = book["Operations"]
    header = {str(cell.value).strip().casefold(): cell.column for cell in ws[1] if cell.value}
    row = next(
        r
        for r in range(2, ws.max_row + 1)
        if "Zyphrax" in str(ws.cell(r, header["arrangement"]).value or "")
    )
    flag_column = header.get("confidential")
    if flag_column is None:
        flag_column = ws.max_column + 1
        ws.cell(1, flag_column).value = "Confidential"
    if flag == "second column":
        ws.cell(row, flag_column).value = "no"
        second = ws.max_column + 1
        ws.cell(1, second).value = "Confidential"
        ws.cell(row, second).value = "yes"
    else:
        ws.cell(row, flag_column).value = flag  # a formula: openpyxl saves no value for it
    book.save(workbook)
    run = run_main(["validate", "consortium.xlsx", "--json", "--date", DATE], cwd=tmp_path)
    findings = json.loads(run.stdout)["findings"]
    assert any(
        f["severity"] == "error" and f["location"].get("sheet") == "Operations" for f in findings
    ), findings
    full, public = full_and_public(tmp_path)
    assert_withheld(SECRET, full, public)


# -- no arithmetic gives a withheld value away ----------------------------------------------------
def _layer_table(text: str, first_cell: str) -> list[str]:
    lines = text.splitlines()
    return [line for line in lines if line.startswith("  ") and first_cell in line]


def test_one_withheld_provider_withholds_its_layers_total_and_shares(tmp_path: Path) -> None:
    from tests.document.dump import text_dump

    workbook = copy_sample(tmp_path)
    set_cells(
        workbook,
        "Providers",
        {"provider": "Luzon Data Annotation Corp."},
        {"confidential": "yes", "confidential_basis": "commercial"},
    )
    code, said = render(tmp_path, "public.docx", "--public")
    assert code == 0, said
    text = text_dump((tmp_path / "public.docx").read_bytes())
    layer2 = text[text.index("] 2.3 Layer 2: ", text.index("[Heading 1]")) :]
    layer2 = layer2[: layer2.index("2.4 Layer 3: ")]
    assert "$640,000.00" not in layer2
    assert "with a total of [REDACTED" in layer2
    assert "$10,8" not in layer2  # the total of layer 2 (10,8xx,xxx.xx with the rate)
    rows = [line for line in layer2.splitlines() if line.startswith("  ")]
    assert rows
    assert all(line.rstrip().endswith("[REDACTED]") for line in rows[1:]), rows


def test_two_withheld_providers_leave_a_total_that_says_so(tmp_path: Path) -> None:
    from tests.document.dump import text_dump

    workbook = copy_sample(tmp_path)
    for name in ("Luzon Data Annotation Corp.", "Quarry Lake Data Catalog, Inc."):
        set_cells(
            workbook,
            "Providers",
            {"provider": name},
            {"confidential": "yes", "confidential_basis": "commercial"},
        )
    code, said = render(tmp_path, "public.docx", "--public")
    assert code == 0, said
    text = text_dump((tmp_path / "public.docx").read_bytes())
    layer2 = text[text.index("] 2.3 Layer 2: ", text.index("[Heading 1]")) :]
    layer2 = layer2[: layer2.index("2.4 Layer 3: ")]
    assert "(including 2 withheld values)" in layer2
    total = Decimal(layer2.split("with a total of $")[1].split(" ")[0].replace(",", ""))
    shown = [
        Decimal(cell.strip().lstrip("$").replace(",", ""))
        for line in layer2.splitlines()
        if line.startswith("  ") and "$" in line
        for cell in line.split(" | ")
        if cell.strip().startswith("$")
    ]
    rest = total - sum(shown)
    assert rest == Decimal("1120000.00")  # the two withheld values together, never one
    assert rest not in (Decimal("640000"), Decimal("480000"))


def test_a_small_bom_with_a_confidential_line_withholds_its_figures(tmp_path: Path) -> None:
    copy_sample(tmp_path)
    rows = bom_rows(tmp_path / "bom.csv")
    write_bom(tmp_path / "bom.csv", rows[:3])
    confidential_bom_line(tmp_path, line_id="ZQX-0002", description="Zyphrax board")
    full, public = full_and_public(tmp_path)
    manifest = json.loads(public["manifest"])["hardware"]
    assert manifest["total_value"] is None
    assert manifest["us_value"] is None
    assert manifest["line_count"] == 2
    assert_withheld("Zyphrax board", full, public)
    body = public["word/document.xml"]
    assert "valued at [REDACTED" in " ".join(body.split())


# -- ordinary text as a confidential value --------------------------------------------------------
@pytest.mark.parametrize(
    "value", ["2006", "information", "Acme <Labs> & Co", "a single anchor", "2.5"]
)
def test_an_ordinary_confidential_value_renders_cleanly(value: str, tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path)
    set_cells(
        workbook,
        "Providers",
        {"provider": "Ridgeline Physical Security, Inc."},
        {"provider": value, "confidential": "yes", "confidential_basis": "commercial"},
    )
    set_cells(
        workbook,
        "Narratives",
        {"section": "local_partners"},
        {"text": f"We work with {value} in the Gulf."},
    )
    code, said = render(tmp_path, "public.docx", "--public")
    assert code == 0, said
    assert "internal error" not in said
    public = shown_texts(tmp_path / "public.docx")
    assert "We work with" not in public["word/document.xml"]
    # Words of the document's own (the redaction mark says "information", Appendix A quotes
    # the notice's "a single anchor", "2.5" numbers the Layer 4 section: it stopped the public
    # render) cannot be told from them; other values never show.
    if value not in ("information", "a single anchor", "2.5"):
        assert not where_shown(value, public), where_shown(value, public)


def test_no_confidential_rows_changes_nothing(tmp_path: Path) -> None:
    """Without a confidential row the public version says what the full one says."""
    from tests.document.dump import text_dump

    workbook = copy_sample(tmp_path)
    set_cells(
        workbook,
        "Providers",
        {"provider": "Pecos River Critical Facilities, LLC"},
        {"confidential": "no"},
    )
    clear_sheet(workbook, "BOM")
    set_cells(workbook, "Narratives", {"section": "letters_of_intent"}, {"confidential": "no"})
    assert render(tmp_path, "full.docx")[0] == 0
    assert render(tmp_path, "public.docx", "--public")[0] == 0
    full = text_dump((tmp_path / "full.docx").read_bytes())
    public = text_dump((tmp_path / "public.docx").read_bytes())
    assert "REDACTED" not in public
    assert full == public
