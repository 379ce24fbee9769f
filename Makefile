# The two README commands: `make serve` and `make test`. Each installs what it needs first.
PY      := .venv/bin/python
PORT    ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build bench clean

serve: .venv/ready node_modules/.package-lock.json
	SITE_URL=http://127.0.0.1:$(PORT)/ $(PY) -m mkdocs serve --strict -a 127.0.0.1:$(PORT)

test: .venv/ready node_modules/.package-lock.json
	scripts/ensure-chromium
	$(PY) -m ruff check calc hooks tests scripts
	$(PY) -m ruff format --check calc hooks tests scripts
	$(PY) -m pytest

build: .venv/ready node_modules/.package-lock.json
	$(PY) -m mkdocs build --strict

bench: .venv/ready node_modules/.package-lock.json
	scripts/ensure-chromium
	$(PY) scripts/bench.py

.venv/ready: requirements.txt
	python3 -m venv .venv
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

clean:
	rm -rf .venv node_modules site
