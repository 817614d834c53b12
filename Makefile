# actbook: `make html` builds the book in four languages, `make test` runs everything CI checks.
# Both create .venv and install the exact pins of requirements.txt on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# cffconvert needs jsonschema<4, the main venv jsonschema 4: it has a venv of its own.
TOOLS_VENV ?= .venv-tools
TOOLS_STAMP := $(TOOLS_VENV)/.installed
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
	@echo "make pdf           the book and its PDF per language (_build/pdf/, linked from every page)"
	@echo "make test          everything CI checks (lint, catalogs, four-language build, HTML and browser checks, pytest)"
	@echo "make translations  refresh the gettext catalogs in book/locales after the English changed"
	@echo "make audit         every page of every language: phone width and axe-core (after make html)"
	@echo "make bench         activation benchmarks (ratios against numpy/scipy)"
	@echo "make bench-build   build-time benchmark: cold, warm, four languages against one"
	@echo "make remeasure     measure the book's timings again and store them with this machine"
	@echo "make check-reproducible  rebuild, and build again from clean: the same bytes (after make html)"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

venv: $(STAMP)

# English first (it fills the execution and claim caches), then the three translations at
# once: they only read the caches, and each has its own doctrees and output folder. Three
# builds on two cores finish sooner than two rounds of two (no core waits for the last one).
# `make test` has filled both caches with its gettext build already (CACHES_FILLED=yes): all
# four languages go at once.
JOBS ?= 2
HTML_JOBS ?= $(words $(TRANSLATIONS))
CACHES_FILLED ?= no
# Where `make html` writes (check-reproducible builds a second site elsewhere).
HTML_OUT ?= _build/html
DOCTREES ?= _build/doctrees
html: $(STAMP)
	@if [ "$(CACHES_FILLED)" = yes ]; then \
		$(MAKE) --no-print-directory -j$(words $(LANGUAGES)) --output-sync=target $(addprefix html-,$(LANGUAGES)); \
	else \
		$(MAKE) --no-print-directory html-en && \
		$(MAKE) --no-print-directory -j$(HTML_JOBS) --output-sync=target $(addprefix html-,$(TRANSLATIONS)); \
	fi
	$(BIN)/python tools/make_root_index.py $(HTML_OUT)
	$(BIN)/python tools/share_assets.py $(HTML_OUT)
	$(BIN)/python tools/build_wheel.py $(HTML_OUT)/wheels
	rm -rf $(HTML_OUT)/jupyter_execute  # left by builds before myst-nb's output moved to _build/doctrees/<lang>
	@echo "Open _build/html/index.html (it picks your language; _build/html/en/index.html is English)."

# English first: it executes the notebooks and computes the claims; the other languages reuse both caches.
$(addprefix html-,$(LANGUAGES)): html-%: $(STAMP)
	$(BIN)/sphinx-build -b html -c . -D language=$* $(SPHINXOPTS) -d $(DOCTREES)/$* book $(HTML_OUT)/$(call folder,$*)

# The same commit builds the same site, in all four languages: a rebuild with nothing
# changed, and a second clean build (its own doctrees and output folder; it shares the
# execution and claim caches, so it renders rather than executes), must write the same
# bytes as the first build. Runs after `make html`; ignores the PDFs that `make pdf` adds.
.PHONY: check-reproducible
REPRODUCE := _build/reproduce
check-reproducible: $(STAMP)
	rm -rf $(REPRODUCE) && mkdir -p $(REPRODUCE)
	cp -a $(HTML_OUT) $(REPRODUCE)/first
	$(MAKE) --no-print-directory html CACHES_FILLED=yes
	$(BIN)/python tools/compare_sites.py $(REPRODUCE)/first $(HTML_OUT) --ignore '*/_downloads/*.pdf'
	$(MAKE) --no-print-directory html CACHES_FILLED=yes HTML_OUT=$(REPRODUCE)/html DOCTREES=$(REPRODUCE)/doctrees
	$(BIN)/python tools/compare_sites.py $(REPRODUCE)/first $(REPRODUCE)/html --ignore '*/_downloads/*.pdf'
	rm -rf $(REPRODUCE)

gettext: $(STAMP)
	$(BIN)/sphinx-build -b gettext -c . $(SPHINXOPTS) -d _build/doctrees/gettext book _build/gettext

translations: gettext
	$(BIN)/sphinx-intl update --line-width -1 -p _build/gettext -d book/locales $(addprefix -l ,$(TRANSLATIONS))
	$(BIN)/python tools/fill_badge_entries.py $(addprefix --language ,$(TRANSLATIONS))
	$(BIN)/python tools/fill_catalog_headers.py book/locales $(addprefix --language ,$(TRANSLATIONS))
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

