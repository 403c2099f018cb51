"""Write docs/bad-inputs.md from the cases of tests/hardening/cases.py (`--check`: only compare)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "bad-inputs.md"


def main() -> int:
    """Generate the catalogue; with --check, exit 1 when the file on disk differs."""
    sys.path.insert(0, str(REPO))
    from tests.hardening.cases import catalogue

    text = catalogue()
    if "--check" in sys.argv[1:]:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC} is stale; run: python scripts/make_bad_inputs_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
