# Two commands on a fresh machine: `make run` and `make test`.
# The virtualenv is rebuilt when pyproject.toml is newer than its install stamp.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/liftcalm

# The preflight stops at once, with the one apt-get line to run, where a system library is missing.
test: $(STAMP)
	@$(VENV)/bin/python tests/preflight.py
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest -q

bench: $(STAMP)
	$(VENV)/bin/python tests/bench/startup.py

clean:
	rm -rf $(VENV) *.egg-info
