# The README's quick start: `make demo` and `make test`.
PYTHON ?= python3.11
VENV = .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed
PORT ?= 8080
DEMO = var/demo

.PHONY: test demo bench docs clean

$(STAMP): pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip setuptools wheel
	$(BIN)/pip install -q -e '.[test,zope]'
	touch $(STAMP)

$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	touch $@

# No ZOPE_INTERFACE_STRICT_IRO for the whole run: classes that
# zope.browserpage makes for formlib's DisplayForm (and Zope's own classes)
# have inconsistent orders; tests/test_registrations.py checks our marker
# under the strict order instead.
test: $(STAMP)
	$(BIN)/zope-testrunner --test-path=src -vc

# Creates the Zope instance in var/demo on first start; its data survive.
demo: $(STAMP)
	$(BIN)/python -m formlib.keywordwidget.demo.instance $(DEMO) $(PORT)
	$(BIN)/runwsgi $(DEMO)/etc/zope.ini http_port=$(PORT)

# Not run by CI: takes minutes, and its numbers need a quiet machine.
bench: $(VENV)/.bench-installed
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info
