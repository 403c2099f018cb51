"""Generated files stay in step: docs/rules.md with the registry, nist.json with its inputs."""

from __future__ import annotations

import importlib.util
import json
import sys
from types import ModuleType

import pytest

from tests.workbook_edit import REPO

SHARED_DATA = REPO.parent / "shared" / "data"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_rules_doc_is_current() -> None:
    expected = _script("make_rules_doc").rules_markdown()
    current = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, "docs/rules.md is stale: run `make docs`"


def test_rules_doc_lists_every_code() -> None:
    from aiexp.codes import CODES

    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in CODES:
        assert f"| `{rule.code}` | {rule.severity.value} |" in text


def test_nist_data_records_its_sources() -> None:
    data = json.loads((REPO / "aiexp" / "data" / "nist.json").read_text(encoding="utf-8"))
    sources = (REPO / "aiexp" / "data" / "SOURCES.md").read_text(encoding="utf-8")
    for source in data["sources"].values():
        assert len(source["sha256"]) == 64
        assert source["sha256"] in sources


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="the shared NIST CSVs are not here")
def test_nist_data_matches_its_inputs() -> None:
    derived = _script("derive_nist").derive(SHARED_DATA)
    shipped = json.loads((REPO / "aiexp" / "data" / "nist.json").read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(derived))
