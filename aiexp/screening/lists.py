"""Reading a saved copy of the Consolidated Screening List: its CSV or its JSON download.

The CSV download has the header `_id,source,entity_number,type,programs,name,title,addresses,
federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,
call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,
source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,
source_information_url,ids`; lists inside a cell (alternate names, programs, addresses) are
separated by `; `, and each address ends with its country code (`…, Shenzhen, 518129, CN`).

The JSON download is `{"results": [...]}` (the API's search response adds `total` and
`sources_used`), each result with `id`, `source`, `entity_number`, `type`, `programs` (a list),
`name`, `alt_names` (a list), `addresses` (objects with `address`, `city`, `state`,
`postal_code`, `country`), `start_date`, … — the shape ITA's bulk file and API return.

aiexp never downloads the list: the user saves it, and every report records the file's sha256
and its newest `start_date`, so a reader can tell which list a screening used.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from aiexp.errors import ScreeningError
from aiexp.files import regular_file

#: The CSV columns screening reads; a download without one of them cannot be screened fully.
REQUIRED_COLUMNS = ("_id", "source", "type", "programs", "name", "addresses", "start_date")
#: `alt_names` is required too: a list without alternate names would miss every alias.
ALT_NAMES = "alt_names"
#: Entry types that are not parties (a ship or an aircraft has no name a party would carry).
NOT_PARTIES = frozenset({"vessel", "aircraft"})
_SEPARATOR = "; "
_ISO2 = re.compile(r"^[A-Z]{2}$")
#: Names that carry their own aliases: `OAO X (f.k.a. Y)`, `X, a.k.a. Y`.
_AKA = re.compile(r"[\s,;(]+(?:a\.?k\.?a\.?|f\.?k\.?a\.?|d\.?b\.?a\.?|formerly)[\s,:]+", re.I)


class Entry(NamedTuple):
    """One entry of the list: its names, source list, programs, id and address countries."""

    id: str
    source: str
    type: str
    name: str
    alt_names: tuple[str, ...]
    programs: tuple[str, ...]
    countries: frozenset[str]
    entity_number: str
    start_date: dt.date | None

    def names(self) -> Iterator[tuple[str, bool]]:
        """`(name, is_alternate)` for its name and every alternate name, aliases split out."""
        own = _aliases(self.name)
        yield own[0], False
        for part in own[1:]:
            yield part, True
        for alt in self.alt_names:
            yield alt, True


@dataclass(frozen=True)
class ScreeningList:
    """A saved Consolidated Screening List: its entries, the file's sha256 and newest date."""

    path: Path
    format: str
    sha256: str
    entries: tuple[Entry, ...]
    #: Entries read but not compared with parties (vessels and aircraft).
    not_screened: int
    newest_start_date: dt.date | None

    def to_json_dict(self) -> dict[str, Any]:
        """`{path, format, sha256, newest_start_date, entries, not_screened}`."""
        return {
            "path": str(self.path),
            "format": self.format,
            "sha256": self.sha256,
            "newest_start_date": (
                self.newest_start_date.isoformat() if self.newest_start_date else None
            ),
            "entries": len(self.entries),
            "not_screened": self.not_screened,
        }


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a large structure is built.

    Reading the list and indexing its 90,000 names allocate hundreds of thousands of tuples,
    lists and strings, none of them in a reference cycle; the collector's passes over them
    would take about as long as the work itself.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_list(path: Path, *, today: dt.date | None = None) -> ScreeningList:
    """Read the list's CSV or JSON download; raises ScreeningError with one located line.

    `today` bounds the newest `start_date`: a date after it is a typo in the list (the real
    file has held a `3033-01-17`), not the list's date.
    """
    label = os.fspath(path)
    if not path.exists():
        raise ScreeningError(f"{label}: no such file (save the Consolidated Screening List first)")
    regular_file(
        path,
        ScreeningError,
        noun="the screening list file",
        advice="save the list's CSV or JSON download as a file",
    )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ScreeningError(f"{label}: cannot be read ({exc.strerror or exc})") from None
    sha256 = hashlib.sha256(data).hexdigest()
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ScreeningError(
            f"{label}: a zip or spreadsheet file, not the list's CSV or JSON download; "
            "save the CSV (or JSON) file itself"
        )
    text = _decode(data, label)
    head = text.lstrip()
    if not head:
        raise ScreeningError(f"{label}: the file is empty: it holds no screening list entries")
    with gc_paused():
        if head[0] in "{[":
            entries, fmt = _read_json(text, label), "json"
        else:
            entries, fmt = _read_csv(text, label), "csv"
    return _screening_list(path, fmt, sha256, entries, today or dt.date.today(), label)


def _decode(data: bytes, label: str) -> str:
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScreeningError(
            f"{label}: line {line}: not UTF-8 text; use the list's CSV or JSON download as saved"
        ) from None


def _screening_list(
    path: Path, fmt: str, sha256: str, entries: Iterable[Entry], today: dt.date, label: str
) -> ScreeningList:
    kept: list[Entry] = []
    not_screened = 0
    newest: dt.date | None = None
    for entry in entries:
        if entry.start_date is not None and entry.start_date <= today:
            if newest is None or entry.start_date > newest:
                newest = entry.start_date
        if entry.type.casefold() in NOT_PARTIES:
            not_screened += 1
        elif entry.name:
            kept.append(entry)
    if not kept and not not_screened:
        raise ScreeningError(f"{label}: the list holds no entries (an empty download?)")
    return ScreeningList(path, fmt, sha256, tuple(kept), not_screened, newest)


