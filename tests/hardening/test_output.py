"""Writing outputs: atomic, never over an input, never into a read-only place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aiexp.errors import OutputError
from aiexp.output import check_output, write_atomic
from tests.hardening.cases import READ_ONLY, available, run_case


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_read_only_folder(tmp_path: Path) -> None:
    """--out into a folder without write permission: one line, exit 2, nothing written."""
    reason = available(READ_ONLY)
    if reason is not None:
        pytest.skip(reason)
    outcome = run_case(READ_ONLY, tmp_path / "case")
    assert outcome.run.exit_code == 2, outcome.run
    assert "writable" in outcome.run.stderr or "cannot write" in outcome.run.stderr
    assert set(outcome.after) == set(outcome.before)


def test_write_atomic_interrupted_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle of a write: no partial file, no temporary file, old file kept."""
    target = tmp_path / "proposal.docx"
    target.write_bytes(b"the earlier draft")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"x" * 100_000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proposal.docx"]
    assert target.read_bytes() == b"the earlier draft"


def test_write_atomic_into_missing_folder(tmp_path: Path) -> None:
    """A folder that vanished between the check and the write: an OutputError, not OSError."""
    with pytest.raises(OutputError, match="cannot write here"):
        write_atomic(tmp_path / "gone" / "x.md", b"x")


@pytest.mark.parametrize(
    ("name", "words"),
    [("missing/x.md", "does not exist"), (".", "folder"), ("in.xlsx", "input file")],
)
def test_check_output(
    name: str, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusals name the path and what to do."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.xlsx").write_bytes(b"x")
    with pytest.raises(OutputError, match=words):
        check_output(Path(name), force=True, inputs=[Path("in.xlsx")])


def test_write_all_atomic_interrupted_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two files that belong together: Ctrl-C while writing the second leaves neither."""
    from aiexp.output import write_all_atomic

    real = os.fsync
    calls: list[int] = []

    def second_interrupted(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(fd)

    monkeypatch.setattr(os, "fsync", second_interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_all_atomic([(tmp_path / "p.docx", b"docx"), (tmp_path / "p.manifest.json", b"{}")])
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(os, "fsync", real)
    write_all_atomic([(tmp_path / "p.docx", b"docx"), (tmp_path / "p.manifest.json", b"{}")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.docx", "p.manifest.json"]
