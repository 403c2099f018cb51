"""The bad-input catalogue: one table of cases that drives the tests and writes docs/bad-inputs.md.

Each case writes its inputs into a fresh folder and returns the command line (paths relative to
that folder, as a user types them). `run_case` runs it through the real `main()` and records what
the user sees: the stderr line (exit 2), or the first error finding (exit 1), and the exit code.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.hardening import bad_files
from tests.hardening.runner import Run, digests, run_main
from tests.workbook_edit import SAMPLE_WORKBOOK, append_row, copy_sample, set_cells

PLACEHOLDER = "<tmp>"
QUIET = "(nothing on stderr: read as usual)"


@dataclass(frozen=True)
class Case:
    """One bad input: how to build it, which command it goes to, and the exit codes allowed."""

    name: str
    group: str
    what: str
    command: str
    build: Callable[[Path], list[str]]
    exits: tuple[int, ...]
    expect: str = ""  # text the stderr line (exit 2) or a finding code (exit 1) must contain
    needs_sample: bool = False
    outputs: tuple[str, ...] = ()  # files the run may write (relative to the folder)
    # How the case runs (args, cwd=folder): the real main() in-process unless a case needs a
    # process of its own (a closed stdout, a signal).
    runner: Callable[..., Run] = run_main


@dataclass
class Outcome:
    """What running a case showed, with the inputs' digests before and after."""

    case: Case
    args: list[str]
    run: Run
    seen: str
    before: dict[str, str] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)


def _sample(folder: Path) -> Path:
    return copy_sample(folder, with_bom=True)


# -- workbooks ------------------------------------------------------------------------------
def _validate(*paths: str) -> list[str]:
    return ["validate", *paths, "--json"]


def _missing(folder: Path) -> list[str]:
    return _validate("consortium.xlsx")


def _empty(folder: Path) -> list[str]:
    bad_files.empty(folder)
    return _validate("empty.xlsx")


def _folder(folder: Path) -> list[str]:
    (folder / "proposal.xlsx").mkdir()
    return _validate("proposal.xlsx")


def _text(folder: Path) -> list[str]:
    bad_files.text_as_xlsx(folder)
    return _validate("members.xlsx")


def _truncated(folder: Path) -> list[str]:
    bad_files.truncated(folder, bad_files.small_workbook(folder / "whole.xlsx"))
    (folder / "whole.xlsx").unlink()
    return _validate("truncated.xlsx")


def _xls(folder: Path) -> list[str]:
    bad_files.fixture_copy(folder, "corpus/date.xls")
    return _validate("date.xls")


def _xls_named_xlsx(folder: Path) -> list[str]:
    bad_files.fixture_copy(folder, "corpus/date.xls", "renamed.xlsx")
    return _validate("renamed.xlsx")


def _password(folder: Path) -> list[str]:
    bad_files.fixture_copy(folder, "corpus/pass_protected.xlsx")
    return _validate("pass_protected.xlsx")


def _ods(folder: Path) -> list[str]:
    bad_files.fixture_copy(folder, "corpus/any_sheets.ods")
    return _validate("any_sheets.ods")


def _xlsm(folder: Path) -> list[str]:
    bad_files.fixture_copy(folder, "corpus/vba.xlsm")
    return _validate("vba.xlsm")


def _xlsm_consortium(folder: Path) -> list[str]:
    _sample(folder).rename(folder / "consortium.xlsm")
    return _validate("consortium.xlsm", "--bom", "bom.csv")


def _prefixed(folder: Path) -> list[str]:
    bad_files.prefixed_xml(_sample(folder))
    return _validate("consortium.xlsx")


def _corpus_prefix(folder: Path) -> list[str]:
    bad_files.fixture_copy(folder, "corpus/nonstandard-xml-ns-prefix.xlsx")
    return _validate("nonstandard-xml-ns-prefix.xlsx")


def _formula(folder: Path) -> list[str]:
    path = _sample(folder)
    set_cells(path, "Members", {"role": "anchor"}, {"coc_ownership_pct": "=0*1"})
    return _validate("consortium.xlsx")