# -- CSV ------------------------------------------------------------------------------------------
def _read_csv(text: str, label: str) -> list[Entry]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ScreeningError(f"{label}: line 1: not readable CSV ({exc})") from None
    positions = {cell.strip().lower(): index for index, cell in enumerate(header)}
    if "name" not in positions or "source" not in positions:
        raise ScreeningError(
            f"{label}: neither the Consolidated Screening List's CSV download (its header starts "
            "`_id,source,entity_number,type,programs,name,…`) nor its JSON download"
        )
    missing = [key for key in (*REQUIRED_COLUMNS, ALT_NAMES) if key not in positions]
    if missing:
        raise ScreeningError(
            f"{label}: line 1: the screening list has no column {', '.join(missing)}; "
            "use the list's CSV download as saved (29 columns, `_id` to `ids`)"
        )
    at = {key: positions[key] for key in (*REQUIRED_COLUMNS, ALT_NAMES)}
    number = positions.get("entity_number")
    width = max(at.values()) + 1
    countries: dict[str, str | None] = {}
    entries: list[Entry] = []
    try:
        for row in reader:
            if len(row) < width:
                if not any(cell.strip() for cell in row):
                    continue
                row = row + [""] * (width - len(row))
            entries.append(
                Entry(
                    id=row[at["_id"]].strip(),
                    source=row[at["source"]].strip(),
                    type=row[at["type"]].strip(),
                    name=row[at["name"]].strip(),
                    alt_names=_split(row[at[ALT_NAMES]]),
                    programs=_split(row[at["programs"]]),
                    countries=_address_countries(_split(row[at["addresses"]]), countries),
                    entity_number=row[number].strip() if number is not None else "",
                    start_date=_date(row[at["start_date"]]),
                )
            )
    except csv.Error as exc:
        raise ScreeningError(f"{label}: line {reader.line_num}: not readable CSV ({exc})") from None
    return entries


def _split(cell: str) -> tuple[str, ...]:
    """A `; `-separated list cell (alternate names, programs, addresses)."""
    if not cell:
        return ()
    return tuple(part.strip() for part in cell.split(_SEPARATOR) if part.strip(" ;"))


def _address_countries(addresses: Iterable[str], cache: dict[str, str | None]) -> frozenset[str]:
    """The country that ends each address (`…, 518129, CN`), as ISO alpha-2."""
    found = set()
    for address in addresses:
        last = address.rstrip(" ;,").rsplit(",", 1)[-1].strip()
        code = _country(last, cache)
        if code:
            found.add(code)
    return frozenset(found)


def _country(text: str, cache: dict[str, str | None]) -> str | None:
    if not text:
        return None
    if _ISO2.match(text):
        return text
    if text not in cache:
        from aiexp.values import parse_country

        try:
            cache[text] = parse_country(text)
        except ValueError:
            cache[text] = None
    return cache[text]


def _date(text: object) -> dt.date | None:
    if not isinstance(text, str) or len(text) < 10:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def _aliases(name: str) -> list[str]:
    """`OAO X (f.k.a. Y)` → [`OAO X`, `Y`]: a name with its own aliases, split."""
    lowered = name.lower()
    if "k.a" not in lowered and "aka" not in lowered and "formerly" not in lowered:
        if "d.b.a" not in lowered and "dba" not in lowered:
            return [name]
    parts = [part.strip(" ,;()") for part in _AKA.split(name)]
    return [part for part in parts if part] or [name]


# -- JSON -----------------------------------------------------------------------------------------
def _read_json(text: str, label: str) -> list[Entry]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScreeningError(f"{label}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    results = document.get("results") if isinstance(document, dict) else document
    if not isinstance(results, list):
        raise ScreeningError(
            f"{label}: JSON, but not the Consolidated Screening List's download: no `results` list"
        )
    countries: dict[str, str | None] = {}
    entries: list[Entry] = []
    for index, result in enumerate(results):
        if not isinstance(result, dict) or "name" not in result:
            raise ScreeningError(
                f"{label}: results[{index}] is not a screening list entry (an object with `name`)"
            )
        entries.append(_json_entry(result, countries))
    return entries


def _json_entry(result: dict[str, Any], cache: dict[str, str | None]) -> Entry:
    found: set[str] = set()
    for address in _json_list(result.get("addresses")):
        if isinstance(address, dict):
            code = _country(_text(address.get("country")), cache)
        else:
            code = next(iter(_address_countries([_text(address)], cache)), None)
        if code:
            found.add(code)
    code = _country(_text(result.get("country")), cache)
    if code:
        found.add(code)
    return Entry(
        id=_text(result.get("id") or result.get("_id")),
        source=_text(result.get("source")),
        type=_text(result.get("type")),
        name=_text(result.get("name")),
        alt_names=_json_strings(result.get("alt_names")),
        programs=_json_strings(result.get("programs")),
        countries=frozenset(found),
        entity_number=_text(result.get("entity_number")),
        start_date=_date(result.get("start_date")),
    )


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _json_list(value: object) -> list[Any]:
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _json_strings(value: object) -> tuple[str, ...]:
    """A list of strings, or one `; `-separated string (both shapes occur)."""
    items: list[str] = []
    for item in _json_list(value):
        items.extend(_split(_text(item)))
    return tuple(items)
