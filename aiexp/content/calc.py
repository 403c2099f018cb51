"""The U.S.-content calculation over a streamed BOM (SPEC §3; notice IV.A and footnotes 1–2).

For every line:

- `line_value = quantity × unit_value × usd_per_unit(currency)`;
- `us_value = line_value − quantity × non_us_unit_value × rate` when `non_us_unit_value` is given
  (ITA's own subtractive formula: U.S. content = ex-factory price or contract value − value
  contributed by non-U.S. sources), else `line_value × us_content_pct / 100`, else 0 (undeclared,
  conservative); with `assume_us_origin`, an undeclared line made in the U.S. counts 100 %.

Lines are computed and summed exactly (Decimal, in a context that raises rather than rounds);
the threshold is met when `Σ us_value × 100 ≥ threshold × Σ line_value`, compared exactly.

Nothing is held per line except what the report keeps: two bounded heaps (the top lines by
non-U.S. and by U.S. value), the ids of flagged lines, and 8 bytes per line (a 64-bit hash of
its `line_id`, in 256 arrays) to catch a repeated `line_id` at the end of the pass; a hash seen
twice is confirmed by re-reading the ids, so a hash collision is never reported as a repeat.
"""

from __future__ import annotations

import heapq
import re
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_DOWN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    localcontext,
)
from itertools import compress, repeat
from operator import eq, gt, is_, itemgetter, mul, not_, sub
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiexp.bom import Table, column_specs, is_xlsx, open_table, read_rates, read_sheet_rates
from aiexp.content.result import CocLine, ContentResult, TopLine
from aiexp.errors import BomError
from aiexp.model import BomLine
from aiexp.values import is_blank, parse_text

if TYPE_CHECKING:
    from aiexp.profile import Profile

#: How many of the top lines (by non-U.S. and by U.S. value) the sensitivity looks through.
SENSITIVITY_LINES = 100
#: Calls to the progress callback, at most one per this many lines.
PROGRESS_EVERY = 16384
REQUIRED = ("line_id", "description", "supplier", "supplier_country", "unit_value")
#: Rows handled at a time by the columnar fast path.
CHUNK_ROWS = 512
_SUPPLIER_KEYS = (
    "supplier",
    "supplier_country",
    "supplier_principal_place_of_business",
    "supplier_coc_controlled",
    "kind",
    "currency",
)
_USED = (
    "supplier_principal_place_of_business",
    "supplier_coc_controlled",
    "origin_country",
    "quantity",
    "currency",
    "us_content_pct",
    "non_us_unit_value",
    "kind",
)
# A column of plain non-negative numbers (12, 1234.50) joined by line breaks: these are parsed
# with Decimal directly; anything else goes through the full value parsers.
_PLAIN_COLUMN = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:\n[0-9]+(?:\.[0-9]+)?)*").fullmatch

# Exact arithmetic: a precision no real BOM reaches, and a trap on any rounding, so a sum is
# either exact or an error — never silently rounded (SPEC §3 "no intermediate rounding").
# (1000 digits: libmpdec is markedly slower with a far larger precision.)
EXACT_DIGITS = 1000
_EXACT = Context(
    prec=EXACT_DIGITS,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact, Rounded],
)
# The value parsers may quantize an exact value (51.000 → 51), which signals Rounded; they run in
# a context that is as wide but does not trap it.
_PARSE = Context(prec=100_000, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[InvalidOperation])
_ZERO = Decimal(0)
_ONE = Decimal(1)
_HUNDRED = Decimal(100)
_CENTI = Decimal("0.01")
_HALF = Decimal("0.5")
_CACHE_LIMIT = 10_000
_MISSING = object()