def _laughs(folder: Path) -> list[str]:
    bad_files.billion_laughs(folder)
    return _validate("laughs.xlsx")


def _xxe(folder: Path) -> list[str]:
    bad_files.external_entity(folder)
    return _validate("xxe.xlsx")


def _bomb(folder: Path) -> list[str]:
    bad_files.declared_zip_bomb(folder)
    return _validate("bomb.xlsx")


def _merged(folder: Path) -> list[str]:
    from openpyxl import load_workbook

    path = _sample(folder)
    book = load_workbook(path)
    ws = book["Members"]
    header = next(
        row
        for row in range(1, 11)
        if str(ws.cell(row, 1).value or "").strip().casefold() in {"name", "member"}
    )
    ws.merge_cells(start_row=header + 1, start_column=1, end_row=header + 2, end_column=1)
    book.save(path)
    return _validate("consortium.xlsx")


def _hidden(folder: Path) -> list[str]:
    from openpyxl import load_workbook

    path = _sample(folder)
    book = load_workbook(path)
    for ws in book.worksheets:
        if ws.title.casefold() in {"markets", "security"}:
            ws.sheet_state = "hidden"
    book.save(path)
    return _validate("consortium.xlsx")


def _title_rows(folder: Path) -> list[str]:
    from openpyxl import load_workbook

    path = _sample(folder)
    book = load_workbook(path)
    ws = book["Members"]
    ws.insert_rows(1, 3)
    ws["A1"] = "Consortium members (fill in one row per member)"
    book.save(path)
    return _validate("consortium.xlsx")


def _blank_rows_columns(folder: Path) -> list[str]:
    from openpyxl import load_workbook

    path = _sample(folder)
    book = load_workbook(path)
    ws = book["Members"]
    for row in (ws.max_row, 3):
        ws.insert_rows(row, 2)
    ws.cell(ws.max_row + 5, 1).value = None
    book.save(path)
    return _validate("consortium.xlsx")


def _wrong_types(folder: Path) -> list[str]:
    path = _sample(folder)
    append_row(
        path,
        "Members",
        {
            "name": "Wrong Types Ltd",
            "role": "supplier",
            "layers": "six",
            "country_of_incorporation": "Atlantis",
            "principal_place_of_business": 42,
            "coc_ownership_pct": "150%",
            "coc_controlled": "maybe",
            "us_ownership_pct": -3,
            "description": "#REF!",
        },
    )
    return _validate("consortium.xlsx")


def _long_cell(folder: Path) -> list[str]:
    path = _sample(folder)
    set_cells(path, "Members", {"role": "anchor"}, {"description": "A" * 32_767})
    return _validate("consortium.xlsx")


def _scripts(folder: Path) -> list[str]:
    path = _sample(folder)
    append_row(
        path,
        "Providers",
        {
            "layer": 5,
            "provider": "شركة الخليج للتقنية 株式会社テスト Ελληνική",
            "provider_type": "local_partner",
            "country": "AE",
            "value": 1,
            "description": "النشر المحلي ‏(right-to-left)‏ 本地部署",
        },
    )
    return _validate("consortium.xlsx")


# -- bills of materials ---------------------------------------------------------------------
BOM_HEADER = "line_id,description,supplier,supplier_country,unit_value,us_content_pct\n"
BOM_LINES = "L1,GPU server,Acme,US,1000,60\nL2,Switch,Acme,US,500,40\n"


def _bom(name: str, text: str, encoding: str = "utf-8") -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        (folder / name).write_bytes(text.encode(encoding))
        return ["content-calc", name, "--json"]

    return build


def _bom_missing(folder: Path) -> list[str]:
    return ["content-calc", "bom.csv", "--json"]


# -- outputs --------------------------------------------------------------------------------
def _out_missing_folder(folder: Path) -> list[str]:
    return ["diff", *_two_workbooks(folder), "--out", "nowhere/changes.md"]


