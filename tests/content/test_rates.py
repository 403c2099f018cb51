"""RateBook: ordered layers, the first with a currency wins; a broken file fails only when used."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from aiexp.content import RateBook, RatesLayer, content_calc_inputs, read_rates_layer
from aiexp.errors import AiexpError, BomError
from tests.content.bomfiles import calc, line, write_csv, write_xlsx

D = Decimal


def test_first_layer_wins_and_usd_is_one(tmp_path: Path) -> None:
    file = tmp_path / "r.csv"
    file.write_text("currency,usd_per_unit\nEUR,2\nGBP,3\n")
    book = RateBook([RatesLayer("--rate", {"EUR": D(4)}), read_rates_layer(file, "--rates")])
    assert book.rate("eur") == 4
    assert book.rate("GBP") == 3
    assert book.rate("USD") == 1
    assert book.rate("JPY") is None
    assert book.used == {"EUR": D(4), "GBP": D(3)}
    assert [layer.origin for layer in book.consulted] == ["--rates"]


def test_broken_file_raises_only_when_a_lookup_reaches_it(tmp_path: Path) -> None:
    broken = tmp_path / "rates.csv"
    broken.write_text("currency,usd_per_unit\nEUR,abc\n")
    with pytest.raises(BomError, match=r"rates\.csv: line 2, column usd_per_unit"):
        read_rates_layer(broken, "--rates")
    layer = read_rates_layer(broken, "beside", deferred=True)
    assert isinstance(layer.error, AiexpError)
    book = RateBook([RatesLayer("--rate", {"GBP": D(1)}), layer])
    assert book.rate("GBP") == 1  # found before the broken layer
    assert book.consulted == []
    with pytest.raises(BomError, match="usd_per_unit"):
        book.rate("EUR")
    assert book.consulted == [layer]


def test_broken_rates_beside_the_bom_matters_only_for_a_foreign_currency(tmp_path: Path) -> None:
    bom = write_csv(tmp_path / "bom.csv", [line("A", "10", us_content_pct=100)])
    (tmp_path / "rates.csv").write_text("currency,usd_per_unit\nEUR,-1\n")
    assert calc(bom).total_value == 10
    euro = write_csv(tmp_path / "bom.csv", [line("A", "10", currency="EUR")])
    with pytest.raises(BomError, match=r"rates\.csv: line 2"):
        calc(euro)
    assert calc(euro, rates={"EUR": D(2)}).total_value == 20


def test_command_inputs_in_spec_order(tmp_path: Path) -> None:
    book_path = write_xlsx(tmp_path / "Book.xlsx", [line("A", 1)], rates={"EUR": 2, "GBP": 5})
    (tmp_path / "rates.csv").write_text("currency,usd_per_unit\nEUR,3\nJPY,0.5\n")
    other = tmp_path / "other.csv"
    other.write_text("currency,usd_per_unit\nGBP,7\n")
    source, book = content_calc_inputs(book_path, rates={"chf": D(9)}, rates_file=other)
    assert source.label == f"{book_path}#BOM"
    assert [layer.origin for layer in book.layers] == [
        "--rate",
        f"--rates {other}",
        "the BOM workbook's Rates sheet",
        "rates.csv beside the BOM",
    ]
    assert (book.rate("CHF"), book.rate("GBP"), book.rate("EUR"), book.rate("JPY")) == (
        9,
        7,
        2,
        D("0.5"),
    )
