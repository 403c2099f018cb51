"""The program profiles shipped with aiexp, as TOML package data (SPEC §4).

`aiexp.profile` reads and validates them into the profile model.
"""

from __future__ import annotations

from importlib import resources

#: The profile used when none is given.
DEFAULT = "preset-2026"


def shipped() -> list[str]:
    """The ids of the shipped profiles (`preset-2026`, …)."""
    folder = resources.files(__name__)
    return sorted(
        entry.name.removesuffix(".toml")
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


def raw(profile_id: str) -> bytes:
    """The TOML bytes of a shipped profile."""
    return resources.files(__name__).joinpath(f"{profile_id}.toml").read_bytes()