def calculate(
    bom: Path,
    *,
    rates: Mapping[str, Decimal] | None = None,
    rates_file: Path | None = None,
    profile: Profile | None = None,
    threshold: Decimal | None = None,
    top: int = 10,
    assume_us_origin: bool = False,
    progress: Callable[[int, int], None] | None = None,
    workbook_rates: Mapping[str, Decimal] | None = None,
    rates_dirs: Sequence[Path] | None = None,
    source: str | None = None,
) -> ContentResult:
    """U.S. content of a BOM file (.csv, or .xlsx with a BOM sheet); BomError on bad input.

    Rates, highest precedence first (per currency): `rates` (the `--rate` flags), `rates_file`,
    `workbook_rates` and the BOM workbook's own Rates sheet, then `rates.csv` in `rates_dirs`
    (default: the BOM's folder), read only if a currency is still missing. USD is always 1.
    """
    from aiexp.profile import load_profile

    bom = Path(bom)
    profile = profile or load_profile(None)
    if threshold is None:
        threshold = profile.thresholds.hardware_us_content_pct
    if not 0 <= threshold <= 100:
        raise BomError(f"the threshold must be between 0 and 100, got {threshold}")
    if top < 0:
        raise BomError(f"--top must be 0 or more, got {top}")
    layers: list[Mapping[str, Decimal]] = [dict(rates or {})]
    if rates_file is not None:
        layers.append(read_rates(Path(rates_file)))
    if workbook_rates:
        layers.append(workbook_rates)
    if is_xlsx(bom):
        layers.append(read_sheet_rates(bom))
    dirs = list(rates_dirs) if rates_dirs is not None else [bom.parent]
    book = _RateBook(layers, [d / "rates.csv" for d in dirs])
    label = source or (f"{bom}#BOM" if is_xlsx(bom) else str(bom))
    with open_table(bom, BomLine, "BOM") as table:
        pass_ = _Pass(table, book, profile.coc_codes, top, assume_us_origin, progress)
        with localcontext(_EXACT):
            pass_.run()
    repeated = pass_.repeated_hashes()
    if repeated:
        _report_repeat(bom, repeated)
    return pass_.result(threshold, label, top)


class _RateBook:
    """Exchange rates by currency, from layered sources; `rates.csv` read only when needed."""

    def __init__(self, layers: Iterable[Mapping[str, Decimal]], fallbacks: list[Path]) -> None:
        self.rates: dict[str, Decimal] = {"USD": _ONE}
        for layer in reversed(list(layers)):
            self.rates.update({code.upper(): rate for code, rate in layer.items()})
        self.rates["USD"] = _ONE
        self.fallbacks = fallbacks
        self.used: dict[str, Decimal] = {}

    def rate(self, currency: str) -> Decimal | None:
        """U.S. dollars per unit, or None when no source has the currency."""
        rate = self.rates.get(currency)
        while rate is None and self.fallbacks:
            path = self.fallbacks.pop(0)
            if path.is_file():
                for code, value in read_rates(path).items():
                    self.rates.setdefault(code, value)
                rate = self.rates.get(currency)
        if rate is not None and currency != "USD":
            self.used[currency] = rate
        return rate


