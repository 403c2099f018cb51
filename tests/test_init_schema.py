"""`aiexp init` and `aiexp schema`: the template re-read, drop-downs, comments, the JSON Schema."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from aiexp.cli import app
from aiexp.errors import OutputError
from aiexp.model import SHEETS, BomLine, Consortium, ConsortiumInfo, Kind, columns
from aiexp.schema import column_choices, json_schema, markdown_reference
from aiexp.workbook.reader import read_workbook
from aiexp.workbook.template import init_folder

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


def test_init_writes_workbook_and_header_only_bom(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "proposal"
    result = runner.invoke(app, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"aiexp validate {folder / 'consortium.xlsx'}" in result.stdout
    with (folder / "bom.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [[col.key for col in columns(BomLine)]]


def test_init_workbook_reads_back_with_only_required_findings(tmp_path: Path) -> None:
    workbook, _ = init_folder(tmp_path)
    read = read_workbook(workbook)
    codes = {finding.code for finding in read.findings}
    assert codes == {"input.required"}
    required_fields = {c.key for c in columns(ConsortiumInfo) if c.required}
    assert {f.location.column for f in read.findings} == required_fields
    assert all(f.location.sheet == "Consortium" and f.location.cell for f in read.findings)
    assert read.consortium.model_dump() == Consortium().model_dump()


def test_init_workbook_has_comments_and_drop_downs(tmp_path: Path) -> None:
    workbook, _ = init_folder(tmp_path)
    book = load_workbook(workbook)
    assert book.sheetnames[0] == "README"
    readme = " ".join(str(c.value) for row in book["README"].iter_rows() for c in row if c.value)
    for spec in SHEETS:
        assert spec.purpose.removeprefix("Optional: ")[1:] in readme
    for spec in SHEETS[1:]:
        ws = book[spec.name]
        for index, col in enumerate(columns(spec.row_model), start=1):
            header = ws.cell(1, index)
            assert header.value == col.label
            assert header.font.b
            assert col.description in header.comment.text.replace("\n", " ")
            assert ("Required" if col.required else "Optional") in header.comment.text
        choice_columns = [c for c in columns(spec.row_model) if c.kind is Kind.CHOICE]
        validations = ws.data_validations.dataValidation
        assert len(validations) >= min(1, len(choice_columns))
    consortium = book["Consortium"]
    assert [c.value for c in consortium[1]] == ["field", "value", "about"]
    assert [consortium.cell(r, 1).value for r in range(2, consortium.max_row + 1)] == [
        c.key for c in columns(ConsortiumInfo)
    ]


def test_init_drop_down_lists_resolve_to_the_choices(tmp_path: Path) -> None:
    workbook, _ = init_folder(tmp_path)
    book = load_workbook(workbook)
    lists = book["Lists"]
    for spec in SHEETS[1:]:
        ws = book[spec.name]
        for validation in ws.data_validations.dataValidation:
            formula = validation.formula1
            if formula.startswith('"'):
                choices = formula.strip('"').split(",")
            else:
                assert formula.startswith("Lists!")
                cells = lists[formula.removeprefix("Lists!").replace("$", "")]
                choices = [row[0].value for row in cells]
            for cell_range in str(validation.sqref).split():
                letter = "".join(ch for ch in cell_range.split(":")[0] if ch.isalpha())
                header = ws[f"{letter}1"].value
                col = next(c for c in columns(spec.row_model) if c.label == header)
                expected = {
                    Kind.CHOICE: list(column_choices(col)),
                    Kind.YES_NO: ["yes", "no"],
                    Kind.LAYER: ["1", "2", "3", "4", "5"],
                }[col.kind]
                assert choices == expected, (spec.name, col.key)


def test_support_types_come_from_the_profile(tmp_path: Path) -> None:
    # The profile owns VI.5's support types (a later notice may change them): the template's
    # drop-down, the docs and the rule that checks a cell all read the profile in use.
    from aiexp.profile import load_profile
    from tests.rules.helpers import findings, where
    from tests.workbook_edit import copy_sample, set_cells

    profile = load_profile()
    col = next(c for c in columns(SHEETS[9].row_model) if c.key == "support_type")
    assert col.choices == ()
    assert column_choices(col) == tuple(profile.support_types)
    sample = copy_sample(tmp_path / "case")
    set_cells(
        sample,
        "FederalSupport",
        {"support_type": "feasibility studies"},
        {"support_type": "Feasibility-Studies"},
    )
    assert where(findings(sample), "input.cell") == []  # the profile's spelling, loosely matched
    set_cells(
        sample,
        "FederalSupport",
        {"support_type": "Feasibility-Studies"},
        {"support_type": "tax credits"},
    )
    (cell,) = where(findings(sample), "input.cell")
    assert cell.startswith("FederalSupport!A")


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    init_folder(tmp_path)
    (tmp_path / "bom.csv").write_text("mine\n", encoding="utf-8")
    # Through the console script's main(), which turns AiexpError into exit 2 and one line.
    done = subprocess.run(
        [sys.executable, "-m", "aiexp", "init", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "consortium.xlsx: already exists; pass --force" in done.stderr
    assert (tmp_path / "bom.csv").read_text(encoding="utf-8") == "mine\n"
    result = runner.invoke(app, ["init", str(tmp_path), "--force"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "bom.csv").read_text(encoding="utf-8").startswith("line_id,")


def test_init_refuses_when_only_bom_exists(tmp_path: Path) -> None:
    (tmp_path / "bom.csv").write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"bom\.csv: already exists"):
        init_folder(tmp_path)
    assert not (tmp_path / "consortium.xlsx").exists()


def test_init_refuses_a_file_as_folder(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="not a folder"):
        init_folder(target)


def test_schema_json_is_a_json_schema_of_the_model() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema == json.loads(json.dumps(json_schema()))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"]
    assert schema["type"] == "object"
    assert set(Consortium().model_dump()) == set(schema["properties"])
    assert schema["required"] == [s.attribute for s in SHEETS if s.required]
    for spec in SHEETS:
        definition = schema["$defs"][spec.row_model.__name__]
        assert definition["type"] == "object"
        assert set(definition["properties"]) == {c.key for c in columns(spec.row_model)}
        required = [c.key for c in columns(spec.row_model) if c.required]
        assert sorted(definition.get("required", [])) == sorted(required)
        for key in required:
            prop = definition["properties"][key]
            assert "null" not in json.dumps(prop.get("anyOf", [])), key
    members = schema["$defs"]["Member"]["properties"]
    assert members["layers"]["items"] == {"type": "integer", "minimum": 1, "maximum": 5}
    assert members["layers"]["minItems"] == 1
    assert members["country_of_incorporation"]["pattern"] == "^[A-Z]{2}$"


def test_schema_markdown_lists_every_sheet_and_column() -> None:
    result = runner.invoke(app, ["schema", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout == markdown_reference()
    for spec in SHEETS:
        assert f"\n## {spec.name}\n" in result.stdout
        for col in columns(spec.row_model):
            assert f"| `{col.key}` | {col.label} |" in result.stdout


def test_docs_workbook_md_is_current() -> None:
    docs = (REPO / "docs" / "workbook.md").read_text(encoding="utf-8")
    assert docs == markdown_reference(), (
        "docs/workbook.md is stale: run `make docs` "
        "(or `aiexp schema --format markdown > docs/workbook.md`)"
    )


def test_init_templates_copies_the_shipped_templates(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "my-templates"
    first = runner.invoke(app, ["init", "--templates", str(target)])
    assert first.exit_code == 0, first.output
    assert "Wrote 16 templates" in first.stdout
    shipped = Path(__file__).resolve().parents[1] / "templates"
    for source in shipped.rglob("*.j2"):
        copy = target / source.relative_to(shipped)
        assert copy.read_bytes() == source.read_bytes()
    again = runner.invoke(app, ["init", "--templates", str(target)])
    assert again.exit_code == 2
    assert "already exists; pass --force" in again.stderr
    assert runner.invoke(app, ["init", "--templates", str(target), "--force"]).exit_code == 0
