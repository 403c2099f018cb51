#!/usr/bin/env python3
"""Derive the compact NIST reference data that `security.reference` checks ids against.

Usage: python scripts/derive_nist.py [DATA_DIR] [--out aiexp/data/nist.json]

DATA_DIR (default ../shared/data beside the repository) holds the four CSV files described in
its SOURCES.md (NIST CSF 2.0 core, the CSF 1.1 ids the CSF 2.0 catalog still carries, SP 800-53
Rev. 5 controls with their withdrawn flag, SP 800-53B baselines), derived from NIST's OSCAL
content. The output is package data (`aiexp/data/nist.json`, loaded with importlib.resources),
so the installed tool never needs DATA_DIR. The sha256 of every input is written into the output
and into aiexp/data/SOURCES.md. Standard library only; the output is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "aiexp" / "data" / "nist.json"
FILES = {
    "csf": "csf-2.0.csv",
    "csf_withdrawn": "csf-2.0-withdrawn.csv",
    "controls": "sp800-53r5-controls.csv",
    "baselines": "sp800-53b-baselines.csv",
}
BASELINES = (("low", "L"), ("moderate", "M"), ("high", "H"), ("privacy", "P"))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def derive(data: Path) -> dict[str, object]:
    """The compact document: CSF 2.0 ids by function, withdrawn CSF 1.1 ids, SP 800-53 controls."""
    paths = {key: data / name for key, name in FILES.items()}
    for path in paths.values():
        if not path.is_file():
            raise SystemExit(f"derive_nist: {path} not found")
    csf = {r["id"]: [r["level"], r["function"]] for r in _rows(paths["csf"])}
    withdrawn_csf = {r["id"]: [r["level"], r["function"]] for r in _rows(paths["csf_withdrawn"])}
    baselines = {r["id"]: r for r in _rows(paths["baselines"])}
    controls: dict[str, str] = {}
    for row in _rows(paths["controls"]):
        if row["withdrawn"] == "yes":
            controls[row["id"]] = "W"
            continue
        marks = baselines.get(row["id"], {})
        controls[row["id"]] = "".join(code for name, code in BASELINES if marks.get(name) == "yes")
    assert len(csf) == 134, len(csf)
    assert len(controls) == 1196, len(controls)
    return {
        "about": (
            "NIST CSF 2.0 ids ([level, function]); CSF 1.1 ids not in CSF 2.0 (withdrawn); "
            "SP 800-53 Rev. 5 controls: W = withdrawn, else the SP 800-53B baselines it is in "
            "(L low, M moderate, H high, P privacy). Derived by scripts/derive_nist.py."
        ),
        "sources": {
            name: {
                "file": FILES[name],
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            }
            for name, path in paths.items()
        },
        "csf": csf,
        "csf_withdrawn": withdrawn_csf,
        "sp800_53": controls,
    }


def main(argv: list[str] | None = None) -> int:
    """Write the package data file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    document = derive(args.data)
    text = json.dumps(document, ensure_ascii=False, indent=0, sort_keys=False) + "\n"
    args.out.write_text(text, encoding="utf-8")
    sources = document["sources"]
    assert isinstance(sources, dict)
    print(f"wrote {args.out} ({len(text):,} bytes)", file=sys.stderr)
    for name, source in sources.items():
        print(f"  {source['sha256']}  {source['file']} ({name})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
