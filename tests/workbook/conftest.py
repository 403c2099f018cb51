"""A small valid consortium written with the template: the base every reader test changes."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from aiexp.findings import Finding
from aiexp.model import (
    AIModel,
    Consortium,
    ConsortiumInfo,
    Framework,
    Member,
    Narrative,
    NarrativeSection,
    Provider,
    ProviderType,
    Role,
    SecurityMeasure,
)
from aiexp.workbook.reader import WorkbookRead
from aiexp.workbook.template import write_workbook


def base_consortium() -> Consortium:
    """Two members, a provider, an open-weight model supported by the anchor, a measure."""
    return Consortium(
        info=ConsortiumInfo(
            consortium_name="Acme Consortium",
            anchor_member="Acme Corp",
            contact_name="Ada Lovelace",
            contact_email="ada@example.com",
            contact_phone="+1 202 555 0100",
            submission_date=dt.date(2026, 5, 1),
        ),
        narratives=[Narrative(section=NarrativeSection.PACKAGE_OVERVIEW, text="The package.")],
        members=[
            Member(
                name="Acme Corp",
                role=Role.ANCHOR,
                layers=[1, 3],
                country_of_incorporation="US",
                principal_place_of_business="US",
                us_ownership_pct=Decimal(100),
                description="Anchor.",
            ),
            Member(
                name="Beta GmbH",
                role=Role.MEMBER,
                layers=[2],
                country_of_incorporation="DE",
                principal_place_of_business="DE",
                description="Data pipelines.",
            ),
        ],
        providers=[
            Provider(
                layer=1,
                provider="Acme Corp",
                provider_type=ProviderType.MEMBER,
                country="US",
                value=Decimal("1000000"),
                description="Servers.",
            )
        ],
        models=[
            AIModel(
                model="Acme LLM",
                ip_owner="Acme Corp",
                ip_owner_country="US",
                ip_owner_us_ownership_pct=Decimal(100),
                ip_owner_coc_ownership_pct=Decimal(0),
                open_weight=True,
                us_support_provider="Acme Corp",
            )
        ],
        security=[
            SecurityMeasure(
                measure="MFA",
                description="Multi-factor authentication.",
                framework=Framework.NIST_SP_800_53,
                references=["IA-2"],
            )
        ],
    )


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """The base consortium written as a workbook in a temporary folder."""
    path = tmp_path / "consortium.xlsx"
    write_workbook(path, base_consortium())
    return path


def codes(read: WorkbookRead) -> list[str]:
    """The codes of a read's findings, in order."""
    return [finding.code for finding in read.findings]


def only(read: WorkbookRead, code: str) -> Finding:
    """The one finding with this code (fails when there are none or several)."""
    found = [finding for finding in read.findings if finding.code == code]
    assert len(found) == 1, read.findings
    return found[0]


def cache_formula_value(path: Path, formula: str, cached: str, cell_type: str = "n") -> None:
    """Store a cached value for a formula openpyxl wrote (as Excel does when it saves).

    `cell_type` is the value's type as Excel writes it: `n` number, `str` text, `e` error.
    """
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    pattern = re.compile(rb"<c ([^>]*)><f>" + re.escape(formula.encode()) + rb"</f><v></v>")
    hits = [name for name, data in parts.items() if pattern.search(data)]
    assert len(hits) == 1, hits
    replacement = (
        b'<c \\1 t="'
        + cell_type.encode()
        + b'"><f>'
        + formula.encode()
        + b"</f><v>"
        + cached.encode()
        + b"</v>"
    )
    parts[hits[0]] = pattern.sub(replacement, parts[hits[0]])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
