# Kumo Study. `make run` and `make test` are the two commands a fresh machine needs.
PY := .venv/bin/python
PIP := .venv/bin/pip
MANAGE := $(PY) manage.py
PYTEST_WORKERS ?= 2

.PHONY: run test setup venv data messages browser postgres bench soak clean

.venv/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: .venv/.installed

# .mo files are committed; recompile when gettext is there.
messages: venv
	@if command -v msgfmt >/dev/null; then $(MANAGE) compilemessages --ignore=.venv -v 0; fi

setup: venv messages
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) createcachetable

data: setup
	$(MANAGE) import_notes fixtures/notes
	$(MANAGE) generate_questions
	$(MANAGE) seed_demo

run: data
	$(MANAGE) runserver 127.0.0.1:8000

# Debian Chromium (Playwright cannot download its own here) and CJK fonts for screenshots.
browser:
	@bash .ci/browser.sh

test: venv messages browser
	$(PY) -m pytest -n $(PYTEST_WORKERS) -q

postgres:
	@bash .ci/postgres.sh

bench: setup
	$(PY) bench/run.py

soak: setup
	$(PY) bench/soak.py

clean:
	rm -rf .venv db.sqlite3* staticfiles media bench/results.json screenshots
