"""Every catalogued bad input: one clear line or located findings, nothing changed, nothing left."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hardening.cases import CASES, Case, available, run_case


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    """The run ends in an allowed exit code with a clear answer; inputs are untouched."""
    reason = available(case)
    if reason is not None:
        pytest.skip(reason)
    outcome = run_case(case, tmp_path / "case")
    run = outcome.run
    assert run.exit_code in case.exits, (run.exit_code, run.stderr, run.stdout[:2000])
    assert "Traceback" not in run.stderr + run.stdout
    # No command writes into an input; no partial or temporary output is left behind.
    created = set(outcome.after) - set(outcome.before)
    assert created <= set(case.outputs), created
    changed = {name for name in outcome.before if outcome.after.get(name) != outcome.before[name]}
    assert not changed, changed
    if run.exit_code == 2:
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, run.stderr
        assert lines[0].startswith("aiexp: error: "), lines[0]
        assert "internal error" not in lines[0]
        assert case.expect.casefold() in lines[0].casefold(), (case.expect, lines[0])
        if case.group != "output and options" or case.name.startswith("render"):
            # The line names the file the user gave (the first path argument).
            named = next(arg for arg in outcome.args[1:] if not arg.startswith("-"))
            if case.group != "output and options":
                assert named in lines[0], (named, lines[0])
        assert run.stdout == ""
    elif run.exit_code == 1 and "--json" in outcome.args:
        report = json.loads(run.stdout)
        findings = report.get("findings", [])
        if case.expect:
            assert any(case.expect in f["code"] for f in findings), findings[:5]
        for finding in findings:
            assert finding["location"]["file"], finding
            if finding["code"] == "input.cell":
                assert finding["location"]["sheet"], finding
                assert finding["location"]["cell"], finding
