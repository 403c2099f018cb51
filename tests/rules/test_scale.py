"""The rules look rows up by name through an index, never by scanning another sheet per row.

Counted, not timed: the calls of `normalise_name` while a workbook is read and validated grow
linearly with its members and providers. A scan of the Providers sheet per member (as
`own_provider_rows` once did: 51 s for 2,000 members x 10,000 providers) makes the count grow
with their product.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import aiexp.values
from aiexp.model import Member, Provider, ProviderType, Role
from aiexp.workbook.reader import read_workbook
from aiexp.workbook.template import write_workbook
from tests.rules.helpers import findings

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "consortium.xlsx"


def _workbook(path: Path, members: int, providers: int) -> Path:
    """The sample with `members` more members and `providers` more providers (half of them
    rows of a member, half vendors)."""
    base = read_workbook(SAMPLE).consortium
    extra = [
        Member(
            name=f"Member {number:05d} Holdings, Inc.",
            role=Role.MEMBER,
            layers=[1 + number % 5],
            country_of_incorporation="US",
            principal_place_of_business="US",
            coc_ownership_pct=Decimal(0),
            us_ownership_pct=Decimal(100),
            description="A member added by the test.",
        )
        for number in range(1, members + 1)
    ]
    rows = [
        Provider(
            layer=1 + number % 5,
            provider=extra[number % members].name if number % 2 else f"Vendor {number:05d} Ltd",
            provider_type=ProviderType.MEMBER if number % 2 else ProviderType.LOCAL_PARTNER,
            country="DE",
            principal_place_of_business="DE",
            value=Decimal(1000 + number),
            description="A provider added by the test.",
        )
        for number in range(1, providers + 1)
    ]
    grown = base.model_copy(
        update={"members": [*base.members, *extra], "providers": [*base.providers, *rows]}
    )
    write_workbook(path, grown)
    return path


def _normalisations(monkeypatch: pytest.MonkeyPatch, path: Path) -> int:
    """How many names are normalised while `path` is read and validated."""
    real = aiexp.values.normalise_name
    calls = 0

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    with monkeypatch.context() as patch:
        for module in list(sys.modules.values()):
            name = getattr(module, "__name__", "")
            if name.startswith("aiexp") and getattr(module, "normalise_name", None) is real:
                patch.setattr(module, "normalise_name", counting)
        findings(path)
    return calls


def test_validate_normalises_names_linearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    findings(SAMPLE)  # every rule module imported before counting
    small = _normalisations(monkeypatch, _workbook(tmp_path / "small.xlsx", 60, 300))
    large = _normalisations(monkeypatch, _workbook(tmp_path / "large.xlsx", 240, 1200))
    assert small > 360  # the count sees the rows (one name each at least)
    # Four times the rows: about four times the calls; a per-member scan of the providers
    # would give about sixteen times.
    assert large <= 5 * small, (small, large)