def _out_folder(folder: Path) -> list[str]:
    (folder / "changes.md").mkdir()
    return ["diff", *_two_workbooks(folder), "--out", "changes.md"]


def _out_existing(folder: Path) -> list[str]:
    (folder / "changes.md").write_text("keep me\n", encoding="utf-8")
    return ["diff", *_two_workbooks(folder), "--out", "changes.md"]


def _out_read_only(folder: Path) -> list[str]:
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    return ["diff", *_two_workbooks(folder), "--out", "locked/changes.md"]


def _out_under_file(folder: Path) -> list[str]:
    (folder / "notes.txt").write_text("a file, not a folder\n", encoding="utf-8")
    return ["diff", *_two_workbooks(folder), "--out", "notes.txt/changes.md"]


def _out_input(folder: Path) -> list[str]:
    return ["diff", *_two_workbooks(folder), "--out", "new.xlsx", "--force"]


def _two_workbooks(folder: Path) -> list[str]:
    shutil.copyfile(SAMPLE_WORKBOOK, folder / "old.xlsx")
    shutil.copyfile(SAMPLE_WORKBOOK, folder / "new.xlsx")
    return ["old.xlsx", "new.xlsx"]


def _render_missing_folder(folder: Path) -> list[str]:
    _sample(folder)
    return ["render", "consortium.xlsx", "--out", "nowhere/proposal.docx", "--draft"]


def _render_existing(folder: Path) -> list[str]:
    _sample(folder)
    (folder / "proposal.docx").write_bytes(b"an earlier draft")
    return ["render", "consortium.xlsx", "--out", "proposal.docx", "--draft"]


def _render_over_input(folder: Path) -> list[str]:
    _sample(folder)
    return ["render", "consortium.xlsx", "--out", "consortium.xlsx", "--force", "--draft"]


def _checklist_password(folder: Path) -> list[str]:
    bad_files.fixture_copy(folder, "corpus/pass_protected.xlsx")
    return ["checklist", "pass_protected.xlsx", "--json"]


def _checklist_laughs(folder: Path) -> list[str]:
    bad_files.billion_laughs(folder)
    return ["checklist", "laughs.xlsx", "--json"]


def _bad_option(folder: Path) -> list[str]:
    return ["validate", "--no-such-option"]


