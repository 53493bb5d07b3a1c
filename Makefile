# Set-up is automatic: every target that needs the virtual environment creates it
# (and reinstalls the project only when pyproject.toml changed).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev

.PHONY: run test lint bench screenshots clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/effnet

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check app tests benchmarks docs packaging
	$(VENV)/bin/ruff format --check app tests benchmarks docs packaging
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) docs/make_screenshots.py
