"""Every party the proposal names, with every place it is named (SPEC §1 `screen`).

Members and their ultimate parents, providers, models' IP owners, developers and open-weight
support providers, Operations entities, ExportControl end users, and BOM suppliers (from the
workbook's BOM sheet, or streamed from a BOM file line by line: a BOM may be large). Parties are
merged by their screening form (`names.normalise`, words in any order), so `Acme Inc.` in Members
and `ACME, Inc` in the BOM are one party with both places and every country either row gives.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiexp.errors import BomError
from aiexp.findings import Location
from aiexp.screening.names import NameKey, fold, normalise

if TYPE_CHECKING:
    from aiexp.content.result import BomSource
    from aiexp.workbook.reader import WorkbookRead

#: Cell values that name no party: `none` (no ultimate parent), placeholders, unknowns.
NOT_A_PARTY = frozenset(
    {
        "none",
        "n a",
        "na",
        "nil",
        "tbd",
        "tbc",
        "unknown",
        "not known",
        "not yet known",
        "not applicable",
        "to be determined",
        "to be confirmed",
        "various",
    }
)
#: How many places a message names before it says how many more there are.
PLACES_SHOWN = 4


@dataclass
class Party:
    """A party: the first spelling met, its roles, its cells and BOM lines, its countries."""

    name: str
    key: NameKey
    roles: list[str] = field(default_factory=list)
    places: list[Location] = field(default_factory=list)
    #: The BOM file lines that name it (kept compactly: a BOM may have a million lines).
    bom_lines: array[int] = field(default_factory=lambda: array("q"))
    bom_file: str | None = None
    bom_sheet: str | None = None
    bom_column: str | None = None
    countries: set[str] = field(default_factory=set)

    def add_role(self, role: str) -> None:
        """Record a role once, in the order met."""
        if role not in self.roles:
            self.roles.append(role)

    @property
    def location(self) -> Location:
        """The first place it is named: a workbook cell, else its first BOM line."""
        if self.places:
            return self.places[0]
        return self._bom_location(self.bom_lines[0]) if self.bom_lines else Location()

    def _bom_location(self, line: int) -> Location:
        cell = f"{self.bom_column}{line}" if self.bom_sheet and self.bom_column else None
        return Location(file=self.bom_file, sheet=self.bom_sheet, cell=cell, row=line)

    def where(self, limit: int = PLACES_SHOWN) -> str:
        """`Members!A3, Providers!B9, bom.csv lines 12, 40 and 998 more`."""
        shown = [str(place) for place in self.places[:limit]]
        rest = len(self.places) - len(shown)
        if self.bom_lines:
            room = max(1, limit - len(shown))
            lines = ", ".join(str(line) for line in self.bom_lines[:room])
            rest += len(self.bom_lines) - min(room, len(self.bom_lines))
            label = self.bom_sheet or self.bom_file or "BOM"
            word = "rows" if self.bom_sheet else "lines"
            if len(self.bom_lines) == 1:
                word = word[:-1]
            shown.append(f"{label} {word} {lines}")
        text = ", ".join(shown)
        return f"{text} and {rest} more" if rest else text

    def places_json(self) -> list[str]:
        """Every workbook cell that names it (BOM file lines are listed apart)."""
        return [str(place) for place in self.places]


class PartyBook:
    """The parties met so far, merged by screening form."""

    def __init__(self) -> None:
        self.parties: dict[str, Party] = {}

    def add(
        self,
        name: object,
        role: str,
        location: Location | None,
        countries: Iterable[str | None] = (),
    ) -> Party | None:
        """Record a party named in a cell; None when the cell names no party."""
        text = str(name).strip() if name is not None else ""
        if not text or fold(text) in NOT_A_PARTY:
            return None
        key = normalise(text)
        if not key.full:
            return None
        # Merged as the matcher compares: `Quorvane Zyphrax` and `ZYPHRAX QUORVANE CO LTD` are
        # one party (a reordered name scores 100).
        party = self.parties.get(key.sorted_full)
        if party is None:
            party = self.parties[key.sorted_full] = Party(text, key)
        party.add_role(role)
        if location is not None:
            party.places.append(location)
        party.countries.update(c for c in countries if c)
        return party

    def all(self) -> list[Party]:
        """Every party, in the order first met."""
        return list(self.parties.values())


def collect_parties(wb: WorkbookRead, bom: BomSource | None) -> list[Party]:
    """Every party the workbook (and its BOM) names, merged, with every place."""
    book = PartyBook()
    c = wb.consortium
    for member in c.members:
        book.add(
            member.name,
            "member",
            wb.locate("Members", member, "name"),
            (member.country_of_incorporation, member.principal_place_of_business),
        )
        if member.ultimate_parent and fold(member.ultimate_parent) != fold(member.name or ""):
            book.add(
                member.ultimate_parent,
                "ultimate parent",
                wb.locate("Members", member, "ultimate_parent"),
                (
                    member.ultimate_parent_country,
                    member.ultimate_parent_principal_place_of_business,
                ),
            )
    for provider in c.providers:
        book.add(
            provider.provider,
            "provider",
            wb.locate("Providers", provider, "provider"),
            (provider.country, provider.principal_place_of_business),
        )
    for model in c.models:
        book.add(
            model.ip_owner,
            "model IP owner",
            wb.locate("Models", model, "ip_owner"),
            (model.ip_owner_country,),
        )
        book.add(
            model.developer,
            "model developer",
            wb.locate("Models", model, "developer"),
            (model.developer_country, model.developer_principal_place_of_business),
        )
        book.add(
            model.us_support_provider,
            "support provider",
            wb.locate("Models", model, "us_support_provider"),
        )
    for operation in c.operations:
        book.add(
            operation.entity, "operations entity", wb.locate("Operations", operation, "entity")
        )
    for item in c.export_control:
        # The end user is in one of the item's destinations: a shared country raises a score.
        book.add(
            item.end_user,
            "end user",
            wb.locate("ExportControl", item, "end_user"),
            item.destinations,
        )
    if bom is not None and bom.kind == "sheet":
        for line in c.bom:
            book.add(
                line.supplier,
                "BOM supplier",
                wb.locate("BOM", line, "supplier"),
                (line.supplier_country, line.supplier_principal_place_of_business),
            )
    elif bom is not None:
        _stream_bom_suppliers(book, bom.path)
    return book.all()


def _stream_bom_suppliers(book: PartyBook, path: Path) -> None:
    """The suppliers of a BOM file, line by line; only their lines are kept, compactly."""
    from aiexp.bom import BOM, open_table
    from aiexp.values import parse_country

    countries: dict[str, str | None] = {}

    def country(raw: Any) -> str | None:
        text = str(raw).strip() if raw is not None else ""
        if text not in countries:
            try:
                countries[text] = parse_country(text) if text else None
            except ValueError:
                countries[text] = None  # the BOM's own checks report it
        return countries[text]

    with open_table(path, BOM) as table:
        if "supplier" not in table.positions:
            raise BomError(f"{table.header_where('supplier')}: the BOM has no supplier column")
        at = table.positions["supplier"]
        at_country = table.positions.get("supplier_country")
        at_place = table.positions.get("supplier_principal_place_of_business")
        letter = _column_letter(at) if table.sheet else None
        seen: dict[str, Party | None] = {}
        for number, values, _ in table.records:
            raw = values[at]
            text = str(raw).strip() if raw is not None else ""
            if not text:
                continue
            if text in seen:
                party = seen[text]
            else:
                party = seen[text] = book.add(text, "BOM supplier", None)
            if party is None:
                continue
            if party.bom_file is None:
                party.bom_file, party.bom_sheet, party.bom_column = table.label, table.sheet, letter
            party.bom_lines.append(number)
            for index in (at_country, at_place):
                if index is not None:
                    code = country(values[index])
                    if code:
                        party.countries.add(code)


def _column_letter(index: int) -> str:
    from aiexp.workbook.reader import get_column_letter

    return get_column_letter(index + 1)
