"""Hardening cases for `validate --annotate OUT.xlsx`: where the copy may not go, what it drops.

Gathered into `cases.CASES` by one line at the end of `cases.py`: import them from there, not
from here (this module imports `cases`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.hardening.cases import OUTPUT, Case, _sample
from tests.workbook_edit import REPO


def _annotate(*extra: str) -> list[str]:
    return ["validate", "consortium.xlsx", "--date", "2026-06-15", "--json", *extra]


def _over_input(folder: Path) -> list[str]:
    _sample(folder)
    return _annotate("--annotate", "consortium.xlsx", "--force")


def _over_bom(folder: Path) -> list[str]:
    _sample(folder)
    shutil.copyfile(folder / "consortium.xlsx", folder / "bom.xlsx")
    return _annotate("--bom", "bom.xlsx", "--annotate", "bom.xlsx", "--force")


def _not_xlsx(folder: Path) -> list[str]:
    _sample(folder)
    return _annotate("--annotate", "checked.csv")


def _existing(folder: Path) -> list[str]:
    _sample(folder)
    (folder / "checked.xlsx").write_bytes(b"last week's copy")
    return _annotate("--annotate", "checked.xlsx")


def _missing_folder(folder: Path) -> list[str]:
    _sample(folder)
    return _annotate("--annotate", "nowhere/checked.xlsx")


def _folder(folder: Path) -> list[str]:
    _sample(folder)
    (folder / "checked.xlsx").mkdir()
    return _annotate("--annotate", "checked.xlsx")


def _macros(folder: Path) -> list[str]:
    shutil.copyfile(REPO / "tests" / "fixtures" / "corpus" / "vba.xlsm", folder / "book.xlsm")
    return ["validate", "book.xlsm", "--date", "2026-06-15", "--json", "--annotate", "checked.xlsx"]


ANNOTATE_CASES: tuple[Case, ...] = (
    Case(
        "annotate-over-input",
        OUTPUT,
        "`--annotate` names the workbook itself (even with --force)",
        "validate",
        _over_input,
        (2,),
        "is an input file; choose another output name",
        needs_sample=True,
    ),
    Case(
        "annotate-over-bom",
        OUTPUT,
        "`--annotate` names the --bom workbook that is read",
        "validate",
        _over_bom,
        (2,),
        "is an input file; choose another output name",
        needs_sample=True,
    ),
    Case(
        "annotate-not-xlsx",
        OUTPUT,
        "`--annotate checked.csv`: the copy is a workbook",
        "validate",
        _not_xlsx,
        (2,),
        "give a name ending in .xlsx",
        needs_sample=True,
    ),
    Case(
        "annotate-existing",
        OUTPUT,
        "`--annotate` names an existing file, without --force",
        "validate",
        _existing,
        (2,),
        "already exists; pass --force to overwrite it",
        needs_sample=True,
    ),
    Case(
        "annotate-missing-folder",
        OUTPUT,
        "`--annotate` into a folder that does not exist",
        "validate",
        _missing_folder,
        (2,),
        "does not exist; create it first",
        needs_sample=True,
    ),
    Case(
        "annotate-folder",
        OUTPUT,
        "`--annotate` names a folder",
        "validate",
        _folder,
        (2,),
        "is a folder; give a file name",
        needs_sample=True,
    ),
    Case(
        "annotate-macros",
        OUTPUT,
        "a macro workbook (.xlsm) annotated: the copy is written without the macros; a second "
        "stderr line warns `the annotated copy lacks … 1 macro project`",
        "validate",
        _macros,
        (1,),
        outputs=("checked.xlsx",),
    ),
)
