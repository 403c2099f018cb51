"""Reading the saved Consolidated Screening List: its CSV and JSON downloads, and bad files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from aiexp.errors import ScreeningError
from aiexp.screening import load_list

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "screening"
CSV_LIST = FIXTURES / "consolidated.csv"
JSON_LIST = FIXTURES / "consolidated.json"
TODAY = dt.date(2026, 6, 15)


def test_the_csv_download_is_read_with_its_names_programs_and_countries() -> None:
    listed = load_list(CSV_LIST, today=TODAY)
    assert listed.format == "csv"
    assert listed.sha256 == hashlib.sha256(CSV_LIST.read_bytes()).hexdigest()
    by_id = {entry.id: entry for entry in listed.entries}
    nobrelle = by_id["fx-0005"]
    assert nobrelle.name == "Nobrelle Holdings Limited"
    assert nobrelle.alt_names == ("Varquint Systems Ltd", "Nobrel Holding")
    assert nobrelle.countries == frozenset({"HK"})
    assert nobrelle.source == "Entity List (EL) - Bureau of Industry and Security"
    assert by_id["fx-0007"].programs == ("IRAN", "NPWMD")
    assert by_id["fx-0007"].entity_number == "91235"
    assert by_id["fx-0001"].countries == frozenset({"CN"})


def test_vessels_are_read_but_not_screened() -> None:
    listed = load_list(CSV_LIST, today=TODAY)
    assert listed.not_screened == 1
    assert "ZYPHRAX STAR" not in {entry.name for entry in listed.entries}
    assert len(listed.entries) == 17


def test_the_newest_start_date_ignores_a_date_in_the_future() -> None:
    # fx-0011 carries 3033-01-17, a typo of the kind the real list has held.
    assert load_list(CSV_LIST, today=TODAY).newest_start_date == dt.date(2026, 3, 17)
    # Before the newest real date, that one is in the future too.
    assert load_list(CSV_LIST, today=dt.date(2026, 1, 1)).newest_start_date == dt.date(2025, 9, 16)


def test_the_json_download_is_read_in_its_own_shape() -> None:
    listed = load_list(JSON_LIST, today=TODAY)
    assert listed.format == "json"
    assert listed.not_screened == 1
    by_id = {entry.id: entry for entry in listed.entries}
    assert by_id["fx-0005"].alt_names == ("Varquint Systems Ltd", "Nobrel Holding")
    assert by_id["fx-0005"].countries == frozenset({"HK"})
    assert by_id["fx-0001"].programs == ("EAR",)
    assert listed.newest_start_date == dt.date(2026, 3, 17)
    assert listed.to_json_dict()["sha256"] == hashlib.sha256(JSON_LIST.read_bytes()).hexdigest()


def test_a_bare_json_list_of_results_and_string_alt_names_are_read(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(
        json.dumps(
            [{"id": "1", "name": "Zyphrax Quorvane", "alt_names": "ZQ; ZQM", "addresses": []}]
        ),
        encoding="utf-8",
    )
    (entry,) = load_list(path, today=TODAY).entries
    assert entry.alt_names == ("ZQ", "ZQM")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        (CSV_LIST.read_text(encoding="utf-8").splitlines()[0] + "\n", "holds no entries"),
        ('{"results": []}', "holds no entries"),
        ("line_id,description,supplier\n1,GPU,Acme\n", "neither the Consolidated Screening"),
        ('{"total": 3}', "no `results` list"),
        ('{"results": [1, 2]}', r"results\[0\] is not a screening list entry"),
        ('{"results": [', "not valid JSON"),
    ],
)
def test_a_file_that_is_not_a_usable_list_is_one_clear_error(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ScreeningError, match=message) as caught:
        load_list(path, today=TODAY)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)


def test_a_csv_without_the_alt_names_column_names_the_missing_column(tmp_path: Path) -> None:
    lines = CSV_LIST.read_text(encoding="utf-8").splitlines()
    header = [h for h in lines[0].split(",") if h != "alt_names"]
    path = tmp_path / "list.csv"
    # The column dropped from the header, the rows as they were: a hand-edited download.
    path.write_text("\n".join([",".join(header), *lines[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(ScreeningError, match="line 1: the screening list has no column alt_names"):
        load_list(path, today=TODAY)


def test_missing_files_folders_spreadsheets_and_other_encodings_are_refused(
    tmp_path: Path,
) -> None:
    with pytest.raises(ScreeningError, match="no such file"):
        load_list(tmp_path / "nope.csv")
    with pytest.raises(ScreeningError, match="is a folder"):
        load_list(tmp_path)
    book = tmp_path / "list.xlsx"
    book.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    with pytest.raises(ScreeningError, match="zip or spreadsheet"):
        load_list(book)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("_id,name\n1,Société\n".encode("latin-1"))
    with pytest.raises(ScreeningError, match="line 2: not UTF-8"):
        load_list(latin)
