"""`aiexp validate` on the command line: JSON equals the core, exit codes, options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from aiexp.check import check_workbook
from aiexp.cli import app
from tests.workbook_edit import set_cells, set_field

runner = CliRunner()
PLAIN = {"COLUMNS": "120", "TERM": "dumb", "NO_COLOR": "1"}


def test_json_equals_the_core(sample: Path) -> None:
    set_cells(
        sample,
        "Providers",
        {"provider": "Luzon Data Annotation Corp."},
        {"coc_ownership_pct": None},
    )
    result = runner.invoke(app, ["validate", str(sample), "--json"], env=PLAIN)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["file", "profile", "summary", "findings"]
    assert document == check_workbook(sample).report.to_json_dict()
    assert document["summary"] == {"errors": 0, "warnings": 1, "info": 2}


def test_human_report_groups_by_severity(sample: Path) -> None:
    set_cells(sample, "Members", {"name": "Lindenau Sprachdaten GmbH"}, {"coc_controlled": "yes"})
    set_field(sample, "submission_date", "2026-03-15")
    result = runner.invoke(app, ["validate", str(sample)], env=PLAIN)
    assert result.exit_code == 1
    out = result.stdout
    assert out.index("Errors (1)") < out.index("Warnings (2)") < out.index("Info (2)")
    assert "members.coc  Members!K7  [IV.B, IV.D]" in out
    assert "window.not-open  Consortium!B9  [DATES]" in out
    # Its Providers row still says it is not controlled: the proposal would print both.
    assert "members.facts-mismatch  Providers!G" in out
    assert out.rstrip().splitlines()[-1].startswith(f"{sample}: 1 error, 2 warnings, 2 info")


def test_strict_fails_on_warnings(sample: Path) -> None:
    set_field(sample, "submission_date", "2026-03-15")
    assert runner.invoke(app, ["validate", str(sample)], env=PLAIN).exit_code == 0
    result = runner.invoke(app, ["validate", str(sample), "--strict"], env=PLAIN)
    assert result.exit_code == 1
    ignored = ["validate", str(sample), "--strict", "--ignore", "window.not-open"]
    assert runner.invoke(app, ignored, env=PLAIN).exit_code == 0


def test_ignore_refuses_errors_and_unknown_codes(sample: Path) -> None:
    result = runner.invoke(app, ["validate", str(sample), "--ignore", "anchor.coc"], env=PLAIN)
    assert result.exit_code == 2
    assert "cannot be ignored" in result.stderr
    result = runner.invoke(app, ["validate", str(sample), "--ignore", "anchor.nope"], env=PLAIN)
    assert result.exit_code == 2
    assert "unknown finding code" in result.stderr


def test_date_option(sample: Path) -> None:
    set_field(sample, "submission_date", None)
    args = ["validate", str(sample), "--json", "--date"]
    late = json.loads(runner.invoke(app, [*args, "2026-07-01"], env=PLAIN).stdout)
    assert [f["code"] for f in late["findings"]].count("window.closed") == 1
    result = runner.invoke(app, [*args, "1 July"], env=PLAIN)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_workbook_defaults_to_consortium_xlsx(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(sample.parent)
    assert runner.invoke(app, ["validate"], env=PLAIN).exit_code == 0


def test_unreadable_input_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "missing.xlsx")], env=PLAIN)
    assert result.exit_code == 2
    assert "missing.xlsx" in result.stderr
    assert result.stdout == ""


def test_a_blank_template_gives_findings_not_a_crash(tmp_path: Path) -> None:
    init = runner.invoke(app, ["init", str(tmp_path / "new")], env=PLAIN)
    assert init.exit_code == 0, init.stderr
    result = runner.invoke(
        app, ["validate", str(tmp_path / "new" / "consortium.xlsx"), "--json"], env=PLAIN
    )
    assert result.exit_code == 1, result.stderr
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert {"hardware.no-bom", "markets.none", "models.none", "narrative.missing"} <= codes


def test_an_empty_workbook_gives_findings_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    book = Workbook()
    book.active.title = "Consortium"
    book.save(path)
    result = runner.invoke(app, ["validate", str(path), "--json"], env=PLAIN)
    assert result.exit_code == 1, result.stderr
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert "input.sheet-missing" in codes


def test_garbage_in_every_cell_gives_findings_not_a_crash(sample: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(sample)
    # Not the BOM and Rates sheets: a BOM value that does not parse makes the BOM unusable, an
    # input error (exit 2) raised by the content calculation.
    for ws in (ws for ws in book.worksheets if ws.title not in ("BOM", "Rates")):
        for row in ws.iter_rows(min_row=2, max_row=4):
            for cell in row:
                if type(cell).__name__ == "MergedCell":
                    continue
                cell.value = "<TBD> ✓ -1 ∞ {{ x }}"
    book.save(sample)
    result = runner.invoke(app, ["validate", str(sample), "--json"], env=PLAIN)
    assert result.exit_code == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["errors"] > 0
