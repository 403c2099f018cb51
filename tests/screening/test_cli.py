"""`aiexp screen`, `validate --screening-list` and `render --screening-list`, run as a user does."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from aiexp.screening import screen_workbook
from tests.document.dump import all_text
from tests.hardening.runner import run_main
from tests.workbook_edit import copy_sample, set_cells

LIST = Path(__file__).resolve().parent.parent / "fixtures" / "screening" / "consolidated.csv"
JSON_LIST = LIST.with_suffix(".json")
DATE = "2026-06-15"


@pytest.fixture
def listed_provider(tmp_path: Path) -> Path:
    """The sample with a provider renamed to a listed company (an exact match)."""
    workbook = copy_sample(tmp_path / "case")
    set_cells(
        workbook,
        "Providers",
        {"provider": "Luzon Data Annotation Corp."},
        {"provider": "Huawei Technologies Co Ltd", "country": "CN"},
    )
    return workbook


@pytest.fixture
def possible_end_user(tmp_path: Path) -> Path:
    """The sample with an end user whose name is a misspelling of a listed one."""
    workbook = copy_sample(tmp_path / "possible")
    set_cells(
        workbook,
        "ExportControl",
        {"item": "CR-900 AI accelerator modules"},
        # Not in the entry's country (AE), so the score stays below 95.
        {"end_user": "Kestrovian Dynamix", "destinations": "SA"},
    )
    return workbook


def test_screen_the_sample_finds_nothing_and_exits_0(sample: Path) -> None:
    run = run_main(["screen", str(sample), "--list", str(LIST)])
    assert run.exit_code == 0, run.stderr
    assert "34 parties screened — no name scored 85 or more" in run.stdout
    assert "newest start date 2026-03-17" in run.stdout
    assert "1 vessel or aircraft not compared" in run.stdout


def test_screen_a_match_exits_1_and_names_the_party_and_the_entry(listed_provider: Path) -> None:
    run = run_main(["screen", str(listed_provider), "--list", str(LIST)])
    assert run.exit_code == 1, run.stderr
    assert "Matches (1)" in run.stdout
    assert "screening.match  Providers!B21" in run.stdout
    assert "“Huawei Technologies Co Ltd” (provider; Providers!B21) matches the entry" in run.stdout
    assert "1 match, 0 possible matches" in run.stdout


def test_screen_a_possible_match_alone_exits_0(possible_end_user: Path) -> None:
    run = run_main(["screen", str(possible_end_user), "--list", str(LIST)])
    assert run.exit_code == 0, run.stderr
    assert "Possible matches (1)" in run.stdout
    assert "ExportControl!F2" in run.stdout


def test_screen_json_is_what_the_core_returns(listed_provider: Path) -> None:
    run = run_main(["screen", str(listed_provider), "--list", str(LIST), "--json"])
    assert run.exit_code == 1, run.stderr
    document = json.loads(run.stdout)
    result, _ = screen_workbook(listed_provider, LIST)
    assert document == json.loads(json.dumps(result.to_json_dict(str(listed_provider))))
    (match,) = document["matches"]
    assert match["entry"]["id"] == "fx-0101"
    assert match["entry"]["source"] == "Entity List (EL) - Bureau of Industry and Security"
    assert match["entry"]["programs"] == ["EAR"]
    assert match["score"] == 100
    assert match["places"] == ["Providers!B21"]
    assert document["list"]["sha256"] == result.screening_list.sha256
    assert document["list"]["newest_start_date"] == "2026-03-17"
    assert document["summary"] == {"errors": 1, "warnings": 0, "info": 0}


def test_screen_the_json_download(listed_provider: Path) -> None:
    run = run_main(["screen", str(listed_provider), "--list", str(JSON_LIST), "--json"])
    assert run.exit_code == 1, run.stderr
    document = json.loads(run.stdout)
    assert document["list"]["format"] == "json"
    assert [m["entry"]["id"] for m in document["matches"]] == ["fx-0101"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "--list FILE is required"),
        (["--list", "missing.csv"], "missing.csv: no such file"),
        (["--list", str(LIST), "--min-score", "40"], "--min-score 40: use a score from 50 to 95"),
    ],
)
def test_screen_usage_and_unreadable_inputs_exit_2(
    sample: Path, args: list[str], message: str
) -> None:
    run = run_main(["screen", str(sample), *args], cwd=sample.parent)
    assert run.exit_code == 2
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert run.stdout == ""


def test_screen_an_empty_list_exits_2(sample: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text(LIST.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    run = run_main(["screen", str(sample), "--list", str(empty)])
    assert run.exit_code == 2
    assert "holds no entries" in run.stderr


def test_validate_screening_list_adds_the_findings(listed_provider: Path) -> None:
    plain = run_main(["validate", str(listed_provider), "--date", DATE, "--json"])
    screened = run_main(
        ["validate", str(listed_provider), "--date", DATE, "--json", "--screening-list", str(LIST)]
    )
    assert plain.exit_code == screened.exit_code == 1
    plain_codes = [f["code"] for f in json.loads(plain.stdout)["findings"]]
    codes = [f["code"] for f in json.loads(screened.stdout)["findings"]]
    assert "screening.match" not in plain_codes
    assert codes.count("screening.match") == 1
    assert sorted(c for c in codes if not c.startswith("screening.")) == sorted(plain_codes)


def test_validate_screening_list_of_the_sample_keeps_it_valid(sample: Path) -> None:
    run = run_main(["validate", str(sample), "--date", DATE, "--screening-list", str(LIST)])
    assert run.exit_code == 0, run.stdout + run.stderr


def _section_8(path: Path) -> list[str]:
    """The paragraphs of section 8, from its heading to the next Heading 1."""
    paragraphs = [(p.text, p.style.name) for p in docx.Document(str(path)).paragraphs]
    start = next(
        i for i, (text, style) in enumerate(paragraphs) if style == "Heading 1" and text[0] == "8"
    )
    end = next(i for i, (_, style) in enumerate(paragraphs) if i > start and style == "Heading 1")
    return [text for text, _ in paragraphs[start:end]]


def test_render_states_the_screening_only_with_a_list(
    possible_end_user: Path, tmp_path: Path
) -> None:
    plain, screened = tmp_path / "plain.docx", tmp_path / "screened.docx"
    base = ["render", str(possible_end_user), "--date", DATE, "--out"]
    assert run_main([*base, str(plain)]).exit_code == 0
    run = run_main([*base, str(screened), "--screening-list", str(LIST)])
    assert run.exit_code == 0, run.stdout + run.stderr
    sentence = (
        "35 parties screened against the Consolidated Screening List (newest entry March 17, "
        "2026): 0 matches (score 95 or more) and 1 possible match (score 85 to 94)."
    )
    assert sentence in _section_8(screened)
    assert "Consolidated Screening List (" not in all_text(plain.read_bytes())
    manifest = json.loads(screened.with_suffix(".manifest.json").read_text(encoding="utf-8"))
    assert (
        manifest["screening"]["sha256"]
        == screen_workbook(possible_end_user, LIST)[0].screening_list.sha256
    )
    assert manifest["screening"]["newest_start_date"] == "2026-03-17"
    assert manifest["screening"]["possible_matches"] == 1
    roles = {entry["role"]: entry for entry in manifest["inputs"]}
    assert roles["screening_list"]["sha256"] == manifest["screening"]["sha256"]
    plain_manifest = json.loads(plain.with_suffix(".manifest.json").read_text(encoding="utf-8"))
    assert plain_manifest["screening"] is None
    assert "screening_list" not in {entry["role"] for entry in plain_manifest["inputs"]}


def test_render_refuses_a_match_unless_draft(listed_provider: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.docx"
    base = ["render", str(listed_provider), "--date", DATE, "--screening-list", str(LIST)]
    refused = run_main([*base, "--out", str(out)])
    assert refused.exit_code == 1
    assert "screening.match" in refused.stdout
    assert not out.exists()


def test_a_clean_screening_says_so_in_section_8(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.docx"
    run = run_main(
        ["render", str(sample), "--date", DATE, "--out", str(out), "--screening-list", str(LIST)]
    )
    assert run.exit_code == 0, run.stdout + run.stderr
    assert (
        "34 parties screened against the Consolidated Screening List (newest entry March 17, "
        "2026): no name scored 85 or more against an entry's name or alternate names."
    ) in _section_8(out)
