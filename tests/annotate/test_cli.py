"""`aiexp validate --annotate OUT.xlsx` on the command line: the same report, and a copy."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from typer.testing import CliRunner

from aiexp.cli import app
from tests.annotate.compare import findings_of, load
from tests.annotate.test_package import with_chart_logo_and_extension

runner = CliRunner()
PLAIN = {"COLUMNS": "200", "TERM": "dumb", "NO_COLOR": "1"}
DATE = ["--date", "2026-06-15"]


def digests(folder: Path) -> dict[str, str]:
    """sha256 of every file in a folder, by name."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_the_human_report_is_unchanged_and_says_where_the_copy_is(
    sample_with_errors: Path,
) -> None:
    plain = runner.invoke(app, ["validate", str(sample_with_errors), *DATE], env=PLAIN)
    out = sample_with_errors.parent / "checked.xlsx"
    args = ["validate", str(sample_with_errors), *DATE, "--annotate", str(out)]
    result = runner.invoke(app, args, env=PLAIN)
    assert result.exit_code == plain.exit_code == 1
    assert result.stdout == plain.stdout
    assert result.stderr.splitlines() == [
        f"Wrote the annotated copy {out}: 7 cells commented, 7 findings on its Findings sheet"
    ]
    assert findings_of(out) == findings_of(sample_with_errors)


def test_json_is_unchanged_and_the_copy_is_written(sample_with_errors: Path) -> None:
    plain = runner.invoke(app, ["validate", str(sample_with_errors), *DATE, "--json"], env=PLAIN)
    out = sample_with_errors.parent / "checked.xlsx"
    args = ["validate", str(sample_with_errors), *DATE, "--json", "--annotate", str(out)]
    result = runner.invoke(app, args, env=PLAIN)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == json.loads(plain.stdout)
    assert result.stdout == plain.stdout
    assert "Wrote the annotated copy" in result.stderr
    assert load(out).sheetnames[0] == "Findings"


def test_the_warning_line_is_on_stderr(sample_with_errors: Path) -> None:
    with_chart_logo_and_extension(sample_with_errors)
    out = sample_with_errors.parent / "checked.xlsx"
    args = ["validate", str(sample_with_errors), *DATE, "--json", "--annotate", str(out)]
    result = runner.invoke(app, args, env=PLAIN)
    assert result.exit_code == 1
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert "1 image" in warning
    assert str(sample_with_errors) in warning
    json.loads(result.stdout)


def test_never_over_the_workbook_or_a_file_read(sample_with_errors: Path) -> None:
    folder = sample_with_errors.parent
    before = digests(folder)
    bom_xlsx = folder / "bom.xlsx"
    bom_xlsx.write_bytes(sample_with_errors.read_bytes())  # a workbook whose BOM sheet is read
    before = digests(folder)
    for target, extra in (
        (sample_with_errors, []),
        (bom_xlsx, ["--bom", str(bom_xlsx)]),
    ):
        args = ["validate", str(sample_with_errors), *extra, "--annotate", str(target), "--force"]
        result = runner.invoke(app, args, env=PLAIN)
        assert result.exit_code == 2, result.stdout
        assert result.stderr.strip() == (
            f"aiexp: error: {target}: is an input file; choose another output name"
        )
    # A link to the workbook is the workbook.
    link = folder / "link.xlsx"
    link.symlink_to(sample_with_errors)
    result = runner.invoke(
        app, ["validate", str(sample_with_errors), "--annotate", str(link), "--force"], env=PLAIN
    )
    assert result.exit_code == 2
    assert "is an input file" in result.stderr
    link.unlink()
    assert digests(folder) == before


def test_an_xlsx_beside_that_was_not_read_is_kept_without_force(
    sample_with_errors: Path,
) -> None:
    """Only a bom.csv is looked for beside the workbook: a bom.xlsx there is no input."""
    folder = sample_with_errors.parent
    (folder / "bom.csv").unlink()
    beside = folder / "bom.xlsx"
    beside.write_bytes(sample_with_errors.read_bytes())
    result = runner.invoke(
        app, ["validate", str(sample_with_errors), "--annotate", str(beside)], env=PLAIN
    )
    assert "is an input file" not in result.stderr
    assert result.exit_code == 2
    assert "already exists; pass --force" in result.stderr


def test_existing_file_needs_force_and_other_names_are_refused(sample_with_errors: Path) -> None:
    folder = sample_with_errors.parent
    out = folder / "checked.xlsx"
    out.write_bytes(b"keep me")
    args = ["validate", str(sample_with_errors), *DATE, "--annotate", str(out)]
    result = runner.invoke(app, args, env=PLAIN)
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"aiexp: error: {out}: already exists; pass --force to overwrite it"
    )
    assert result.stdout == "", "refused before validating: no report"
    assert out.read_bytes() == b"keep me"
    result = runner.invoke(app, [*args, "--force"], env=PLAIN)
    assert result.exit_code == 1
    assert load(out).sheetnames[0] == "Findings"
    for name, message in (
        ("checked.csv", "give a name ending in .xlsx"),
        ("nowhere/checked.xlsx", "does not exist; create it first"),
        (".", "is a folder"),
    ):
        target = folder / name
        args = ["validate", str(sample_with_errors), "--annotate", str(target)]
        result = runner.invoke(app, args, env=PLAIN)
        assert result.exit_code == 2, name
        assert message in result.stderr, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["consortium.xlsx", "bom.csv", "rates.csv", "checked.xlsx"]
    ), "no temporary or partial file is left"


def test_the_copy_of_a_clean_workbook_has_an_empty_findings_list(sample: Path) -> None:
    out = sample.parent / "checked.xlsx"
    result = runner.invoke(
        app,
        [
            "validate",
            str(sample),
            *DATE,
            "--annotate",
            str(out),
            "--ignore",
            "export.advanced-computing",
        ],
        env=PLAIN,
    )
    assert result.exit_code == 0
    assert "0 cells commented, 0 findings" in result.stderr
    assert str(load(out)["Findings"]["A4"].value).startswith("No findings")


def test_the_readme_round_trip_runs(tmp_path: Path) -> None:
    """The `--annotate` command of the README's walk-through, run on a copy of the sample."""
    import re
    import shlex

    from tests.workbook_edit import REPO, copy_sample

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (line,) = [
        line
        for line in re.findall(r"^aiexp validate .*$", readme, re.MULTILINE)
        if "--annotate" in line
    ]
    copy_sample(tmp_path / "my-proposal")
    args = shlex.split(line)[1:]
    result = runner.invoke(
        app,
        [a if not a.startswith("my-proposal") else str(tmp_path / a) for a in args],
        env=PLAIN,
    )
    assert result.exit_code == 0, result.stderr
    assert load(tmp_path / "my-proposal" / "checked.xlsx").sheetnames[0] == "Findings"
