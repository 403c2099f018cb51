"""Operations, support, export control, narratives, resubmission, confidentiality, contact."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiexp.findings import Severity
from aiexp.rules.export_control import classification_kind, is_advanced_computing
from aiexp.rules.narratives import placeholder
from tests.rules.helpers import findings, of, where
from tests.workbook_edit import clear_sheet, delete_rows, set_cells, set_field

ACCELERATORS = {"item": "CR-900 AI accelerator modules"}


def test_a_function_without_an_entity(sample: Path) -> None:
    delete_rows(sample, "Operations", {"function": "own"})
    (finding,) = of(findings(sample), "operations.functions")
    assert finding.location.sheet == "Operations"
    assert "own" in finding.message


def test_no_federal_support(sample: Path) -> None:
    clear_sheet(sample, "FederalSupport")
    (finding,) = of(findings(sample), "support.none")
    assert finding.location.sheet == "FederalSupport"


def test_no_export_control_items(sample: Path) -> None:
    clear_sheet(sample, "ExportControl")
    (finding,) = of(findings(sample), "export.items")
    # VI.8 is an item the proposal "must include, at a minimum": an error (0.1.0: a warning).
    assert finding.severity is Severity.ERROR


def test_an_ear_item_without_classification(sample: Path) -> None:
    set_cells(sample, "ExportControl", ACCELERATORS, {"classification": None})
    found = findings(sample)
    assert where(found, "export.classification-missing") == ["ExportControl!C2"]
    # "preliminary information … will suffice" (VI.8): a warning (0.1.0: an error).
    assert of(found, "export.classification-missing")[0].severity is Severity.WARNING


def test_a_classification_that_is_not_one(sample: Path) -> None:
    set_cells(sample, "ExportControl", ACCELERATORS, {"classification": "3A09"})
    assert where(findings(sample), "export.classification") == ["ExportControl!C2"]


def test_an_ear_item_with_a_usml_category(sample: Path) -> None:
    set_cells(sample, "ExportControl", ACCELERATORS, {"classification": "XI(a)"})
    assert where(findings(sample), "export.classification") == ["ExportControl!C2"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("3A090.a", "eccn"),
        ("4A090", "eccn"),
        ("5a992.c", "eccn"),
        ("EAR99", "ear99"),
        ("ear99", "ear99"),
        ("XI(a)(1)", "usml"),
        ("XXI", "usml"),
        ("XXII", None),
        ("3A09", None),
        ("F6A090", None),
    ],
)
def test_classification_kinds(text: str, kind: str | None) -> None:
    assert classification_kind(text) == kind


def test_advanced_computing_and_coc_destinations(sample: Path) -> None:
    set_cells(sample, "ExportControl", ACCELERATORS, {"destinations": "SA, CN"})
    found = where(findings(sample), "export.advanced-computing")
    assert "ExportControl!C2" in found
    assert "ExportControl!D2" in found


@pytest.mark.parametrize(
    ("classification", "flagged"),
    [
        ("3A090.a", True),
        ("4A090.b", True),
        ("4E091", True),
        ("5A992.z", True),
        ("5d992.z", True),
        ("4A003.z", True),
        ("5A992", True),  # paragraph not given: it may be .z
        ("5A992.c", False),  # mass-market encryption, not advanced computing
        ("5D992.c", False),
        ("3A001.a.1", False),
        ("EAR99", False),
    ],
)
def test_advanced_computing_classifications(classification: str, flagged: bool) -> None:
    assert is_advanced_computing(classification) is flagged


def test_no_advanced_computing_items(sample: Path) -> None:
    for item in (
        "CR-900 AI accelerator modules",
        "MX-8 accelerator servers and head nodes",
        "Network switches, interface cards and border appliances with encryption",
    ):
        set_cells(sample, "ExportControl", {"item": item}, {"classification": "EAR99"})
    assert where(findings(sample), "export.advanced-computing") == []


def test_a_required_narrative_missing(sample: Path) -> None:
    delete_rows(sample, "Narratives", {"section": "business_model"})
    (finding,) = of(findings(sample), "narrative.missing")
    assert finding.location.sheet == "Narratives"
    assert "business_model" in finding.message


def test_a_required_narrative_blank_is_reported_once(sample: Path) -> None:
    set_cells(sample, "Narratives", {"section": "business_model"}, {"text": None})
    found = findings(sample)
    assert where(found, "narrative.missing") == ["Narratives!B4"]
    assert where(found, "input.required") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Delivery starts TBD.", "TBD"),
        ("todo: write this", "todo"),
        ("Figures TK", "TK"),
        ("Contact XXX for details", "XXX"),
        ("[Insert partner names here]", "[Insert partner names here]"),
        ("<describe the offering>", "<describe the offering>"),
        ("Lorem ipsum dolor sit amet", "Lorem ipsum"),
        ("Latency <10 ms and availability >99.9 %", None),
        ("Write to <jane@example.com>", None),
        ("Tkachenko and Maxxximum tbdx", None),
    ],
)
def test_placeholders(text: str, found: str | None) -> None:
    assert placeholder(text) == found


def test_a_placeholder_in_a_narrative_and_a_description(sample: Path) -> None:
    set_cells(sample, "Narratives", {"section": "package_overview"}, {"text": "TBD"})
    set_cells(
        sample,
        "Members",
        {"name": "Cobalt Ridge Semiconductor Corp."},
        {"description": "[Insert description]"},
    )
    found = findings(sample)
    assert where(found, "narrative.placeholder") == ["Narratives!B2", "Members!P3"]


def test_a_resubmission_without_its_changes_and_reference(sample: Path) -> None:
    set_field(sample, "is_resubmission", "yes")
    found = findings(sample)
    (changes,) = of(found, "resubmission.changes")
    assert changes.location.sheet == "Narratives"
    assert where(found, "resubmission.reference") == ["Consortium!B11"]


def test_a_resubmission_with_both_is_fine(sample: Path) -> None:
    from tests.workbook_edit import append_row

    set_field(sample, "is_resubmission", "yes")
    set_field(sample, "previous_submission_reference", "AIEXP-2026-0042")
    append_row(sample, "Narratives", {"section": "material_changes", "text": "New layer 4 lead."})
    found = findings(sample)
    assert where(found, "resubmission.changes") == []
    assert where(found, "resubmission.reference") == []


def test_a_confidential_row_without_basis(sample: Path) -> None:
    set_cells(sample, "Narratives", {"section": "letters_of_intent"}, {"confidential_basis": None})
    assert where(findings(sample), "confidential.basis") == ["Narratives!D7"]


def test_a_confidential_member_row_without_basis(sample: Path) -> None:
    set_cells(sample, "Members", {"name": "Lindenau Sprachdaten GmbH"}, {"confidential": "yes"})
    assert where(findings(sample), "confidential.basis") == ["Members!R7"]


def test_contact_email_that_is_not_an_email(sample: Path) -> None:
    set_field(sample, "contact_email", "elena at meridian")
    assert where(findings(sample), "contact.missing") == ["Consortium!B7"]


def test_contact_phone_is_optional(sample: Path) -> None:
    # II asks for a single point of contact, not a telephone number (0.1.0: an error citing VI.1).
    set_field(sample, "contact_phone", None)
    found = findings(sample)
    assert where(found, "contact.missing") == []
    assert where(found, "input.required") == []


def test_contact_name_missing_is_reported_once_citing_ii(sample: Path) -> None:
    set_field(sample, "contact_name", None)
    found = findings(sample)
    (finding,) = of(found, "contact.missing")
    assert str(finding.location) == "Consortium!B5"
    assert finding.section == "II"
    assert where(found, "input.required") == []
