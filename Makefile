# One place for the project's checks; .ci/run calls the same targets.
PYTHON ?= python

.PHONY: lint test bench docs

lint:
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m ruff check .
	$(PYTHON) -m mypy

test:
	$(PYTHON) -m pytest

bench:
	$(PYTHON) benchmarks/startup.py
	$(PYTHON) benchmarks/content_calc.py
	$(PYTHON) benchmarks/screening.py
	$(PYTHON) benchmarks/workbook_scale.py

docs:
	$(PYTHON) -m aiexp schema --format markdown > docs/workbook.md
	$(PYTHON) scripts/make_rules_doc.py > docs/rules.md
