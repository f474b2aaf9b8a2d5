# Lantern: `make run` serves a demo site on 127.0.0.1:8000; `make test` runs the whole suite.
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
# The development server runs with DEBUG on unless the environment says otherwise.
RUN_ENV := DEBUG=$${DEBUG:-1}

.PHONY: install messages run test

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Message catalogs are compiled by the build, never committed (Babel: no GNU gettext needed).
messages: install
	$(BIN)/pybabel -q compile --directory site/locale --domain django

run: messages
	$(RUN_ENV) $(PYTHON) manage.py migrate --noinput
	$(RUN_ENV) $(PYTHON) manage.py load_demo
	$(RUN_ENV) $(PYTHON) manage.py search_index --rebuild
	$(RUN_ENV) $(PYTHON) manage.py ensure_admin
	$(RUN_ENV) $(PYTHON) manage.py runserver 127.0.0.1:8000

test: messages
	$(PYTHON) -m pytest
