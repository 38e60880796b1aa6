# Two commands do all set-up on a fresh machine: `make run` and `make test`.
# `make run` installs the program and its runtime dependencies only; the test, lint and packaging
# targets add the development extras. Each install leaves a stamp named after pyproject.toml's
# checksum, so an edited pyproject.toml installs again and an unchanged one does not.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HASH   := $(shell cat pyproject.toml | cksum | cut -d' ' -f1)
STAMP_RUN := $(VENV)/.installed-run-$(HASH)
STAMP_DEV := $(VENV)/.installed-dev-$(HASH)

.PHONY: run test lint typecheck pytest bench dist clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps of an older pyproject.toml are removed; the development install covers the runtime one.
$(STAMP_RUN): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	find $(VENV) -maxdepth 1 -name '.installed-*' ! -name '*-$(HASH)' -delete
	touch $(STAMP_RUN)

$(STAMP_DEV): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	find $(VENV) -maxdepth 1 -name '.installed-*' ! -name '*-$(HASH)' -delete
	touch $(STAMP_RUN) $(STAMP_DEV)

run: $(STAMP_RUN)
	@echo "resolution-reader is installed in $(abspath $(BIN)); from anywhere: $(abspath $(BIN))/resolution-reader --help"
	$(BIN)/python -m reader

lint: $(STAMP_DEV)
	$(BIN)/ruff check reader tests benchmarks bundle
	$(BIN)/ruff format --check reader tests benchmarks bundle

typecheck: $(STAMP_DEV)
	$(BIN)/mypy

pytest: $(STAMP_DEV)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

test: lint typecheck pytest

bench: $(STAMP_DEV)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py

dist: $(STAMP_DEV)
	$(BIN)/pyinstaller --noconfirm --clean build.spec

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache
