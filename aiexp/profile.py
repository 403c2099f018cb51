"""The program profile (SPEC §4): the notice's figures as versioned TOML package data."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from aiexp import profiles
from aiexp.errors import ProfileError
from aiexp.files import regular_file
from aiexp.values import normalise_header, normalise_name

DEFAULT_PROFILE = profiles.DEFAULT
# The profile's lists that workbook columns take their choices from (`column(choices_from=…)`).
_CHOICE_LISTS = frozenset({"support_types"})


class Window(BaseModel):
    """The filing window, in the notice's own time zone."""

    model_config = ConfigDict(frozen=True)

    opens: dt.datetime
    closes: dt.datetime
    timezone: str

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    def opens_at(self) -> dt.datetime:
        """The opening instant, time-zone aware."""
        return self.opens.replace(tzinfo=ZoneInfo(self.timezone))

    def closes_at(self) -> dt.datetime:
        """The closing instant, time-zone aware."""
        return self.closes.replace(tzinfo=ZoneInfo(self.timezone))

    def contains(self, moment: dt.datetime) -> bool:
        """True when `moment` (aware) falls inside the window, to the minute."""
        return self.opens_at() <= moment <= self.closes_at()


class Thresholds(BaseModel):
    """Figures the rules compare against, exact decimals in percent points."""

    model_config = ConfigDict(frozen=True)

    hardware_us_content_pct: Decimal
    model_owner_us_ownership_min_pct: Decimal
    model_owner_coc_max_pct: Decimal
    model_owner_coc_error_pct: Decimal
    coc_majority_pct: Decimal
    #: How far (percent of the BOM total) the Providers sheet's Layer 1 values, or the summary
    #: figures, may differ from the BOM total before the proposal states two valuations. A
    #: profile written before it existed gets 1, the shipped value.
    valuation_tolerance_pct: Decimal = Decimal(1)


class CountryOfConcern(BaseModel):
    """A country of concern, with the law it comes from and, if any, the condition of its listing.

    A `condition` (Venezuela: "under the regime of Nicolás Maduro Moros") means the country is
    listed only while it holds: a link through it alone is for counsel to confirm
    (`coc.conditional`), not an error.
    """

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    source: str
    condition: str | None = None


class Bloc(BaseModel):
    """A regional bloc a target market may name, with its member countries.

    A market is read as a country first (SPEC §2), so a bloc id or alias that is also a country's
    code or name (`AU` is Australia) could never be reached: the shipped profile has none, and a
    test keeps it so.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    aliases: list[str] = []
    source: str
    members: list[str]


class Profile(BaseModel):
    """A program profile: docket, window, thresholds, countries of concern, blocs (SPEC §4)."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    program: str
    docket: str
    citation: str
    agency: str
    coc_citation: str
    window: Window
    thresholds: Thresholds
    countries_of_concern: list[CountryOfConcern]
    layers: dict[int, str]
    top_two_layers: list[int]
    support_types: list[str]
    required_narratives: list[str]
    blocs: list[Bloc] = []

    @model_validator(mode="after")
    def _check(self) -> Profile:
        if sorted(self.layers) != [1, 2, 3, 4, 5]:
            raise ValueError("layers must name layers 1 to 5")
        if not set(self.top_two_layers) <= set(self.layers):
            raise ValueError("top_two_layers must be layers of `layers`")
        for code in [c.code for c in self.countries_of_concern] + [
            m for b in self.blocs for m in b.members
        ]:
            if len(code) != 2 or not code.isupper():
                raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 code")
        return self

    @property
    def coc_codes(self) -> frozenset[str]:
        """Alpha-2 codes of the countries of concern (conditional ones included)."""
        return frozenset(c.code for c in self.countries_of_concern)

    @property
    def conditional_coc_codes(self) -> frozenset[str]:
        """Alpha-2 codes of the countries of concern listed only under a condition (Venezuela)."""
        return frozenset(c.code for c in self.countries_of_concern if c.condition)

    def country_of_concern(self, code: str | None) -> CountryOfConcern | None:
        """The country-of-concern entry for an alpha-2 code, if it is one."""
        return next((c for c in self.countries_of_concern if c.code == code), None)

    def choice_list(self, name: str) -> tuple[str, ...]:
        """A list of choices the profile owns for a workbook column (`support_types`)."""
        if name not in _CHOICE_LISTS:
            raise KeyError(f"the profile has no choice list {name!r}")
        return tuple(getattr(self, name))

    def choice(self, name: str, text: str | None) -> str | None:
        """The profile's own spelling of a choice (case, spaces, `_` and `-` ignored); None when
        the text is not one of them."""
        if not text:
            return None
        wanted = normalise_header(text)
        return next((c for c in self.choice_list(name) if normalise_header(c) == wanted), None)

    def bloc(self, name: str) -> Bloc | None:
        """The bloc a market name refers to (id or alias, case and spaces ignored)."""
        key = normalise_name(name)
        for bloc in self.blocs:
            if key == normalise_name(bloc.id) or key in {normalise_name(a) for a in bloc.aliases}:
                return bloc
        return None


def shipped_profiles() -> list[str]:
    """The ids of the profiles shipped with aiexp (`preset-2026`, …)."""
    return profiles.shipped()


def load_profile(ref: Path | str | None = None) -> Profile:
    """A profile by shipped id (`preset-2026`) or TOML file path; `None` is the default profile.

    A path that exists is read as a file, even if its name is also a shipped id.
    """
    if ref is None:
        return _shipped(DEFAULT_PROFILE)
    path = Path(ref)
    if not path.exists() and isinstance(ref, str) and ref in shipped_profiles():
        return _shipped(ref)
    if not path.exists():
        raise ProfileError(
            f"{ref}: no such profile; give a shipped profile id "
            f"({', '.join(shipped_profiles())}) or a profile TOML file"
        )
    regular_file(path, ProfileError, noun="a profile TOML file", advice="give a TOML file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read the profile ({exc.strerror or exc})") from None
    return _parse(raw, str(path))


@lru_cache(maxsize=8)
def _shipped(profile_id: str) -> Profile:
    return _parse(profiles.raw(profile_id), f"{profile_id}.toml")


def _parse(raw: bytes, name: str) -> Profile:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{name}: not a valid TOML profile ({exc})") from None
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ProfileError(f"{name}: {where}: {first['msg']}") from None
