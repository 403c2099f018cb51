"""The code table: every SPEC §5 code once, each with a check, a requirement and an item."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from aiexp.codes import (
    BY_LOCATION,
    BY_NARRATIVE,
    CODES,
    NO_ITEM,
    BySheet,
    check_ignore_codes,
    code_for,
)
from aiexp.errors import AiexpError
from aiexp.findings import Severity
from aiexp.profile import load_profile
from aiexp.requirements import ITEMS, REQUIREMENTS
from aiexp.rules.registry import checks
from tests.rules.helpers import findings

SPEC_CODES = {
    "input.cell", "input.sheet-missing", "input.column-missing", "input.required",
    "input.duplicate", "input.unknown-entity", "input.unknown-column",
    "anchor.count", "anchor.experience", "anchor.us-organized", "anchor.foreign-parent",
    "anchor.coc", "layers.coverage", "layers.top-provider", "layers.providers-missing",
    "layers.offering", "providers.top-two", "members.coc", "members.ownership-unknown",
    "partners.coc", "partners.coc-vendor", "hardware.no-bom", "hardware.summary-only",
    "hardware.us-content", "hardware.undeclared", "hardware.coc-disclosure", "models.none",
    "models.coc-owner", "models.coc-interest", "models.us-owned", "models.open-weight-support",
    "models.coc-open-weight", "nce.not-requested", "nce.misapplied", "nce.home-market",
    "nce.justification", "markets.none", "markets.unknown", "markets.competition",
    "markets.national-interest", "markets.coc-target", "security.none", "security.standards",
    "security.reference", "security.csf-coverage", "operations.functions", "support.none",
    "export.items", "export.classification-missing", "export.classification",
    "export.advanced-computing", "narrative.missing", "narrative.placeholder",
    "resubmission.changes", "resubmission.reference", "confidential.basis", "contact.missing",
    "window.closed",
    # SPEC §5 as updated for issue 12.
    "members.layers-mismatch", "partners.ownership-unknown", "hardware.supplier-unknown",
    "hardware.valuation-mismatch", "markets.domestic", "window.not-open", "coc.conditional",
    # Not in SPEC §5: a model's IP owner or open-weight developer whose facts are blank.
    "models.ownership-unknown",
    # SPEC §5, with a screening list (issue 15).
    "screening.match", "screening.possible",
    # Not in SPEC §5: a member's Providers row stating its facts otherwise than its Members row.
    "members.facts-mismatch",
}  # fmt: skip


def test_registry_holds_exactly_the_spec_codes_once() -> None:
    codes = [rule.code for rule in CODES]
    assert len(codes) == len(set(codes))
    assert set(codes) == SPEC_CODES


def test_severities_follow_the_spec() -> None:
    assert code_for("hardware.us-content").severity is Severity.WARNING
    assert code_for("hardware.coc-disclosure").severity is Severity.INFO
    assert code_for("models.coc-owner").severity is Severity.ERROR
    # Changed by issue 12 (SPEC §5).
    expected = {
        "window.closed": Severity.ERROR,
        "window.not-open": Severity.WARNING,
        "members.ownership-unknown": Severity.ERROR,
        "partners.ownership-unknown": Severity.WARNING,
        "members.layers-mismatch": Severity.WARNING,
        "hardware.supplier-unknown": Severity.WARNING,
        "hardware.valuation-mismatch": Severity.WARNING,
        "export.items": Severity.ERROR,
        "export.classification-missing": Severity.WARNING,
        "markets.domestic": Severity.ERROR,
        "coc.conditional": Severity.WARNING,
        "members.facts-mismatch": Severity.WARNING,
    }
    assert {code: code_for(code).severity for code in expected} == expected
    assert code_for("contact.missing").section == "II"
    assert "phone" not in code_for("contact.missing").fix


def test_every_rule_code_has_a_check_and_a_fix() -> None:
    attached = checks()
    for rule in CODES:
        assert rule.title, rule.code
        assert rule.fix, rule.code
        if not rule.reader:
            assert attached.get(rule.code), f"{rule.code} has no check function"


def test_every_code_has_its_requirements_and_its_item() -> None:
    requirement_ids = {requirement.id for requirement in REQUIREMENTS}
    item_ids = {item.id for item in ITEMS}
    for code in CODES:
        if code.reader:
            # What an unreadable cell bears on follows from the cell's sheet.
            assert (code.requirements, code.item) == (BY_LOCATION, BY_LOCATION), code.code
            continue
        if isinstance(code.requirements, BySheet):
            assert code.requirements.every, code.code
            assert set(code.requirements.every) <= requirement_ids, code.code
        elif code.requirements != BY_NARRATIVE:
            assert code.requirements, f"{code.code} names no Appendix A requirement"
            assert set(code.requirements) <= requirement_ids, code.code
        assert code.item in item_ids | {BY_LOCATION, NO_ITEM}, f"{code.code}: item {code.item}"
    # Every requirement is tested by some code or answered by its narratives.
    tested = {
        r for code in CODES if isinstance(code.requirements, tuple) for r in code.requirements
    }
    for requirement in REQUIREMENTS:
        assert requirement.id in tested or requirement.narratives, requirement.id


def test_titles_take_the_profiles_figures() -> None:
    profile = load_profile()
    sixty = profile.model_copy(
        update={
            "thresholds": profile.thresholds.model_copy(
                update={"hardware_us_content_pct": Decimal("60.5")}
            )
        }
    )
    title = code_for("hardware.us-content").title_for(sixty)
    assert "(60.5 %)" in title
    assert "51" not in title
    for code in CODES:
        assert "{" not in code.title_for(profile) + code.fix_for(profile), code.code


def test_every_check_quotes_the_notice() -> None:
    for code, functions in checks().items():
        for function in functions:
            assert '"' in (function.__doc__ or ""), (code, function.__name__)


def test_every_rule_code_is_tested_on_a_breaking_workbook() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py"))
    text = text.replace(Path(__file__).read_text(encoding="utf-8"), "")
    for rule in CODES:
        if not rule.reader:
            assert re.search(rf'"{re.escape(rule.code)}"', text), f"no test for {rule.code}"


def test_ignore_accepts_warnings_and_info_only() -> None:
    assert check_ignore_codes(["providers.top-two", "export.advanced-computing"]) == [
        "providers.top-two",
        "export.advanced-computing",
    ]
    with pytest.raises(AiexpError, match="cannot be ignored"):
        check_ignore_codes(["anchor.coc"])
    with pytest.raises(AiexpError, match="unknown finding code"):
        check_ignore_codes(["anchor.nope"])


def test_the_sample_has_no_errors_and_no_warnings(sample: Path) -> None:
    found = findings(sample)
    assert [f for f in found if f.severity is not Severity.INFO] == []
    # The sample's accelerators, servers and encrypted switches are flagged for license review.
    assert {f.code for f in found} == {"export.advanced-computing"}


def test_ignore_drops_warnings_and_info(sample: Path) -> None:
    found = findings(sample, ignore=["export.advanced-computing"])
    assert found == []
