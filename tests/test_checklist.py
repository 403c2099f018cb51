"""`aiexp checklist`: the completeness review of Section VI, core and command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from aiexp.checklist import ItemStatus, checklist_workbook
from aiexp.cli import app
from tests.workbook_edit import append_row, clear_sheet, delete_rows, set_cells, set_field

runner = CliRunner()
PLAIN = {"COLUMNS": "120", "TERM": "dumb", "NO_COLOR": "1"}
REQUIRED = ["VI.1", "VI.2", "VI.3", "VI.4", "VI.5", "VI.6", "VI.7", "VI.8"]
OPTIONAL = ["VI.optional.1", "VI.optional.2", "VI.optional.3", "VI.optional.4"]


def test_the_sample_is_complete(sample: Path) -> None:
    checklist = checklist_workbook(sample)
    assert checklist.complete
    statuses = {item.id: item.status for item in checklist.items}
    assert [statuses[i] for i in REQUIRED + OPTIONAL] == [ItemStatus.COMPLETE] * 12
    assert statuses["X.D"] is ItemStatus.NOT_APPLICABLE
    # The info findings about license review concern item 8, and block nothing.
    item8 = next(item for item in checklist.items if item.id == "VI.8")
    assert item8.blocking == []
    assert item8.open == ["export.advanced-computing"]


def test_each_item_names_its_sources(sample: Path) -> None:
    items = {item.id: item for item in checklist_workbook(sample).items}
    assert "Markets sheet" in items["VI.3"].sources
    assert "Narratives: business_model" in items["VI.4"].sources
    assert "FederalSupport sheet" in items["VI.5"].sources


def test_findings_block_their_items(sample: Path) -> None:
    clear_sheet(sample, "Markets")
    delete_rows(sample, "Narratives", {"section": "business_model"})
    set_cells(
        sample, "Members", {"name": "Lindenau Sprachdaten GmbH"}, {"country_of_incorporation": "x"}
    )
    checklist = checklist_workbook(sample)
    items = {item.id: item for item in checklist.items}
    assert not checklist.complete
    assert items["VI.3"].status is ItemStatus.INCOMPLETE
    assert items["VI.3"].blocking == ["markets.none"]
    assert items["VI.4"].blocking == ["narrative.missing"]
    assert items["VI.1"].blocking == ["input.cell"]
    assert items["VI.5"].status is ItemStatus.COMPLETE


def test_optional_items_without_content_are_not_applicable(sample: Path) -> None:
    delete_rows(sample, "Narratives", {"section": "workforce_training"})
    checklist = checklist_workbook(sample)
    items = {item.id: item for item in checklist.items}
    assert items["VI.optional.3"].status is ItemStatus.NOT_APPLICABLE
    assert checklist.complete


def test_a_resubmission_needs_its_material_changes(sample: Path) -> None:
    set_field(sample, "is_resubmission", "yes")
    set_field(sample, "previous_submission_reference", "AIEXP-2026-0042")
    items = {item.id: item for item in checklist_workbook(sample).items}
    assert items["X.D"].status is ItemStatus.INCOMPLETE
    assert items["X.D"].blocking == ["resubmission.changes"]
    append_row(sample, "Narratives", {"section": "material_changes", "text": "A new anchor."})
    items = {item.id: item for item in checklist_workbook(sample).items}
    assert items["X.D"].status is ItemStatus.COMPLETE


def test_cli_json_equals_the_core_and_exit_codes(sample: Path) -> None:
    result = runner.invoke(app, ["checklist", str(sample), "--json"], env=PLAIN)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == checklist_workbook(sample).to_json_dict()
    clear_sheet(sample, "FederalSupport")
    result = runner.invoke(app, ["checklist", str(sample)], env=PLAIN)
    assert result.exit_code == 1
    assert "support.none" in result.stdout
    assert "incomplete" in result.stdout


def test_cli_unreadable_workbook(tmp_path: Path) -> None:
    result = runner.invoke(app, ["checklist", str(tmp_path / "none.xlsx")], env=PLAIN)
    assert result.exit_code == 2
    assert "none.xlsx" in result.stderr


def test_no_export_control_items_leave_vi_8_incomplete(sample: Path) -> None:
    # VI.8 is an item the proposal "must include, at a minimum" (0.1.0 marked it complete).
    clear_sheet(sample, "ExportControl")
    checklist = checklist_workbook(sample)
    items = {item.id: item for item in checklist.items}
    assert items["VI.8"].status is ItemStatus.INCOMPLETE
    assert items["VI.8"].blocking == ["export.items"]
    assert not checklist.complete


def test_submission_steps_to_do_by_hand_are_listed_and_not_counted(sample: Path) -> None:
    checklist = checklist_workbook(sample)
    steps = {step.id: step for step in checklist.by_hand}
    assert list(steps) == ["portal", "confidential-instructions", "faq", "antitrust"]
    assert "Email or paper delivery will not substitute" in steps["portal"].quote
    assert steps["faq"].ref == "XI"
    assert steps["antitrust"].ref == "XII.B"
    # Nothing a workbook can show: the review is complete without them, and exits 0.
    assert checklist.complete
    document = checklist.to_json_dict()
    assert [step["id"] for step in document["by_hand"]] == list(steps)
    assert document["by_hand"][0]["notice"] == "ADDRESSES, VII"
    result = runner.invoke(app, ["checklist", str(sample)], env=PLAIN)
    assert result.exit_code == 0
    assert "To do by hand" in result.stdout
    assert "antitrust" in result.stdout
