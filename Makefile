# actbook: `make html` builds the book in four languages, `make test` runs everything CI checks.
# Both create .venv and install the exact pins of requirements.txt on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPHINXOPTS ?= -n -W --keep-going
LANGUAGES := en zh_CN zh_TW it
TRANSLATIONS := zh_CN zh_TW it
# Output folder per Sphinx language (URL-friendly, lower case).
folder = $(subst _,-,$(shell echo $(1) | tr A-Z a-z))
# Same commit, same site: dates in the output come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export PYTHONHASHSEED := 0

.PHONY: help venv html html-en $(addprefix html-,$(LANGUAGES)) gettext translations test lint \
	check-prose check-catalogs check-html check-workflows browser-test chromium pytest bench bench-build \
	pins clean

help:
	@echo "make html          build the book in every language into _build/html/"
	@echo "make test          everything CI checks (lint, catalogs, four-language build, HTML and browser checks, pytest)"
	@echo "make translations  refresh the gettext catalogs in book/locales after the English changed"
	@echo "make bench         activation benchmarks (ratios against numpy/scipy)"
	@echo "make bench-build   build-time benchmark: cold, warm, four languages against one"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

venv: $(STAMP)

html: $(STAMP)
	@for lang in $(LANGUAGES); do \
		$(MAKE) --no-print-directory html-$$lang || exit 1; \
	done
	$(BIN)/python tools/make_root_index.py _build/html
	@echo "Open _build/html/index.html (it picks your language; _build/html/en/index.html is English)."

# English first: it executes the notebooks and computes the claims; the other languages reuse both caches.
$(addprefix html-,$(LANGUAGES)): html-%: $(STAMP)
	$(BIN)/sphinx-build -b html -c . -D language=$* $(SPHINXOPTS) -d _build/doctrees/$* book _build/html/$(call folder,$*)

gettext: $(STAMP)
	$(BIN)/sphinx-build -b gettext -c . $(SPHINXOPTS) -d _build/doctrees/gettext book _build/gettext

translations: gettext
	$(BIN)/sphinx-intl update --line-width -1 -p _build/gettext -d book/locales $(addprefix -l ,$(TRANSLATIONS))
	$(BIN)/python tools/fill_badge_entries.py $(addprefix --language ,$(TRANSLATIONS))
	@echo "Now translate every new or fuzzy entry: make check-catalogs lists them."

lint: $(STAMP)
	$(BIN)/ruff check src tests tests_browser tools benchmarks conf.py
	$(BIN)/ruff format --check src tests tests_browser tools benchmarks conf.py

check-prose: $(STAMP)
	$(BIN)/python tools/check_prose_numbers.py book

check-catalogs: gettext
	$(BIN)/python tools/check_catalogs.py --pot _build/gettext --locales book/locales $(addprefix --language ,$(TRANSLATIONS))

check-html: $(STAMP)
	$(BIN)/python tools/check_html.py _build/html

check-workflows: $(STAMP)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/zizmor --offline --no-progress .github/workflows

# Browser tests use Debian's chromium (Playwright cannot download a browser here).
browser-test: $(STAMP) chromium
	$(BIN)/python -m pytest -q -p no:cacheprovider tests_browser

chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "the browser tests need Debian's chromium at /usr/bin/chromium: sudo apt-get install chromium"; exit 1; \
	fi

pytest: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider --cov=actbook --cov-report=term --cov-fail-under=95

test: lint check-prose check-catalogs html check-html browser-test check-workflows pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_activations.py

bench-build: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py

pins: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | sed '1i # Exact pins for building and testing actbook. Refresh with: make pins\n' > requirements.txt

clean:
	rm -rf _build
