# complaint-helper — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARGS   ?=

.PHONY: run test test-stress lint typecheck pytest bench screenshots clean messages catalogs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed-run

## Translations (docs/translating.md). One gettext domain per part of the project; catalogs/<domain>.cfg
## says which files each covers. `make messages DOMAIN=web` extracts that domain's strings and
## updates its .po files (all domains when DOMAIN is not given); `make catalogs` compiles every .po.
I18N_DIR  := complaint_helper/translations
DOMAINS   := web interview documents downloads letters
DOMAIN    ?= $(DOMAINS)
LOCALES   := es
PO_FILES  := $(foreach l,$(LOCALES),$(foreach d,$(DOMAINS),$(I18N_DIR)/$(l)/LC_MESSAGES/$(d).po))
MO_FILES  := $(PO_FILES:.po=.mo)
EXTRACT_KEYWORDS := -k lazy_gettext -k lazy_pgettext:1c,2 -k translate -k translate_plural:1,2 \
                    -k translate_in_context:1c,2

messages: $(VENV)/.installed-run
	@mkdir -p build/i18n
	@for d in $(DOMAIN); do \
	  $(BIN)/pybabel -q extract -F catalogs/$$d.cfg $(EXTRACT_KEYWORDS) --add-location=file --no-wrap \
	    --add-comments=Translators: \
	    --sort-by-file --ignore-dirs='.* _* build dist node_modules' -o build/i18n/$$d.pot . || exit 1; \
	  for l in $(LOCALES); do \
	    if [ -f $(I18N_DIR)/$$l/LC_MESSAGES/$$d.po ]; then \
	      $(BIN)/pybabel -q update -i build/i18n/$$d.pot -d $(I18N_DIR) -D $$d -l $$l --no-wrap --ignore-obsolete || exit 1; \
	    else \
	      $(BIN)/pybabel -q init -i build/i18n/$$d.pot -d $(I18N_DIR) -D $$d -l $$l --no-wrap || exit 1; \
	    fi; \
	  done; \
	done

catalogs: $(MO_FILES)

$(I18N_DIR)/%.mo: $(I18N_DIR)/%.po | $(VENV)/.installed-run
	$(BIN)/pybabel -q compile -i $< -o $@

## make run: create .venv, install, start the app (opens your browser)
run: $(VENV)/.installed-run catalogs
	$(BIN)/complaint-helper serve $(ARGS)

## make test: create .venv, install with test extras, lint, type-check and run the whole suite
test: lint typecheck pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check complaint_helper tests $(wildcard bench) docs/screenshots.py
	$(BIN)/ruff format --check complaint_helper tests $(wildcard bench) docs/screenshots.py

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test catalogs
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make test-stress: the whole `make test` STRESS_RUNS times (default 5) while a CPU hog keeps one
## core busy; bounded (STRESS_RUN_MINUTES per run) and the hog stops by itself
STRESS_RUNS ?= 5
STRESS_RUN_MINUTES ?= 40
test-stress: $(VENV)/.installed-test
	$(BIN)/python -m tests.stress --runs $(STRESS_RUNS) --run-minutes $(STRESS_RUN_MINUTES)

## make bench: the benchmark (figures as medians next to baselines measured in the same run)
bench: $(VENV)/.installed-test catalogs
	$(BIN)/python bench/run.py $(ARGS)

## make screenshots: take the README's pictures again (the sample case, real server, Chromium)
screenshots: $(VENV)/.installed-test catalogs
	$(BIN)/python docs/screenshots.py

## make dist: the packaged app for this computer (PyInstaller, one spec file:
## packager/complaint-helper.spec) in dist/; prints the archive's path and SHA-256
.PHONY: dist dist-smoke
DIST_APP := dist/complaint-helper/complaint-helper
dist: $(VENV)/.installed-dist catalogs
	$(BIN)/python packager/build.py

$(VENV)/.installed-dist: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dist]'
	touch $@

## make dist-smoke: drive the BUILT app in Chromium (a PATH without Python); .ci/run runs it
dist-smoke: $(VENV)/.installed-test
	COMPLAINT_HELPER_DIST_APP=$(DIST_APP) $(BIN)/python -m pytest -p no:randomly -m dist tests/packaged

# `make bench` also times the packaged app's start: (re)build it first when missing or stale.
bench: $(DIST_APP)
$(DIST_APP): $(VENV)/.installed-dist packager/complaint-helper.spec packager/launch.py \
		$(shell find complaint_helper templates static -type f ! -path '*/__pycache__/*')
	$(BIN)/python packager/build.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache dist build
