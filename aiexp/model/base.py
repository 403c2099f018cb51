"""The building blocks of every sheet: a column, a row, and the column specs derived from them.

A column is a pydantic field whose title is the label the template writes, whose description is
the header comment, and whose `x-kind` tells the reader which value rule of SPEC §2 parses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr
from pydantic.fields import FieldInfo

from aiexp.model.enums import ConfidentialBasis


class Kind(StrEnum):
    """Which value rule of SPEC §2 parses a column."""

    TEXT = "text"
    MONEY = "money"
    NUMBER = "number"
    PERCENT = "percent"
    COUNTRY = "country"
    COUNTRIES = "countries"
    YES_NO = "yes/no"
    LIST = "list"
    LAYER = "layer"
    LAYERS = "layers"
    DATE = "date"
    CHOICE = "choice"
    CHOICES = "choices"
    CURRENCY = "currency"


def column(
    label: str,
    description: str,
    kind: Kind,
    *,
    required: bool = False,
    default: Any = None,
    choices: type[Enum] | None = None,
    choices_from: str | None = None,
) -> Any:
    """A workbook column: its label, header comment, value rule and whether it must be filled.

    `choices_from` names the profile's list that holds the column's choices (a later notice may
    change them): the readers keep the text, a rule checks it against the profile in use, and
    the template and the docs show the default profile's list.
    """
    extra: dict[str, Any] = {"x-kind": kind.value, "x-required": required}
    if choices is not None:
        extra["x-choices"] = [member.value for member in choices]
    if choices_from is not None:
        extra["x-choices-from"] = choices_from
    if kind in (Kind.LIST, Kind.COUNTRIES, Kind.LAYERS, Kind.CHOICES):
        return Field(
            default_factory=list, title=label, description=description, json_schema_extra=extra
        )
    return Field(default=default, title=label, description=description, json_schema_extra=extra)


class Row(BaseModel):
    """A row of a sheet; remembers the worksheet row it came from."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    _row: int | None = PrivateAttr(default=None)

    @property
    def row(self) -> int | None:
        """The worksheet row number (1-based), or None for a row not read from a workbook."""
        return self._row

    def at_row(self, row: int | None) -> Row:
        """Set the worksheet row; returns self for chaining."""
        self._row = row
        return self


class ConfidentialRow(Row):
    """A row that may hold confidential information (Section VII)."""

    confidential: bool = column(
        "Confidential",
        "yes if this row is confidential commercial or export-control-sensitive information "
        "(Section VII); it is marked in the proposal and removed from the --public version",
        Kind.YES_NO,
        default=False,
    )
    confidential_basis: ConfidentialBasis | None = column(
        "Confidential basis",
        "why it is confidential: commercial (confidential commercial information) or "
        "export-control (export-control-sensitive information); claims not supported may be "
        "disregarded (VII)",
        Kind.CHOICE,
        choices=ConfidentialBasis,
    )

    # Set by the reader when a confidential cell of the row cannot be read (text such as
    # `Yes - NDA`, a formula without a saved value, a second Confidential column that says yes
    # or cannot be read): VII puts the burden of identifying confidential information on the
    # proposer, so a claim that may have been made is honoured — the row is withheld (fail
    # closed) while the input error asks the user to fix the cell.
    _flag_unreadable: bool = PrivateAttr(default=False)

    @property
    def flag_unreadable(self) -> bool:
        """Whether a confidential cell of this row could not be read (see `withheld`)."""
        return self._flag_unreadable

    def mark_flag_unreadable(self) -> None:
        """Record that a confidential cell of this row could not be read."""
        self._flag_unreadable = True

    @property
    def withheld(self) -> bool:
        """Marked confidential, or a confidential cell that could not be read (fail closed)."""
        return self.confidential or self._flag_unreadable


@dataclass(frozen=True)
class ColumnSpec:
    """A column of a sheet, derived from a model field."""

    key: str
    label: str
    description: str
    kind: Kind
    required: bool
    default: Any
    choices: tuple[str, ...]
    #: The profile list that holds the choices (`support_types`), when the profile owns them.
    choices_from: str | None = None


def columns(row_model: type[BaseModel]) -> list[ColumnSpec]:
    """The columns of a sheet in order, from the row model's fields; confidentiality last."""
    shared = ConfidentialRow.model_fields
    own = [key for key in row_model.model_fields if key not in shared]
    tail = [key for key in row_model.model_fields if key in shared]
    return [_column_spec(key, row_model.model_fields[key]) for key in own + tail]


def _column_spec(key: str, info: FieldInfo) -> ColumnSpec:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    choices = extra.get("x-choices") or ()
    default = None if info.default_factory is not None else info.default
    if isinstance(default, Enum):
        default = default.value
    return ColumnSpec(
        key=key,
        label=info.title or key,
        description=info.description or "",
        kind=Kind(str(extra.get("x-kind", Kind.TEXT.value))),
        required=bool(extra.get("x-required", False)),
        default=default,
        choices=tuple(str(c) for c in choices),  # type: ignore[union-attr]
        choices_from=str(extra["x-choices-from"]) if extra.get("x-choices-from") else None,
    )
