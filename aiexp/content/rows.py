"""The one pass over a BOM's rows: every check, every figure exact (SPEC §3; notice IV.A).

For every line:

- `line_value = quantity × unit_value × usd_per_unit(currency)`;
- `us_value = line_value − quantity × non_us_unit_value × rate` when `non_us_unit_value` is given
  (ITA's own subtractive formula: U.S. content = ex-factory price or contract value − value
  contributed by non-U.S. sources), else `line_value × us_content_pct / 100`, else 0 (undeclared,
  conservative); with `assume_us_origin`, an undeclared line made in the U.S. counts 100 %.

One loop reads every row. The common case of each cell is decided inline, cheaply and exactly —
plain digits become scaled integers (`aiexp.content.scaled`); a supplier, its countries, link to
a country of concern, kind, currency and origin are looked up once per distinct combination; a
quantity or percentage once per distinct text. Anything else (a `$`, a grouping comma, a blank,
an .xlsx cell with its number format, a bad value) goes to the same value parsers as the
workbook's, which give the exact value or a located error. Nothing is kept per line but what
the report needs: two bounded heaps, the ids of undeclared and flagged lines (compactly), and —
from the first line whose id does not rise — an 8-byte hash of each id (`aiexp.content.repeats`).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from decimal import Decimal, localcontext
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from aiexp.bom import Table
from aiexp.bom.table import Sources
from aiexp.content.declared import Declared, agrees, declared, implied_pct
from aiexp.content.rates import RateBook
from aiexp.content.repeats import LineIds
from aiexp.content.result import CocLines, ConfidentialLines, LineIdList
from aiexp.content.scaled import (
    LARGEST_MONEY,
    MONEY_PLACES,
    MONEY_POWERS,
    RATE_PLACES,
    SHIFT,
    scaled,
    value_usd,
)
from aiexp.errors import BomError
from aiexp.exact import EXACT
from aiexp.values import is_blank, parse_text

if TYPE_CHECKING:
    from aiexp.profile import Profile

REQUIRED = ("line_id", "description", "supplier", "supplier_country", "unit_value")
#: The columns whose combination is parsed once: supplier facts, kind, currency and origin.
COMBINATION = (
    "supplier",
    "supplier_country",
    "supplier_principal_place_of_business",
    "supplier_coc_controlled",
    "kind",
    "currency",
    "origin_country",
)
#: CSV rows read at a time (the progress callback is called once per chunk).
CHUNK_ROWS = 512
#: Distinct texts (or combinations) remembered per cache: bounded memory on any BOM.
CACHE_LIMIT = 10_000
_BLANK = Declared(0, 0, 0, 0, 0)  # an undeclared percentage (a blank cell)

# A supplier combination: (rate at RATE_PLACES or None, its country-of-concern status — LINKED,
# UNKNOWN or CLEAR —, made in the U.S., (supplier, country, principal place, coc-controlled),
# currency code).
Combination = tuple[Any, int, bool, tuple[str, str | None, str | None, bool | None], str]
#: A supplier's country-of-concern status (SPEC §4: a blank fact is unknown, never "no").
CLEAR, LINKED, UNKNOWN = 0, 1, 2
HeapEntry = tuple[Any, int, str, str, Any]


class RowPass:
    """One streaming pass over a BOM table: the sums, the heaps and the flagged lines."""

    def __init__(
        self,
        table: Table,
        book: RateBook,
        profile: Profile,
        keep: int,
        assume_us_origin: bool,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        for key in REQUIRED:
            if key not in table.positions:
                raise BomError(
                    f"{table.header_where(key)}: the BOM has no {key} column "
                    f"(required: {', '.join(REQUIRED)})"
                )
        self.table = table
        self.book = book
        self.profile = profile
        self.keep = keep
        self.assume = assume_us_origin
        self.progress = progress
        self.decimal_comma = table.comma == "decimal"
        # Column positions; an absent optional column reads as a blank cell (index `width`, a
        # "" appended to each row).
        width = table.width
        self.at = {key: table.positions.get(key, width) for key in table.columns}
        self.pad = any(self.at[key] == width for key in (*COMBINATION, *_NUMBERS))
        # The confidentiality cells, each parsed once per distinct value (value → parsed); a
        # line marked confidential is kept (Section VII: the public version withholds it).
        self.checked = [
            (table.positions[key], key, {"": False if key == "confidential" else None})
            for key in ("confidential", "confidential_basis")
            if key in table.positions
        ]
        self.flags = self.checked[0][2] if "confidential" in table.positions else None
        self.confidential = ConfidentialLines(_coc_value, table.sheet)
        # The figures, at VALUE_SCALE (total, assumed) and SHARE_SCALE (us).
        self.total: int | Decimal = 0
        self.us: int | Decimal = 0
        self.assumed: int | Decimal = 0
        self.count = 0
        self.undeclared = LineIdList()
        self.assumed_ids = LineIdList()
        self.coc = CocLines(_coc_value)
        self.unknown = CocLines(_coc_value)
        self.non_us_heap: list[HeapEntry] = []
        self.us_heap: list[HeapEntry] = []
        self.ids = LineIds()
        self.rates: dict[str, Decimal] = {}
        self.missing: dict[str, list[int]] = {}
        self.missing_count: dict[str, int] = {}
        self.combinations: dict[tuple[Any, ...] | str, Combination] = {}
        self.quantities: dict[Any, int | Decimal] = {"": 1}
        self.percents: dict[Any, Declared] = {"": _BLANK}
        # The chunk being read, its line numbers (for errors) and, for a sheet's rows read as
        # text, each row's original values and formats (what is parsed and reported).
        self.chunk: list[list[Any]] = []
        self.line: Callable[[int], int] = int
        self.sources: Sources | None = None

    # -- the loop -----------------------------------------------------------------------------
    def run(self) -> None:
        """Read every row once, accumulating exactly; BomError on the first bad line."""
        table = self.table
        width = table.width
        at = self.at
        i_id, i_desc, i_unit = at["line_id"], at["description"], at["unit_value"]
        i_qty, i_pct, i_non = at["quantity"], at["us_content_pct"], at["non_us_unit_value"]
        key_of = itemgetter(*(at[key] for key in COMBINATION))
        pad, checked, assume, shift, blank = self.pad, self.checked, self.assume, SHIFT, _BLANK
        combinations, quantities, percents = self.combinations, self.quantities, self.percents
        point = "," if self.decimal_comma else "."
        powers, largest = MONEY_POWERS, LARGEST_MONEY
        get_id, record_ids = itemgetter(i_id), self.ids.add
        # A chunk's undeclared (and assumed) lines, added after the chunk.
        undeclared_chunk: list[str] = []
        assumed_chunk: list[str] = []
        undeclared, assumed_ids = undeclared_chunk.append, assumed_chunk.append
        # A chunk's flagged lines, by status (LINKED, UNKNOWN), added after the chunk.
        linked: list[tuple[str, str, Combination, Any]] = []
        unknown: list[tuple[str, str, Combination, Any]] = []
        flag_line = {LINKED: linked.append, UNKNOWN: unknown.append}
        flags, i_flag = self.flags, at.get("confidential", width)
        keep_non, keep_us = self.keep_non_us, self.keep_us
        progress, done, size = self.progress, table.done, table.size
        total = us = assumed = 0
        count = 0
        non_floor: Any = -1  # the smallest share in a full heap (-1: not full yet)
        us_floor: Any = -1
        for chunk, line, formats, separator, sources in table.chunks(CHUNK_ROWS):
            self.chunk, self.line, self.sources = chunk, line, sources
            # Text (CSV, or a sheet's plain rows); else one sheet row, each cell parsed.
            fast = formats is None
            fmts = None if formats is None else formats[0]
            # Rows split on a separator hold none: joined on it, a combination is one string
            # (one hash instead of seven); else the tuple itself is the key.
            join = separator.join if separator is not None else None
            rows = chunk
            if pad or len(set(map(len, chunk))) > 1 or len(chunk[0]) != width:
                rows = [row for row in chunk if self.fit(row)]
            keys = map(join, map(key_of, rows)) if join is not None else map(key_of, rows)
            # The ids as written; a chunk where one is not (`odd`) has them read again below.
            ids = list(map(get_id, rows)) if fast else [""] * len(rows)
            odd = False
            for row, key, line_id in zip(rows, keys, ids, strict=True):
                if not line_id or line_id[0] == "#" or line_id != line_id.strip():
                    odd = True
                    line_id = self.line_id(row, fmts)
                    if line_id is None:
                        continue  # a blank row
                description = row[i_desc].strip() if fast else None
                if not description:
                    description = self.description(row)
                combination = combinations.get(key) if fast else None
                if combination is None:
                    combination = self.combination(row, key, fmts)
                rate, status, made_in_us, _, _ = combination
                if rate is None:
                    rate = self.missing_rate(row, combination)
                if checked:
                    for index, column, valid in checked:
                        if row[index] not in valid:
                            self.check(row, index, column, valid, fmts)
                qty = quantities.get(row[i_qty]) if fast else None
                if qty is None:
                    qty = self.quantity(row, fmts)
                raw = row[i_unit]
                whole, _, fraction = raw.partition(point) if fast else ("", "", "")
                digits = whole + fraction
                if digits.isdigit() and digits.isascii():
                    try:  # (free in Python 3.11 unless raised)
                        unit = int(digits) * powers[len(fraction)]
                    except (ValueError, IndexError):  # over 4300 digits, or over 4 places
                        unit = self.money(row, "unit_value", fmts)
                    if unit > largest:
                        unit = self.money(row, "unit_value", fmts)  # refused: above 10^15
                else:
                    unit = self.money(row, "unit_value", fmts)
                pct = percents.get(row[i_pct]) if fast else None
                if pct is None:
                    pct = self.percent(row, fmts)
                value = qty * unit * rate
                raw = row[i_non]
                if fast and not raw:
                    non = None
                else:
                    whole, _, fraction = raw.partition(point) if fast else ("", "", "")
                    digits = whole + fraction
                    if digits.isdigit() and digits.isascii():
                        try:
                            non = int(digits) * powers[len(fraction)]
                        except (ValueError, IndexError):
                            non = self.money(row, "non_us_unit_value", fmts)
                        if non > largest:
                            non = self.money(row, "non_us_unit_value", fmts)
                    else:
                        non = self.money(row, "non_us_unit_value", fmts)
                if non is not None:
                    if non > unit:
                        raise self.non_us_above_unit(row, fmts)
                    if pct is not blank and not agrees(unit, non, pct):
                        raise self.disagreement(row, fmts)
                    non_us = qty * non * rate * shift
                    us_share = value * shift - non_us
                    us += us_share
                elif pct is not blank:  # (indexed: a named field costs a lookup a line)
                    us_share = value * pct[0]
                    non_us = value * pct[1]
                    us += us_share
                else:
                    undeclared(line_id)
                    us_share = 0
                    non_us = value * shift
                    if assume and made_in_us:
                        assumed_ids(line_id)
                        assumed += value
                        us_share, non_us = non_us, 0
                count += 1
                total += value
                if non_us > non_floor:
                    non_floor = keep_non(non_us, count, line_id, description, value)
                if us_share > us_floor:
                    us_floor = keep_us(us_share, count, line_id, description, value)
                if status:
                    flag_line[status]((line_id, description, combination, qty * unit))
                if flags is not None:
                    flag = flags.get(row[i_flag])
                    if flag or (flag is None and self.flag(row, fmts)):
                        amount = qty * unit
                        self.keep_confidential(row, line_id, description, combination, amount, fmts)
            if odd:
                ids = [i for i in (self.line_id(row, fmts) for row in rows) if i is not None]
            record_ids(ids)
            if undeclared_chunk:
                self.undeclared.extend(undeclared_chunk)
                undeclared_chunk.clear()
            if assumed_chunk:
                self.assumed_ids.extend(assumed_chunk)
                assumed_chunk.clear()
            if linked:
                self.coc.extend(linked)
                linked.clear()
            if unknown:
                self.unknown.extend(unknown)
                unknown.clear()
            if progress is not None:
                progress(done(), size)
        self.total, self.us, self.assumed, self.count = total, us, assumed, count

    # -- the heaps ----------------------------------------------------------------------------
    def keep_non_us(self, share: Any, count: int, line_id: str, desc: str, value: Any) -> Any:
        """Keep a line among the most non-U.S. ones; the heap's new floor."""
        return _keep(self.non_us_heap, self.keep, (share, -count, line_id, desc, value))

    def keep_us(self, share: Any, count: int, line_id: str, desc: str, value: Any) -> Any:
        """Keep a line among the most U.S. ones; the heap's new floor."""
        return _keep(self.us_heap, self.keep, (share, -count, line_id, desc, value))

    # -- cells through the parsers, with the location in the error ----------------------------
    def number(self, row: list[Any]) -> int:
        """The line (CSV) or row (xlsx) number of a row of the current chunk."""
        for k, other in enumerate(self.chunk):
            if other is row:
                return self.line(k)
        raise AssertionError("the row is not in the chunk")  # pragma: no cover

    def source(
        self, row: list[Any], fmts: list[str | None] | None
    ) -> tuple[list[Any], list[str | None] | None]:
        """The row's cells as read, and their number formats: the row itself (CSV, or a sheet
        row parsed cell by cell), or the original of a sheet row given as text."""
        if self.sources is None:
            return row, fmts
        for k, other in enumerate(self.chunk):
            if other is row:
                return self.sources[k]
        raise AssertionError("the row is not in the chunk")  # pragma: no cover

    def raw(self, row: list[Any], key: str) -> Any:
        """A cell's value as read (an absent optional column reads as "")."""
        values, _ = self.source(row, None)
        index = self.at[key]
        return values[index] if index < len(values) else ""

    def cell(self, row: list[Any], key: str, fmts: list[str | None] | None) -> Any:
        """A cell by its column's value rule (blank → None, or an error if it is required)."""
        values, formats = self.source(row, fmts)
        index = self.at[key]
        raw = values[index] if index < len(values) else ""
        fmt = formats[index] if formats is not None and index < len(formats) else None
        return self.table.cell(lambda: self.number(row), key, raw, fmt)

    def fit(self, row: list[Any]) -> bool:
        """A row cut or padded to the header's width (and the pad cell); False for a blank row."""
        if len(row) != self.table.width and not self.reshape(row):
            return False
        if self.pad:
            row.append("")
        return True

    def reshape(self, row: list[Any]) -> bool:
        """Pad a short row or cut a long one to the header's width; False for a blank row."""
        if all(is_blank(v) for v in row):
            return False
        width = self.table.width
        if len(row) < width:
            row.extend([""] * (width - len(row)))
        else:
            del row[width:]
        return True

    def line_id(self, row: list[Any], fmts: list[str | None] | None) -> str | None:
        """The line's id as text; None for a blank row (skipped)."""
        values, _ = self.source(row, fmts)
        if is_blank(self.raw(row, "line_id")) and all(is_blank(v) for v in values):
            return None
        value = self.cell(row, "line_id", fmts)
        return str(value)

    def description(self, row: list[Any]) -> str:
        """The line's description as stripped text (required)."""
        raw = self.raw(row, "description")
        if is_blank(raw):
            raise self.table.fail(
                self.number(row), "description", "description is required (the cell is blank)"
            )
        return raw.strip() if isinstance(raw, str) else parse_text(raw)

    def check(
        self,
        row: list[Any],
        index: int,
        key: str,
        valid: dict[Any, Any],
        fmts: list[str | None] | None,
    ) -> None:
        """A confidentiality cell, parsed once per distinct value."""
        value = self.cell(row, key, fmts)
        if len(valid) < CACHE_LIMIT:
            valid[row[index]] = bool(value) if key == "confidential" else value

    def flag(self, row: list[Any], fmts: list[str | None] | None) -> bool:
        """Whether a line is marked confidential (a value the cache no longer holds)."""
        return bool(self.cell(row, "confidential", fmts))

    def keep_confidential(
        self,
        row: list[Any],
        line_id: str,
        description: str,
        combination: Any,
        amount: Any,
        fmts: list[str | None] | None,
    ) -> None:
        """Keep a confidential line: what the public version withholds (Section VII)."""
        positions = self.table.positions
        notes = self.cell(row, "notes", fmts) if "notes" in positions else None
        basis = (
            self.cell(row, "confidential_basis", fmts)
            if "confidential_basis" in positions
            else None
        )
        self.confidential.add(
            line_id,
            description,
            combination,
            amount,
            notes=None if notes is None else str(notes),
            basis=basis,
            number=None if basis is not None else self.number(row),
        )

    def combination(
        self, row: list[Any], key: tuple[Any, ...] | str, fmts: list[str | None] | None
    ) -> Combination:
        """Supplier facts, country-of-concern link, kind, currency, rate and origin of a row."""
        # The one definition of "linked to a country of concern" (SPEC §4), called once per
        # combination, never in the hot loop. (Imported here: it imports the pydantic models,
        # which the CSV path otherwise never needs.)
        from aiexp.ownership import coc_status

        supplier = self.cell(row, "supplier", fmts)
        raw_supplier = self.raw(row, "supplier")
        name = raw_supplier.strip() if isinstance(raw_supplier, str) else supplier
        country = self.cell(row, "supplier_country", fmts)
        place = self.cell(row, "supplier_principal_place_of_business", fmts)
        controlled = self.cell(row, "supplier_coc_controlled", fmts)
        self.cell(row, "kind", fmts)
        code = self.cell(row, "currency", fmts) or "USD"
        origin = self.cell(row, "origin_country", fmts)
        status = coc_status(
            self.profile,
            country=country,
            principal_place_of_business=place,
            coc_controlled=controlled,
            fields={
                "country": "supplier_country",
                "principal_place_of_business": "supplier_principal_place_of_business",
                "coc_controlled": "supplier_coc_controlled",
            },
        )
        rate = self.book.rate(code)
        if rate is not None and code != "USD":
            self.rates[code] = rate
        combination: Combination = (
            None if rate is None else scaled(rate, RATE_PLACES),
            LINKED if status.links else (UNKNOWN if status.unknown else CLEAR),
            origin == "US",
            (name, country, place, controlled),
            code,
        )
        if fmts is None and len(self.combinations) < CACHE_LIMIT:
            self.combinations[key] = combination
        return combination

    def quantity(self, row: list[Any], fmts: list[str | None] | None) -> int | Decimal:
        """Quantity: default 1, positive, up to 10^9."""
        value = self.cell(row, "quantity", fmts)
        amount = 1 if value is None else scaled(value, 0)
        if fmts is None and len(self.quantities) < CACHE_LIMIT:
            self.quantities[row[self.at["quantity"]]] = amount
        return amount

    def money(self, row: list[Any], key: str, fmts: list[str | None] | None) -> Any:
        """A money cell at MONEY_PLACES (None when blank; unit_value is required)."""
        value = self.cell(row, key, fmts)
        return None if value is None else scaled(value, MONEY_PLACES)

    def percent(self, row: list[Any], fmts: list[str | None] | None) -> Declared:
        """A declared percentage (blank: undeclared), parsed once per distinct text."""
        value = self.cell(row, "us_content_pct", fmts)
        if value is None:
            return _BLANK
        index = self.at["us_content_pct"]
        values, formats = self.source(row, fmts)
        fmt = formats[index] if formats is not None and index < len(formats) else None
        entry = declared(value, values[index], fmt, self.decimal_comma)
        if fmts is None and len(self.percents) < CACHE_LIMIT:
            self.percents[row[index]] = entry  # the text, or a sheet cell's key (type, format)
        return entry

    def missing_rate(self, row: list[Any], combination: Combination) -> int:
        """Record a line whose currency has no rate (reported after the pass); its value is 0."""
        code = combination[4]
        lines = self.missing.setdefault(code, [])
        if len(lines) < 5:
            lines.append(self.number(row))
        self.missing_count[code] = self.missing_count.get(code, 0) + 1
        return 0

    def non_us_above_unit(self, row: list[Any], fmts: list[str | None] | None) -> BomError:
        """The error for a non-U.S. unit value above the unit value."""
        unit = self.cell(row, "unit_value", fmts)
        non_us = self.cell(row, "non_us_unit_value", fmts)
        return self.table.fail(
            self.number(row),
            "non_us_unit_value",
            f"the non-U.S. unit value {non_us} exceeds the unit value {unit}",
        )

    def disagreement(self, row: list[Any], fmts: list[str | None] | None) -> BomError:
        """The error for a declared percentage that the subtractive form contradicts."""
        unit = self.cell(row, "unit_value", fmts)
        non_us = self.cell(row, "non_us_unit_value", fmts)
        raw = self.raw(row, "us_content_pct")
        return self.table.fail(
            self.number(row),
            "us_content_pct",
            f"us_content_pct {parse_text(raw)} disagrees with non_us_unit_value "
            f"{non_us} of unit_value {unit}, which implies {implied_pct(unit, non_us)} %",
        )

    def report_missing(self) -> None:
        """After the pass: BomError naming every currency without a rate, and its lines."""
        if not self.missing:
            return
        parts = []
        place = "lines" if self.table.sheet is None else "rows"
        for code, lines in self.missing.items():
            more = self.missing_count[code] - len(lines)
            shown = ", ".join(str(n) for n in lines) + (f" and {more} more" if more else "")
            parts.append(f"{code} ({place} {shown})")
        first_code = next(iter(self.missing))
        where = self.table.where(self.missing[first_code][0], "currency")
        raise BomError(
            f"{where}: no exchange rate for {'; '.join(parts)}; give --rate "
            f"{first_code}=USD_PER_UNIT, --rates FILE, or a rates.csv beside the BOM "
            "(rates are never fetched)"
        )


_NUMBERS = ("quantity", "us_content_pct", "non_us_unit_value")


def _coc_value(amount: Any, combination: Combination) -> Decimal:
    """A flagged line's value from its stored `quantity × unit_value` and its rate."""
    with localcontext(EXACT):
        return value_usd(amount * (combination[0] or 0))


def _keep(heap: list[HeapEntry], size: int, entry: HeapEntry) -> Any:
    """Keep an entry among the `size` largest of a heap (earlier lines win ties); the floor."""
    if len(heap) < size:
        heapq.heappush(heap, entry)
        return heap[0][0] if len(heap) == size else -1
    heapq.heapreplace(heap, entry)
    return heap[0][0]
