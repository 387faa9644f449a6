# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/corroborator build demo/corpus --out demo/out
	@echo "corroborator is installed in $(VENV)/: run '. $(BIN)/activate' to put it on PATH"
	@echo "(or call $(BIN)/corroborator), then e.g.: corroborator serve demo/out"

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check corroborator tests
	$(BIN)/mypy corroborator

clean:
	rm -rf $(VENV) demo/out .pytest_cache
