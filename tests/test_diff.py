"""`aiexp diff`: pairs of real workbooks that differ in one thing, compared on the model (X.D)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiexp.check import check_workbook
from aiexp.cli import app, main
from aiexp.diff import (
    Change,
    diff_workbooks,
    figures_json,
    points_change,
    render_markdown,
    word_summary,
)
from aiexp.workbook.reader import read_workbook
from tests.workbook_edit import (
    append_row,
    copy_sample,
    delete_rows,
    set_cells,
    set_field,
)

runner = CliRunner()
Pair = tuple[Path, Path]


@pytest.fixture
def pair(tmp_path: Path) -> Pair:
    """The sample twice, each in its own folder with its own bom.csv: the new one to change."""
    return copy_sample(tmp_path / "old"), copy_sample(tmp_path / "new")


def _find(changes: list[Change], sheet: str, kind: str, field: str | None = None) -> Change:
    found = [c for c in changes if c.sheet == sheet and c.kind == kind and c.field == field]
    assert found, f"no {kind} {sheet} {field} change in {[c.summary for c in changes]}"
    return found[0]


def _consortium(path: Path):  # type: ignore[no-untyped-def]
    return read_workbook(path).consortium


def _non_anchor_member(path: Path) -> str:
    consortium = _consortium(path)
    anchor = consortium.anchor()
    return next(m.name for m in consortium.members if m is not anchor and m.name)


# -- no change ----------------------------------------------------------------------------------
def test_identical_workbooks_have_no_changes(pair: Pair) -> None:
    old, new = pair
    diff = diff_workbooks(old, new)
    assert diff.material == []
    assert diff.other == []
    assert not diff.changed
    assert diff.hardware_before == diff.hardware_after
    text = render_markdown(diff)
    assert "No changes were found between the two workbooks." in text
    assert "**Material changes**" not in text


# -- membership, ownership and control -------------------------------------------------------
def test_member_added_is_material(pair: Pair) -> None:
    old, new = pair
    append_row(
        new,
        "Members",
        {
            "name": "Aurora Edge Analytics, Inc.",
            "role": "member",
            "layers": "5",
            "country_of_incorporation": "US",
            "principal_place_of_business": "US",
            "coc_ownership_pct": 0,
            "us_ownership_pct": 100,
            "description": "Edge analytics applications",
        },
    )
    diff = diff_workbooks(old, new)
    change = _find(diff.material, "Members", "added")
    assert change.key == "Aurora Edge Analytics, Inc."
    assert change.after["layers"] == [5]
    assert "Member added: Aurora Edge Analytics, Inc. (member; layer 5" in change.summary
    assert diff.other == []
    assert f"- {change.summary}." in render_markdown(diff)


def test_member_removed_is_material(pair: Pair) -> None:
    old, new = pair
    name = _non_anchor_member(old)
    delete_rows(new, "Members", {"name": name})
    diff = diff_workbooks(old, new)
    change = _find(diff.material, "Members", "removed")
    assert change.key == name
    assert change.before["name"] == name
    assert change.summary.startswith(f"Member removed: {name} (")


def test_member_ownership_change_reports_field_and_coc_link(pair: Pair) -> None:
    old, new = pair
    name = _non_anchor_member(old)
    set_cells(new, "Members", {"name": name}, {"coc_ownership_pct": 60})
    diff = diff_workbooks(old, new)
    ownership = _find(diff.material, "Members", "changed", "coc_ownership_pct")
    assert ownership.key == name
    assert ownership.after == "60.0000"
    assert ownership.summary.endswith("→ 60 %")
    link = _find(diff.material, "Members", "changed", "country_of_concern")
    assert (link.before, link.after) == ("not linked", "linked")
    assert "now linked to a country of concern" in link.summary
    # One bullet holds every changed field of the member.
    bullets = [line for line in render_markdown(diff).splitlines() if name in line]
    assert len(bullets) == 1
    assert "country-of-concern ownership" in bullets[0]
    assert "now linked to a country of concern" in bullets[0]


def test_a_fact_left_blank_is_now_unknown_not_no_longer_linked(pair: Pair) -> None:
    # A blank is unknown, never "no" (SPEC §4): blanking a linked member's control does not make
    # it clear; blanking a clear member's ownership makes its status unknown.
    old, new = pair
    name = _non_anchor_member(old)
    set_cells(old, "Members", {"name": name}, {"coc_controlled": "yes"})
    set_cells(new, "Members", {"name": name}, {"coc_controlled": None})
    link = _find(diff_workbooks(old, new).material, "Members", "changed", "country_of_concern")
    assert (link.before, link.after) == ("linked", "not stated")
    assert "now not stated whether linked to a country of concern (coc_controlled blank)" in (
        link.summary
    )
    assert "no longer linked" not in link.summary


def test_member_layer_change_is_material(pair: Pair) -> None:
    old, new = pair
    name = _non_anchor_member(old)
    member = _consortium(old).member(name)
    assert member is not None
    layers = sorted({*member.layers, 4} if 4 not in member.layers else set(member.layers) - {4})
    set_cells(new, "Members", {"name": name}, {"layers": ", ".join(map(str, layers))})
    change = _find(diff_workbooks(old, new).material, "Members", "changed", "layers")
    assert change.before == sorted(member.layers)
    assert change.after == layers


def test_names_match_ignoring_case_and_spaces(pair: Pair) -> None:
    old, new = pair
    name = _non_anchor_member(old)
    set_cells(new, "Members", {"name": name}, {"name": f"  {name.upper()}  "})
    diff = diff_workbooks(old, new)
    assert [c for c in diff.material if c.sheet == "Members"] == []


# -- models, markets, security ----------------------------------------------------------------
def test_model_open_weight_flag_is_material(pair: Pair) -> None:
    old, new = pair
    model = next(m for m in _consortium(old).models if m.model)
    set_cells(
        new, "Models", {"model": model.model}, {"open_weight": "no" if model.open_weight else "yes"}
    )
    change = _find(diff_workbooks(old, new).material, "Models", "changed", "open_weight")
    assert change.key == model.model
    assert (change.before, change.after) == (model.open_weight, not model.open_weight)
    assert change.summary == (
        f"Model {model.model}: open weight {'yes' if model.open_weight else 'no'} → "
        f"{'no' if model.open_weight else 'yes'}"
    )


def test_market_added_is_material(pair: Pair) -> None:
    old, new = pair
    append_row(
        new,
        "Markets",
        {
            "market": "Chile",
            "foreign_competition": "State-subsidised cloud and AI offerings",
            "national_interest": "Secures a trusted AI stack for Chile's public sector",
        },
    )
    change = _find(diff_workbooks(old, new).material, "Markets", "added")
    assert change.key == "Chile"
    assert change.summary == "Target market added: Chile"


def test_security_measure_removed_is_material(pair: Pair) -> None:
    old, new = pair
    measure = next(m for m in _consortium(old).security if m.measure)
    delete_rows(new, "Security", {"measure": measure.measure})
    change = _find(diff_workbooks(old, new).material, "Security", "removed")
    assert change.key == measure.measure


# -- wording -----------------------------------------------------------------------------------
def test_narrative_rewritten_is_another_change(pair: Pair) -> None:
    old, new = pair
    narrative = next(n for n in _consortium(old).narratives if n.section == "business_model")
    assert narrative.text is not None
    words = narrative.text.split()
    rewritten = " ".join(["Revised"] * (len(words) + 10))
    set_cells(new, "Narratives", {"section": "business_model"}, {"text": rewritten})
    diff = diff_workbooks(old, new)
    assert diff.material == []
    change = _find(diff.other, "Narratives", "changed", "text")
    assert change.key == "business_model"
    assert change.summary == (
        f"Narrative business_model: rewritten: {len(words)} → {len(words) + 10} words, "
        "100 % of words changed"
    )
    text = render_markdown(diff)
    assert text.index("**Material changes**") < text.index("**Other changes**")
    assert "- None: only the wording changed." in text
    assert f"- {change.summary}." in text.split("**Other changes**")[1]


# -- hardware U.S. content -------------------------------------------------------------------
def _rewrite_bom(bom: Path, change: Callable[[dict[str, str]], None]) -> None:
    text = bom.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
    rows = list(csv.DictReader(text.splitlines(), dialect=dialect))
    assert rows
    for row in rows:
        change(row)
    with bom.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), dialect=dialect)
        writer.writeheader()
        writer.writerows(rows)


def test_bom_change_moves_the_hardware_percentage(pair: Pair) -> None:
    old, new = pair

    def no_us_content(row: dict[str, str]) -> None:
        # Every line declared 0 % U.S. content: the percentage falls to 0.
        row["us_content_pct"] = "0"
        if "non_us_unit_value" in row:
            row["non_us_unit_value"] = row["unit_value"]

    _rewrite_bom(new.parent / "bom.csv", no_us_content)
    diff = diff_workbooks(old, new)
    before, after = diff.hardware_before, diff.hardware_after
    assert before is not None
    assert after is not None
    assert before.us_content_pct > 0
    assert after.us_content_pct == 0
    assert not after.meets_threshold
    change = _find(diff.material, "BOM", "changed", "us_content_pct")
    assert change.after == "0.0000"
    points = points_change(before.us_content_pct, after.us_content_pct)
    assert points.startswith("−")
    assert f"({points} points)" in change.summary
    text = render_markdown(diff)
    assert f"- Change: {points} percentage points." in text
    document = diff.to_json_dict()
    assert document["hardware"]["after"]["us_content_pct"] == "0.0000"
    assert document["hardware"]["before"] == figures_json(before)


# -- the command -------------------------------------------------------------------------------
def test_cli_json_equals_the_core(pair: Pair) -> None:
    old, new = pair
    delete_rows(new, "Security", {"measure": next(m.measure for m in _consortium(old).security)})
    result = runner.invoke(app, ["diff", str(old), str(new), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document == diff_workbooks(old, new).to_json_dict()
    assert set(document) == {"old", "new", "material", "other", "hardware"}
    assert document["material"][0]["kind"] == "removed"
    assert set(document["material"][0]) == {"sheet", "key", "kind", "before", "summary"}


def test_cli_prints_markdown(pair: Pair) -> None:
    old, new = pair
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert result.stdout == render_markdown(diff_workbooks(old, new))


def test_cli_out_writes_and_refuses_to_overwrite(pair: Pair, tmp_path: Path) -> None:
    old, new = pair
    name = _non_anchor_member(old)
    delete_rows(new, "Members", {"name": name})
    out = tmp_path / "changes.md"
    result = runner.invoke(app, ["diff", str(old), str(new), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text == render_markdown(diff_workbooks(old, new))
    assert f"Member removed: {name}" in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".changes.md")] == []

    out.write_text("keep me", encoding="utf-8")
    code, _, err = _main(["diff", str(old), str(new), "--out", str(out)])
    assert code == 2
    assert "already exists; pass --force" in err
    assert out.read_text(encoding="utf-8") == "keep me"

    result = runner.invoke(app, ["diff", str(old), str(new), "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == text


def test_cli_refuses_to_write_over_an_input(pair: Pair) -> None:
    old, new = pair
    code, _, err = _main(["diff", str(old), str(new), "--out", str(new), "--force"])
    assert code == 2
    assert "is an input file" in err


def test_unreadable_workbook_is_exit_2(pair: Pair, tmp_path: Path) -> None:
    old, _ = pair
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook", encoding="utf-8")
    code, out, err = _main(["diff", str(old), str(broken)])
    assert code == 2
    assert out == ""
    assert str(broken) in err
    assert "Traceback" not in err


def test_input_problems_are_mentioned_not_fatal(pair: Pair) -> None:
    old, new = pair
    name = _non_anchor_member(old)
    set_cells(new, "Members", {"name": name}, {"coc_ownership_pct": "lots"})
    result = runner.invoke(app, ["diff", str(old), str(new), "--json"])
    assert result.exit_code == 0, result.output
    assert f"{new} has 1 input problem " in result.stderr
    assert str(old) not in result.stderr
    document = json.loads(result.stdout)
    assert any(c["field"] == "coc_ownership_pct" for c in document["material"] if "field" in c)


def _main(args: list[str]) -> tuple[int, str, str]:
    """Run the real entry point (which turns the tool's errors into exit 2) and capture it."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = ["aiexp", *args]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                return int(exc.code or 0), out.getvalue(), err.getvalue()
        return 0, out.getvalue(), err.getvalue()
    finally:
        sys.argv = saved


# -- the word-level summary ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("a b c d", "a b c d e", "edited: 4 → 5 words, 20 % of words changed"),
        ("a b c d", "w x y z", "rewritten: 4 → 4 words, 100 % of words changed"),
        ("", "a b", "added: 2 words"),
        ("a b", "", "removed: 2 words"),
        (
            " ".join(f"w{i}" for i in range(1000)),
            " ".join(f"w{i}" for i in range(999)) + " z",
            "edited: 1000 → 1000 words, under 1 % of words changed",
        ),
    ],
)
def test_word_summary(old: str, new: str, expected: str) -> None:
    assert word_summary(old, new) == expected


def test_points_change_is_exact_then_truncated() -> None:
    assert points_change(Decimal("62.50009"), Decimal("48.1")) == "−14.4"
    assert points_change(Decimal("50"), Decimal("51.00009")) == "+1"
    assert points_change(Decimal("51"), Decimal("51")) == "0"


def test_resubmission_hint_points_to_aiexp_diff(sample: Path) -> None:
    set_field(sample, "is_resubmission", "yes")
    set_field(sample, "previous_submission_reference", "AIEXP-2026-0042")
    report = check_workbook(sample).report
    found = [f for f in report.findings if f.code == "resubmission.changes"]
    assert len(found) == 1
    assert found[0].hint is not None
    assert "aiexp diff OLD NEW --out changes.md" in found[0].hint
