# quotegraph: the two entry points are `make demo` and `make test`.
PY ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is required (python3.11 not found)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3

# torch first, pinned to the CPU build: otherwise a dependency pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test,scale]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/quotegraph demo

test: install
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) quotegraph.db build *.egg-info
