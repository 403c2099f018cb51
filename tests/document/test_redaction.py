"""The parts of the public version: folding, the redactor, the leak check, the flags read."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from aiexp.document.fold import Needles, fold, variants, words
from aiexp.document.leaks import checked_needles, docx_texts, leaks, visible_text
from aiexp.document.redact import Fixed, Redacted, Redactor, short_name
from aiexp.model import Consortium, Member, Operation
from tests.hardening.runner import run_main
from tests.workbook_edit import copy_sample, set_cells


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**Zyph**rax Quorvane", ["zyphrax", "quorvane"]),
        ("ＺＹＰＨＲＡＸ\u00a0quor\u00advane", ["zyphrax", "quorvane"]),
        ("Zyph\u200drax\nQuorvane", ["zyphrax", "quorvane"]),
        ("[Zyphrax Quorvane](https://q.example)", ["zyphrax", "quorvane"]),
        ("![Zyphrax Quorvane](logo.png)", ["zyphrax", "quorvane"]),
        ("Zyphräx", ["zyphrax"]),
        ("$7,777,777.77.", ["7,777,777.77"]),  # one number: `7` is not in it
        ("Zyphrax.Quorvane", ["zyphrax", "quorvane"]),
        ("3A090.a, L-0001; 2006.", ["3a090", "a", "l", "0001", "2006"]),
    ],
)
def test_words_are_folded_as_a_reader_sees_them(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_a_link_address_is_looked_at_too() -> None:
    assert list(variants("[our partner](https://zyphrax.example)")) == [
        ["our", "partner"],
        ["our", "partner", "https", "zyphrax", "example"],
    ]


def test_needles_are_whole_words_of_any_length() -> None:
    needles: Needles[str] = Needles()
    needles.add("QX", "short")
    needles.add("Zyphrax Quorvane, Inc.", "name")
    assert needles.find("Managed by qx.") == "short"
    assert needles.find("QXR and XQX") is None  # part of a word is not a mention
    assert needles.find("ZYPHRAX QUORVANE INC") == "name"
    assert needles.find("Zyphrax alone") is None
    assert fold("  Zyphrax\tQuorvane ") == "zyphrax quorvane"


def test_a_name_without_its_legal_form_is_looked_for() -> None:
    assert short_name("Pecos River Critical Facilities, LLC") == "pecos river critical facilities"
    assert short_name("Data, Inc.") is None  # one generic word would hit everything
    assert short_name("Zyphrax GmbH") == "zyphrax"


def test_the_redactor_withholds_rows_and_what_mentions_them() -> None:
    member = Member(name="Zyphrax Quorvane, Inc.", confidential=True)
    other = Operation(entity="zyphrax quorvane", arrangement="Builds it")
    consortium = Consortium(members=[member], operations=[other])
    redactor = Redactor.for_model(consortium, None, public=True)
    assert isinstance(redactor.value(member, member.name), Redacted)
    assert redactor.value(other, other.arrangement) == "Builds it"
    tree = {"a": ["x", "Run by **Zyphrax** Quorvane"], "state": Fixed("Zyphrax Quorvane")}
    scrubbed = redactor.scrub(tree)
    assert scrubbed["a"][0] == "x"
    assert isinstance(scrubbed["a"][1], Redacted)
    assert scrubbed["state"] == "Zyphrax Quorvane"  # the tool's own words are never touched
    full = Redactor.for_model(consortium, None, public=False)
    assert full.value(member, member.name) == member.name
    assert full.mark(member) == "[Confidential commercial information]"


def test_visible_text_is_never_xml_syntax() -> None:
    part = (
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'markup-compatibility/2006"><w:p><w:r><w:t>Acme &lt;Labs&gt;</w:t></w:r></w:p>'
        b'<wp:docPr xmlns:wp="x" id="1" name="n" descr="Zyphrax logo"/></w:document>'
    )
    text = visible_text("word/document.xml", part)
    assert "2006" not in text
    assert "Acme <Labs>" in text
    assert "Zyphrax logo" in text


def test_ordinary_words_are_not_checked_but_distinctive_ones_are() -> None:
    needles: Needles[str] = Needles()
    for text in ("information", "2006", "7", "Zyphrax"):
        needles.add(text, text)
    checked = checked_needles(needles, words("confidential commercial information"))
    found = leaks([("body", "information 7 2006 Zyphrax")], checked)
    assert found == [("body", "2006"), ("body", "zyphrax")]


def test_the_leak_check_refuses_a_reference_docx_that_names_a_secret(tmp_path: Path) -> None:
    """The check reads every part: a house template whose header names a confidential member
    would publish it, so nothing is written."""
    workbook = copy_sample(tmp_path)
    set_cells(
        workbook,
        "Members",
        {"name": "Lindenau Sprachdaten GmbH"},
        {"confidential": "yes", "confidential_basis": "commercial"},
    )
    reference = docx.Document()
    reference.sections[0].header.paragraphs[0].text = "Prepared with LINDENAU SPRACHDATEN"
    reference.save(str(tmp_path / "house.docx"))
    args = ["render", "consortium.xlsx", "--out", "p.docx", "--date", "2026-05-01", "--draft"]
    run = run_main([*args, "--public", "--reference-docx", "house.docx"], cwd=tmp_path)
    assert run.exit_code == 2, run
    assert "would still show confidential text" in run.stderr
    assert "header" in run.stderr
    assert not (tmp_path / "p.docx").exists()
    # Without --public the same file is written: it is the full version.
    assert run_main([*args, "--reference-docx", "house.docx"], cwd=tmp_path).exit_code == 0
    texts = dict(docx_texts((tmp_path / "p.docx").read_bytes()))
    assert "LINDENAU" in texts["word/header1.xml"]


def test_a_duplicate_confidential_column_that_disagrees_is_an_error(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    workbook = copy_sample(tmp_path)
    book = load_workbook(workbook)
    ws = book["Operations"]
    width = ws.max_column
    ws.cell(1, width + 1).value = "Confidential"
    ws.cell(1, width + 2).value = "confidential"
    ws.cell(2, width + 1).value = "no"
    ws.cell(2, width + 2).value = "yes"
    book.save(workbook)
    run = run_main(["validate", "consortium.xlsx", "--json", "--date", "2026-05-01"], cwd=tmp_path)
    findings = json.loads(run.stdout)["findings"]
    cell = f"{ws.cell(2, width + 2).column_letter}2"
    said = [f for f in findings if f["location"].get("cell") == cell]
    assert said, findings
    assert said[0]["code"] == "input.duplicate"
    assert said[0]["severity"] == "error"
    assert "treated as confidential" in said[0]["message"]


def test_content_calc_lists_confidential_lines(tmp_path: Path) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_text(
        "line_id,description,supplier,supplier_country,unit_value,us_content_pct,confidential\n"
        "L1,GPU server,Acme,US,1000,60,yes\n"
        "L2,Switch,Acme,US,500,60,no\n",
        encoding="utf-8",
    )
    run = run_main(["content-calc", "bom.csv", "--json"], cwd=tmp_path)
    assert json.loads(run.stdout)["confidential_lines"] == ["L1"]
