# Set-up is automatic: every target that needs the virtual environment creates it
# (and reinstalls the project only when pyproject.toml changed).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev

.PHONY: run test lint bench screenshots package package-test clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m app.ui.system_libs
	$(VENV)/bin/effnet

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check app tests benchmarks docs packaging
	$(VENV)/bin/ruff format --check app tests benchmarks docs packaging
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) -m benchmarks

# The installers: a PyInstaller folder, a .deb and a portable tarball in dist/.
PACKAGE_STAMP := dist/.packaged
PACKAGE_INPUTS := $(shell git ls-files app packaging resources pyproject.toml 2>/dev/null)

$(VENV)/.installed-packaging: $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,packaging]'
	touch $@

# The bundle (4.3 GB with torch's CUDA build), the .deb and the tarball, and PyInstaller's
# work folder; the .deb and tarball stages hard-link the bundle rather than copy it.
PACKAGE_SPACE_GB ?= 12

$(PACKAGE_STAMP): $(VENV)/.installed-packaging $(PACKAGE_INPUTS)
	@free=$$(df -Pk . | awk 'NR == 2 { print int($$4 / 1048576) }'); \
	if [ "$$free" -lt $(PACKAGE_SPACE_GB) ]; then \
		echo "make package needs about $(PACKAGE_SPACE_GB) GB free here; $$free GB are." >&2; \
		exit 1; \
	fi
	rm -rf dist/efficientnet-desktop
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/effnet.spec
	packaging/linux/build.sh
	touch $@

package: $(PACKAGE_STAMP)

package-test: $(PACKAGE_STAMP)
	packaging/smoke_test.sh

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) docs/make_screenshots.py
