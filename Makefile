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

test: $(STAMP)
	ZOPE_INTERFACE_STRICT_IRO=1 $(BIN)/zope-testrunner --test-path=src -vc

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info
