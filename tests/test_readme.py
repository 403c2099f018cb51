"""The README's quick start is exactly two commands, and the first one's job really runs."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
SAMPLES = README.parent / "samples"


def quick_start() -> list[str]:
    """The lines of the first code block under the "Quick start" heading."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```[a-z]*\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the Quick start section has no code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands() -> None:
    first, second = quick_start()
    assert first.startswith("pip install . && aiexp ")
    assert second == "pip install -e '.[test]' && pytest"


def test_quick_start_main_job_runs(tmp_path: Path) -> None:
    """The part of the first command after the install, run in a copy of the repository layout."""
    first, _ = quick_start()
    job = shlex.split(first.split("&&", 1)[1])
    assert job[0] == "aiexp"
    shutil.copytree(SAMPLES, tmp_path / "samples")
    result = subprocess.run(
        [sys.executable, "-m", "aiexp", *job[1:]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path / job[job.index("--out") + 1]
    assert zipfile.ZipFile(out).testzip() is None
    assert out.with_suffix(".manifest.json").is_file()