# Download links resolve, notebooks are valid and start with the install cells, the wheel
# installs and imports, and one chapter's notebook runs in English and Chinese.
.PHONY: check-downloads
check-downloads: $(STAMP)
	$(BIN)/python tools/check_downloads.py _build/html

check-workflows: $(STAMP)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/zizmor --offline --no-progress .github/workflows

# CITATION.cff must be valid CFF 1.2.0 (tests/test_citation.py checks that its version and
# repository agree with pyproject.toml and conf.py). cffconvert 2.0.0, the latest release,
# pins jsonschema<4 and cannot join .venv; .venv-tools holds it with exact pins.
.PHONY: check-citation
check-citation: $(TOOLS_STAMP)
	$(TOOLS_VENV)/bin/cffconvert --validate --infile CITATION.cff

$(TOOLS_STAMP): requirements-tools.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/python -m pip install --quiet --no-deps -r requirements-tools.txt
	$(TOOLS_VENV)/bin/python -m pip check
	@touch $@

# Browser tests use Debian's chromium (Playwright cannot download a browser here). They include
# the every-page audit: every page of every language at 390 px (no sideways scroll) and
# through axe-core at 1366 px (no critical or serious violation); its reports go to
# _build/reports/site-audit-<folder>.json.
browser-test: $(STAMP) chromium
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(JOBS) --dist worksteal tests_browser

# The every-page audit alone (a part of browser-test).
.PHONY: audit
audit: $(STAMP) chromium
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(JOBS) tests_browser/test_every_page.py

chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "the browser tests need Debian's chromium at /usr/bin/chromium: sudo apt-get install chromium"; exit 1; \
	fi
	@# The PDFs of the Chinese books embed Noto CJK (Chinese pages print empty boxes without it).
	@if fc-list :lang=zh | grep -q .; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's fonts-noto-cjk for the Chinese PDFs"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; \
	else \
		echo "the Chinese PDFs need the Noto CJK fonts: sudo apt-get install fonts-noto-cjk"; exit 1; \
	fi

# The whole book as one PDF per language (_build/pdf, copied to _build/html/<lang>/_downloads,
# which every page links): each language's singlehtml build, made from the html build's
# doctrees and caches (nothing is executed again), printed by Debian's Chromium.
# Two languages at a time (JOBS): each needs one core and about 2 GB for Chromium.
.PHONY: pdf check-pdf $(addprefix pdf-,$(LANGUAGES))
pdf: html chromium
	$(MAKE) --no-print-directory -j$(JOBS) --output-sync=target $(addprefix pdf-,$(LANGUAGES))

$(addprefix pdf-,$(LANGUAGES)): pdf-%: $(STAMP)
	$(BIN)/sphinx-build -b singlehtml -c . -D language=$* $(SPHINXOPTS) -d _build/doctrees/$* book _build/singlehtml/$(call folder,$*)
	$(BIN)/python tools/make_pdf.py _build/singlehtml _build/pdf _build/html $(call folder,$*)

# One language per target: each reads every page of its PDF, and `make checks` runs two at a time.
check-pdf: $(addprefix check-pdf-,$(LANGUAGES))

.PHONY: $(addprefix check-pdf-,$(LANGUAGES))
$(addprefix check-pdf-,$(LANGUAGES)): check-pdf-%: $(STAMP)
	$(BIN)/python tools/check_pdf.py _build/html --folder $(call folder,$*)

pytest: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(JOBS) --dist loadgroup --cov=actbook --cov-report=term --cov-fail-under=95

# The checks of the built site are single-threaded: they run JOBS at a time.
.PHONY: checks
checks: $(STAMP)
	$(MAKE) --no-print-directory -j$(JOBS) --output-sync=target $(addprefix check-pdf-,$(LANGUAGES)) \
		check-html check-downloads check-workflows check-citation

# check-catalogs runs the gettext build, which executes the notebooks and computes the claims.
test: CACHES_FILLED = yes
test: lint check-prose check-catalogs html check-reproducible pdf checks browser-test pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_activations.py

bench-build: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py

# The timings the book quotes are stored in src/actbook/claims/measurements.json with the
# machine that measured them: builds never measure, so one commit always shows one number.
# Run on a quiet machine, then commit the file. CLAIMS="id ..." measures only those.
.PHONY: remeasure
remeasure: $(STAMP)
	$(BIN)/python -c 'import sys; from actbook.claims.measurements import main; sys.exit(main(sys.argv[1:]))' $(CLAIMS)

pins: $(STAMP)
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v '^pip==' | sed '1i # Exact pins for building and testing actbook. Refresh with: make pins\n' > requirements.txt

clean:
	rm -rf _build
