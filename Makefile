# Two commands do everything on a fresh machine: `make demo` and `make test`.
# Both create .venv and install the package (CPU torch pinned in constraints.txt) first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast lint bench clean postgres chromium

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --constraint constraints.txt --editable ".[dev]"
	touch $(STAMP)

demo: $(STAMP)  ## fit on the built-in demo series and print the summary
	$(BIN)/lstm-doctor demo

postgres:  ## install PostgreSQL's server programs if missing (the distributed-study tests)
	bash scripts/ensure_postgres.sh

chromium:  ## install headless Chromium if missing (the report's real-browser test)
	bash scripts/ensure_chromium.sh

test: $(STAMP) postgres chromium  ## lint, then every test including the slow end-to-end ones (what CI runs)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -m pytest

test-fast: $(STAMP)  ## the quick tests only
	$(BIN)/python -m pytest -m "not slow"

bench: $(STAMP)  ## each benchmark prints one JSON line
	$(BIN)/python benchmarks/train_throughput.py
	$(BIN)/python benchmarks/memory_scaling.py
	$(BIN)/python benchmarks/sequence_bucketing.py

clean:
	rm -rf $(VENV) runs .pytest_cache .ruff_cache
