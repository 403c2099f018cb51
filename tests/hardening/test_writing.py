"""No-clobber writes: the final step never replaces a file that appeared while the command ran.

Two renders to the same new `--out` without `--force` must not both say they wrote it: the
file is linked into place (an exclusive create), so the second one fails, in one line, and the
file left is the one whose run said it wrote it.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from aiexp import output
from aiexp.errors import OutputError
from aiexp.output import write_all_atomic, write_atomic
from tests.hardening.runner import run_main
from tests.workbook_edit import SAMPLE_WORKBOOK, copy_sample

DATE = "2026-05-01"


def test_a_file_that_appears_before_the_last_step_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run wrote `--out` while this one rendered: exit 2, its file untouched."""
    copy_sample(tmp_path)
    real = output._write_temp

    def meanwhile(path: Path, data: bytes) -> str:
        name = real(path, data)
        if path.name == "p.docx":
            path.write_bytes(b"the other run's proposal")
        return name

    monkeypatch.setattr(output, "_write_temp", meanwhile)
    run = run_main(
        ["render", "consortium.xlsx", "--out", "p.docx", "--draft", "--date", DATE], cwd=tmp_path
    )
    assert run.exit_code == 2, run
    assert "appeared while this command ran" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert (tmp_path / "p.docx").read_bytes() == b"the other run's proposal"
    assert not (tmp_path / "p.manifest.json").exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_the_manifest_appearing_removes_our_docx_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both files or neither: the .docx placed a moment ago is removed when its manifest's
    name turns out to be taken."""
    real = output._write_temp

    def meanwhile(path: Path, data: bytes) -> str:
        name = real(path, data)
        if path.name == "p.manifest.json":
            path.write_text("{}")
        return name

    monkeypatch.setattr(output, "_write_temp", meanwhile)
    files = [(tmp_path / "p.docx", b"docx"), (tmp_path / "p.manifest.json", b"[]")]
    with pytest.raises(OutputError, match="appeared"):
        write_all_atomic(files, force=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.manifest.json"]
    assert (tmp_path / "p.manifest.json").read_text() == "{}"


def test_without_links_the_name_is_reserved_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system without hard links: the name is created exclusively, then replaced."""

    def no_links(source: str, target: Path) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    write_atomic(tmp_path / "a.md", b"first", force=False)
    assert (tmp_path / "a.md").read_bytes() == b"first"
    with pytest.raises(OutputError, match="already exists"):
        write_atomic(tmp_path / "a.md", b"second", force=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


@pytest.mark.skipif(not SAMPLE_WORKBOOK.exists(), reason="no sample")
def test_two_renders_to_the_same_new_file(tmp_path: Path) -> None:
    """Two processes render to one new `--out` at once: one writes it, the other exits 2."""
    copy_sample(tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("AIEXP_DEBUG", None)
    base = [sys.executable, "-m", "aiexp", "render", "consortium.xlsx", "--out", "p.docx"]
    runs = [
        subprocess.Popen(
            [*base, "--draft", "--date", DATE, *extra],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for extra in ([], ["--public"])
    ]
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2], results
    winner = next(index for index, (code, _, _) in enumerate(results) if code == 0)
    loser = results[1 - winner]
    assert "Traceback" not in loser[2]
    assert "exists" in loser[2] or "appeared" in loser[2], loser
    manifest = json.loads((tmp_path / "p.manifest.json").read_text(encoding="utf-8"))
    assert manifest["document"]["public"] is (winner == 1)
    data = (tmp_path / "p.docx").read_bytes()
    assert hashlib.sha256(data).hexdigest() == manifest["document"]["sha256"]
    assert zipfile.ZipFile(tmp_path / "p.docx").testzip() is None
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
