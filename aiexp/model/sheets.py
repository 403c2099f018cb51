"""The workbook as a whole: the sheets in order, and the `Consortium` that holds them all."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from aiexp.model.ai_models import AIModel
from aiexp.model.base import Row, columns
from aiexp.model.bom import BomLine, Rate
from aiexp.model.enums import NarrativeSection, Role
from aiexp.model.export_control import ExportControlItem
from aiexp.model.info import ConsortiumInfo
from aiexp.model.markets import Market
from aiexp.model.members import Member
from aiexp.model.narratives import Narrative
from aiexp.model.operations import FederalSupport, Operation
from aiexp.model.providers import LayerOffering, Provider
from aiexp.model.security import SecurityMeasure
from aiexp.values import normalise_name


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of the workbook: its name, the model of its rows and what it is for."""

    name: str
    attribute: str
    row_model: type[Row]
    required: bool
    purpose: str

    @property
    def key(self) -> str:
        """The sheet's key column: its first column (or `field` for the Consortium sheet)."""
        if self.row_model is ConsortiumInfo:
            return "field"
        return columns(self.row_model)[0].key


SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        "Consortium",
        "info",
        ConsortiumInfo,
        True,
        "The consortium, the anchor member and the contact: one field per row (VI.1).",
    ),
    SheetSpec(
        "Narratives",
        "narratives",
        Narrative,
        True,
        "The proposal's narrative sections, one row each (VI.2, VI.4, VI.6, VI.8).",
    ),
    SheetSpec(
        "Members",
        "members",
        Member,
        True,
        "Every consortium member: role, layers, ownership and control (II, IV, VI.1).",
    ),
    SheetSpec(
        "Providers",
        "providers",
        Provider,
        True,
        "The products and services of each layer by value, members and non-members "
        "(II, IV.D, VI.2).",
    ),
    SheetSpec(
        "Layers",
        "layers",
        LayerOffering,
        True,
        "What the package offers in each of the five layers (III, VI.2).",
    ),
    SheetSpec(
        "Models",
        "models",
        AIModel,
        True,
        "Every AI model and system, its IP owner and developer (IV.C).",
    ),
    SheetSpec(
        "Security",
        "security",
        SecurityMeasure,
        True,
        "The privacy and security measures and the standards they align to (IV.B, VI.2).",
    ),
    SheetSpec(
        "Markets",
        "markets",
        Market,
        True,
        "Target markets, foreign competition and national interest (V, VI.3).",
    ),
    SheetSpec(
        "Operations",
        "operations",
        Operation,
        True,
        "Who builds, owns, operates, delivers and supports the package (VI.4).",
    ),
    SheetSpec(
        "FederalSupport",
        "federal_support",
        FederalSupport,
        True,
        "The types of Federal support requested (VI.5).",
    ),
    SheetSpec(
        "ExportControl",
        "export_control",
        ExportControlItem,
        True,
        "Items, destinations, end uses and features that may implicate export controls (VI.8).",
    ),
    SheetSpec(
        "BOM",
        "bom",
        BomLine,
        False,
        "Optional: the Layer 1 bill of materials, the same columns as bom.csv (IV.A).",
    ),
    SheetSpec(
        "Rates",
        "rates",
        Rate,
        False,
        "Optional: exchange rates for BOM and Providers values not in USD.",
    ),
)


def sheet(name: str) -> SheetSpec:
    """The spec of a sheet by its canonical name."""
    return next(s for s in SHEETS if s.name == name)


class Consortium(BaseModel):
    """The whole input: every sheet of the consortium workbook."""

    model_config = ConfigDict(extra="forbid")

    _member_index: tuple[tuple[int, int], dict[str, Member]] | None = PrivateAttr(default=None)
    _provider_index: tuple[tuple[int, int], dict[str, list[Provider]]] | None = PrivateAttr(
        default=None
    )

    info: ConsortiumInfo = Field(default_factory=ConsortiumInfo, title="Consortium")
    narratives: list[Narrative] = Field(default_factory=list, title="Narratives")
    members: list[Member] = Field(default_factory=list, title="Members")
    providers: list[Provider] = Field(default_factory=list, title="Providers")
    layers: list[LayerOffering] = Field(default_factory=list, title="Layers")
    models: list[AIModel] = Field(default_factory=list, title="Models")
    security: list[SecurityMeasure] = Field(default_factory=list, title="Security")
    markets: list[Market] = Field(default_factory=list, title="Markets")
    operations: list[Operation] = Field(default_factory=list, title="Operations")
    federal_support: list[FederalSupport] = Field(default_factory=list, title="FederalSupport")
    export_control: list[ExportControlItem] = Field(default_factory=list, title="ExportControl")
    bom: list[BomLine] = Field(default_factory=list, title="BOM")
    rates: list[Rate] = Field(default_factory=list, title="Rates")

    def narrative(self, section: NarrativeSection | str) -> Narrative | None:
        """The first non-blank narrative of a section, if any."""
        for narrative in self.narratives:
            if narrative.section == section and narrative.text and narrative.text.strip():
                return narrative
        return None

    def anchor(self) -> Member | None:
        """The member named as `anchor_member`, else the only member with role anchor."""
        named = self.member(self.info.anchor_member)
        if named is not None:
            return named
        anchors = [m for m in self.members if m.role is Role.ANCHOR]
        return anchors[0] if len(anchors) == 1 else None

    def member(self, name: str | None) -> Member | None:
        """The member with this name (case and spaces ignored); the first of two such rows."""
        if not name:
            return None
        return self.members_by_name().get(normalise_name(name))

    def members_by_name(self) -> dict[str, Member]:
        """The members by normalised name (the first row of a repeated name), built once.

        Rules look members up once per provider, model and operation: a scan per lookup would be
        quadratic (1,000 members x 5,000 providers). The index is rebuilt when the members list is
        replaced or grows or shrinks; rows are not renamed in place after reading.
        """
        key = (id(self.members), len(self.members))
        if self._member_index is None or self._member_index[0] != key:
            index: dict[str, Member] = {}
            for member in self.members:
                if member.name:
                    index.setdefault(normalise_name(member.name), member)
            self._member_index = (key, index)
        return self._member_index[1]

    def providers_by_name(self) -> dict[str, list[Provider]]:
        """The Providers rows by normalised provider name, in sheet order, built once (as
        `members_by_name`: a member's own rows are looked up once per member)."""
        key = (id(self.providers), len(self.providers))
        if self._provider_index is None or self._provider_index[0] != key:
            index: dict[str, list[Provider]] = {}
            for provider in self.providers:
                if provider.provider:
                    index.setdefault(normalise_name(provider.provider), []).append(provider)
            self._provider_index = (key, index)
        return self._provider_index[1]