WORKBOOK, BOM, OUTPUT = "workbook", "bill of materials", "output and options"
# A read-only folder is no obstacle to root, so it is tested apart (test_output.py), not here.
READ_ONLY = Case(
    "out-read-only",
    "output and options",
    "--out into a read-only folder",
    "diff",
    _out_read_only,
    (2,),
    "writable",
)
CASES: tuple[Case, ...] = (
    Case(
        "missing-file",
        WORKBOOK,
        "the workbook does not exist",
        "validate",
        _missing,
        (2,),
        "no such",
    ),
    Case("empty-file", WORKBOOK, "a zero-byte .xlsx", "validate", _empty, (2,), "empty"),
    Case("folder", WORKBOOK, "a folder named like a workbook", "validate", _folder, (2,), "folder"),
    Case("text-as-xlsx", WORKBOOK, "a CSV export saved as .xlsx", "validate", _text, (2,), "zip"),
    Case(
        "truncated", WORKBOOK, "an .xlsx cut short (half downloaded)", "validate", _truncated, (2,)
    ),
    Case("old-xls", WORKBOOK, "an old binary Excel .xls", "validate", _xls, (2,), ".xls"),
    Case("xls-renamed", WORKBOOK, "an .xls renamed to .xlsx", "validate", _xls_named_xlsx, (2,)),
    Case(
        "password",
        WORKBOOK,
        "a password-protected workbook",
        "validate",
        _password,
        (2,),
        "password",
    ),
    Case("ods", WORKBOOK, "a LibreOffice .ods spreadsheet", "validate", _ods, (2,), "OpenDocument"),
    Case(
        "xlsm-foreign",
        WORKBOOK,
        "an .xlsm with VBA macros (not a consortium workbook)",
        "validate",
        _xlsm,
        (1,),
        "input.sheet-missing",
    ),
    Case(
        "xlsm-consortium",
        WORKBOOK,
        "the sample saved as .xlsm (read; macros never run)",
        "validate",
        _xlsm_consortium,
        (0, 1),
        needs_sample=True,
    ),
    Case(
        "xml-prefixes",
        WORKBOOK,
        "SpreadsheetML with namespace prefixes (as LibreOffice and other writers emit)",
        "validate",
        _prefixed,
        (0, 1),
        needs_sample=True,
    ),
    Case(
        "xml-prefixes-corpus",
        WORKBOOK,
        "a real workbook with nonstandard XML prefixes",
        "validate",
        _corpus_prefix,
        (1,),
        "input.sheet-missing",
    ),
    Case(
        "formula-no-cache",
        WORKBOOK,
        "a formula written by a library (openpyxl): no cached value",
        "validate",
        _formula,
        (1,),
        "input.cell",
        needs_sample=True,
    ),
    Case(
        "billion-laughs",
        WORKBOOK,
        "sheet XML with nested entities (billion laughs)",
        "validate",
        _laughs,
        (2,),
        "entities",
    ),
    Case(
        "external-entity",
        WORKBOOK,
        "sheet XML with an external entity (XXE)",
        "validate",
        _xxe,
        (2,),
        "entities",
    ),
    Case(
        "zip-bomb",
        WORKBOOK,
        "a part that declares ~4 GiB uncompressed",
        "validate",
        _bomb,
        (2,),
        "zip bomb",
    ),
    Case(
        "merged-cells",
        WORKBOOK,
        "member names merged over two rows",
        "validate",
        _merged,
        (1,),
        "input.",
        needs_sample=True,
    ),
    Case(
        "hidden-sheets",
        WORKBOOK,
        "hidden Markets and Security sheets (read like any other)",
        "validate",
        _hidden,
        (0, 1),
        needs_sample=True,
    ),
    Case(
        "title-rows",
        WORKBOOK,
        "three title rows above the Members header",
        "validate",
        _title_rows,
        (0, 1),
        needs_sample=True,
    ),
    Case(
        "blank-rows",
        WORKBOOK,
        "blank rows inside and after the Members rows",
        "validate",
        _blank_rows_columns,
        (0, 1),
        needs_sample=True,
    ),
    Case(
        "wrong-types",
        WORKBOOK,
        "a member row with a wrong value in every kind of column",
        "validate",
        _wrong_types,
        (1,),
        "input.cell",
        needs_sample=True,
    ),
    Case(
        "long-cell",
        WORKBOOK,
        "a 32,767-character description (Excel's maximum)",
        "validate",
        _long_cell,
        (0, 1),
        needs_sample=True,
    ),
    Case(
        "scripts",
        WORKBOOK,
        "Arabic, Japanese and Greek names, right-to-left marks",
        "validate",
        _scripts,
        (0, 1),
        needs_sample=True,
    ),
    Case("bom-missing", BOM, "the BOM file does not exist", "content-calc", _bom_missing, (2,)),
    Case("bom-empty", BOM, "a zero-byte bom.csv", "content-calc", _bom("bom.csv", ""), (2,)),
    Case(
        "bom-header-only",
        BOM,
        "a bom.csv with the header row only",
        "content-calc",
        _bom("bom.csv", BOM_HEADER),
        (2,),
    ),
    Case(
        "bom-latin-1",
        BOM,
        "a BOM saved in latin-1 (é as one byte)",
        "content-calc",
        _bom("bom.csv", BOM_HEADER + "L1,Caméra,Acme,US,1000,60\n", "latin-1"),
        (0, 1, 2),
    ),
    Case(
        "bom-cp1252",
        BOM,
        "a BOM saved in Windows-1252 (curly quotes, €)",
        "content-calc",
        _bom("bom.csv", BOM_HEADER + "L1,“Server” €,Acme,US,1000,60\n", "cp1252"),
        (0, 1, 2),
    ),
    Case(
        "bom-utf-16",
        BOM,
        "a BOM saved as UTF-16 (Excel's 'Unicode text')",
        "content-calc",
        _bom("bom.csv", BOM_HEADER + BOM_LINES, "utf-16"),
        (0, 1, 2),
    ),
    Case(
        "bom-quoted-newline",
        BOM,
        "a description with a line break inside quotes",
        "content-calc",
        _bom("bom.csv", BOM_HEADER + 'L1,"GPU server\nrack 4",Acme,US,1000,60\n'),
        (0, 1),
    ),
    Case(
        "bom-ragged",
        BOM,
        "rows with too few and too many cells",
        "content-calc",
        _bom("bom.csv", BOM_HEADER + "L1,GPU server,Acme\nL2,Switch,Acme,US,500,40,extra,x\n"),
        (1, 2),
    ),
    Case(
        "bom-duplicate-ids",
        BOM,
        "the same line_id twice",
        "content-calc",
        _bom("bom.csv", BOM_HEADER + BOM_LINES + "L1,Cable,Acme,US,10,100\n"),
        (2,),
        "L1",
    ),
    Case(
        "bom-bad-values",
        BOM,
        "a negative price and a percentage over 100",
        "content-calc",
        _bom("bom.csv", BOM_HEADER + "L1,GPU server,Acme,US,-1000,160\n"),
        (1, 2),
    ),
    Case(
        "out-missing-folder",
        OUTPUT,
        "--out into a folder that does not exist",
        "diff",
        _out_missing_folder,
        (2,),
        "does not exist",
    ),
    Case("out-folder", OUTPUT, "--out names a folder", "diff", _out_folder, (2,), "folder"),
    Case(
        "out-existing",
        OUTPUT,
        "--out names an existing file (no --force)",
        "diff",
        _out_existing,
        (2,),
        "--force",
    ),
    Case(
        "out-under-file",
        OUTPUT,
        "--out inside a path that is a file",
        "diff",
        _out_under_file,
        (2,),
        "is a file",
    ),
    Case(
        "out-is-input",
        OUTPUT,
        "--out names an input file, even with --force",
        "diff",
        _out_input,
        (2,),
        "input",
    ),
    Case(
        "render-missing-folder",
        OUTPUT,
        "render --out into a folder that does not exist",
        "render",
        _render_missing_folder,
        (2,),
        "does not exist",
        needs_sample=True,
    ),
    Case(
        "render-existing",
        OUTPUT,
        "render --out over an earlier draft (no --force)",
        "render",
        _render_existing,
        (2,),
        "--force",
        needs_sample=True,
    ),
    Case(
        "render-over-input",
        OUTPUT,
        "render --out names the workbook itself",
        "render",
        _render_over_input,
        (2,),
        "input",
        needs_sample=True,
    ),
    Case(
        "checklist-password",
        OUTPUT,
        "checklist on a password-protected workbook",
        "checklist",
        _checklist_password,
        (2,),
        "password",
    ),
    Case(
        "checklist-laughs",
        OUTPUT,
        "checklist on a billion-laughs workbook",
        "checklist",
        _checklist_laughs,
        (2,),
        "entities",
    ),
    Case("bad-option", OUTPUT, "an option that does not exist", "validate", _bad_option, (2,)),
)


