# Two commands for a fresh machine:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
ARGS   ?=

.PHONY: run test install install-test lint typecheck contracts pytest demo screenshots \
        translations-extract translations-update benchmarks bundle clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"

## Install and start the desktop app (first run offers the sample coalition).
run: install
	$(BIN)/rallyorg $(ARGS)

## Install the test extra; run lint, types, import contracts and the whole test suite.
test: install-test
	$(MAKE) --no-print-directory lint typecheck contracts pytest

lint:
	$(BIN)/ruff check src tests benchmarks packaging
	$(BIN)/ruff format --check src tests benchmarks packaging

typecheck:
	$(BIN)/mypy

contracts:
	$(BIN)/lint-imports

## Every test on SQLite, then the ones that use a database again on a throwaway PostgreSQL
## server (skipped with a message where PostgreSQL is not installed).
pytest:
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q
	$(BIN)/pytest -q --backend=postgresql

## Load the sample coalition into the default database.
demo: install
	$(BIN)/rallyorg demo

## 10k, 100k and 1M volunteers: one table of figures against their targets (benchmarks/coalition.py;
## the coalitions are generated once into benchmarks/.cache/). The older benchmarks/bench_*.py run by hand.
benchmarks: install-test
	$(BIN)/python benchmarks/coalition.py $(ARGS)

## The one-folder app an organizer downloads (PyInstaller, packaging/): dist/rallyorg/ and, on
## Linux, dist/rallyorg-<version>-linux-<machine>.tar.gz with install.sh for the app menu.
bundle: install-test
	$(BIN)/python packaging/build.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache

## Render every main screen on the sample coalition, English and Spanish, to docs/screenshots/.
screenshots: install
	$(BIN)/python -m rallyorg.gui.screenshots docs/screenshots

## Re-extract translations/rallyorg.pot from the code and merge it into every catalog
## (commands documented in babel.cfg).
translations-extract: install-test
	$(BIN)/pybabel extract --no-wrap -F babel.cfg -k N_ -k _ -k ngettext:1,2 -k pgettext:1c,2 --add-comments=Translators: \
		--sort-output --add-location=file --project=rallyorg --copyright-holder="rallyorg contributors" \
		-o translations/rallyorg.pot src

translations-update: translations-extract
	$(BIN)/pybabel update --no-wrap -D rallyorg -i translations/rallyorg.pot -d translations \
		--ignore-obsolete --no-fuzzy-matching
