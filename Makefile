# One place for the project's checks; .ci/run calls the same targets.
PYTHON ?= python

.PHONY: lint test bench docs

lint:
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m ruff check .
	$(PYTHON) -m mypy

test:
	$(PYTHON) -m pytest

# `make bench BEFORE=/tmp/base` times another checkout side by side (issue 16's before/after):
#   git -C /work/main worktree add /tmp/base <commit>
BEFORE ?=
BENCH_BEFORE = $(if $(BEFORE),--before $(BEFORE))

# Every benchmark runs (a missed target in one does not hide the others' figures); the target
# fails at the end if any target was missed.
bench:
	@failed=0; \
	$(PYTHON) benchmarks/startup.py $(BENCH_BEFORE) || failed=1; \
	$(PYTHON) benchmarks/content_calc.py $(BENCH_BEFORE) || failed=1; \
	$(PYTHON) benchmarks/screening.py || failed=1; \
	$(PYTHON) benchmarks/workbook_scale.py $(BENCH_BEFORE) || failed=1; \
	exit $$failed

docs:
	$(PYTHON) -m aiexp schema --format markdown > docs/workbook.md
	$(PYTHON) scripts/make_rules_doc.py > docs/rules.md
