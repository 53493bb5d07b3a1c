# Set-up is automatic: every target that needs the virtual environment creates it
# (and reinstalls the project only when pyproject.toml changed).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev

.PHONY: run test test-tools lint bench screenshots translations translations-update package package-test clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Translations: the .ts files are edited (Qt Linguist) and kept in git; the .qm files the
# app reads are compiled from them by PySide6's lrelease.
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

%.qm: %.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM_FILES)

# After changing texts in app/: collect them into the .ts files for translating.
translations-update: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -silent -no-obsolete -locations none \
		$$(git ls-files 'app/*.py') -ts $(TS_FILES)

run: $(STAMP) translations
	$(PY) -m app.ui.system_libs
	$(VENV)/bin/effnet

# The tests read written keywords back with exiftool and exiv2, as photo managers would,
# and check desktop entries with desktop-file-validate.
TEST_TOOLS := exiftool:libimage-exiftool-perl exiv2:exiv2 desktop-file-validate:desktop-file-utils
test-tools:
	@for pair in $(TEST_TOOLS); do \
		tool=$${pair%%:*}; package=$${pair#*:}; \
		command -v $$tool >/dev/null && continue; \
		echo "The tests need $$tool; installing Debian's $$package."; \
		apt-get install -y -qq $$package >/dev/null 2>&1 || \
		{ apt-get update -qq && apt-get install -y -qq $$package >/dev/null; } || \
		{ echo "Install it with: sudo apt-get install $$package" >&2; exit 1; }; \
	done

test: $(STAMP) translations test-tools
	$(PY) -m pytest  # offscreen, on a 1920×1080 screen: see tests/conftest.py

lint: $(STAMP)
	$(VENV)/bin/ruff check app tests benchmarks docs packaging
	$(VENV)/bin/ruff format --check app tests benchmarks docs packaging
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	$(PY) -m benchmarks

# The installers: a PyInstaller folder, a .deb and a portable tarball in dist/.
# EDITION=standard (the default: CPU, ONNX Runtime, no torch) or EDITION=full (with torch
# for NVIDIA GPUs).
EDITION ?= standard
PACKAGE_STAMP := dist/.packaged-$(EDITION)
PACKAGE_INPUTS := $(shell git ls-files app packaging resources pyproject.toml 2>/dev/null)

$(VENV)/.installed-packaging: $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev,packaging]'
	touch $@

# Free space needed: the bundle (about 0.3 GB standard, 4.3 GB full with torch's CUDA
# build), PyInstaller's work folder, the .deb and the tarball (their stages hard-link the
# bundle rather than copy it).
PACKAGE_SPACE_GB_standard := 2
PACKAGE_SPACE_GB_full := 12
PACKAGE_SPACE_GB ?= $(PACKAGE_SPACE_GB_$(EDITION))

$(PACKAGE_STAMP): $(VENV)/.installed-packaging $(QM_FILES) $(PACKAGE_INPUTS)
	@case "$(EDITION)" in standard|full) ;; *) echo "EDITION is standard or full" >&2; exit 2;; esac
	@free=$$(df -Pk . | awk 'NR == 2 { print int($$4 / 1048576) }'); \
	if [ "$$free" -lt $(PACKAGE_SPACE_GB) ]; then \
		echo "make package EDITION=$(EDITION) needs about $(PACKAGE_SPACE_GB) GB free here; $$free GB are." >&2; \
		exit 1; \
	fi
	rm -rf dist/$(EDITION)
	EDITION=$(EDITION) $(VENV)/bin/pyinstaller --noconfirm --log-level WARN \
		--distpath dist/$(EDITION) --workpath build/pyinstaller-$(EDITION) packaging/effnet.spec
	EDITION=$(EDITION) packaging/linux/build.sh
	touch $@

package: $(PACKAGE_STAMP)

package-test: $(PACKAGE_STAMP)
	EDITION=$(EDITION) packaging/smoke_test.sh

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen:configfile=tests/support/screen-1920x1080.json $(PY) docs/make_screenshots.py
