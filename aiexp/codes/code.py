"""A finding code and what its findings mean: `Code`, `Status`, `BySheet` (see `aiexp.codes`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from aiexp.findings import Severity
from aiexp.values import number_text

if TYPE_CHECKING:
    from aiexp.profile import Profile

ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
#: The requirement or item follows from where the finding points (its sheet, or its narrative).
BY_LOCATION = "by-location"
#: The requirement follows from the narrative the finding is about (each requirement lists its
#: narratives; Appendix A reads whether they are given).
BY_NARRATIVE = "by-narrative"
#: Deliberately no item of the completeness review (listed under "other").
NO_ITEM = "none"


@dataclass(frozen=True)
class BySheet:
    """Requirements that depend on the sheet a finding points at (the kind of entity it is
    about: a member, a provider, a model)."""

    sheets: tuple[tuple[str, tuple[str, ...]], ...]

    def for_sheet(self, sheet: str | None) -> tuple[str, ...]:
        """The requirements of a finding on this sheet (names compared ignoring case)."""
        key = (sheet or "").casefold().replace(" ", "")
        return next((ids for name, ids in self.sheets if name == key), ())

    @property
    def every(self) -> tuple[str, ...]:
        """Every requirement it may name."""
        return tuple(dict.fromkeys(r for _, ids in self.sheets for r in ids))


class Status(StrEnum):
    """A requirement's status in Appendix A (SPEC §6), from its own test and its findings."""

    MET = "Met"
    NOT_MET = "Not met"
    #: IV.A: the hardware U.S. content is below the threshold — not disqualifying by itself (IX).
    BELOW_THRESHOLD = "Below threshold — presumption not met"
    #: A fact the requirement needs is unknown (a blank cell is never "no").
    NOT_STATED = "Not stated"
    #: The facts are stated, but whether they meet the requirement is for counsel to confirm (a
    #: small country-of-concern interest under IV.C(1); a conditionally listed country).
    TO_CONFIRM = "To be confirmed"
    NOT_APPLICABLE = "Not applicable"


#: The worst status first: a requirement takes the first of these that any finding gives it.
STATUS_ORDER = (Status.NOT_MET, Status.NOT_STATED, Status.TO_CONFIRM, Status.BELOW_THRESHOLD)


@dataclass(frozen=True)
class Code:
    """A finding code: severity, notice section, what it checks, the fix, where it belongs."""

    code: str
    severity: Severity
    section: str | None
    module: str
    title: str
    fix: str
    requirements: tuple[str, ...] | BySheet | str
    item: str
    #: What one of its findings means for its requirements; None: an error is "Not met", a
    #: warning or info changes nothing.
    status: Status | None = None

    def status_of(self, severity: Severity) -> Status | None:
        """The status a finding of this code (with this severity) gives its requirements."""
        if self.status is not None:
            return self.status
        return Status.NOT_MET if severity is Severity.ERROR else None

    @property
    def reader(self) -> bool:
        """True for the `input.*` codes that the readers raise."""
        return self.module == "reader"

    def title_for(self, profile: Profile) -> str:
        """The title with the profile's figures filled in."""
        return self.title.format_map(profile_words(profile))

    def fix_for(self, profile: Profile) -> str:
        """The fix with the profile's figures filled in."""
        return self.fix.format_map(profile_words(profile))


def profile_words(profile: Profile) -> dict[str, str]:
    """The profile's figures by name, for `{placeholders}` in titles, fixes and hints."""
    thresholds = profile.thresholds
    return {name: number_text(getattr(thresholds, name)) for name in type(thresholds).model_fields}
