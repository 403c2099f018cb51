"""The files a command read, each with its sha256: what a manifest records (SPEC §6).

`check_sources` names the workbook, the BOM file, the rates files and the screening list a check
used; `render_sources` adds the template files and the reference document of a render. The
manifest beside a rendered proposal lists them, so a reviewer can tell exactly what it was built
from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiexp.check import CheckResult

_CHUNK = 1 << 20


@dataclass(frozen=True)
class SourceFile:
    """A file a command read: its role (workbook, bom, rates, template, …), path and sha256."""

    role: str
    path: Path
    sha256: str

    def to_json_dict(self) -> dict[str, str]:
        """`{role, path, sha256}` for a manifest."""
        return {"role": self.role, "path": str(self.path), "sha256": self.sha256}


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, read in chunks (a BOM may be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def source(role: str, path: Path) -> SourceFile:
    """A file read in a role, hashed now."""
    return SourceFile(role, path, file_sha256(path))


def check_sources(check: CheckResult, workbook: Path) -> list[SourceFile]:
    """The workbook, the BOM file, the rates files and the screening list a check used.

    The workbook's and the list's hashes are of the bytes their readers read; the BOM and rates
    files are hashed now (they are streamed, and read again only to confirm a repeated id).
    """
    entries = [SourceFile("workbook", workbook, check.workbook.sha256 or file_sha256(workbook))]
    if check.bom is not None:
        entries.append(source("bom", check.bom))
    entries.extend(source("rates", path) for path in check.rates_files)
    if check.screening is not None:
        # The hash of the bytes the screening read, not of the file as it may be now.
        listed = check.screening.screening_list
        entries.append(SourceFile("screening_list", listed.path, listed.sha256))
    return entries


def check_paths(check: CheckResult, workbook: Path) -> list[Path]:
    """The paths of the files a check read (workbook, BOM, rates, screening list), unhashed."""
    bom = [check.bom] if check.bom is not None else []
    listed = [check.screening.screening_list.path] if check.screening is not None else []
    return [workbook, *bom, *check.rates_files, *listed]


def render_sources(template_dir: Path | None, reference_docx: Path | None) -> Sequence[SourceFile]:
    """The template files and the reference document a render used."""
    entries: list[SourceFile] = []
    if template_dir is not None:
        files = sorted(p for p in template_dir.rglob("*") if p.is_file())
        entries.extend(source("template", path) for path in files)
    if reference_docx is not None:
        entries.append(source("reference_docx", reference_docx))
    return entries
