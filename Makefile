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
	@echo
	@echo "Dataset (Turtle):   $(abspath $(DIST)/figuregraph.ttl)"
	@echo "Named graphs (TriG): $(abspath $(DIST)/figuregraph.trig)"
	@echo "JSON-LD:            $(abspath $(DIST)/figuregraph.jsonld)"
	@echo "Release (manifest, VoID/DCAT, ontology docs, CSV): $(abspath $(DIST)/release)"

# System packages the tests need (none yet beyond Python); installed here so CI needs nothing else.
system-test-deps:
	@true

test: venv-test system-test-deps
	$(BIN)/python -m pytest

# Scale benchmarks (not part of the tests): writes benchmarks/RESULTS.md; takes about half an hour.
bench: venv
	$(BIN)/python benchmarks/bench_stores.py --out benchmarks/RESULTS.md

clean:
	rm -rf $(VENV) $(DIST) .pytest_cache .hypothesis
