# The README's quick start: `make demo` and `make test`.
PYTHON ?= python3.11
VENV = .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed

.PHONY: test demo bench docs clean

$(STAMP): pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip setuptools wheel
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	touch $@

test: $(STAMP)
	ZOPE_INTERFACE_STRICT_IRO=1 $(BIN)/zope-testrunner --test-path=src -vc

# Not run by CI: takes minutes, and its numbers need a quiet machine.
bench: $(VENV)/.bench-installed
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info
