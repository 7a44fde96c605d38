# The AI Capex Ledger: `make book` builds the site, `make test` runs every check.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
NODE_STAMP := node_modules/.installed
JB := .venv/bin/jupyter-book build . --warningiserror --nitpick --keep-going
PORT ?= 8000
NAME ?=
CHROMIUM ?= /usr/bin/chromium
PIP_NOISE := -e '/is ignored: it is neither a file nor a directory/d' -e '/BuildBackendWarning\|Editable installation/d'
timed = start=$$(date +%s); $(1); echo "    ($$(( $$(date +%s) - start )) s)"

.PHONY: book test serve chapter deps check-data lint unit nbval build browser benchmark benchmark-model pdf clean

book: deps check-data
	@echo "==> [3/4] Recomputing the claims ledger; re-executing chapters whose source, data or code changed"
	@$(PY) -m tools.ledger_build claims
	@$(call timed,$(PY) -m tools.ledger_build execute 2>&1 | grep -v "running over TCP")
	@echo "==> [4/4] Building the site, warnings as errors"
	@$(call timed,$(JB) --all >/tmp/ledger-build.log 2>&1 || { cat /tmp/ledger-build.log; exit 1; })
	@echo "Site built: $(CURDIR)/_build/html/index.html (make serve shows it on 127.0.0.1:$(PORT))"

deps: $(VENV_STAMP) $(NODE_STAMP)

$(VENV_STAMP): requirements.txt pyproject.toml
	@echo "==> [1/4] Python environment: .venv with the pinned requirements and the analysis package"
	@test -x $(PY) || python3 -m venv .venv
	@$(call timed,{ $(PY) -m pip install -q --disable-pip-version-check -r requirements.txt && \
		$(PY) -m pip install -q --disable-pip-version-check --no-deps -e . ; } 2>&1 | sed $(PIP_NOISE))
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@echo "==> [2/4] Browser assets: vega, vega-lite, vega-embed, KaTeX, Noto Sans SC, axe-core from package-lock.json"
	@$(call timed,npm ci --no-audit --no-fund --loglevel=error >/dev/null)
	@touch $@

check-data: $(VENV_STAMP)
	@echo "==> Checking every table of data/ against data/datapackage.json"
	@$(PY) -m tools.ledger_build check-data

chapter: deps check-data
	@test -n "$(NAME)" || { echo "usage: make chapter NAME=<page>, e.g. NAME=intro"; exit 2; }
	@$(PY) -m tools.ledger_build claims
	@echo "==> Re-executing book/$(NAME)"
	@$(call timed,$(PY) -m tools.ledger_build execute --only $(NAME) --force 2>&1 | grep -v "running over TCP")
	@echo "==> Building the site, warnings as errors"
	@$(call timed,$(JB) >/tmp/ledger-build.log 2>&1 || { cat /tmp/ledger-build.log; exit 1; })
	@echo "Site built: $(CURDIR)/_build/html/book/$(NAME).html"

serve:
	@test -f _build/html/index.html || { echo "no site yet: run make book"; exit 2; }
	@echo "Serving _build/html on 127.0.0.1:$(PORT) (Ctrl-C stops)"
	@$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

test: deps check-data lint unit nbval build browser
	@echo "All checks passed."

lint:
	@echo "==> ruff"
	@$(call timed,$(PY) -m ruff check analysis tests tools book/_ext benchmarks)

unit:
	@echo "==> Unit, property, data and pairing tests"
	@$(call timed,$(PY) -m pytest -q -m "not browser" tests)

nbval:
	@echo "==> nbval: re-executing every notebook; stored outputs must reproduce exactly"
	@$(call timed,$(PY) -m pytest -q --nbval book/*.ipynb)

build:
	@echo "==> Strict build of the site from the stored outputs"
	@$(call timed,$(JB) --all >/tmp/ledger-build.log 2>&1 || { cat /tmp/ledger-build.log; exit 1; })

browser:
	@echo "==> Browser tests in headless Chromium"
	@if [ ! -x $(CHROMIUM) ] && [ "$$(id -u)" = 0 ]; then \
		echo "    installing Debian's chromium package"; \
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi
	@if [ -x $(CHROMIUM) ]; then \
		$(call timed,LEDGER_CHROMIUM=$(CHROMIUM) $(PY) -m pytest -q -m browser tests); \
	elif [ "$${CI:-}" = true ]; then \
		echo "!!! FAIL: Chromium is missing at $(CHROMIUM) and could not be installed (CI=true)"; exit 1; \
	else \
		echo "!!!!!!!! SKIPPED: browser tests (no Chromium at $(CHROMIUM), not root to install it) !!!!!!!!"; \
	fi

pdf: book
	@echo "==> Printing the whole book to one PDF (single-page build, headless Chromium)"
	@$(call timed,.venv/bin/jupyter-book build . --builder singlehtml >/tmp/ledger-pdf.log 2>&1 || { cat /tmp/ledger-pdf.log; exit 1; })
	@LEDGER_CHROMIUM=$(CHROMIUM) $(PY) -m tools.print_pdf

benchmark: benchmark-model
	@echo "==> Benchmark (several minutes): build times, then bytes and drawing times per page -> docs/performance.md"
	@LEDGER_CHROMIUM=$(CHROMIUM) $(PY) -m benchmarks.site

benchmark-model: deps
	@echo "==> Benchmark: the verdict's Monte Carlo, 100,000 draws -> docs/performance.md"
	@$(PY) -m benchmarks.model

clean:
	rm -rf _build
