# The README's quick start: `make demo` and `make test`.
PYTHON ?= python3.11
VENV = .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed
PORT ?= 8080
DEMO = var/demo

.PHONY: test demo bench docs clean vendor screenshots translations dist

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
# under the strict order instead.  The thread that builds search indexes
# after an edit page may outlive the test that rendered it by a moment.
test: $(STAMP)
	$(BIN)/zope-testrunner --test-path=src --path=benchmarks \
	    --ignore-new-thread='keywordwidget index builder' -vc

# Messages: extract them into the .pot, merge it into each .po, compile
# the .mo files that are shipped.
LOCALES = src/formlib/keywordwidget/locales
POT = $(LOCALES)/formlib.keywordwidget.pot

translations: $(STAMP)
	$(BIN)/pip install -q i18ndude
	$(BIN)/i18ndude rebuild-pot --pot $(POT) \
	    --create formlib.keywordwidget src/formlib/keywordwidget
	$(BIN)/i18ndude sync --pot $(POT) \
	    $(LOCALES)/*/LC_MESSAGES/formlib.keywordwidget.po
	$(BIN)/python -m formlib.keywordwidget.locales

# Tom Select, vendored from the npm registry: `make vendor` refreshes it.
TOM_SELECT_VERSION = 2.6.2
TOM_SELECT_DIR = src/formlib/keywordwidget/static/tom-select

vendor:
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	cd "$$tmp" && npm pack --silent tom-select@$(TOM_SELECT_VERSION) >/dev/null && \
	tar xzf tom-select-$(TOM_SELECT_VERSION).tgz && cd - >/dev/null && \
	rm -rf $(TOM_SELECT_DIR) && mkdir -p $(TOM_SELECT_DIR) && \
	cp "$$tmp"/package/dist/js/tom-select.complete.min.js \
	   "$$tmp"/package/dist/css/tom-select.min.css \
	   "$$tmp"/package/LICENSE $(TOM_SELECT_DIR)/ && \
	echo "tom-select $(TOM_SELECT_VERSION) from the npm registry" \
	    > $(TOM_SELECT_DIR)/VERSION.txt

screenshots: $(STAMP)
	$(BIN)/python docs/screenshots.py app
	$(BIN)/python docs/screenshots.py demo

# Creates the Zope instance in var/demo on first start; its data survive.
demo: $(STAMP)
	$(BIN)/python -m formlib.keywordwidget.demo.instance $(DEMO) $(PORT)
	$(BIN)/runwsgi $(DEMO)/etc/zope.ini http_port=$(PORT)

$(VENV)/.docs-installed: $(STAMP)
	$(BIN)/pip install -q -e '.[docs]'
	touch $@

# Warnings are errors: a broken reference or include fails the build.
docs: $(VENV)/.docs-installed
	$(BIN)/sphinx-build -W --keep-going -b html docs docs/_build/html

# Not run by CI: takes minutes, and its numbers need a quiet machine.
# Each part updates the docs; a goal missed in one still lets the others
# run, and fails the target at the end.
bench: $(VENV)/.bench-installed
	status=0; \
	$(BIN)/python benchmarks/run.py || status=1; \
	$(BIN)/python benchmarks/sitekeywords.py || status=1; \
	$(BIN)/python benchmarks/keywordmanager.py || status=1; \
	$(BIN)/python benchmarks/keystrokes.py || status=1; \
	$(BIN)/python benchmarks/paste.py || status=1; \
	$(BIN)/python benchmarks/load.py || status=1; \
	exit $$status

# Release check: sdist and wheel, their manifest and metadata, and the
# wheel installed alone in a clean virtualenv.
dist: $(STAMP)
	$(BIN)/pip install -q build check-manifest twine
	rm -rf dist build/wheel-check
	$(BIN)/python -m build
	$(BIN)/check-manifest
	$(BIN)/twine check --strict dist/*
	$(PYTHON) -m venv build/wheel-check
	build/wheel-check/bin/pip install -q dist/*.whl
	cd build && wheel-check/bin/python ../scripts/check_wheel.py

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info docs/_build
