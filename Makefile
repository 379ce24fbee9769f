# The two README commands: `make serve` and `make test`. Each installs what it needs first.
# `make test-fast` is everything but the browser tests: lint, types, unit and build tests.
# The browser code is ES modules in web/, bundled into the site by the build (scripts/bundle.mjs).
PY            := .venv/bin/python
PORT          ?= 8000
SETUP         := .venv/ready node_modules/.package-lock.json
LINTED        := calc hooks tests scripts
ZENSICAL_SITE := site-zensical

.PHONY: serve test test-fast test-js lint types messages build build-zensical bench lock clean

serve: $(SETUP)
	SITE_URL=http://127.0.0.1:$(PORT)/ $(PY) -m mkdocs serve --strict -a 127.0.0.1:$(PORT)

# Lint, types and the Node tests, then side by side (scripts/test-side-by-side): the unit,
# property and build tests; the browser tests in Chromium; the journeys in Firefox ESR and
# WebKitGTK. Browsers are installed from Debian's packages when missing. `make test
# ENGINE=firefox` (or chromium, webkit, or a comma-separated list) runs those engines only.
test: lint types test-js
	ENGINE=$(ENGINE) scripts/ensure-browsers
	ENGINE=$(ENGINE) scripts/test-side-by-side

# The unit tests include tests/site, which builds the site strictly with MkDocs and Zensical.
test-fast: lint types test-js
	$(PY) -m pytest -m "not e2e" --hypothesis-profile=fast

lint: $(SETUP)
	$(PY) -m ruff check $(LINTED)
	$(PY) -m ruff format --check $(LINTED)

# TypeScript checks the JavaScript from its JSDoc types: the page glue with the DOM library, the
# calc worker and the service worker with the WebWorker one (web/*/tsconfig.json).
types: $(SETUP)
	$(PY) -m mypy --strict calc
	node_modules/.bin/tsc -p web/page
	node_modules/.bin/tsc -p web/worker
	node_modules/.bin/tsc -p web/sw

# What the Korean catalogues (calc/locale/ko.po, web/locale/ko.po) lack, leave in English or hold
# unused, one line each (tests/test_messages.py fails on the same list).
messages: $(SETUP)
	$(PY) scripts/messages.py

# The browser code's pure logic, in Node without a browser: storage, links, the runtime client.
test-js: $(SETUP)
	node --test web/test/

build: $(SETUP)
	$(PY) -m mkdocs build --strict

# Zensical runs the Markdown extensions (hooks.calc_markdown must import: PYTHONPATH) but not
# MkDocs hooks, so the Korean pages (into ko/, for the address SITE_URL/ko/) and the step after
# the HTML run by hand. zensical.yml and zensical.ko.yml only move the output. --clean empties
# Zensical's page cache (.cache/), which does not notice changes to calc/.
build-zensical: $(SETUP)
	PYTHONPATH=. $(PY) -m zensical build --clean --strict -f zensical.yml
	SITE_URL_KO=$(SITE_URL)ko/ PYTHONPATH=. $(PY) -m zensical build --clean --strict -f zensical.ko.yml
	$(PY) -m hooks.site_build $(ZENSICAL_SITE)

bench: $(SETUP)
	scripts/ensure-chromium
	$(PY) scripts/bench.py

.venv/ready: requirements.txt
	python3 -m venv .venv
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

# Re-resolve requirements.in into requirements.txt, transitive packages included, with hashes.
# Pins already in requirements.txt are kept unless requirements.in asks otherwise;
# `make lock UPGRADE=1` moves every package to the newest release requirements.in allows.
lock:
	tools=$$(mktemp -d) && python3 -m venv $$tools && \
	$$tools/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2 && \
	$$tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(if $(UPGRADE),--upgrade) \
	  --output-file requirements.txt requirements.in && \
	rm -rf $$tools

clean:
	rm -rf .venv node_modules site $(ZENSICAL_SITE) .cache
