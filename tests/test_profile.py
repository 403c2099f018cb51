"""The program profile owns every figure and notice word: shipped ids, files, and a 2027 notice."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from aiexp.errors import ProfileError
from aiexp.profile import load_profile, shipped_profiles
from tests.document.dump import all_text, parts
from tests.hardening.runner import run_main
from tests.workbook_edit import copy_sample

REPO = Path(__file__).resolve().parents[1]
PRESET = REPO / "aiexp" / "profiles" / "preset-2026.toml"
SAMPLES = REPO / "samples"
# A threshold written the way the proposal, the findings or the docs would write it.
FIFTY_ONE = re.compile(r"\b51(?:\.0+)?\s?(?:%|percent|per cent)")


def _profile_2027(folder: Path) -> Path:
    """A later notice: another threshold, model-owner minimum, docket and program name."""
    text = PRESET.read_text(encoding="utf-8")
    text = text.replace('id = "preset-2026"', 'id = "preset-2027"')
    text = text.replace('docket = "260401-0092"', 'docket = "270101-0001"')
    text = text.replace("Docket No. 260401-0092, FR Doc. 2026-06952", "Docket No. 270101-0001")
    text = text.replace(
        'program = "American AI Exports Program — Pre-Set Consortia"',
        'program = "American AI Exports Program — Standing Consortia"',
    )
    text = text.replace('hardware_us_content_pct = "51"', 'hardware_us_content_pct = "60"')
    text = text.replace(
        'model_owner_us_ownership_min_pct = "51"', 'model_owner_us_ownership_min_pct = "55"'
    )
    assert text.count('"60"') == 1
    assert text.count('"55"') == 1
    path = folder / "preset-2027.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_shipped_profile_is_chosen_by_its_id() -> None:
    assert "preset-2026" in shipped_profiles()
    assert load_profile("preset-2026") == load_profile()
    with pytest.raises(ProfileError, match=r"no such profile.*preset-2026"):
        load_profile("preset-1999")


def test_a_profile_file_is_read(tmp_path: Path) -> None:
    profile = load_profile(str(_profile_2027(tmp_path)))
    assert (profile.id, profile.docket) == ("preset-2027", "270101-0001")
    assert str(profile.thresholds.hardware_us_content_pct) == "60"


def test_no_51_anywhere_with_another_threshold(tmp_path: Path) -> None:
    profile = _profile_2027(tmp_path)
    workbook = copy_sample(tmp_path / "case")
    validate = run_main(["validate", str(workbook), "--profile", str(profile), "--json"])
    assert validate.exit_code == 0, validate.stderr
    out = tmp_path / "proposal.docx"
    run = run_main(
        [
            "render",
            str(workbook),
            "--out",
            str(out),
            "--date",
            "2026-05-01",
            "--profile",
            str(profile),
        ]
    )
    assert run.exit_code == 0, run.stdout + run.stderr
    text = all_text(out.read_bytes())
    xml = "".join(data.decode("utf-8", "replace") for data in parts(out.read_bytes()).values())
    assert "at least 60 %" in text  # Appendix A's IV.A requirement
    assert "270101-0001" in text
    assert "Standing Consortia" in text
    assert "260401-0092" not in xml
    assert "Pre-Set Consortia" not in xml
    for output in (validate.stdout, text, xml, out.with_suffix(".manifest.json").read_text()):
        assert not FIFTY_ONE.search(output), FIFTY_ONE.search(output)


def test_findings_and_the_draft_state_the_profiles_threshold(tmp_path: Path) -> None:
    profile = _profile_2027(tmp_path)
    folder = tmp_path / "case"
    shutil.copytree(SAMPLES / "broken" / "low-content", folder)
    workbook = folder / "consortium.xlsx"
    validate = run_main(["validate", str(workbook), "--profile", str(profile)])
    assert validate.exit_code == 0, validate.stderr  # below the presumption: a warning (IV.A)
    assert "below the 60 % threshold" in validate.stdout
    out = tmp_path / "draft.docx"
    args = ["render", str(workbook), "--out", str(out), "--date", "2026-05-01", "--draft"]
    run = run_main([*args, "--profile", str(profile)])
    assert run.exit_code == 0, run.stdout + run.stderr
    text = all_text(out.read_bytes())
    assert "below the 60 % presumption" in text
    for output in (validate.stdout, text):
        assert not FIFTY_ONE.search(output), FIFTY_ONE.search(output)


def test_countries_of_concern_cite_the_notice_not_the_trade_press() -> None:
    profile = load_profile()
    # A copy of ../shared/notice/call-for-proposals.txt (tests/fixtures/notice/README.md).
    notice = (REPO / "tests" / "fixtures" / "notice" / "call-for-proposals.txt").read_text("utf-8")
    # The notice's own words, which the attestations quote (0.1.0: "Sec. 8521 of Pub. L. 119-60").
    assert profile.coc_citation in notice
    assert profile.coc_citation == (
        "Sec. 8521 of the 2026 National Defense Authorization Act (Pub. L. 119-60)"
    )
    # "currently China, including Macau and Hong Kong" is a trade-press summary: the profile no
    # longer attributes it to the Department, and the notice does not say it.
    text = PRESET.read_text(encoding="utf-8")
    assert "The Department's own summary" not in text
    assert "trade-press summary of the program, not from the notice or the Department" in text
    assert "currently China" not in notice
    # Venezuela is listed in the statute only under a condition.
    conditional = {c.code: c.condition for c in profile.countries_of_concern if c.condition}
    assert conditional == {"VE": "under the regime of Nicolás Maduro Moros"}
    assert profile.conditional_coc_codes == frozenset({"VE"})
    assert str(profile.thresholds.valuation_tolerance_pct) == "1"


@pytest.mark.skipif(
    not (REPO.parent / "shared" / "notice").is_dir(), reason="no ../shared beside the checkout"
)
def test_the_notice_fixture_is_the_shared_notice() -> None:
    fixture = REPO / "tests" / "fixtures" / "notice" / "call-for-proposals.txt"
    shared = REPO.parent / "shared" / "notice" / "call-for-proposals.txt"
    assert fixture.read_bytes() == shared.read_bytes()
