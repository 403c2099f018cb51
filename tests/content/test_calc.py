"""The calculation of SPEC §3, case by case, with figures computed by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from aiexp.content import money_str, pct_str
from aiexp.errors import BomError
from tests.content.bomfiles import calc, line, write_csv, write_xlsx

D = Decimal


def test_mixed_bom_by_hand(tmp_path: Path) -> None:
    # L1 10 × 1000 USD at 60 %      → value 10000, U.S. 6000
    # L2 2 × 500 EUR, non-U.S. 100  → value 2 × 500 × 1.1 = 1100, U.S. 1100 − 2 × 100 × 1.1 = 880
    # L3 100 × 10 USD undeclared    → value 1000, U.S. 0
    # total 12100, U.S. 6880 → 56.8595… %
    bom = write_csv(
        tmp_path / "bom.csv",
        [
            line("L1", "1000", quantity=10, us_content_pct=60),
            line("L2", "500", quantity=2, currency="EUR", non_us_unit_value=100),
            line("L3", "10", quantity=100),
        ],
    )
    result = calc(bom, rates={"EUR": D("1.1")})
    assert result.total_value == D("12100")
    assert result.us_value == D("6880")
    assert result.line_count == 3
    assert result.undeclared_lines == ["L3"]
    assert result.meets_threshold is True
    assert result.shortfall_value == 0
    assert result.margin_value == D("6880") - D("0.51") * D("12100")  # 709
    assert result.rates == {"EUR": D("1.1")}
    document = result.to_json_dict()
    assert document["us_content_pct"] == "56.8595"  # 6880/12100 = 56.859504…
    assert document["total_value"] == "12100.00"
    assert document["margin_value"] == "709.00"
    assert document["currency"] == "USD"
    # Non-U.S. values: L1 4000, L3 1000, L2 220.
    assert [t["line_id"] for t in document["top_non_us"]] == ["L1", "L3", "L2"]
    assert document["top_non_us"][0] == {
        "line_id": "L1",
        "description": "item L1",
        "line_value": "10000.00",
        "non_us_value": "4000.00",
    }


def test_exactly_51_percent_meets(tmp_path: Path) -> None:
    bom = write_csv(tmp_path / "bom.csv", [line("A", "100", us_content_pct=51)])
    result = calc(bom)
    assert result.meets_threshold is True
    assert result.shortfall_value == 0
    assert result.to_json_dict()["us_content_pct"] == "51.0000"


def test_50_9999_percent_does_not_meet(tmp_path: Path) -> None:
    bom = write_csv(tmp_path / "bom.csv", [line("A", "100", us_content_pct="50.9999")])
    result = calc(bom)
    assert result.meets_threshold is False
    assert result.shortfall_value == D("0.0001")  # 51 − 50.9999 of a 100 line
    document = result.to_json_dict()
    assert document["us_content_pct"] == "50.9999"
    assert document["shortfall_value"] == "0.00"


def test_threshold_compared_exactly_across_lines(tmp_path: Path) -> None:
    # 51 of 100 split over three lines in two currencies: 30 USD at 100 % + 21 EUR-worth at 100 %.
    bom = write_csv(
        tmp_path / "bom.csv",
        [
            line("A", "30", us_content_pct=100),
            line("B", "20", currency="EUR", us_content_pct=100),
            line("C", "49", us_content_pct=0),
        ],
    )
    assert calc(bom, rates={"EUR": D("1.05")}).meets_threshold is True  # 51 / 100
    assert calc(bom, rates={"EUR": D("1.0499")}).meets_threshold is False  # 50.998 / 99.998


def test_percent_is_truncated_not_rounded(tmp_path: Path) -> None:
    # U.S. 2 of 3 = 66.666…: truncated to 66.6666, never rounded to 66.6667.
    bom = write_csv(
        tmp_path / "bom.csv",
        [line("A", "2", us_content_pct=100), line("B", "1", us_content_pct=0)],
    )
    result = calc(bom)
    assert result.to_json_dict()["us_content_pct"] == "66.6666"
    assert pct_str(D("99.99999")) == "99.9999"


def test_money_rounded_half_even_to_cents(tmp_path: Path) -> None:
    assert money_str(D("0.125")) == "0.12"
    assert money_str(D("0.135")) == "0.14"
    assert money_str(D("-0.001")) == "0.00"
    assert money_str(D("1E+30")) == "1000000000000000000000000000000.00"
    bom = write_csv(tmp_path / "bom.csv", [line("A", "0.125", us_content_pct=100)])
    assert calc(bom).to_json_dict()["total_value"] == "0.12"


def test_subtractive_form_takes_precedence(tmp_path: Path) -> None:
    # unit 200, non-U.S. 50 per unit, 3 units in GBP at 1.25: value 750, U.S. 750 − 187.5 = 562.5;
    # the declared 75 % agrees (150/200), so it is accepted, and the subtractive figure is used.
    bom = write_csv(
        tmp_path / "bom.csv",
        [line("A", "200", quantity=3, currency="GBP", non_us_unit_value="50", us_content_pct=75)],
    )
    result = calc(bom, rates={"GBP": D("1.25")})
    assert result.total_value == D("750")
    assert result.us_value == D("562.5")


def test_percent_checked_at_the_decimals_shown(tmp_path: Path) -> None:
    # unit 3, non-U.S. 2 → implied 33.333… %: "33.33" and "33.3" and "33" agree; "33.34" does not.
    for shown in ("33.33", "33.3", "33", "33.333%"):
        bom = write_csv(
            tmp_path / f"ok{shown}.csv",
            [line("A", "3", non_us_unit_value="2", us_content_pct=shown)],
        )
        assert calc(bom).us_value == 1
    bom = write_csv(
        tmp_path / "bad.csv", [line("A", "3", non_us_unit_value="2", us_content_pct="33.34")]
    )
    with pytest.raises(BomError, match=r"line 2, column us_content_pct.*implies 33\.333"):
        calc(bom)


def test_xlsx_percent_cell_uses_its_number_format(tmp_path: Path) -> None:
    # 0.3333 shown as 33.33% agrees with the implied 33.333…; 0.34 shown as 34% does not (33).
    good = write_xlsx(
        tmp_path / "good.xlsx",
        [line("A", 3, non_us_unit_value=2, us_content_pct=0.3333)],
        formats={"us_content_pct": "0.00%"},
    )
    assert calc(good).us_value == 1
    bad = write_xlsx(
        tmp_path / "bad.xlsx",
        [line("A", 3, non_us_unit_value=2, us_content_pct=0.34)],
        formats={"us_content_pct": "0%"},
    )
    with pytest.raises(BomError, match=r"bad\.xlsx: BOM!L2 \(us_content_pct\)"):
        calc(bad)


def test_xlsx_bom_and_rates_sheets(tmp_path: Path) -> None:
    book = write_xlsx(
        tmp_path / "Book.xlsx",
        [
            line("A", 100, currency="EUR", us_content_pct=0.6, quantity=2),
            line("B", 50, us_content_pct=0.4),
        ],
        rates={"EUR": 1.5},
        formats={"us_content_pct": "0%"},
    )
    result = calc(book)
    # A: 2 × 100 × 1.5 = 300 at 60 %; B: 50 at 40 % (0.4 shown as 40%).
    assert result.total_value == 350
    assert result.us_value == 180 + 20
    assert result.source == f"{book}#BOM"
    assert result.rates == {"EUR": D("1.5")}


def test_rates_precedence(tmp_path: Path) -> None:
    bom = write_csv(tmp_path / "bom.csv", [line("A", "100", currency="EUR", us_content_pct=100)])
    (tmp_path / "rates.csv").write_text("currency,usd_per_unit,as_of,source\nEUR,2,,x\n")
    other = tmp_path / "other.csv"
    other.write_text("currency;usd_per_unit\nEUR;3\n")
    assert calc(bom).total_value == 200  # rates.csv beside the BOM
    assert calc(bom, rates_file=other).total_value == 300  # --rates FILE
    assert calc(bom, rates={"EUR": D(4)}, rates_file=other).total_value == 400  # --rate


def test_missing_rate_names_currency_and_lines(tmp_path: Path) -> None:
    bom = write_csv(
        tmp_path / "bom.csv",
        [
            line("A", "1", currency="USD", us_content_pct=1),
            line("B", "1", currency="CHF", us_content_pct=1),
            line("C", "1", currency="chf", us_content_pct=1),
        ],
    )
    with pytest.raises(BomError) as caught:
        calc(bom)
    message = str(caught.value)
    assert "line 3, column currency" in message
    assert "no exchange rate for CHF (lines 3, 4)" in message
    assert "\n" not in message


def test_undeclared_and_assumed_us_origin(tmp_path: Path) -> None:
    bom = write_csv(
        tmp_path / "bom.csv",
        [
            line("A", "60", us_content_pct=50),
            line("B", "30", origin_country="United States"),
            line("C", "10", origin_country="DE"),
        ],
    )
    plain = calc(bom)
    assert plain.undeclared_lines == ["B", "C"]
    assert plain.assumed_lines == []
    assert plain.us_value == 30
    assert plain.meets_threshold is False
    assumed = calc(bom, assume_us_origin=True)
    assert assumed.undeclared_lines == ["B", "C"]
    assert assumed.assumed_lines == ["B"]
    assert assumed.us_value == 60  # 30 + B's 30, assumed
    assert assumed.us_value_without_assumptions == 30
    assert assumed.meets_threshold is True
    assert assumed.meets_threshold_without_assumptions is False
    document = assumed.to_json_dict()
    assert document["us_content_pct"] == "60.0000"
    assert document["us_content_pct_without_assumptions"] == "30.0000"


def test_country_of_concern_lines(tmp_path: Path) -> None:
    bom = write_csv(
        tmp_path / "bom.csv",
        [
            line("A", "1", supplier_country="China", us_content_pct=0),
            line("B", "1", supplier_country="SG", supplier_principal_place_of_business="HK"),
            line("C", "1", supplier_coc_controlled="yes", supplier="Front LLC"),
            line("D", "1", supplier_country="Macao"),
            line("E", "1", supplier_country="DE", supplier_coc_controlled="no"),
        ],
    )
    result = calc(bom)
    assert [c.line_id for c in result.coc_lines] == ["A", "B", "C", "D"]
    by_id = {c.line_id: c for c in result.coc_lines}
    assert by_id["A"].supplier_country == "CN"
    assert by_id["B"].supplier_principal_place_of_business == "HK"
    assert by_id["C"].supplier_coc_controlled is True
    assert by_id["C"].supplier == "Front LLC"
    assert by_id["D"].line_value == 1
    assert result.to_json_dict()["coc_lines"] == ["A", "B", "C", "D"]


def test_top_lines_and_threshold_option(tmp_path: Path) -> None:
    bom = write_csv(
        tmp_path / "bom.csv",
        [line(f"L{i}", str(i * 10), us_content_pct=50) for i in range(1, 8)]
        + [line("TIE", "70", us_content_pct=50), line("ALLUS", "1000", us_content_pct=100)],
    )
    result = calc(bom, top=3, threshold=D("90"))
    # Non-U.S. values: L7 35, TIE 35 (later, so after L7), L6 30.
    assert [t.line_id for t in result.top_non_us] == ["L7", "TIE", "L6"]
    assert result.threshold_pct == 90
    assert "ALLUS" not in [t.line_id for t in result.top_non_us]


def test_sensitivity_below_and_above(tmp_path: Path) -> None:
    # Total 200; U.S. 90 (45 %). 51 % needs 102: shortfall 12. The biggest non-U.S. line (C, 60)
    # alone covers it.
    below = write_csv(
        tmp_path / "below.csv",
        [
            line("A", "90", us_content_pct=100),
            line("B", "50", us_content_pct=0),
            line("C", "60", us_content_pct=0),
        ],
    )
    result = calc(below)
    assert result.shortfall_value == 12
    assert result.sensitivity == ["C"]
    # Total 100; U.S. 80 (A 40, B 25, C 15): margin 29. Losing A (40) drops it below.
    above = write_csv(
        tmp_path / "above.csv",
        [
            line("A", "40", us_content_pct=100),
            line("B", "25", us_content_pct=100),
            line("C", "15", us_content_pct=100),
            line("D", "20", us_content_pct=0),
        ],
    )
    result = calc(above)
    assert result.margin_value == 29
    assert result.sensitivity == ["A"]
    # With 90 % needed (shortfall 10), C (15 non-U.S.)… is not enough alone: D (20) is.
    assert calc(above, threshold=D(90)).sensitivity == ["D"]
    # Exactly at the threshold: losing any U.S. value drops it below.
    exact = write_csv(
        tmp_path / "exact.csv",
        [line("A", "51", us_content_pct=100), line("B", "49", us_content_pct=0)],
    )
    assert calc(exact).sensitivity == ["A"]


def test_semicolon_bom_labels_title_row_and_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    text = (
        "Bill of materials — export from Excel\n"
        "Line id;Description;Supplier;Supplier country;Unit value;U.S. content %;Quantity\n"
        'X-1;"Rack; 42U";Acme;USA;"1 500.00";51%;2\n'
        "\n"
        "X-2;Cable;Acme;US;$10;;\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = calc(path)
    assert result.line_count == 2
    assert result.total_value == 3010
    assert result.us_value == D("1530")
    assert result.undeclared_lines == ["X-2"]


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    bom = write_csv(
        tmp_path / "bom.csv",
        [line("Ü-1", "10", us_content_pct=100)],
        delimiter="\t",
        encoding="utf-16",
    )
    assert calc(bom).top_non_us == []
    assert calc(bom).us_value == 10


def test_optional_columns_may_be_absent(tmp_path: Path) -> None:
    bom = write_csv(
        tmp_path / "bom.csv",
        [line("A", "5")],
        columns=["line_id", "description", "supplier", "supplier_country", "unit_value"],
    )
    result = calc(bom)
    assert result.total_value == 5
    assert result.undeclared_lines == ["A"]


def test_progress_callback_reaches_the_end(tmp_path: Path) -> None:
    bom = write_csv(tmp_path / "bom.csv", [line(f"L{i}", "1") for i in range(20)])
    calls: list[tuple[int, int]] = []
    calc(bom, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (bom.stat().st_size, bom.stat().st_size)


def test_fast_and_row_by_row_paths_agree(tmp_path: Path) -> None:
    # Plain CSV rows take the fast path; an .xlsx's cells are numbers and text with formats
    # (tests/content/test_sheet_rows.py), and a ragged CSV is read row by row. All must give
    # the same report.
    rows = [
        line(
            f"L{i:03d}",
            str(10 + i),
            quantity=1 + i % 3,
            currency=("USD", "EUR")[i % 2],
            us_content_pct=(str(i % 101), "")[i % 5 == 0],
            non_us_unit_value=("", "3")[i % 7 == 0],
            supplier_country=("US", "CN", "DE")[i % 3],
            origin_country="US",
        )
        for i in range(1200)
    ]
    for row in rows:  # a line with both columns must agree: give only one of them
        if row.get("non_us_unit_value"):
            row["us_content_pct"] = ""
    fast = write_csv(tmp_path / "bom.csv", rows)
    slow = write_xlsx(tmp_path / "bom.xlsx", rows, rates={"EUR": 1.25})
    ragged = tmp_path / "ragged.csv"  # a blank line in every chunk forces row-by-row reading
    text = fast.read_text().splitlines()
    ragged.write_text("\n".join(text[:1] + [x for row in text[1:] for x in (row, "")]) + "\n")
    rate = {"EUR": D("1.25")}
    for assume in (False, True):
        expected = calc(fast, rates=rate, assume_us_origin=assume).to_json_dict()
        for other in (slow, ragged):
            got = calc(other, rates=rate, assume_us_origin=assume).to_json_dict()
            del got["source"], expected["source"]
            assert got == expected
            expected["source"] = ""
