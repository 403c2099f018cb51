"""Shared fixtures: a fresh copy of the sample in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbook_edit import copy_sample


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of samples/consortium.xlsx (with bom.csv and rates.csv beside it) to change."""
    return copy_sample(tmp_path / "case")
