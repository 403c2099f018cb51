"""Hardening cases for writing: `--out` never replaces what a command read, nor a special file.

Every command that writes (render, diff --out, validate --annotate, init) refuses, in one line
with exit 2, an output that is a file the command read — named or found (bom.csv and rates.csv
beside the workbook, a template of --template-dir, the screening list), through any path or hard
link — something that is not a regular file (a named pipe, a device), even with --force, and a
symbolic link to nothing without --force. Gathered into `cases.CASES` by one line at the end
of `cases.py`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.hardening.cases import OUTPUT, Case, _sample

DATE = "2026-05-01"


def _render(out: str, *extra: str) -> list[str]:
    return ["render", "consortium.xlsx", "--out", out, "--draft", "--date", DATE, *extra]


def _over_bom_beside(folder: Path) -> list[str]:
    _sample(folder)
    return _render("bom.csv", "--force")


def _over_rates_beside(folder: Path) -> list[str]:
    _sample(folder)
    return _render("rates.csv", "--force")


def _over_template(folder: Path) -> list[str]:
    from aiexp.document.templates import shipped_templates

    _sample(folder)
    mine = folder / "my-templates"
    mine.mkdir()
    shutil.copyfile(shipped_templates() / "proposal.md.j2", mine / "proposal.md.j2")
    return _render("my-templates/proposal.md.j2", "--force", "--template-dir", "my-templates")


def _over_hard_link(folder: Path) -> list[str]:
    _sample(folder)
    os.link(folder / "bom.csv", folder / "proposal.docx")
    return _render("proposal.docx", "--force")


def _over_fifo(folder: Path) -> list[str]:
    _sample(folder)
    os.mkfifo(folder / "proposal.docx")
    return _render("proposal.docx", "--force")


def _over_device(folder: Path) -> list[str]:
    _sample(folder)
    return _render(os.devnull, "--force")


def _dangling_link(folder: Path) -> list[str]:
    _sample(folder)
    (folder / "proposal.docx").symlink_to("elsewhere/proposal.docx")
    return _render("proposal.docx")


def _manifest_over_input(folder: Path) -> list[str]:
    _sample(folder)
    shutil.copyfile(folder / "rates.csv", folder / "rates.manifest.json")
    return _render("rates.docx", "--force", "--bom", "rates.manifest.json")


def _over_profile(folder: Path) -> list[str]:
    import aiexp.profiles

    _sample(folder)
    shutil.copyfile(Path(aiexp.profiles.__file__).parent / "preset-2026.toml", folder / "my.toml")
    return _render("my.toml", "--force", "--profile", "my.toml")


def _annotate_over_fifo(folder: Path) -> list[str]:
    _sample(folder)
    os.mkfifo(folder / "checked.xlsx")
    return ["validate", "consortium.xlsx", "--annotate", "checked.xlsx", "--force"]


def _annotate_dangling_link(folder: Path) -> list[str]:
    _sample(folder)
    (folder / "checked.xlsx").symlink_to("elsewhere/checked.xlsx")
    return ["validate", "consortium.xlsx", "--annotate", "checked.xlsx"]


def _diff_over_bom_beside(folder: Path) -> list[str]:
    _sample(folder)
    return ["diff", "consortium.xlsx", "consortium.xlsx", "--out", "bom.csv", "--force"]


def _diff_over_fifo(folder: Path) -> list[str]:
    _sample(folder)
    os.mkfifo(folder / "changes.md")
    return ["diff", "consortium.xlsx", "consortium.xlsx", "--out", "changes.md", "--force"]


def _init_over_fifo(folder: Path) -> list[str]:
    (folder / "new").mkdir()
    os.mkfifo(folder / "new" / "bom.csv")
    return ["init", "new", "--force"]


def _init_dangling_link(folder: Path) -> list[str]:
    (folder / "new").mkdir()
    (folder / "new" / "consortium.xlsx").symlink_to("gone.xlsx")
    return ["init", "new"]


WRITING_CASES: tuple[Case, ...] = (
    Case(
        "render-over-bom-beside",
        OUTPUT,
        "render --out the bom.csv beside the workbook (read, not named), with --force",
        "render",
        _over_bom_beside,
        (2,),
        "input file",
        needs_sample=True,
    ),
    Case(
        "render-over-rates-beside",
        OUTPUT,
        "render --out the rates.csv beside the workbook, with --force",
        "render",
        _over_rates_beside,
        (2,),
        "input file",
        needs_sample=True,
    ),
    Case(
        "render-over-template",
        OUTPUT,
        "render --out a template of --template-dir, with --force",
        "render",
        _over_template,
        (2,),
        "input file",
        needs_sample=True,
    ),
    Case(
        "render-over-hard-link",
        OUTPUT,
        "render --out a hard link to the bom.csv it reads, with --force",
        "render",
        _over_hard_link,
        (2,),
        "input file",
        needs_sample=True,
    ),
    Case(
        "render-manifest-over-input",
        OUTPUT,
        "render whose manifest (FILE.manifest.json) would replace the --bom it reads",
        "render",
        _manifest_over_input,
        (2,),
        "input file",
        needs_sample=True,
    ),
    Case(
        "render-over-fifo",
        OUTPUT,
        "render --out a named pipe, with --force",
        "render",
        _over_fifo,
        (2,),
        "not a regular file",
        needs_sample=True,
    ),
    Case(
        "render-over-device",
        OUTPUT,
        "render --out a device (/dev/null), with --force",
        "render",
        _over_device,
        (2,),
        "not a regular file",
        needs_sample=True,
    ),
    Case(
        "render-dangling-link",
        OUTPUT,
        "render --out a symbolic link to a file that does not exist (no --force)",
        "render",
        _dangling_link,
        (2,),
        "symbolic link",
        needs_sample=True,
    ),
    Case(
        "render-over-profile",
        OUTPUT,
        "render --out the --profile FILE it reads, with --force",
        "render",
        _over_profile,
        (2,),
        "input file",
        needs_sample=True,
    ),
    Case(
        "annotate-over-fifo",
        OUTPUT,
        "validate --annotate a named pipe, with --force",
        "validate",
        _annotate_over_fifo,
        (2,),
        "not a regular file",
        needs_sample=True,
    ),
    Case(
        "annotate-dangling-link",
        OUTPUT,
        "validate --annotate a symbolic link to a file that does not exist (no --force)",
        "validate",
        _annotate_dangling_link,
        (2,),
        "symbolic link",
        needs_sample=True,
    ),
    Case(
        "diff-over-bom-beside",
        OUTPUT,
        "diff --out the bom.csv beside a workbook it compares, with --force",
        "diff",
        _diff_over_bom_beside,
        (2,),
        "input file",
        needs_sample=True,
    ),
    Case(
        "diff-over-fifo",
        OUTPUT,
        "diff --out a named pipe, with --force",
        "diff",
        _diff_over_fifo,
        (2,),
        "not a regular file",
        needs_sample=True,
    ),
    Case(
        "init-over-fifo",
        OUTPUT,
        "init --force into a folder whose bom.csv is a named pipe",
        "init",
        _init_over_fifo,
        (2,),
        "not a regular file",
    ),
    Case(
        "init-dangling-link",
        OUTPUT,
        "init into a folder whose consortium.xlsx is a link to nothing (no --force)",
        "init",
        _init_dangling_link,
        (2,),
        "symbolic link",
    ),
)
