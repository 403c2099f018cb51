"""The human views: data from the user's files prints harmlessly (no markup, no control codes).

A cell or BOM field holding `\\x1b[2J` (clear the screen), `\\x1b]0;title\\x07` (set the window
title), a bidi override or `[/]` (a rich closing tag) must print as visible, inert text: the
control characters escaped, the brackets as they are. Before the views, content-calc crashed
with a rich MarkupError on `[/]` after printing half its report, and ESC reached the terminal.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from aiexp.cli import app
from aiexp.cli.common import printable
from aiexp.cli.views import content_view, markdown_text, refusal_view, report_view
from aiexp.findings import Finding, Location, Report, Severity
from tests.content.bomfiles import calc, line, write_csv
from tests.workbook_edit import copy_sample

runner = CliRunner()
PLAIN = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
# What a hostile or damaged cell may hold, and exactly how it must be shown.
NASTY = "Z\x1b[2J[/]\x1b]0;title\x07 [bold]x[/bold] :fire: \u202eevil\x9b2J\r!"
SHOWN = "Z\\x1b[2J[/]\\x1b]0;title\\x07 [bold]x[/bold] :fire: \\u202eevil\\x9b2J\\x0d!"
RAW_CONTROLS = ("\x1b", "\x07", "\u202e", "\x9b", "\r")


def _text(view: object, width: int = 200) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    console.print(view, crop=False)
    return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text, accents é, CJK 漢字, emoji 🚀", "plain text, accents é, CJK 漢字, emoji 🚀"),
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("\x00\x08\x0b\x0c\x0d\x1f\x7f", "\\x00\\x08\\x0b\\x0c\\x0d\\x1f\\x7f"),
        ("C1: \x80\x85\x9b\x9f", "C1: \\x80\\x85\\x9b\\x9f"),
        ("bidi \u202a\u202b\u202c\u202d\u202e", "bidi \\u202a\\u202b\\u202c\\u202d\\u202e"),
        ("isolates \u2066\u2067\u2068\u2069 marks \u200e\u200f\u061c", None),
        (NASTY, SHOWN),
    ],
)
def test_printable(raw: str, shown: str | None) -> None:
    """Controls are shown as escapes; everything else (tab, newline, any script) is kept."""
    result = printable(raw)
    if shown is not None:
        assert result == shown
    assert not any(c in result for c in (*RAW_CONTROLS, "\u2066", "\u200e", "\u061c"))


def test_report_view_exact() -> None:
    """validate's view of findings that quote hostile data: the exact text, inert."""
    report = Report(
        file=f"c{NASTY}.xlsx",
        profile="preset-2026",
        findings=[
            Finding(
                code="bom.thing",
                severity=Severity.ERROR,
                section="IV.A",
                message=f"line {NASTY} is wrong",
                location=Location(file="bom.csv", sheet="BOM[/]", cell="B2"),
                hint=f"fix [b]{NASTY}[/b]",
            ),
            Finding(
                code="info.note", severity=Severity.INFO, message="[/] alone", location=Location()
            ),
        ],
    )
    assert _text(report_view(report)) == (
        "Errors (1)\n"
        "  bom.thing  BOM[/]!B2  [IV.A]\n"
        f"    line {SHOWN} is wrong\n"
        f"    → fix [b]{SHOWN}[/b]\n"
        "\n"
        "Info (1)\n"
        f"  info.note  c{SHOWN}.xlsx\n"
        "    [/] alone\n"
        "\n"
        f"c{SHOWN}.xlsx: 1 error, 0 warnings, 1 info (profile preset-2026) — NOT ready\n"
    )


def test_refusal_and_markdown_views() -> None:
    """render's refusal lines and diff's Markdown: inert too, and nothing else changed."""
    finding = Finding(
        code="x.y", severity=Severity.ERROR, message=NASTY, location=Location(sheet="S", cell="A1")
    )
    assert _text(refusal_view([finding])).splitlines()[1] == f"  error x.y [-] S!A1: {SHOWN}"
    assert markdown_text(f"# Changes\n\n- {NASTY}\n") == f"# Changes\n\n- {SHOWN}\n"
    assert markdown_text("| a | b |\n\ttabbed\n") == "| a | b |\n\ttabbed\n"


def _assert_inert(out: str) -> None:
    for char in RAW_CONTROLS:
        assert char not in out, repr(char)


def test_validate_human_output(tmp_path: Path) -> None:
    """A BOM line id and a workbook name with control codes and markup, through `validate`."""
    copy_sample(tmp_path)
    bom = tmp_path / "bom.csv"
    with bom.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    undeclared = {"line_id": NASTY, "description": "pump", "kind": "good", "supplier": "Acme"}
    undeclared |= {"supplier_country": "US", "quantity": "1", "unit_value": "10"}
    undeclared |= {"supplier_principal_place_of_business": "US", "supplier_coc_controlled": "no"}
    undeclared["currency"] = "USD"
    with bom.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow([undeclared.get(key, "") for key in header])
    workbook = tmp_path / "c[bold]\x1b[2J.xlsx"
    shutil.move(tmp_path / "consortium.xlsx", workbook)

    result = runner.invoke(app, ["validate", str(workbook)], env=PLAIN)
    as_json = runner.invoke(app, ["validate", str(workbook), "--json"], env=PLAIN)
    assert result.exit_code == as_json.exit_code == 0, result.output
    out = result.stdout
    _assert_inert(out)
    (finding,) = [
        f for f in json.loads(as_json.stdout)["findings"] if f["code"] == "hardware.undeclared"
    ]
    assert finding["message"].endswith(NASTY)  # the core reports the data as it is
    assert f"    {printable(finding['message'])}\n" in out
    assert printable(finding["message"]).endswith(SHOWN)
    summary = out.splitlines()[-1]
    assert summary.startswith(f"{tmp_path}/c[bold]\\x1b[2J.xlsx: 0 errors, 1 warning, ")


def test_content_calc_human_output(tmp_path: Path) -> None:
    """Data with `[/]` and escape sequences: the whole report prints, inert.

    The hostile line is the largest non-U.S. line (top table), undeclared (the id list) and the
    one that would flip the result (sensitivity); a supplier with the same name in China is in
    the country-of-concern table.
    """
    bom = write_csv(
        tmp_path / "bom.csv",
        [
            line("A", "100", us_content_pct=100),
            line(f"id{NASTY}", "110", description=NASTY),
            line("C", "1", supplier=NASTY, supplier_country="CN", us_content_pct=0),
        ],
    )
    result = runner.invoke(app, ["content-calc", str(bom)], env=PLAIN)
    expected = calc(bom)
    assert not expected.meets_threshold
    assert result.exit_code == 1, result.output
    assert result.stderr == ""
    out = result.stdout
    _assert_inert(out)
    assert f"\n│ id{SHOWN} │ {SHOWN} │ " in out
    assert f"would flip the result: id{SHOWN}\n" in out
    assert f"\nUndeclared lines (counted as 0 %): 1 — id{SHOWN}\n" in out
    assert f"\n│ C       │ {SHOWN} │ CN      │ " in out
    assert _text(content_view(expected)) == out
