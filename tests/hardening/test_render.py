"""render: --public leaks no confidential text anywhere in the file; Ctrl-C leaves no file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from aiexp.model import columns, sheet
from aiexp.values import normalise_header
from tests.hardening.runner import run_main
from tests.workbook_edit import SAMPLE_WORKBOOK, copy_sample

# The column of each sheet that holds free text, where a marker is planted.
TEXT_COLUMNS = {
    "Narratives": "text",
    "Members": "description",
    "Providers": "description",
    "Layers": "offering",
    "Security": "description",
    "Markets": "national_interest",
    "Operations": "arrangement",
    "FederalSupport": "rationale",
    "ExportControl": "technical_features",
}
DATE = "2026-05-01"


def _header(ws: object, sheet_name: str) -> tuple[int, dict[str, int]]:
    spec = sheet(sheet_name)
    labels = {normalise_header(c.label): c.key for c in columns(spec.row_model)}
    for row in range(1, 11):
        keys = {}
        for col in range(1, ws.max_column + 1):  # type: ignore[attr-defined]
            value = ws.cell(row, col).value  # type: ignore[attr-defined]
            if value is not None:
                norm = normalise_header(str(value))
                keys[labels.get(norm, norm)] = col
        if spec.key in keys:
            return row, keys
    raise KeyError(sheet_name)


def _candidates() -> list[tuple[str, int]]:
    if not SAMPLE_WORKBOOK.exists():
        return []
    book = load_workbook(SAMPLE_WORKBOOK, read_only=False)
    found = []
    for name in TEXT_COLUMNS:
        ws = book[name]
        header, keys = _header(ws, name)
        found += [
            (name, row)
            for row in range(header + 1, ws.max_row + 1)
            if ws.cell(row, keys[sheet(name).key]).value not in (None, "")
        ]
    return found


CANDIDATES = _candidates()


def _plant(path: Path, chosen: list[tuple[str, int]]) -> list[str]:
    """Mark the chosen rows confidential and append a unique marker to their text."""
    book = load_workbook(path)
    markers = []
    for index, (name, row) in enumerate(chosen):
        ws = book[name]
        header, keys = _header(ws, name)
        for key in ("confidential", "confidential_basis"):
            if key not in keys:
                keys[key] = ws.max_column + 1
                ws.cell(header, keys[key]).value = key
        marker = f"QZX{index}CONFIDENTIAL"
        column = keys[TEXT_COLUMNS[name]]
        ws.cell(row, column).value = f"{ws.cell(row, column).value or ''} {marker}".strip()
        ws.cell(row, keys["confidential"]).value = "yes"
        ws.cell(row, keys["confidential_basis"]).value = "commercial"
        markers.append(marker)
    book.save(path)
    return markers


def _parts(*paths: Path) -> dict[str, bytes]:
    parts: dict[str, bytes] = {}
    for path in paths:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as package:
                parts.update({f"{path.name}:{n}": package.read(n) for n in package.namelist()})
        else:
            parts[path.name] = path.read_bytes()
    return parts


def _render(folder: Path, *extra: str) -> Path:
    run = run_main(
        ["render", "consortium.xlsx", "--out", "p.docx", "--draft", "--date", DATE, *extra],
        cwd=folder,
    )
    assert run.exit_code == 0, run
    return folder / "p.docx"


def test_markers_show_without_public(tmp_path: Path) -> None:
    """The planted text is in the ordinary version (so the property below means something)."""
    copy_sample(tmp_path)
    markers = _plant(tmp_path / "consortium.xlsx", CANDIDATES)
    text = b"".join(_parts(_render(tmp_path)).values())
    shown = [m for m in markers if m.encode() in text]
    assert len(shown) >= len(markers) // 2, (len(shown), len(markers))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    chosen=st.lists(st.sampled_from(CANDIDATES or [("", 0)]), min_size=1, max_size=8, unique=True)
)
def test_public_version_leaks_nothing(chosen: list[tuple[str, int]]) -> None:
    """--public: no confidential text in any part of the .docx nor in the manifest."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        copy_sample(folder)
        markers = _plant(folder / "consortium.xlsx", chosen)
        docx = _render(folder, "--public")
        parts = _parts(docx, *folder.glob("p.manifest*"))
        for name, data in parts.items():
            for marker in markers:
                assert marker.encode() not in data, (marker, name)
                assert marker.encode("utf-16-le") not in data, (marker, name)
            assert b"QZX" not in data, name


def test_interrupted_render_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while the file is written: exit 130, one line, no output, no temporary file."""
    copy_sample(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    run = run_main(
        ["render", "consortium.xlsx", "--out", "p.docx", "--draft", "--date", DATE],
        cwd=tmp_path,
    )
    assert run.exit_code == 130, run
    assert "interrupted" in run.stderr
    assert "Traceback" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_sigint_during_render(tmp_path: Path) -> None:
    """A real SIGINT to `python -m aiexp render`: a whole file, or nothing at all."""
    copy_sample(tmp_path)
    before = {p.name for p in tmp_path.iterdir()}
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("AIEXP_DEBUG", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "aiexp", "render", "consortium.xlsx", "--out", "p.docx", "--draft"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    time.sleep(0.8)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr
    after = {p.name for p in tmp_path.iterdir()}
    assert not [n for n in after if n.endswith(".tmp") or n.startswith(".")], after
    # 130: interrupted inside main(); -SIGINT: interrupted while Python was still importing the
    # tool or already shutting down (an uncaught KeyboardInterrupt ends the process by the signal
    # itself). Either way: both whole files, or neither.
    assert process.returncode in (0, 130, -signal.SIGINT), (process.returncode, stderr)
    written = after - before
    assert written in (set(), {"p.docx", "p.manifest.json"}), after
    if written:
        assert zipfile.ZipFile(tmp_path / "p.docx").testzip() is None
        json.loads((tmp_path / "p.manifest.json").read_text(encoding="utf-8"))
    else:
        assert process.returncode != 0, "exit 0 but no file was written"


def test_interrupted_between_docx_and_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C after the .docx is written but before its manifest: both or neither."""
    copy_sample(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    real = os.fsync
    calls = []

    def second_interrupted(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(fd)

    monkeypatch.setattr(os, "fsync", second_interrupted)
    run = run_main(
        ["render", "consortium.xlsx", "--out", "p.docx", "--draft", "--date", DATE],
        cwd=tmp_path,
    )
    assert run.exit_code == 130, run
    assert sorted(p.name for p in tmp_path.iterdir()) == before
