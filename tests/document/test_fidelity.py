"""The proposal never states more than the workbook proves, and quotes the notice (issue 12).

Each case renders a changed copy of the sample (or a broken variant) the way a user does and
reads the DOCX back with python-docx. Before issue 12 every one of these documents said more
than its workbook, or said it in words that are not the notice's.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.document.dump import all_text, text_dump
from tests.hardening.runner import run_main
from tests.workbook_edit import SAMPLES, copy_sample, set_cells, set_field

ANCHOR = {"name": "Meridian Compute Systems, Inc."}
DATE = "2026-05-01"


def _render(workbook: Path, *extra: str) -> tuple[int, str]:
    """Render next to the workbook; returns the exit code and the document's text dump."""
    out = workbook.parent / "proposal.docx"
    run = run_main(["render", str(workbook), "--out", str(out), "--date", DATE, "--force", *extra])
    if not out.exists():
        return run.exit_code, run.stdout + run.stderr
    return run.exit_code, text_dump(out.read_bytes())


def _line(text: str, start: str) -> str:
    """The first line of the dump that contains `start`."""
    return next(line for line in text.splitlines() if start in line)


def _appendix_a(text: str, ref: str, words: str) -> str:
    """The status cell of an Appendix A row."""
    row = next(
        line for line in text.splitlines() if line.startswith(f"  {ref} | ") and words in line
    )
    return row.rsplit(" | ", 1)[1]


def test_blank_anchor_interest_is_not_attested(tmp_path: Path) -> None:
    # 0.1.0: a warning (exit 0), II.3 attested with "country-of-concern interest: not stated"
    # inside it, and Appendix A "II.3 Met".
    workbook = copy_sample(tmp_path)
    set_cells(workbook, "Members", ANCHOR, {"coc_ownership_pct": None})
    code, refused = _render(workbook)
    assert code == 1, refused  # members.ownership-unknown is an error now
    code, text = _render(workbook, "--draft")
    assert code == 0, text
    attestation = _line(text, "No country of concern (II.3).")
    assert attestation.endswith(
        "Not made: the workbook does not state, for Meridian Compute Systems, Inc., the voting "
        "or equity interest held by countries of concern or their entities or nationals."
    )
    assert "is not (1) incorporated" not in attestation
    assert _appendix_a(text, "II.3", "Anchor") == "Not stated"


def test_blank_control_is_shown_as_not_stated(tmp_path: Path) -> None:
    # 0.1.0 printed "not controlled by a country of concern" for a blank coc_controlled.
    workbook = copy_sample(tmp_path)
    set_cells(workbook, "Members", {"name": "Lindenau Sprachdaten GmbH"}, {"coc_controlled": None})
    code, text = _render(workbook, "--draft")
    assert code == 0, text
    row = _line(text, "  Lindenau Sprachdaten GmbH | Member")
    assert "control by a country of concern not stated" in row
    assert "not controlled" not in row
    assert _appendix_a(text, "IV.D", "No member").startswith("Not stated")


def test_section_7_makes_no_statement_about_a_partner_whose_ownership_is_blank(
    tmp_path: Path,
) -> None:
    # 0.1.0: no finding, render succeeded, and section 7 said no Layer 1 provider was linked.
    workbook = copy_sample(tmp_path)
    set_cells(
        workbook,
        "Providers",
        {"provider": "Sahil Data Centre Services L.L.C."},
        {"coc_ownership_pct": None, "coc_controlled": None},
    )
    code, text = _render(workbook)
    assert code == 0, text  # warnings only: the final document may be rendered
    section = text.split("[Heading 1] 7. Country of concern disclosures", 1)[1].split(
        "[Heading 1] 8.", 1
    )[0]
    assert "Not stated. For the following Layer 1 provider or supplier" in section
    assert "Sahil Data Centre Services L.L.C. | Site preparation" in section
    assert "country-of-concern interest; ownership or control by a country of concern" in section
    assert "No other product or service for the functions described in Layer 1" in section
    assert "except those listed above as not stated" in section
    assert "every one of the" not in section
    assert _appendix_a(text, "VI.7", "Country of concern") == "Not stated"
    assert _appendix_a(text, "IV.D", "No member") == "Not stated"


