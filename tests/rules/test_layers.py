"""Layer rules (Sections II, III, VI.2)."""

from __future__ import annotations

from pathlib import Path

from aiexp.findings import Severity
from tests.rules.helpers import findings, of, where
from tests.workbook_edit import delete_rows, set_cells


def test_a_layer_no_member_provides(sample: Path) -> None:
    set_cells(sample, "Members", {"name": "Prairie Signal Civic Software, Inc."}, {"layers": "4"})
    (finding,) = of(findings(sample), "layers.coverage")
    assert (finding.location.sheet, finding.location.column) == ("Members", "layers")
    assert "layer 5" in finding.message


def test_a_non_member_leads_a_layer(sample: Path) -> None:
    set_cells(sample, "Providers", {"provider": "Ashgrove Networks, Inc."}, {"value": 99_000_000})
    found = findings(sample)
    assert where(found, "layers.top-provider") == ["Providers!B4"]
    assert "Cobalt Ridge" in of(found, "layers.top-provider")[0].message


def test_a_tie_that_includes_a_member_satisfies(sample: Path) -> None:
    set_cells(sample, "Providers", {"provider": "Ashgrove Networks, Inc."}, {"value": 54_891_776})
    assert where(findings(sample), "layers.top-provider") == []


def test_provider_rows_are_summed_by_normalised_name(sample: Path) -> None:
    # Two rows of the same vendor (case and spaces differ) together exceed the top member.
    set_cells(sample, "Providers", {"provider": "Ashgrove Networks, Inc."}, {"value": 30_000_000})
    set_cells(
        sample,
        "Providers",
        {"provider": "Tamarack Silicon Devices, Inc."},
        {"provider": "ASHGROVE  networks, inc.", "value": 30_000_000},
    )
    assert where(findings(sample), "layers.top-provider") == ["Providers!B4"]


def test_values_are_converted_with_the_rates_sheet(sample: Path) -> None:
    # 10 billion JPY is about 66 million USD at the sample's rate: more than the top member.
    set_cells(
        sample,
        "Providers",
        {"provider": "Skagerrak Thermal Systems A/S"},
        {"value": 10_000_000_000, "currency": "JPY"},
    )
    assert where(findings(sample), "layers.top-provider") == ["Providers!B9"]


def test_a_currency_without_a_rate(sample: Path) -> None:
    set_cells(
        sample, "Providers", {"provider": "Skagerrak Thermal Systems A/S"}, {"currency": "CHF"}
    )
    (finding,) = of(findings(sample), "layers.top-provider")
    assert str(finding.location) == "Providers!J9"
    assert "CHF" in finding.message


def test_a_provider_typed_member_that_is_not_in_members(sample: Path) -> None:
    set_cells(
        sample, "Providers", {"provider": "Ashgrove Networks, Inc."}, {"provider_type": "member"}
    )
    assert where(findings(sample), "input.unknown-entity") == ["Providers!B4"]


def test_a_layer_without_providers(sample: Path) -> None:
    delete_rows(sample, "Providers", {"layer": 3})
    (finding,) = of(findings(sample), "layers.providers-missing")
    assert finding.severity is Severity.WARNING
    assert finding.location.sheet == "Providers"
    assert "layer 3" in finding.message


def test_a_layer_without_its_offering(sample: Path) -> None:
    delete_rows(sample, "Layers", {"layer": 2})
    (finding,) = of(findings(sample), "layers.offering")
    assert (finding.location.sheet, finding.location.column) == ("Layers", "offering")


def test_a_blank_offering_is_reported_once(sample: Path) -> None:
    set_cells(sample, "Layers", {"layer": 2}, {"offering": None})
    found = findings(sample)
    assert where(found, "input.required") == ["Layers!B3"]
    assert where(found, "layers.offering") == []


def test_fewer_than_two_non_member_providers(sample: Path) -> None:
    delete_rows(sample, "Providers", {"provider": "Wadi Health Informatics FZ-LLC"})
    delete_rows(sample, "Providers", {"provider": "Bayanihan Systems Integration Corp."})
    (finding,) = of(findings(sample), "providers.top-two")
    assert finding.severity is Severity.WARNING
    assert "layer 5" in finding.message
    assert finding.location.sheet == "Providers"


def test_a_member_in_a_layer_its_members_row_does_not_list(sample: Path) -> None:
    # 0.1.0 gave no finding, and the document said both things.
    from tests.workbook_edit import append_row

    row = append_row(
        sample,
        "Providers",
        {
            "layer": 5,
            "provider": "Blue Lantern Cyber Defense, LLC",
            "provider_type": "member",
            "country": "US",
            "value": 1000,
            "description": "Application security reviews",
        },
    )
    found = findings(sample)
    (finding,) = of(found, "members.layers-mismatch")
    assert str(finding.location) == f"Providers!A{row}"
    assert "layer 5" in finding.message


def test_a_member_listing_a_layer_it_provides_nothing_in(sample: Path) -> None:
    set_cells(sample, "Members", {"name": "Halvorsen Data Works, Inc."}, {"layers": "2, 3"})
    assert where(findings(sample), "members.layers-mismatch") == ["Members!C6"]
