"""The consortium workbook as pydantic models: the single source of truth (SPEC §2).

Every sheet is a model of one row; every column is a field whose title is the label the template
writes, whose description is the header comment, and whose `x-kind` tells the reader which value
rule parses it. The reader, `aiexp init`, `aiexp schema` and docs/workbook.md all derive from here.

Required columns are typed optional in Python so that a workbook with gaps still loads and every
rule can run; a blank required cell is an `input.required` finding raised by the reader, and the
JSON Schema lists the column as required.

The modules, read in this order: `base` (a column, a row, the column specs), `enums` (the choices
a column accepts), one module per sheet or pair of sheets (`info`, `narratives`, `members`,
`providers`, `ai_models`, `security`, `markets`, `operations`, `export_control`, `bom`), and
`sheets` (the sheets in workbook order and the `Consortium` holding them). Import from
`aiexp.model`; the modules are where the names live, not how callers reach them.
"""

from __future__ import annotations

from aiexp.model.ai_models import AIModel
from aiexp.model.base import ColumnSpec, ConfidentialRow, Kind, Row, column, columns
from aiexp.model.bom import BomLine, Rate
from aiexp.model.enums import (
    Baseline,
    BomKind,
    ConfidentialBasis,
    Framework,
    Jurisdiction,
    NarrativeSection,
    OperationFunction,
    ProviderType,
    Role,
    SupportFunction,
)
from aiexp.model.export_control import ExportControlItem
from aiexp.model.info import ConsortiumInfo
from aiexp.model.markets import Market
from aiexp.model.members import Member
from aiexp.model.narratives import Narrative
from aiexp.model.operations import FederalSupport, Operation
from aiexp.model.providers import LayerOffering, Provider
from aiexp.model.security import SecurityMeasure
from aiexp.model.sheets import SHEETS, Consortium, SheetSpec, sheet

__all__ = [
    "SHEETS",
    "AIModel",
    "Baseline",
    "BomKind",
    "BomLine",
    "ColumnSpec",
    "ConfidentialBasis",
    "ConfidentialRow",
    "Consortium",
    "ConsortiumInfo",
    "ExportControlItem",
    "FederalSupport",
    "Framework",
    "Jurisdiction",
    "Kind",
    "LayerOffering",
    "Market",
    "Member",
    "Narrative",
    "NarrativeSection",
    "Operation",
    "OperationFunction",
    "Provider",
    "ProviderType",
    "Rate",
    "Role",
    "Row",
    "SecurityMeasure",
    "SheetSpec",
    "SupportFunction",
    "column",
    "columns",
    "sheet",
]