def test_section_7_makes_no_statement_about_a_bom_csv_supplier_left_blank(
    tmp_path: Path,
) -> None:
    # 0.1.0 read a blank supplier_coc_controlled in bom.csv as "no" and section 7 said every
    # line of the bill of materials was clear.
    workbook = copy_sample(tmp_path)
    bom = workbook.parent / "bom.csv"
    lines = bom.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    target = next(k for k, line in enumerate(lines) if line.startswith("SU01-ACC,"))
    assert lines[target].count(",US,US,no,US,") == 1
    lines[target] = lines[target].replace(",US,US,no,US,", ",US,US,,US,")
    bom.write_text("".join(lines), encoding="utf-8")
    assert header.index("supplier_coc_controlled") == 6
    code, text = _render(workbook)
    assert code == 0, text  # a warning (hardware.supplier-unknown): the document may be rendered
    section = text.split("[Heading 1] 7. Country of concern disclosures", 1)[1].split(
        "[Heading 1] 8.", 1
    )[0]
    assert "Cobalt Ridge Semiconductor Corp. (bill of materials: SU01-ACC)" in section
    assert "ownership or control by a country of concern" in section
    assert "every one of the" not in section
    assert _appendix_a(text, "VI.7", "Country of concern") == "Not stated"


def test_an_unknown_parent_country_is_not_taken_for_the_us(tmp_path: Path) -> None:
    # 0.1.0 treated the blank parent country as the United States and attested II.2.
    workbook = copy_sample(tmp_path)
    set_cells(workbook, "Members", ANCHOR, {"ultimate_parent": "Meridian Holdings Inc."})
    code, text = _render(workbook, "--draft")
    assert code == 0, text
    attestation = _line(text, "Organization and principal place of business (II.2).")
    assert "Its ultimate parent entity, Meridian Holdings Inc., is organized in a country not" in (
        attestation
    )
    assert "is not a subsidiary, affiliate, or branch" not in attestation
    assert _appendix_a(text, "II.2", "Anchor") == "Not stated (anchor.foreign-parent)"