def available(case: Case) -> str | None:
    """Why a case cannot run here (no sample), or None.

    A missing command is no reason: `aiexp.cli` imports every command module by name, so a
    missing one fails every test, never skips.
    """
    if (case.needs_sample or case.group == OUTPUT) and not SAMPLE_WORKBOOK.exists():
        return "samples/consortium.xlsx does not exist yet"
    return None


def run_case(case: Case, folder: Path) -> Outcome:
    """Build a case in `folder`, run it through main(), and record what the user sees."""
    folder.mkdir(parents=True, exist_ok=True)
    args = case.build(folder)
    before = digests(folder)
    try:
        run = case.runner(args, cwd=folder)
    finally:
        for path in folder.rglob("*"):
            if path.is_dir():
                path.chmod(0o755)
    after = digests(folder)
    return Outcome(case, args, run, seen(run, str(folder)), before, after)


def seen(run: Run, folder: str) -> str:
    """One line: the stderr line, else the first error finding of a `--json` report."""
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    if lines:
        return lines[0].replace(folder, PLACEHOLDER)
    try:
        report = json.loads(run.stdout)
    except ValueError:
        return ""
    findings = report.get("findings") if isinstance(report, dict) else None
    if not findings:
        return ""
    errors = [f for f in findings if f.get("severity") == "error"]
    if not errors:
        return f"(nothing on stderr: read as usual; no error findings, exit {run.exit_code})"
    first = errors[0]
    where = first.get("location") or {}
    place = (
        f"{where.get('sheet')}!{where.get('cell')}"
        if where.get("cell")
        else where.get("sheet") or where.get("file") or ""
    )
    text = f"{first.get('code')} at {place}: {first.get('message')} (errors: {len(errors)})"
    return text.replace(folder, PLACEHOLDER)