class _Pass:
    """One streaming pass over a BOM table: the sums, heaps and flagged lines."""

    def __init__(
        self,
        table: Table,
        book: _RateBook,
        coc_codes: frozenset[str],
        top: int,
        assume_us_origin: bool,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        self.table = table
        self.book = book
        self.coc_codes = coc_codes
        self.keep = max(top, SENSITIVITY_LINES)
        self.assume = assume_us_origin
        self.progress = progress
        self.specs = column_specs(BomLine)
        for key in REQUIRED:
            if key not in table.positions:
                raise BomError(
                    f"{table.header_where(key)}: the BOM has no {key} column "
                    f"(required: {', '.join(REQUIRED)})"
                )
        self.total = _ZERO
        self.us = _ZERO  # declared U.S. value, the ITA method
        self.assumed = _ZERO  # value counted U.S. only by --assume-us-origin
        self.count = 0
        self.undeclared: list[str] = []
        self.assumed_ids: list[str] = []
        self.coc: list[CocLine] = []
        self.non_us_heap: list[tuple[Decimal, int, str, str, Decimal]] = []
        self.us_heap: list[tuple[Decimal, int, str, str, Decimal]] = []
        self.hashes = [array("q") for _ in range(256)]
        self.missing: dict[str, list[int]] = {}
        self.missing_count: dict[str, int] = {}
        self.caches: dict[str, dict[Any, Any]] = {}
        self.non_floor: Decimal | int = -1  # the smallest value in a full heap
        self.us_floor: Decimal | int = -1
        # Column positions; an absent optional column reads as a blank cell (index `width`).
        width = table.width
        self.at = {spec: table.positions.get(spec, width) for spec in self.specs}
        self.pad = any(self.at[key] == width for key in self.specs if key in _USED)
        self.checked = [
            (table.positions[key], key, {"": True, None: True})
            for key in ("confidential", "confidential_basis")
            if key in table.positions
        ]
        self.suppliers: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        self.quantities: dict[Any, Decimal] = {}
        self.percents: dict[Any, Decimal] = {"": _ZERO}
        self.origins: dict[Any, Any] = {}
        self.blank_columns: dict[int, list[str]] = {}
        positions = [self.at[key] for key in _SUPPLIER_KEYS]
        self.key_getter = itemgetter(*positions) if max(positions) < width else None

    # -- slow paths: full parsers, with the location in the error -----------------------------
    def fail(self, number: int, key: str, message: str) -> BomError:
        """One located error line."""
        return BomError(f"{self.table.where(number, key)}: {message}")

    def parse(self, number: int, key: str, raw: Any, fmt: str | None) -> Any:
        """A cell by its column's value rule (blank → None); BomError naming the cell."""
        from aiexp.workbook.reader import parse_value

        if is_blank(raw):
            if key in REQUIRED:
                raise self.fail(number, key, f"{key} is required (the cell is blank)")
            return None
        spec = self.specs[key]
        try:
            with localcontext(_PARSE):
                return parse_value(raw, fmt, spec)
        except ValueError as exc:
            raise self.fail(number, key, str(exc)) from None
        except ArithmeticError:
            raise self.fail(number, key, f"{parse_text(raw)!r} is not a usable number") from None

    def cached(self, number: int, key: str, raw: Any, fmt: str | None) -> Any:
        """A low-cardinality cell (country, yes/no, choice), parsed once per distinct text."""
        cache = self.caches.setdefault(key, {})
        value = cache.get(raw, _MISSING)
        if value is _MISSING:
            value = self.parse(number, key, raw, fmt)
            if len(cache) < _CACHE_LIMIT:
                cache[raw] = value
        return value

    def amount(self, number: int, key: str, raw: Any, fmt: str | None) -> Decimal | None:
        """A money, quantity or percent cell through the full parser."""
        value = self.parse(number, key, raw, fmt)
        if value is not None and not isinstance(value, Decimal):
            raise self.fail(number, key, f"expected a number, got {parse_text(raw)!r}")
        return value

    # -- the pass -----------------------------------------------------------------------------
    def run(self) -> None:
        """Read every row once, accumulating exactly; BomError on the first bad line."""
        import csv
        import gc

        # The pass creates no reference cycles; the cyclic collector would only re-scan the
        # growing lists of flagged lines (about a tenth of the time on a large BOM).
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._stream()
        except (UnicodeDecodeError, csv.Error) as exc:
            raise self.table.read_error(exc) from None
        except (Inexact, Rounded, Overflow):
            raise BomError(
                f"{self.table.label}: a line's figures need more than {EXACT_DIGITS} digits to "
                "be exact; check quantity, unit_value and the rates"
            ) from None
        finally:
            if collecting:
                gc.enable()
        if self.progress is not None:
            self.progress(self.table.size, self.table.size)
        if self.missing:
            self._report_missing()
        if not self.count:
            raise BomError(
                f"{self.table.label}: the BOM has no lines (only a header); add one row per "
                "Layer 1 line item"
            )

    def _stream(self) -> None:
        """Every chunk of rows through the columnar fast path, or else row by row."""
        progress, done, size = self.progress, self.table.done, self.table.size
        for chunk, line, formats in self.table.chunks(CHUNK_ROWS):
            if formats is not None or not self._fast(chunk, line):
                self._rows(chunk, line, formats)
            if progress is not None:
                progress(done(), size)

    def _fast(self, chunk: list[list[Any]], line: Callable[[int], int]) -> bool:
        """A chunk of plain CSV rows, a column at a time (the loops run in C: map, zip,
        compress, sum). Returns False, having changed no figure, when any row needs the full
        parsers or a located error (then `_rows` takes the chunk)."""
        n = len(chunk)
        width = self.table.width
        if len(set(map(len, chunk))) != 1 or len(chunk[0]) != width:
            return False  # a blank or ragged row
        blank = self.blank_columns.get(n)
        if blank is None:
            blank = self.blank_columns.setdefault(n, [""] * n)

        def column(key: str) -> list[Any]:
            index = at[key]
            return list(map(itemgetter(index), chunk)) if index < width else blank

        at = self.at
        ids, descs, units = column("line_id"), column("description"), column("unit_value")
        nons, pcts = column("non_us_unit_value"), column("us_content_pct")
        if "" in ids or not all(map(eq, ids, map(str.strip, ids))):
            return False
        if "" in descs or any(map(str.isspace, descs)):
            return False
        non_texts = list(filter(None, nons))
        if not _PLAIN_COLUMN("\n".join(units)) or (
            non_texts and not _PLAIN_COLUMN("\n".join(non_texts))
        ):
            return False
        # Supplier, country-of-concern link, kind and currency: one cached entry per combination.
        if self.key_getter is not None:
            keys: list[tuple[Any, ...]] = list(map(self.key_getter, chunk))
        else:
            keys = list(zip(*(column(key) for key in _SUPPLIER_KEYS), strict=True))
        entries: list[Any] = list(map(self.suppliers.get, keys))
        if not all(entries):  # (`None in` would compare every Decimal with None: slow)
            for k in compress(range(n), map(is_, entries, repeat(None))):
                entry = self.suppliers.get(keys[k])  # met earlier in this chunk
                entries[k] = entry or self._supplier_entry(line(k), keys[k], None)
        rates = list(map(itemgetter(5), entries))
        if not all(rates):  # rates are positive
            return False  # a currency without a rate: `_rows` records its lines
        quantities = column("quantity")
        qtys: list[Any] = list(map(self.quantities.get, quantities))
        if not all(qtys):  # quantities are positive
            for k in compress(range(n), map(is_, qtys, repeat(None))):
                raw = quantities[k]
                qtys[k] = self.quantities.get(raw) or self._quantity_cached(line(k), raw, None)
        pvals: list[Any] = list(map(self.percents.get, pcts))
        if any(map(is_, pvals, repeat(None))):
            for k in compress(range(n), map(is_, pvals, repeat(None))):
                known = self.percents.get(pcts[k])
                pvals[k] = (
                    known if known is not None else self._percent_cached(line(k), pcts[k], None)
                )
        unit_values = list(map(Decimal, units))
        if non_texts:
            if any(map(gt, map(Decimal, non_texts), compress(unit_values, nons))):
                return False  # a non-U.S. value above the unit value: `_rows` reports it
            for k in compress(range(n), map(all, zip(nons, pcts, strict=True))):
                self._check_pct(
                    line(k), pcts[k], None, at["us_content_pct"], unit_values[k], Decimal(nons[k])
                )
        # The figures, exact (the context traps any rounding).
        lines = list(map(mul, map(mul, qtys, unit_values), rates))
        # Declared percentages for every line at C speed, then the subtractive form (which takes
        # precedence) for the lines that give non_us_unit_value.
        us_values = list(map(mul, map(mul, lines, pvals), repeat(_CENTI)))
        if non_texts:
            for k in compress(range(n), nons):
                us_values[k] = lines[k] - qtys[k] * Decimal(nons[k]) * rates[k]
        first = self.count
        self.total += sum(lines, _ZERO)
        self.us += sum(us_values, _ZERO)
        self.count = first + n
        undeclared = list(compress(range(n), map(not_, map(any, zip(nons, pcts, strict=True)))))
        if undeclared:
            self.undeclared.extend(map(ids.__getitem__, undeclared))
            if self.assume:
                origin_column = column("origin_country")
                for k in undeclared:
                    if self._origin(line(k), origin_column[k], None) == "US":
                        self.assumed_ids.append(ids[k])
                        self.assumed += lines[k]
                        us_values[k] = lines[k]
        non_us = list(map(sub, lines, us_values))
        for k in compress(range(n), map(gt, non_us, repeat(self.non_floor))):
            self._keep(self.non_us_heap, non_us[k], first + k + 1, ids[k], descs[k], lines[k])
        for k in compress(range(n), map(gt, us_values, repeat(self.us_floor))):
            self._keep(self.us_heap, us_values[k], first + k + 1, ids[k], descs[k], lines[k])
        for k in compress(range(n), map(itemgetter(0), entries)):
            entry = entries[k]
            self.coc.append(
                CocLine(ids[k], descs[k].strip(), entry[1], entry[2], entry[3], entry[4], lines[k])
            )
        buckets = self.hashes
        for digest in map(hash, ids):
            buckets[digest & 255].append(digest)
        return True

    def _keep(
        self,
        heap: list[tuple[Decimal, int, str, str, Decimal]],
        value: Decimal,
        count: int,
        line_id: str,
        description: Any,
        line_value: Decimal,
    ) -> None:
        """Keep a line among the `keep` largest of a heap (earlier lines win ties)."""
        floor = self.non_floor if heap is self.non_us_heap else self.us_floor
        if not value > floor:
            return
        entry = (value, -count, line_id, description, line_value)
        if len(heap) < self.keep:
            heapq.heappush(heap, entry)
            if len(heap) < self.keep:
                return
        else:
            heapq.heapreplace(heap, entry)
        if heap is self.non_us_heap:
            self.non_floor = heap[0][0]
        else:
            self.us_floor = heap[0][0]

    def _supplier_entry(
        self, number: int, key: tuple[Any, ...], fmts: list[str | None] | None
    ) -> tuple[Any, ...]:
        at = self.at
        columns = (
            at["supplier_country"],
            at["supplier_principal_place_of_business"],
            at["supplier_coc_controlled"],
            at["kind"],
            at["currency"],
        )
        entry = self._supplier(number, key, fmts, columns, self.coc_codes)
        if len(self.suppliers) < _CACHE_LIMIT:
            self.suppliers[key] = entry
        return entry

    def _quantity_cached(self, number: int, raw: Any, fmts: list[str | None] | None) -> Decimal:
        value = self._quantity(number, raw, fmts, self.at["quantity"])
        if fmts is None and len(self.quantities) < _CACHE_LIMIT:
            self.quantities[raw] = value
        return value

    def _percent_cached(self, number: int, raw: Any, fmts: list[str | None] | None) -> Decimal:
        if is_blank(raw):
            return _ZERO
        value = self._number(number, "us_content_pct", raw, fmts, self.at["us_content_pct"])
        if fmts is None and len(self.percents) < _CACHE_LIMIT:
            self.percents[raw] = value
        return value

    def _origin(self, number: int, raw: Any, fmts: list[str | None] | None) -> Any:
        origin = self.origins.get(raw, _MISSING)
        if origin is _MISSING:
            origin = self.cached(
                number, "origin_country", raw, _fmt(fmts, self.at["origin_country"])
            )
            if len(self.origins) < _CACHE_LIMIT:
                self.origins[raw] = origin
        return origin

    def _rows(
        self,
        chunk: list[list[Any]],
        line: Callable[[int], int],
        formats: list[list[str | None]] | None,
    ) -> None:
        """A chunk row by row, through the full parsers: blank, ragged or unusual rows, xlsx
        cells (numbers, number formats), and every located error."""
        width = self.table.width
        at = self.at
        i_id, i_desc = at["line_id"], at["description"]
        i_unit, i_qty, i_cur = at["unit_value"], at["quantity"], at["currency"]
        i_pct, i_non = at["us_content_pct"], at["non_us_unit_value"]
        keys = (
            "supplier",
            "supplier_country",
            "supplier_principal_place_of_business",
            "supplier_coc_controlled",
            "kind",
            "currency",
        )
        positions = [at[key] for key in keys]
        for k, row in enumerate(chunk):
            if len(row) != width:
                if len(row) < width:
                    row.extend([""] * (width - len(row)))
                else:
                    del row[width:]
            row.append("")
            fmts = formats[k] if formats is not None else None
            number = line(k)
            raw_id = row[i_id]
            if is_blank(raw_id):
                if all(is_blank(v) for v in row):
                    continue
            line_id = self.parse(number, "line_id", raw_id, _fmt(fmts, i_id))
            raw_desc, raw_cur = row[i_desc], row[i_cur]
            if is_blank(raw_desc):
                raise self.fail(
                    number, "description", "description is required (the cell is blank)"
                )
            key = tuple(row[p] for p in positions)
            supplier = self.suppliers.get(key) if fmts is None else None
            if supplier is None:
                supplier = self._supplier_entry(number, key, fmts)
            for index, name, valid in self.checked:
                if row[index] not in valid:
                    self.cached(number, name, row[index], _fmt(fmts, index))
                    if len(valid) < _CACHE_LIMIT:
                        valid[row[index]] = True
            unit = self._number(number, "unit_value", row[i_unit], fmts, i_unit)
            qty = self.quantities.get(row[i_qty]) if fmts is None else None
            if qty is None:
                qty = self._quantity_cached(number, row[i_qty], fmts)
            rate = supplier[5]
            if rate is None:
                self._missing_rate(number, raw_cur)
                rate = _ZERO
            value = qty * unit * rate
            raw_non, raw_pct = row[i_non], row[i_pct]
            assumed = False
            if not is_blank(raw_non):
                non_unit = self._number(number, "non_us_unit_value", raw_non, fmts, i_non)
                if non_unit > unit:
                    raise self.fail(
                        number,
                        "non_us_unit_value",
                        f"the non-U.S. unit value {non_unit} exceeds the unit value {unit}",
                    )
                if not is_blank(raw_pct):
                    self._check_pct(number, raw_pct, fmts, i_pct, unit, non_unit)
                line_us = value - qty * non_unit * rate
            elif not is_blank(raw_pct):
                line_us = value * self._percent_cached(number, raw_pct, fmts) * _CENTI
            else:
                line_us = _ZERO
                self.undeclared.append(line_id)
                if self.assume and self._origin(number, row[at["origin_country"]], fmts) == "US":
                    self.assumed_ids.append(line_id)
                    self.assumed += value
                    assumed = True
            self.count += 1
            self.total += value
            self.us += line_us
            if assumed:
                line_us = value
            self._keep(self.non_us_heap, value - line_us, self.count, line_id, raw_desc, value)
            self._keep(self.us_heap, line_us, self.count, line_id, raw_desc, value)
            if supplier[0]:
                self.coc.append(
                    CocLine(
                        line_id,
                        _text(raw_desc),
                        supplier[1],
                        supplier[2],
                        supplier[3],
                        supplier[4],
                        value,
                    )
                )
            digest = hash(line_id)
            self.hashes[digest & 255].append(digest)

    def _quantity(
        self, number: int, raw: Any, fmts: list[str | None] | None, index: int
    ) -> Decimal:
        """Quantity: default 1, positive."""
        if is_blank(raw):
            return _ONE
        value = self._number(number, "quantity", raw, fmts, index)
        return value

    def _supplier(
        self,
        number: int,
        key: tuple[Any, ...],
        fmts: list[str | None] | None,
        columns: tuple[int, ...],
        coc_codes: frozenset[str],
    ) -> tuple[Any, ...]:
        """(linked, supplier, country, principal place, coc-controlled, rate) of a combination.

        Linked to a country of concern (SPEC §4, for a BOM line's supplier): its country or
        principal place of business is one, or it is owned or controlled by one (yes).
        """
        raw_sup, raw_sc, raw_ppb, raw_cocc, raw_kind, raw_cur = key
        i_sc, i_ppb, i_cocc, i_kind, i_cur = columns
        if is_blank(raw_sup):
            raise self.fail(number, "supplier", "supplier is required (the cell is blank)")
        country = self.cached(number, "supplier_country", raw_sc, _fmt(fmts, i_sc))
        place = self.cached(
            number, "supplier_principal_place_of_business", raw_ppb, _fmt(fmts, i_ppb)
        )
        controlled = bool(
            self.cached(number, "supplier_coc_controlled", raw_cocc, _fmt(fmts, i_cocc))
        )
        self.cached(number, "kind", raw_kind, _fmt(fmts, i_kind))
        code = self.cached(number, "currency", raw_cur, _fmt(fmts, i_cur)) or "USD"
        linked = country in coc_codes or place in coc_codes or controlled
        return (linked, _text(raw_sup), country, place, controlled, self.book.rate(code))

    def _number(
        self,
        number: int,
        key: str,
        raw: Any,
        fmts: list[str | None] | None,
        index: int,
        *,
        required: bool = False,
    ) -> Decimal:
        value = self.amount(number, key, raw, _fmt(fmts, index))
        if value is None:
            raise self.fail(number, key, f"{key} is required (the cell is blank)")
        return value

    def _missing_rate(self, number: int, raw: Any) -> None:
        code = parse_text(raw).upper()
        lines = self.missing.setdefault(code, [])
        if len(lines) < 5:
            lines.append(number)
        self.missing_count[code] = self.missing_count.get(code, 0) + 1

    def _report_missing(self) -> None:
        parts = []
        for code, lines in self.missing.items():
            more = self.missing_count[code] - len(lines)
            shown = ", ".join(str(n) for n in lines) + (f" and {more} more" if more else "")
            parts.append(
                f"{code} (lines {shown})" if self.table.sheet is None else f"{code} (rows {shown})"
            )
        first_code = next(iter(self.missing))
        where = self.table.where(self.missing[first_code][0], "currency")
        raise BomError(
            f"{where}: no exchange rate for {'; '.join(parts)}; give --rate "
            f"{first_code}=USD_PER_UNIT, --rates FILE, or a rates.csv beside the BOM "
            "(rates are never fetched)"
        )

    def _check_pct(
        self,
        number: int,
        raw: Any,
        fmts: list[str | None] | None,
        index: int,
        unit: Decimal,
        non_unit: Decimal,
    ) -> None:
        """Both columns given: the implied percentage, at the cell's decimals, must equal it."""
        fmt = _fmt(fmts, index)
        pct = self._number(number, "us_content_pct", raw, fmts, index)
        if not unit:
            return  # a zero-value line implies no percentage
        places = shown_places(raw, fmt)
        # Text is compared as written; a number cell as Excel shows it (rounded half-up).
        shown = pct if isinstance(raw, str) else _round_half_up(pct, places)
        # round(implied, places) == shown  ⇔  shown − h ≤ implied ≤ shown + h, with h half a
        # step; implied = (unit − non_unit) × 100 / unit, compared without dividing. Both ends
        # are inclusive, so a tie passes whether the sheet rounded half-up or half-even.
        half = _HALF.scaleb(-places)
        implied_scaled = (unit - non_unit) * _HUNDRED
        if not ((shown - half) * unit <= implied_scaled <= (shown + half) * unit):
            with localcontext(Context(prec=12)):
                implied = implied_scaled / unit
            raise self.fail(
                number,
                "us_content_pct",
                f"us_content_pct {parse_text(raw)} disagrees with non_us_unit_value "
                f"{non_unit} of unit_value {unit}, which implies {implied} %",
            )

    # -- after the pass -----------------------------------------------------------------------
    def repeated_hashes(self) -> set[int]:
        """Hashes of `line_id`s seen more than once (candidates, to be confirmed)."""
        repeated: set[int] = set()
        for bucket in self.hashes:
            distinct = set(bucket)
            if len(distinct) != len(bucket):
                seen: set[int] = set()
                for digest in bucket:
                    if digest in seen:
                        repeated.add(digest)
                    seen.add(digest)
        return repeated

    def result(self, threshold: Decimal, label: str, top: int) -> ContentResult:
        """The report's figures, exact."""
        with localcontext(_EXACT):
            total, declared, assumed = self.total, self.us, self.assumed
            us = declared + assumed
            if not total:
                raise BomError(
                    f"{self.table.label}: the BOM's lines total 0 USD; there is no value to "
                    "calculate the U.S. content of"
                )
            needed = threshold * _CENTI * total
            meets = us * _HUNDRED >= threshold * total
            margin = us - needed
            shortfall = max(_ZERO, needed - us)
        non_sorted = sorted(self.non_us_heap, reverse=True)
        us_sorted = sorted(self.us_heap, reverse=True)
        top_lines = [
            TopLine(line_id, _text(desc), line, non_us)
            for non_us, _, line_id, desc, line in non_sorted[:top]
            if non_us > 0
        ]
        sensitivity: list[str] = []
        by_id: dict[str, TopLine] = {}
        with localcontext(_EXACT):
            if not meets:
                gained = _ZERO
                for non_us, _, line_id, desc, line in non_sorted:
                    if non_us <= 0 or gained >= shortfall:
                        break
                    sensitivity.append(line_id)
                    by_id[line_id] = TopLine(line_id, _text(desc), line, non_us)
                    gained += non_us
                if gained < shortfall:
                    sensitivity = []
            else:
                lost = _ZERO
                for line_us, _, line_id, desc, line in us_sorted:
                    if line_us <= 0:
                        break
                    sensitivity.append(line_id)
                    by_id[line_id] = TopLine(line_id, _text(desc), line, line - line_us)
                    lost += line_us
                    if lost > margin:
                        break
                if lost <= margin:
                    sensitivity = []
        return ContentResult(
            total_value=total,
            us_value=us,
            us_content_pct=_percent(us, total),
            threshold_pct=threshold,
            meets_threshold=meets,
            shortfall_value=shortfall,
            us_value_without_assumptions=declared,
            us_content_pct_without_assumptions=_percent(declared, total),
            line_count=self.count,
            undeclared_lines=self.undeclared,
            assumed_lines=self.assumed_ids,
            coc_lines=self.coc,
            top_non_us=top_lines,
            sensitivity=sensitivity,
            rates=dict(self.book.used),
            source=label,
            margin_value=margin,
            meets_threshold_without_assumptions=declared * _HUNDRED >= threshold * total,
            sensitivity_lines=[by_id[line_id] for line_id in sensitivity],
        )


def _percent(part: Decimal, total: Decimal) -> Decimal:
    """`part / total × 100`, exact when it terminates within 60 digits, else rounded down.

    Rounding down (never up) keeps the reported, truncated percentage consistent with the exact
    threshold comparison: 50.99999… is never shown as 51.
    """
    with localcontext(Context(prec=60, rounding=ROUND_DOWN, Emax=MAX_EMAX, Emin=MIN_EMIN)):
        return part * 100 / total


def shown_places(raw: Any, number_format: str | None) -> int:
    """How many decimal places a percent cell shows: as written (text), or by its number format."""
    if isinstance(raw, str):
        text = raw.strip().rstrip("%").strip().replace(",", "")
        try:
            exponent = Decimal(text).as_tuple().exponent
        except ArithmeticError:
            return 0
        return max(0, -exponent) if isinstance(exponent, int) else 0
    fmt = (number_format or "General").split(";")[0]
    if fmt.strip().lower() != "general" and any(ch in fmt for ch in "0#?"):
        if "." not in fmt:
            return 0
        decimals = fmt.split(".", 1)[1]
        return sum(1 for ch in decimals if ch in "0#?") if "E" not in fmt.upper() else 0
    # General: Excel shows up to about ten significant digits of the stored value.
    value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    exponent = value.as_tuple().exponent
    written = max(0, -exponent) if isinstance(exponent, int) else 0
    digits_before = len(str(abs(int(value)))) if abs(value) >= 1 else 0
    return min(written, max(0, 10 - digits_before))


def _round_half_up(value: Decimal, places: int) -> Decimal:
    from decimal import ROUND_HALF_UP

    return value.quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=Context(prec=1000)
    )


def _fmt(fmts: list[str | None] | None, index: int) -> str | None:
    return fmts[index] if fmts is not None and index < len(fmts) else None


def _text(raw: Any) -> str:
    return raw.strip() if isinstance(raw, str) else parse_text(raw)


def _report_repeat(bom: Path, repeated: set[int]) -> None:
    """Confirm a repeated `line_id` by re-reading the ids, and report its first two lines."""
    first: dict[str, int] = {}
    with open_table(bom, BomLine, "BOM") as table:
        index = table.positions["line_id"]
        for number, row, _ in table.records:
            raw = row[index]
            if is_blank(raw):
                continue
            line_id = raw if isinstance(raw, str) and raw == raw.strip() else _text(raw)
            if hash(line_id) not in repeated:
                continue
            if line_id in first:
                where = table.where(number, "line_id")
                place = "line" if table.sheet is None else "row"
                raise BomError(
                    f"{where}: line_id {line_id!r} is repeated (first at {place} "
                    f"{first[line_id]}); every line needs a unique id"
                )
            first[line_id] = number