def test_a_foreign_parent_is_not_met(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(SAMPLES / "broken" / "foreign-anchor", folder)
    code, text = _render(folder / "consortium.xlsx", "--draft")
    assert code == 0, text
    attestation = _line(text, "Organization and principal place of business (II.2).")
    assert "Meridian Beteiligungen AG, is organized in Germany" in attestation
    assert "is not a subsidiary" not in attestation
    assert _appendix_a(text, "II.2", "Anchor").startswith("Not met")


def test_attestations_quote_the_notice(tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path)
    code, text = _render(workbook)
    assert code == 0, text
    # II.1 "… multi-country delivery for that layer"
    assert _line(text, "(II.1).").endswith(
        "the organizational capacity to manage multi-country delivery for that layer (Layer 1)."
    )
    # II.2 "organized under the laws of the United States or a State thereof", with the State;
    # the ultimate-parent test as the notice states it (0.1.0: "organized under the laws of the
    # United States", and "not a subsidiary, affiliate or branch of an entity organized abroad").
    organization = _line(text, "(II.2).")
    assert "organized under the laws of the State of Delaware, a State of the United States" in (
        organization
    )
    assert (
        "is not a subsidiary, affiliate, or branch whose ultimate parent entity is organized under"
        " the laws of a foreign jurisdiction or has its principal place of business outside the "
        "United States." in organization
    )
    assert "entity organized abroad" not in text
    # II.3 with the notice's citation of the statute.
    assert (
        "as defined in Sec. 8521 of the 2026 National Defense Authorization Act (Pub. L. 119-60)"
        in _line(text, "(II.3).")
    )
    # Without a State, the notice's own words.
    set_cells(workbook, "Members", ANCHOR, {"state_of_organization": None})
    code, text = _render(workbook)
    assert "is organized under the laws of the United States or a State thereof, with its" in (
        _line(text, "(II.2).")
    )


def test_no_undertaking_argument_or_claim_the_proposer_did_not_write(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(SAMPLES / "broken" / "low-content", folder)
    code, text = _render(folder / "consortium.xlsx")
    assert code == 0, text
    # hardware.md.j2 0.1.0: "the consortium will work with the Department on adjustments".
    assert "work with the Department" not in text
    assert "This is below the 51 % presumption of Section IV.A by $14,985,161.47 of value." in text
    # 03_markets.md.j2 0.1.0: "…, so U.S. engagement can materially influence their decisions".
    assert "materially influence" not in text
    assert (
        "[Normal] Procurers in this market are choosing between American technology and "
        "technology originating in a country of concern.\n" in text
    )
    # The cover 0.1.0: "a public version with these passages redacted accompanies it".
    assert "accompanies it" not in text


def test_appendix_a_never_says_met_below_the_threshold(tmp_path: Path) -> None:
    # 0.1.0: "IV.A Hardware U.S. content of at least 51 % … Met, with warnings" at 38.27 %.
    folder = tmp_path / "case"
    shutil.copytree(SAMPLES / "broken" / "low-content", folder)
    code, text = _render(folder / "consortium.xlsx")
    assert code == 0, text
    status = _appendix_a(text, "IV.A", "Hardware U.S. content")
    assert status == "Below threshold — presumption not met"
    assert "Met, with warnings" not in text


def test_no_tool_branding_in_the_filed_document(tmp_path: Path) -> None:
    # 0.1.0: "as checked by aiexp 0.1.0 against profile preset-2026", author "aiexp".
    workbook = copy_sample(tmp_path)
    code, _ = _render(workbook)
    assert code == 0
    out = workbook.parent / "proposal.docx"
    everything = all_text(out.read_bytes())
    assert "aiexp" not in everything.casefold()
    assert "preset-2026" not in everything
    manifest = json.loads(out.with_suffix(".manifest.json").read_text(encoding="utf-8"))
    assert manifest["tool"] == "aiexp"


def test_section_ix_factors_and_where_they_are_addressed(tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path)
    code, text = _render(workbook)
    assert code == 0, text
    appendix = text.split("[Heading 1] Appendix A.", 1)[1].split("[Heading 1] Appendix B.", 1)[0]
    for number, words in (
        (1, "Compliance with Program requirements"),
        (2, "Potential to advance the policy goals of Executive Order 14320"),
        (3, "National security posture, including export-control, end-use, end-user"),
        (4, "NIST Special Publication 800-53B, or comparable frameworks"),
    ):
        assert f"  IX.{number} | " in appendix
        assert words in appendix
    assert "Section 2, Layer 4; Section 2.7" in appendix


def test_country_codes_are_printed_as_names(tmp_path: Path) -> None:
    # 0.1.0 printed "PL" raw, and "AU" (validated as Australia) as "African Union (55 countries)".
    workbook = copy_sample(tmp_path)
    set_cells(workbook, "Markets", {"market": "Poland"}, {"market": "PL"})
    set_cells(workbook, "Markets", {"market": "Philippines"}, {"market": "AU"})
    code, text = _render(workbook, "--draft")
    assert code == 0, text
    assert "[Heading 2] 3.3 Poland" in text
    assert "  Poland | Poland" in text
    assert "[Heading 2] 3.2 Australia" in text
    assert "African Union" not in text


def test_a_contact_without_a_phone(tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path)
    set_field(workbook, "contact_phone", None)
    code, text = _render(workbook)
    assert code == 0, text
    assert "(elena.marquez-hart@meridian-compute.example)." in text
    assert "elena.marquez-hart@meridian-compute.example\n" in text


def test_an_unclassified_item_is_shown_as_preliminary(tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path)
    set_cells(
        workbook,
        "ExportControl",
        {"item": "CR-900 AI accelerator modules"},
        {"classification": None},
    )
    code, text = _render(workbook)
    assert code == 0, text  # a warning: "preliminary information … will suffice"
    assert "  CR-900 AI accelerator modules | EAR | Not yet classified |" in text


def test_an_open_error_never_leaves_its_requirement_met() -> None:
    from aiexp.codes import CODES, BySheet, Status
    from aiexp.document.crossref import requirement_status
    from aiexp.findings import Finding, Location, Severity
    from aiexp.profile import load_profile
    from aiexp.requirements import REQUIREMENTS
    from aiexp.workbook import read_workbook

    consortium = read_workbook(SAMPLES / "consortium.xlsx").consortium
    profile = load_profile()
    by_id = {requirement.id: requirement for requirement in REQUIREMENTS}
    for code in CODES:
        if isinstance(code.requirements, BySheet):
            cases = [(sheet, ids) for sheet, ids in code.requirements.sheets]
        elif isinstance(code.requirements, tuple):
            cases = [(None, code.requirements)]
        else:
            continue
        for sheet, ids in cases:
            finding = Finding(
                code=code.code,
                severity=Severity.ERROR,
                message="x",
                location=Location(sheet=sheet.capitalize() if sheet else None),
            )
            for requirement_id in ids:
                status, codes = requirement_status(
                    by_id[requirement_id],
                    [finding],
                    nce=True,
                    consortium=consortium,
                    profile=profile,
                )
                assert status is not Status.MET, (code.code, requirement_id)
                assert code.code in codes


def test_a_conditional_link_is_neither_attested_nor_stated_as_a_link(tmp_path: Path) -> None:
    workbook = copy_sample(tmp_path)
    set_cells(
        workbook,
        "Members",
        ANCHOR,
        {
            "ultimate_parent": "Caracas Holdings",
            "ultimate_parent_country": "Venezuela",
            "ultimate_parent_principal_place_of_business": "Venezuela",
        },
    )
    code, text = _render(workbook, "--draft")
    assert code == 0, text
    attestation = _line(text, "No country of concern (II.3).")
    assert "Not made: Meridian Compute Systems, Inc. is linked to a country of concern only" in (
        attestation
    )
    assert "(under the regime of Nicolás Maduro Moros)" in attestation
    assert _appendix_a(text, "II.3", "Anchor") == "To be confirmed"
