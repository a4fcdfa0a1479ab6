# The two set-up commands: `make demo` and `make test`. Both create .venv on their own.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FG     := $(BIN)/figuregraph
DIST   := dist

.PHONY: demo test bench venv venv-test system-test-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the package metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

venv: $(VENV)/.installed
venv-test: $(VENV)/.installed-test

demo: venv
	$(FG) build --output $(DIST)/figuregraph.ttl
	$(FG) validate
	$(FG) query figure-sources
	$(FG) export --format trig --output $(DIST)/figuregraph.trig
	$(FG) export --format jsonld --output $(DIST)/figuregraph.jsonld
	$(FG) release --output $(DIST)/release --format csv > /dev/null
	$(FG) show --output $(DIST)/backing.html
	$(FG) show --figure desertion-awol-cases-southern-md-2024-12 --output $(DIST)/figure.html
	$(FG) chart --measure desertion-awol-criminal-cases --output $(DIST)/chart.png
	@echo
	@echo "Dataset (Turtle):   $(abspath $(DIST)/figuregraph.ttl)"
	@echo "Named graphs (TriG): $(abspath $(DIST)/figuregraph.trig)"
	@echo "JSON-LD:            $(abspath $(DIST)/figuregraph.jsonld)"
	@echo "Release (manifest, VoID/DCAT, ontology docs, CSV): $(abspath $(DIST)/release)"
	@echo "Interactive network (open in any browser, offline): $(abspath $(DIST)/backing.html)"
	@echo "One figure and its chain: $(abspath $(DIST)/figure.html)"
	@echo "Chart of comparable figures: $(abspath $(DIST)/chart.png)"

# System packages the tests need: Debian's chromium for the browser tests (Playwright drives it
# with executable_path; no browser download), and Debian's Virtuoso (7.2.5 on bookworm) for the
# remote-engine tests, which start their own on a scratch database (the package's own service is
# not used). Installed here so CI needs nothing else.
system-test-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
	@command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1 || { \
	  echo "installing Debian's virtuoso-opensource for the remote-engine tests"; \
	  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q virtuoso-opensource >/dev/null; }

test: venv-test system-test-deps
	$(BIN)/mypy
	$(BIN)/mypy tests benchmarks
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

# Scale benchmarks (not part of the tests): writes benchmarks/RESULTS.md; takes about half an hour.
bench: venv
	$(BIN)/python benchmarks/bench_stores.py --out benchmarks/RESULTS.md

clean:
	rm -rf $(VENV) $(DIST) .pytest_cache .hypothesis .mypy_cache .ruff_cache
