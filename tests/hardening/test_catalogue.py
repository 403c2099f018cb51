"""docs/bad-inputs.md is generated from the cases and must not go stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.cases import CASES, available, catalogue

DOC = Path(__file__).resolve().parents[2] / "docs" / "bad-inputs.md"


def test_catalogue_is_current() -> None:
    """Regenerate with `python scripts/make_bad_inputs_doc.py` when a message changes."""
    missing = sorted({reason for case in CASES if (reason := available(case)) is not None})
    if missing:
        pytest.skip("the catalogue is checked once every case can run: " + "; ".join(missing))
    assert DOC.read_text(encoding="utf-8") == catalogue(), (
        "docs/bad-inputs.md is stale: run `python scripts/make_bad_inputs_doc.py`"
    )
