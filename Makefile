# The two commands a newcomer needs: `make demo` and `make test`. Both create .venv and install first.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test install lint clean

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "citegraph needs Python 3.11+")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/citegraph demo

lint: install
	$(BIN)/ruff check pipeline spiders warehouse mirror tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info spiders/pages/_render.c spiders/pages/_render.*.so spiders/records/_slots.c spiders/records/_slots.*.so spiders/normalize/_scan.c spiders/normalize/_scan.*.so spiders/pages/_lists.c spiders/pages/_lists.*.so
