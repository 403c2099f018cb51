"""Real-world spreadsheets (calamine's test files) end in a clear message or located findings."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from aiexp.errors import AiexpError
from aiexp.model import SHEETS
from aiexp.workbook.reader import read_workbook
from tests.hardening import bad_files
from tests.hardening.runner import digests, run_main, run_process

CORPUS_FILES = sorted(p for p in bad_files.CORPUS.iterdir() if p.name != "README.md")
SHARED_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "spreadsheets"
CELL_CODES = {"input.cell", "input.required"}


def _check_run(path: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    shutil.copyfile(path, target)
    before = digests(folder)
    run = run_main(["validate", path.name, "--json"], cwd=folder)
    assert run.exit_code in (1, 2), (path.name, run)
    assert "Traceback" not in run.stderr
    assert digests(folder) == before
    if run.exit_code == 2:
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1, run.stderr
        assert lines[0].startswith(f"aiexp: error: {path.name}: "), lines[0]
        assert "internal error" not in lines[0]
    else:
        for finding in json.loads(run.stdout)["findings"]:
            assert finding["location"]["file"] == path.name, finding


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
def test_corpus_fixture(path: Path, tmp_path: Path) -> None:
    """Each corpus fixture: exit 1 (findings) or 2 (one line), never a traceback."""
    _check_run(path, tmp_path)


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"{SHARED_CORPUS} is not available")
def test_shared_corpus(tmp_path: Path) -> None:
    """Every file of the full corpus (when the checkout has ../shared) ends cleanly."""
    for index, path in enumerate(sorted(SHARED_CORPUS.iterdir())):
        _check_run(path, tmp_path / str(index))


@pytest.mark.parametrize("name", ["too_small.xls", "vba.xlsm", "issue252.xlsx"])
def test_corpus_end_to_end(name: str, tmp_path: Path) -> None:
    """Through `python -m aiexp`: the real main(), the real stderr."""
    shutil.copyfile(bad_files.CORPUS / name, tmp_path / name)
    run = run_process(["validate", name], cwd=tmp_path)
    assert run.exit_code in (1, 2), run
    assert "Traceback" not in run.stderr
    if run.exit_code == 2:
        assert run.stderr.count("\n") == 1
        assert run.stderr.startswith(f"aiexp: error: {name}: ")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    """AIEXP_DEBUG=1 shows the traceback of the same error."""
    bad_files.empty(tmp_path)
    quiet = run_process(["validate", "empty.xlsx"], cwd=tmp_path)
    loud = run_process(["validate", "empty.xlsx"], cwd=tmp_path, debug=True)
    assert quiet.exit_code == 2
    assert "Traceback" not in quiet.stderr
    assert loud.exit_code != 0
    assert "Traceback" in loud.stderr
    assert "WorkbookError" in loud.stderr


def _renamed(path: Path, target: Path) -> Path | None:
    """A copy of a corpus workbook whose sheets carry the aiexp sheet names."""
    shutil.copyfile(path, target)
    names = iter([spec.name for spec in SHEETS])
    try:

        def change(part: str, data: bytes) -> bytes | None:
            if part != "xl/workbook.xml":
                return None
            return re.sub(
                rb'(<(?:\w+:)?sheet\b[^>]*?\bname=")[^"]*(")',
                lambda m: m.group(1) + next(names, "Extra").encode() + m.group(2),
                data,
            )

        bad_files.rewrite_parts(target, change)
    except Exception:  # damaged packages cannot be rewritten; they are covered above
        return None
    return target


READABLE = [p for p in CORPUS_FILES if p.suffix in {".xlsx", ".xlsm"}]


@pytest.mark.parametrize("path", READABLE, ids=[p.name for p in READABLE])
def test_corpus_cells_through_the_reader(path: Path, tmp_path: Path) -> None:
    """Real-world cells flow through the value parsers: only located findings come out."""
    target = _renamed(path, tmp_path / path.name)
    if target is None:
        pytest.skip("the package cannot be rewritten")
    try:
        read = read_workbook(target)
    except AiexpError as exc:
        message = str(exc)
        assert "\n" not in message
        return
    for finding in read.findings:
        assert finding.location.file == str(target)
        assert finding.location.sheet, finding
        if finding.code == "input.cell":
            assert finding.location.cell, finding