def catalogue() -> str:
    """docs/bad-inputs.md: every case, what the user sees and the exit code."""
    lines = [
        "# Bad inputs: what aiexp says",
        "",
        "<!-- Generated by scripts/make_bad_inputs_doc.py from tests/hardening/cases.py; "
        "tests/hardening/test_catalogue.py fails when it is stale. Do not edit by hand. -->",
        "",
        "Users feed aiexp whatever their colleagues send. Every case below is run by the test "
        "suite through the real command line; the table shows the one line the user sees on "
        "stderr (exit code 2), or for an input that was read but falls short (exit code 1) the "
        f"first error finding of `--json`. `{PLACEHOLDER}` stands for the folder of the run. "
        "In every case there is no traceback (set `AIEXP_DEBUG=1` to see one), no input file is "
        "changed and no partial output file is left.",
        "",
    ]
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        group = None
        # Cases of one group together (in the order groups first appear), whatever module added
        # them: a group is one table.
        groups = list(dict.fromkeys(case.group for case in CASES))
        ordered = sorted(enumerate(CASES), key=lambda item: groups.index(item[1].group))
        for position, (index, case) in enumerate(ordered):
            if case.group != group:
                group = case.group
                lines += [
                    f"## {group[0].upper()}{group[1:]}",
                    "",
                    "| case | input | command | exit | what the user sees |",
                    "| --- | --- | --- | --- | --- |",
                ]
            reason = available(case)
            if reason is not None:
                lines.append(f"| `{case.name}` | {case.what} | — | — | not run: {reason} |")
            else:
                outcome = run_case(case, root / f"{index:02d}-{case.name}")
                command = " ".join(["aiexp", *outcome.args])
                lines.append(
                    f"| `{case.name}` | {case.what} | `{_cell(command)}` | "
                    f"{outcome.run.exit_code} | {_cell(outcome.seen) or QUIET} |"
                )
            if position + 1 == len(ordered) or ordered[position + 1][1].group != group:
                lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# Case modules of their own, one line each (they import Case from here, so they come last).
from tests.hardening.stream_cases import STREAM_CASES  # noqa: E402

CASES += STREAM_CASES

from tests.hardening.diff_cases import DIFF_CASES  # noqa: E402

CASES += DIFF_CASES

from tests.hardening.screening_cases import SCREENING_CASES  # noqa: E402

CASES += SCREENING_CASES

from tests.hardening.reader_cases import READER_CASES  # noqa: E402

CASES += READER_CASES

from tests.hardening.number_cases import NUMBER_CASES  # noqa: E402

CASES += NUMBER_CASES

from tests.hardening.sheet_bom_cases import SHEET_BOM_CASES  # noqa: E402

CASES += SHEET_BOM_CASES

from tests.hardening.annotate_cases import ANNOTATE_CASES  # noqa: E402

CASES += ANNOTATE_CASES

from tests.hardening.writing_cases import WRITING_CASES  # noqa: E402

CASES += WRITING_CASES
