"""`aiexp render` (SPEC §6): the sample's proposal, read back with python-docx."""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from pathlib import Path

import docx
import pytest
from defusedxml import ElementTree

from tests.document.dump import all_text, parts, text_dump
from tests.hardening.runner import run_main
from tests.workbook_edit import copy_sample, set_cells, set_field

GOLDEN = Path(__file__).parent / "golden" / "sample.txt"
DATE = "2026-05-01"


def render(workbook: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    """Run `aiexp render` as the user does; returns exit code, stdout, stderr."""
    run = run_main(["render", str(workbook), "--out", str(out), "--date", DATE, *extra])
    return run.exit_code, run.stdout, run.stderr


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample proposal, rendered once for the module."""
    folder = tmp_path_factory.mktemp("sample")
    workbook = copy_sample(folder)
    code, out, err = render(workbook, folder / "proposal.docx")
    assert code == 0, out + err
    return folder / "proposal.docx"


def test_golden_text_of_the_sample(sample_docx: Path) -> None:
    actual = text_dump(sample_docx.read_bytes())
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(actual, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                "golden/sample.txt",
                "rendered",
                n=1,
            )
        )
        pytest.fail(f"the rendered text changed (UPDATE_GOLDEN=1 to accept):\n{diff}")


def test_structure_styles_and_page(sample_docx: Path) -> None:
    document = docx.Document(str(sample_docx))
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == "Title"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    numbered = [h for h in headings if h[0].isdigit()]
    assert [h.split(".")[0] for h in numbered] == [str(n) for n in range(1, 9)]
    assert numbered[6] == "7. Country of concern disclosures"
    assert headings[-2:] == [
        "Appendix A. Requirements cross-reference",
        "Appendix B. Hardware U.S.-content calculation",
    ]
    assert {"List Bullet", "List Number", "Heading 2", "Heading 3"} <= set(styles)
    section = document.sections[0]
    assert (section.page_width.inches, section.page_height.inches) == (8.5, 11)
    assert section.left_margin.inches == section.right_margin.inches == 1
    assert document.styles["Normal"].font.size.pt == 11
    text_width = section.page_width - section.left_margin - section.right_margin
    for table in document.tables:
        assert table.style.name == "Table Grid"
        assert sum(column.width for column in table.columns) <= text_width
    xml = parts(sample_docx.read_bytes())
    assert b"<w:updateFields" in xml["word/settings.xml"]
    assert b"TOC \\o" in xml["word/document.xml"]
    footer = b"".join(v for k, v in xml.items() if k.startswith("word/footer"))
    assert b"PAGE" in footer


def test_cover_and_sections_state_the_data(sample_docx: Path) -> None:
    text = text_dump(sample_docx.read_bytes())
    assert "Meridian Allied AI Consortium" in text
    assert (
        "Proposal for designation under the American AI Exports Program — Pre-Set Consortia "
        "(Docket No. 260401-0092)" in text
    )
    assert "Anchor member: Meridian Compute Systems, Inc." in text
    assert "is a consortium member (Section II)" in text
    assert "60.65 %" in text  # the content-calc figure, truncated
    assert "No product or service for the functions described in Layer 1" in text
    assert "DRAFT" not in text
    # raw Markdown never shows
    for raw in ("**", "\\,", "[[", "| ---"):
        assert raw not in text


def test_every_part_is_well_formed_xml(sample_docx: Path) -> None:
    for name, content in parts(sample_docx.read_bytes()).items():
        if name.endswith((".xml", ".rels")):
            ElementTree.fromstring(content)  # raises on malformed XML


def test_no_blank_page_thumbnail(sample_docx: Path) -> None:
    """The default template's thumbnail (a blank page) would be the file's preview: dropped."""
    import zipfile

    with zipfile.ZipFile(sample_docx) as package:
        names = package.namelist()
        rels = package.read("_rels/.rels").decode("utf-8")
    assert not [n for n in names if n.startswith("docProps/thumbnail")]
    assert "thumbnail" not in rels
    assert "word/document.xml" in names


def test_same_inputs_give_identical_bytes(sample_docx: Path, tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path / "again")
    code, out, err = render(workbook, tmp_path / "again.docx")
    assert code == 0, out + err
    assert (tmp_path / "again.docx").read_bytes() == sample_docx.read_bytes()
    properties = docx.Document(str(sample_docx)).core_properties
    assert properties.created.date().isoformat() == "2026-06-15"  # the submission_date
    assert properties.revision == 1
    # The filed document names the proposer, not the tool (the manifest records the tool).
    assert properties.author == properties.last_modified_by == "Meridian Compute Systems, Inc."


def test_manifest_names_every_input(sample_docx: Path) -> None:
    manifest = json.loads(sample_docx.with_suffix(".manifest.json").read_text())
    folder = sample_docx.parent
    hashes = {entry["role"]: entry["sha256"] for entry in manifest["inputs"]}
    assert (
        hashes["workbook"] == hashlib.sha256((folder / "consortium.xlsx").read_bytes()).hexdigest()
    )
    assert hashes["bom"] == hashlib.sha256((folder / "bom.csv").read_bytes()).hexdigest()
    assert "rates" not in hashes  # the sample's rates are on its Rates sheet
    assert manifest["profile"] == "preset-2026"
    assert manifest["validation"]["errors"] == 0
    assert manifest["hardware"]["us_content_pct"] == "60.6507"
    assert manifest["document"]["sha256"] == hashlib.sha256(sample_docx.read_bytes()).hexdigest()


def test_manifest_hashes_the_rates_file_that_was_read(tmp_path: Path) -> None:
    from tests.workbook_edit import clear_sheet

    workbook = copy_sample(tmp_path / "case")
    clear_sheet(workbook, "Rates")
    code, out, err = render(workbook, tmp_path / "p.docx")
    assert code == 0, out + err
    manifest = json.loads((tmp_path / "p.manifest.json").read_text())
    rates = [e for e in manifest["inputs"] if e["role"] == "rates"]
    expected = hashlib.sha256((workbook.parent / "rates.csv").read_bytes()).hexdigest()
    assert [e["sha256"] for e in rates] == [expected]


def test_confidential_rows_are_marked_and_redacted(tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path / "case")
    secrets = {
        "member": "Halvorsen Data Works, Inc.",
        "narrative": "Price list A-17 & <margin> 12.5 % for the Gulf ministry",
    }
    set_cells(
        workbook,
        "Members",
        {"name": secrets["member"]},
        {"confidential": "yes", "confidential_basis": "commercial"},
    )
    set_cells(
        workbook,
        "Narratives",
        {"section": "workforce_training"},
        {"text": secrets["narrative"], "confidential": "yes", "confidential_basis": "commercial"},
    )
    code, out, err = render(workbook, tmp_path / "full.docx")
    assert code == 0, out + err
    full = text_dump((tmp_path / "full.docx").read_bytes())
    assert "[Confidential commercial information]" in full
    assert "[header] CONTAINS CONFIDENTIAL INFORMATION" in full
    assert secrets["narrative"] in full

    code, out, err = render(workbook, tmp_path / "public.docx", "--public")
    assert code == 0, out + err
    data = (tmp_path / "public.docx").read_bytes()
    assert "[REDACTED — confidential commercial information]" in text_dump(data)
    assert "PUBLIC VERSION" in text_dump(data)
    escaped = {s.replace("&", "&amp;").replace("<", "&lt;") for s in secrets.values()}
    for name, content in parts(data).items():
        text = content.decode("utf-8", errors="replace")
        for secret in [*secrets.values(), *escaped]:
            assert secret not in text, f"{secret!r} appears in {name}"
    for secret in secrets.values():
        assert secret not in all_text(data)
    manifest = (tmp_path / "public.manifest.json").read_text(encoding="utf-8")
    for secret in secrets.values():
        assert secret not in manifest


def test_workbook_text_is_data_never_template_or_markdown(tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path / "case")
    tricky = {
        "description": "{{ x }} {% raw %} <b>bold</b> & AT&amp;T | pipe # hash *star* 1. [[toc]]",
        "name": "Blue Lantern | Cyber *Defense* # {{ cover }}",
    }
    set_cells(
        workbook,
        "Members",
        {"name": "Blue Lantern Cyber Defense, LLC"},
        {"description": tricky["description"], "name": tricky["name"]},
    )
    for sheet, key in (("Providers", "provider"), ("Operations", "entity")):
        set_cells(workbook, sheet, {key: "Blue Lantern Cyber Defense, LLC"}, {key: tricky["name"]})
    set_field(workbook, "consortium_name", "Acme <AI> & {{ Partners }} | #1")
    code, out, err = render(workbook, tmp_path / "tricky.docx")
    assert code == 0, out + err
    text = text_dump((tmp_path / "tricky.docx").read_bytes())
    assert tricky["description"] in text
    assert tricky["name"] in text
    assert "[Title] Acme <AI> & {{ Partners }} | #1" in text
    document = docx.Document(str(tmp_path / "tricky.docx"))
    member_table = next(t for t in document.tables if t.rows[0].cells[0].text == "Member")
    assert all(len(row.cells) == 6 for row in member_table.rows)  # the pipe split no cell
    assert any(row.cells[0].text == tricky["name"] for row in member_table.rows)


def test_control_characters_are_dropped(tmp_path: Path) -> None:
    import datetime as dt

    from aiexp.check import check_workbook
    from aiexp.document import RenderOptions, build_proposal

    workbook = copy_sample(tmp_path / "case")
    result = check_workbook(workbook, today=dt.date(2026, 5, 1))
    consortium = result.workbook.consortium
    consortium.members[0].description = "bell\x07 and nul\x00 and vt\x0b kept text"
    narrative = consortium.narratives[0]
    narrative.text = "# not a heading\x01\n\nline two\x1f"
    data, markdown, _ = build_proposal(
        consortium,
        result.report,
        result.content,
        result.profile,
        RenderOptions(date=dt.date(2026, 5, 1)),
        result.rates,
    )
    text = text_dump(data)
    assert "bell and nul and vt kept text" in text
    assert "# not a heading" in text  # printed as text, not turned into a heading
    for name, content in parts(data).items():
        if name.endswith(".xml"):
            assert b"\x07" not in content
            assert b"\x00" not in content
    assert "\x01" not in markdown


def test_errors_refuse_and_write_nothing(tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path / "case")
    set_field(workbook, "contact_email", None)
    out = tmp_path / "proposal.docx"
    code, stdout, _ = render(workbook, out)
    assert code == 1
    assert "contact.missing" in stdout
    assert not out.exists()
    assert not out.with_suffix(".manifest.json").exists()
    assert list(tmp_path.glob("*.tmp")) == []

    code, stdout, err = render(workbook, out, "--draft")
    assert code == 0, stdout + err
    text = text_dump(out.read_bytes())
    assert "[header] DRAFT — NOT READY FOR SUBMISSION" in text
    assert "[Heading 1] Appendix C. Open findings (draft only)" in text
    assert "contact.missing" in text
    manifest = json.loads(out.with_suffix(".manifest.json").read_text())
    assert manifest["validation"]["valid"] is False


def test_existing_output_needs_force(sample_docx: Path, tmp_path: Path) -> None:
    out = tmp_path / "proposal.docx"
    out.write_bytes(b"keep me")
    workbook = sample_docx.parent / "consortium.xlsx"
    code, _, err = render(workbook, out)
    assert code == 2
    assert "--force" in err
    assert out.read_bytes() == b"keep me"
    code, stdout, err = render(workbook, out, "--force")
    assert code == 0, stdout + err
    assert out.read_bytes() == sample_docx.read_bytes()


def test_template_dir_overrides_one_template(sample_docx: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates" / "sections"
    templates.mkdir(parents=True)
    (templates / "05_federal_support.md.j2").write_text(
        "# 5. Requested Federal support\n\nOur own words for {{ cover.consortium_name }}.\n",
        encoding="utf-8",
    )
    out = tmp_path / "custom.docx"
    workbook = sample_docx.parent / "consortium.xlsx"
    code, stdout, err = render(workbook, out, "--template-dir", str(tmp_path / "templates"))
    assert code == 0, stdout + err
    text = text_dump(out.read_bytes())
    assert "[Normal] Our own words for Meridian Allied AI Consortium." in text
    assert "[Heading 1] 6. National interest statement" in text  # the rest is the package's
    manifest = json.loads(out.with_suffix(".manifest.json").read_text())
    assert [e["role"] for e in manifest["inputs"]].count("template") == 1

    (templates / "05_federal_support.md.j2").write_text("{{ no_such_variable }}\n")
    code, _, err = render(
        workbook, tmp_path / "broken.docx", "--template-dir", str(tmp_path / "templates")
    )
    assert code == 2
    assert "no_such_variable" in err
    assert not (tmp_path / "broken.docx").exists()


def test_reference_docx_supplies_styles_and_headers(sample_docx: Path, tmp_path: Path) -> None:
    reference = docx.Document()
    reference.styles["Normal"].font.name = "Georgia"
    reference.sections[0].header.paragraphs[0].text = "House header"
    reference.add_paragraph("Body text of the reference that must not appear")
    reference.save(str(tmp_path / "house.docx"))
    out = tmp_path / "styled.docx"
    workbook = sample_docx.parent / "consortium.xlsx"
    code, stdout, err = render(workbook, out, "--reference-docx", str(tmp_path / "house.docx"))
    assert code == 0, stdout + err
    document = docx.Document(str(out))
    assert document.styles["Normal"].font.name == "Georgia"
    text = text_dump(out.read_bytes())
    assert "[header] House header" in text
    assert "must not appear" not in text
    assert "[Heading 1] 1. Consortium overview" in text

    (tmp_path / "not.docx").write_text("plain text")
    code, _, err = render(
        workbook, tmp_path / "x.docx", "--reference-docx", str(tmp_path / "not.docx")
    )
    assert code == 2
    assert "not.docx" in err


def test_help_has_examples() -> None:
    run = run_main(["render", "--help"])
    assert run.exit_code == 0
    assert "--reference-docx" in run.stdout
    assert "aiexp render --out proposal.docx" in run.stdout


def test_default_workbook_and_bad_date(tmp_path: Path) -> None:
    copy_sample(tmp_path)
    run = run_main(["render", "--out", "p.docx", "--date", "01/05/2026"], cwd=tmp_path)
    assert run.exit_code == 2
    assert "YYYY-MM-DD" in run.stderr
    run = run_main(["render", "--out", "p.docx", "--date", DATE], cwd=tmp_path)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert (tmp_path / "p.docx").is_file()


def test_copied_templates_render_the_same_proposal(tmp_path: Path) -> None:
    from aiexp.document.templates import copy_templates, shipped_templates
    from aiexp.errors import OutputError

    assert shipped_templates() == Path(__file__).resolve().parents[2] / "templates"
    mine = tmp_path / "my-templates"
    written = copy_templates(mine)
    assert {p.relative_to(mine).as_posix() for p in written} >= {
        "proposal.md.j2",
        "sections/cover.md.j2",
    }
    with pytest.raises(OutputError, match="already exists"):
        copy_templates(mine)
    (mine / "sections" / "05_federal_support.md.j2").write_text(
        "# 5. Requested Federal support\n\nOur own wording.\n", encoding="utf-8"
    )
    workbook = copy_sample(tmp_path / "case")
    code, out, err = render(workbook, tmp_path / "mine.docx", "--template-dir", str(mine))
    assert code == 0, out + err
    text = text_dump((tmp_path / "mine.docx").read_bytes())
    assert "Our own wording." in text
    assert "Export-control compliance" in text  # the other copied templates still render


def test_a_deeply_nested_list_in_a_narrative_cuts_nothing(tmp_path: Path) -> None:
    # Issue 13: a 10-level list reached markdown-it's nesting limit and everything after it
    # (sections 2.2 to 8, Appendices A and B) disappeared, with exit 0.
    workbook = copy_sample(tmp_path / "case")
    deep = "\n".join("  " * level + f"- level {level}" for level in range(12))
    set_cells(workbook, "Narratives", {"section": "package_overview"}, {"text": deep})
    code, out, err = render(workbook, tmp_path / "deep.docx")
    assert code == 0, out + err
    text = text_dump((tmp_path / "deep.docx").read_bytes())
    for level in range(12):
        assert f"level {level}" in text
    for heading in ("2.2 Layer 1", "8. Export-control", "Appendix A.", "Appendix B."):
        assert heading in text, heading


def test_pipes_in_a_narrative_are_text_not_a_table(tmp_path: Path) -> None:
    # Issue 13: a pipe-separated narrative became a Word table (201 columns in the report).
    workbook = copy_sample(tmp_path / "case")
    piped = " | ".join(f"c{k}" for k in range(201)) + "\n" + "|".join(["--"] * 201)
    set_cells(workbook, "Narratives", {"section": "business_model"}, {"text": piped})
    out = tmp_path / "pipes.docx"
    code, stdout, err = render(workbook, out)
    assert code == 0, stdout + err
    document = docx.Document(str(out))
    assert all(len(table.columns) <= 7 for table in document.tables)
    assert "c0 | c1 | c2" in text_dump(out.read_bytes())
