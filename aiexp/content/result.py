"""The result of a U.S.-content calculation (SPEC §3): exact figures, and the JSON document."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, overload

from aiexp.content.format import money_str, pct_str
from aiexp.figures import HardwareFigures

if TYPE_CHECKING:
    from aiexp.bom import Table
    from aiexp.bom.xlsxfile import SheetCells


class TopLine(NamedTuple):
    """A BOM line among those with the most non-U.S. value (USD, exact)."""

    line_id: str
    description: str
    line_value: Decimal
    non_us_value: Decimal

    def to_json_dict(self) -> dict[str, str]:
        """`{line_id, description, line_value, non_us_value}` with money rounded to cents."""
        return {
            "line_id": self.line_id,
            "description": self.description,
            "line_value": money_str(self.line_value),
            "non_us_value": money_str(self.non_us_value),
        }


class CocLine(NamedTuple):
    """A BOM line whose supplier is linked to a country of concern (disclosed in section 7), or
    whose supplier's status is not stated.

    A named tuple (immutable), because a BOM may flag many lines and it is built in the hot loop.
    """

    line_id: str
    description: str
    supplier: str
    supplier_country: str | None
    supplier_principal_place_of_business: str | None
    supplier_coc_controlled: bool | None
    line_value: Decimal


#: Descriptions of flagged lines shared between lines that repeat them (at most this many).
_SHARED_TEXTS = 4096
_INT64 = 2**63


class LineIdList(Sequence[str]):
    """Line ids stored compactly, in order: their UTF-8 bytes in one buffer and where each ends.

    A BOM may leave many lines undeclared or flagged; a list of a hundred thousand short strings
    costs about 65 bytes a line and scatters them through memory, this about 16. Read like a
    list of str (and equal to one with the same ids).
    """

    __slots__ = ("_ends", "_ids")

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self._ids = bytearray()
        self._ends = array("Q")
        self.extend(list(ids))

    def append(self, line_id: str) -> None:
        """Add one id."""
        self._ids += line_id.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._ids))

    def extend(self, ids: Sequence[str]) -> None:
        """Add ids (a chunk's at a time)."""
        encoded = [line_id.encode("utf-8", "surrogatepass") for line_id in ids]
        self._ends.extend(islice(accumulate(map(len, encoded), initial=len(self._ids)), 1, None))
        self._ids += b"".join(encoded)

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("LineIdList index out of range")
        start = self._ends[index - 1] if index else 0
        return self._ids[start : self._ends[index]].decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        return (self[k] for k in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LineIdList):
            return self._ids == other._ids and self._ends == other._ends
        if isinstance(other, list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (mutable, like a list)

    def __repr__(self) -> str:
        return f"LineIdList({list(self)!r})"


class CocLines(Sequence[CocLine]):
    """The lines linked to a country of concern, stored compactly: a BOM may flag many.

    Per line: its id as UTF-8 bytes in one buffer, its description (shared when repeated), its
    supplier combination (shared by every line of that supplier, currency and origin) and its
    `quantity × unit_value` in an integer array; a `CocLine` with the exact Decimal line value
    (that amount times the combination's rate) is made when the line is read. About 30 bytes a
    line instead of about 300.
    """

    __slots__ = (
        "_amounts",
        "_big",
        "_combinations",
        "_descriptions",
        "_ids",
        "_texts",
        "_value",
    )

    def __init__(self, value: Callable[[Any, Any], Decimal]) -> None:
        """`value(amount, combination)` is the exact line value of a stored amount."""
        self._ids = LineIdList()
        self._descriptions: list[str] = []
        self._combinations: list[Any] = []
        self._amounts = array("q")
        self._big: dict[int, Any] = {}  # amounts that do not fit 64 bits (or are Decimal)
        self._texts: dict[str, str] = {}
        self._value = value

    def append(self, line_id: str, description: str, combination: Any, amount: Any) -> None:
        """Add a line: `combination[3]` is (supplier, country, principal place, controlled)."""
        texts = self._texts
        shared = texts.get(description)
        if shared is None:
            shared = description
            if len(texts) < _SHARED_TEXTS:
                texts[description] = description
        self._ids.append(line_id)
        self._descriptions.append(shared)
        self._combinations.append(combination)
        if type(amount) is int and -_INT64 <= amount < _INT64:
            self._amounts.append(amount)
        else:
            self._big[len(self._amounts)] = amount
            self._amounts.append(0)

    def extend(self, lines: list[tuple[str, str, Any, Any]]) -> None:
        """Add lines `(line_id, description, combination, amount)`, as `append` does each (a
        chunk's flagged lines at a time, by whole-list operations)."""
        if not lines:
            return
        ids, descriptions, combinations, amounts = zip(*lines, strict=True)
        try:
            packed = array("q", amounts)
        except (OverflowError, TypeError):  # an amount above 64 bits, or a Decimal
            for line in lines:
                self.append(*line)
            return
        texts = self._texts
        if len(texts) < _SHARED_TEXTS:
            for description in set(descriptions).difference(texts):
                if len(texts) >= _SHARED_TEXTS:
                    break
                texts[description] = description
        self._ids.extend(ids)
        self._descriptions.extend(map(texts.get, descriptions, descriptions))
        self._combinations.extend(combinations)
        self._amounts.extend(packed)

    def line_ids(self) -> LineIdList:
        """The ids of the lines, in order (the stored list itself: read it, do not change it)."""
        return self._ids

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> CocLine: ...

    @overload
    def __getitem__(self, index: slice) -> list[CocLine]: ...

    def __getitem__(self, index: int | slice) -> CocLine | list[CocLine]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("CocLines index out of range")
        combination = self._combinations[index]
        amount = self._big.get(index, self._amounts[index])
        supplier, country, place, controlled = combination[3]
        return CocLine(
            self._ids[index],
            self._descriptions[index],
            supplier,
            country,
            place,
            controlled,
            self._value(amount, combination),
        )

    def __iter__(self) -> Iterator[CocLine]:
        return (self[k] for k in range(len(self)))

    def __repr__(self) -> str:
        return f"CocLines({len(self)} lines)"


class ConfidentialLines(CocLines):
    """The BOM lines marked confidential (Section VII), kept as compactly as flagged lines.

    A line's id, description, supplier and value are what the public version must withhold and
    look for elsewhere; its notes too. `missing_basis` holds (line or row number, line id) of
    the lines whose `confidential_basis` is blank ("The Department may disregard
    confidentiality claims that are not properly supported"); `sheet` is the BOM's sheet name
    when it is an .xlsx (the numbers are then rows), else None (CSV lines).
    """

    __slots__ = ("_bases", "_notes", "missing_basis", "sheet")

    def __init__(self, value: Callable[[Any, Any], Decimal], sheet: str | None = None) -> None:
        """`value(amount, combination)` is the exact line value of a stored amount."""
        super().__init__(value)
        self._notes: list[str | None] = []
        self._bases: list[Any] = []
        self.missing_basis: list[tuple[int, str]] = []
        self.sheet = sheet

    def add(
        self,
        line_id: str,
        description: str,
        combination: Any,
        amount: Any,
        *,
        notes: str | None,
        basis: Any,
        number: int | None,
    ) -> None:
        """Add a confidential line; `number` (its line or row) is kept when it has no basis."""
        self.append(line_id, description, combination, amount)
        self._notes.append(notes or None)
        self._bases.append(basis)
        if basis is None and number is not None:
            self.missing_basis.append((number, line_id))

    def notes(self, index: int) -> str | None:
        """The notes of the line at `index`."""
        return self._notes[index]

    def basis(self, index: int) -> Any:
        """The `confidential_basis` of the line at `index` (None when blank)."""
        return self._bases[index]


def _no_value(amount: Any, combination: Any) -> Decimal:
    return Decimal(0)


@dataclass(frozen=True, slots=True)
class BomSource:
    """Where a BOM was found: a file (`.csv` or `.xlsx`) or the workbook's own BOM sheet.

    `decimal_comma` says commas in its numbers are decimal points (`--decimal-comma`). `cells`:
    the workbook's BOM sheet as the workbook reader read it, so it is not read a second time.
    """

    kind: Literal["file", "sheet"]
    path: Path
    explicit: bool
    decimal_comma: bool = False
    cells: SheetCells | None = field(default=None, compare=False, repr=False)

    def open(self) -> AbstractContextManager[Table]:
        """The BOM's table: the rows the workbook reader kept, else the file read again."""
        from aiexp.bom import BOM, open_table

        if self.cells is not None:
            from aiexp.bom.xlsxfile import cells_table

            return nullcontext(cells_table(self.cells, BOM, decimal_comma=self.decimal_comma))
        return open_table(self.path, BOM, decimal_comma=self.decimal_comma)

    @property
    def label(self) -> str:
        """How reports name it: the file, or `Book.xlsx#BOM` for a workbook's BOM sheet."""
        if self.kind == "sheet" or self.path.suffix.lower() in {".xlsx", ".xlsm"}:
            return f"{self.path}#BOM"
        return str(self.path)


@dataclass(frozen=True)
class ContentResult:
    """U.S. hardware content of a BOM, every figure exact and unrounded (USD).

    `us_value` and `us_content_pct` include `--assume-us-origin` assumptions when it was given
    (the `..._without_assumptions` figures never do). `margin_value` is `us_value − threshold ×
    total / 100` (negative below the threshold). `sensitivity` is the smallest set of top lines
    whose change alone flips the result: below the threshold, the fewest lines with the most
    non-U.S. value that, made fully U.S., would meet it; at or above it, the fewest lines with
    the most U.S. value whose loss of all U.S. content would drop it below. Both are taken
    greedily from the largest down (which gives the fewest), among the 100 (or `top`, if larger)
    largest lines; empty when those are not enough or nothing can flip it.
    """

    #: The hardware figures, with the `--assume-us-origin` assumptions when given.
    figures: HardwareFigures
    #: The same figures without any assumption (the ITA method alone).
    declared: HardwareFigures
    line_count: int
    undeclared_lines: LineIdList
    assumed_lines: LineIdList
    coc_lines: CocLines
    #: Lines whose supplier's country-of-concern status is blank (SPEC §4: unknown, never "no"):
    #: not linked on the facts given, but not shown clear either.
    unknown_lines: CocLines
    top_non_us: list[TopLine]
    sensitivity: list[str]
    rates: dict[str, Decimal]
    source: str
    #: The lines of `sensitivity`, with their line and non-U.S. values.
    sensitivity_lines: list[TopLine] = field(default_factory=list)
    #: The lines marked confidential (Section VII), from a BOM file or the BOM sheet alike.
    confidential_lines: ConfidentialLines = field(
        default_factory=lambda: ConfidentialLines(_no_value)
    )
    #: The lines with the most non-U.S. value beyond `top_non_us` (up to 100, largest first):
    #: the public version lists the largest lines that are not confidential.
    ranked_non_us: list[TopLine] = field(default_factory=list)

    @property
    def total_value(self) -> Decimal:
        """Σ line_value, USD."""
        return self.figures.total_value

    @property
    def us_value(self) -> Decimal:
        """Σ us_value, USD (with assumptions)."""
        return self.figures.us_value

    @property
    def us_content_pct(self) -> Decimal:
        """U.S. content in percent (with assumptions), rounded down beyond 60 digits."""
        return self.figures.us_content_pct

    @property
    def threshold_pct(self) -> Decimal:
        """The threshold compared against."""
        return self.figures.threshold_pct

    @property
    def meets_threshold(self) -> bool:
        """`us × 100 ≥ threshold × total`, exactly (with assumptions)."""
        return self.figures.meets_threshold

    @property
    def shortfall_value(self) -> Decimal:
        """The non-U.S. value that would have to become U.S. content (0 when met)."""
        return self.figures.shortfall_value

    @property
    def margin_value(self) -> Decimal:
        """`us − threshold × total / 100` (negative below the threshold)."""
        return self.figures.margin_value

    @property
    def us_value_without_assumptions(self) -> Decimal:
        """Σ us_value of the declared content only."""
        return self.declared.us_value

    @property
    def us_content_pct_without_assumptions(self) -> Decimal:
        """U.S. content of the declared content only."""
        return self.declared.us_content_pct

    @property
    def meets_threshold_without_assumptions(self) -> bool:
        """Whether the declared content alone meets the threshold."""
        return self.declared.meets_threshold

    def to_json_dict(self, *, compact: bool = False) -> dict[str, Any]:
        """The SPEC §3 `--json` document, plus a few added keys (the spec's are never renamed).

        With `compact`, the lists of line ids are the stored sequences themselves (`print_json`
        writes them a slice at a time: a large BOM's lists are never made whole); else lists.
        """
        ids: Callable[[Sequence[str]], Sequence[str]] = (lambda kept: kept) if compact else list
        return {
            "total_value": money_str(self.total_value),
            "us_value": money_str(self.us_value),
            "us_content_pct": pct_str(self.us_content_pct),
            "threshold_pct": pct_str(self.threshold_pct),
            "meets_threshold": self.meets_threshold,
            "shortfall_value": money_str(self.shortfall_value),
            "us_content_pct_without_assumptions": pct_str(self.us_content_pct_without_assumptions),
            "line_count": self.line_count,
            "undeclared_lines": ids(self.undeclared_lines),
            "assumed_lines": ids(self.assumed_lines),
            "coc_lines": ids(self.coc_lines.line_ids()),
            "top_non_us": [line.to_json_dict() for line in self.top_non_us],
            "currency": "USD",
            # Added keys (SPEC §3 allows more; these help a reviewer check the figure).
            "supplier_unknown_lines": ids(self.unknown_lines.line_ids()),
            "confidential_lines": ids(self.confidential_lines.line_ids()),
            "us_value_without_assumptions": money_str(self.us_value_without_assumptions),
            "meets_threshold_without_assumptions": self.meets_threshold_without_assumptions,
            "margin_value": money_str(self.margin_value),
            "sensitivity": list(self.sensitivity),
            "rates": {code: f"{rate:f}" for code, rate in sorted(self.rates.items())},
            "source": self.source,
        }
