# NumPy Memory: course, nbgrader pipeline and tests. See README.md.
#
#   make demo     the instructor pipeline end to end on the sample class, with grades
#   make test     every test (lint, unit, nbgrader grading, notebooks, browser)
#   make lab      JupyterLab on the course, for a learner (make lab-instructor: all tools)
#   make generate rebuild source/ from content/ and release/ from source/ (nbgrader)
#   make bench    notebook time and memory, grading a class, explorer latency, diagnosis
#
# Instructors (A=assignment(s), default all; README "For instructors"):
#   make release A=..  collect  autograde JOBS=N  feedback  export  report
#   make regrade A=.. STUDENT=..  due A=.. DUE="2026-03-02 17:00 UTC"  check-submissions

PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
NPMEM  := $(BIN)/npmem
# nbgrader runs `alembic` and kernels run `python` by name: this venv comes first.
export PATH := $(abspath $(BIN)):$(PATH)
ASSIGNMENTS := $(patsubst content/%.py,%,$(sort $(wildcard content/[0-9]*-*.py)))
PYTEST_ARGS ?=

.PHONY: help venv source generate demo test test-quick lint format lab lab-instructor bench chromium system-deps clean mutation

help:
	@sed -n '3,13p' Makefile

# the versions of constraints.txt (make lock); pyproject.toml states the ranges
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade -c constraints.txt pip uv
	$(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode -c constraints.txt -e '.[test]'

# the npmem command comes with the editable install; a venv made before it gets it here
$(BIN)/npmem: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-deps -c constraints.txt -e .

# npmem's bytecode written ahead (compileall skips what is up to date): every grading
# process, nbgrader command and kernel imports npmem, and where PYTHONDONTWRITEBYTECODE
# is set (the grading box sets it) each would otherwise compile it again
venv: $(BIN)/python $(BIN)/npmem
	@$(BIN)/python -m compileall -q npmem

# constraints.txt afresh: pyproject.toml's ranges resolved in a new temporary venv, every
# package frozen at its version (docs/testing.md, "Upgrading dependencies")
LOCK_SORT := import sys; sys.stdout.writelines(sorted(sys.stdin, key=lambda line: line.partition("==")[0].lower()))
.PHONY: lock
lock:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp/venv" && \
	"$$tmp/venv/bin/python" -m pip install --quiet --upgrade pip && \
	"$$tmp/venv/bin/python" -m pip install --quiet -e '.[test]' && \
	version=$$("$$tmp/venv/bin/python" -c 'import platform; print(platform.python_version())') && \
	{ \
	  echo "# Every package of the test environment at an exact version: the resolution of"; \
	  echo "# \`pip install -e '.[test]'\` (pyproject.toml's ranges) on Python $$version, written by"; \
	  echo "# \`pip freeze --all --exclude-editable\` (pip and setuptools included), sorted."; \
	  echo "# \`make venv\` installs with \`-c constraints.txt\`; environment.yml pins the same versions"; \
	  echo "# (tests/test_environment.py checks). Regenerate with \`make lock\`, which resolves afresh"; \
	  echo "# in a temporary venv; docs/testing.md, \"Upgrading dependencies\", has the whole procedure."; \
	  "$$tmp/venv/bin/python" -m pip freeze --all --exclude-editable \
	    | "$$tmp/venv/bin/python" -c '$(LOCK_SORT)'; \
	} > constraints.txt.new && mv constraints.txt.new constraints.txt && \
	echo "constraints.txt: $$(grep -c '==' constraints.txt) packages, Python $$version"

# content/NN-topic.py -> source/NN-topic/topic.ipynb (+ notebooks/index.ipynb)
source: venv
	$(NPMEM) build

# source/ -> release/ through nbgrader itself (also records the assignments in the gradebook)
generate: source
	@for a in $(ASSIGNMENTS); do \
	  echo "nbgrader generate_assignment $$a"; \
	  $(BIN)/nbgrader generate_assignment $$a --force --log-level=WARN || exit 1; \
	done

# source/ -> solution/NN-topic/ with nbgrader's generate_solution, for instructors who
# publish worked solutions: each notebook is run with the reference answers, and its
# hidden tests are removed (stock generate_solution would keep them).
SOLUTION_STEPS := IncludeHeaderFooter LockCells ClearOutput ClearMarkScheme ClearHiddenTests Execute
.PHONY: solutions
solutions: source
	@for a in $(ASSIGNMENTS); do \
	  echo "nbgrader generate_solution $$a"; \
	  $(BIN)/nbgrader db assignment add $$a --log-level=ERROR && \
	  $(BIN)/nbgrader generate_solution $$a --force --log-level=ERROR \
	    $(foreach p,$(SOLUTION_STEPS),--GenerateSolution.preprocessors=nbgrader.preprocessors.$(p)) \
	    || exit 1; \
	done

demo: venv
	$(NPMEM) demo

# ---- instructor workflow: nbgrader's own commands and exchange (npmem/instructor) ----
A       ?=
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
STUDENT ?=
DUE     ?=

.PHONY: release collect autograde feedback export report regrade due check-submissions

release: venv
	$(NPMEM) release $(A)
collect: venv
	$(NPMEM) collect $(A) $(if $(STUDENT),--student=$(STUDENT))
autograde: venv
	$(NPMEM) autograde $(A) $(if $(SCHEDULER),--scheduler=$(SCHEDULER),--jobs=$(JOBS)) \
	  $(if $(STUDENT),--student=$(STUDENT)) $(if $(FORCE),--force)
feedback: venv
	$(NPMEM) feedback $(A) $(if $(STUDENT),--student=$(STUDENT))
export: venv
	$(NPMEM) export
report: venv
	$(NPMEM) report
regrade: venv
	$(NPMEM) regrade $(A) $(STUDENT)
due: venv
	$(NPMEM) due $(A) "$(DUE)"
check-submissions: venv
	$(NPMEM) triage $(A)

# ---- grading security (npmem/sandbox; README "Grading security") ---------------------
# autograde grades each exercise once in the sandbox (nbgrader_config.py); verify: re-check
# a gradebook filled another way and correct it; grade-secure: nbgrader autograde, sandbox on.
.PHONY: verify grade-secure test-adversarial
verify: venv
	@for a in $(or $(A),$(ASSIGNMENTS)); do \
	  $(NPMEM) verify $$a $(if $(STUDENT),--student=$(STUDENT)) || exit 1; \
	done
grade-secure: venv
	@for a in $(or $(A),$(ASSIGNMENTS)); do \
	  $(NPMEM) grade-secure $$a $(if $(STUDENT),--student=$(STUDENT)) || exit 1; \
	done
# the hostile submissions, graded by stock nbgrader and by ours (root: cgroups, namespaces)
test-adversarial: venv
	$(BIN)/python -m pytest tests/test_adversarial.py $(PYTEST_ARGS)

# What the tests need from Debian: Chromium (browser tests), bubblewrap (the sandbox) and
# PostgreSQL's server binaries (the PostgreSQL gradebook tests). Installed here when we
# are root (as on CI); otherwise the missing ones are named.
DEBIAN_DEPS = chromium:chromium bwrap:bubblewrap
chromium system-deps:
	@missing=""; \
	for dep in $(DEBIAN_DEPS); do \
	  command -v $${dep%%:*} >/dev/null 2>&1 || missing="$$missing $${dep#*:}"; \
	done; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing Debian packages: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi

# generated documentation: the attack table of docs/security.md
.PHONY: docs
docs: venv
	$(BIN)/python tests/attack_table.py
	$(NPMEM) package-map
	$(NPMEM) settings-table

lint: venv typecheck
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy on npmem/ ([tool.mypy] in pyproject.toml, not strict); part of lint, so of make test
.PHONY: typecheck
typecheck: venv
	$(BIN)/mypy

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# every core (pytest-xdist; one test file per worker at a time, so a module's fixtures are
# built once), and the 25 slowest tests listed at the end so that growth shows
TEST_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
test: venv system-deps lint
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadfile --no-loadscope-reorder --durations=25 $(PYTEST_ARGS)

# seconds: no nbgrader runs, no notebooks, no browser
test-quick: venv
	$(BIN)/python -m pytest -m "not slow and not browser" $(PYTEST_ARGS)

# the mutation pass (npmem/dev/mutation.py): mutants of every reference solution must
# fail the hidden tests; A=01-strides or A=01-strides:windows for one assignment/exercise
mutation: venv
	$(NPMEM) mutation $(A)

# a learner's Lab: their own copy of the assignments in my-work/ (made on first start,
# never overwritten), instructor tools off for this server only (npmem/selfcheck/lab.py)
lab: venv
	$(NPMEM) lab

# the instructor's Lab: every nbgrader tool (formgrader, create assignment, ...)
# (the course's exchange is made first if it is missing: the formgrader needs it)
lab-instructor: venv
	$(NPMEM) lab-instructor

# CLASS students x 6 assignments graded twice (stock serial, ours with JOBS workers):
# 6 students keep the whole run near 8 minutes on 2 idle cores; CLASS=20 for a full class
CLASS ?= 6
bench: venv bench-explorers
	$(NPMEM) bench --json bench-results/notebooks.json \
	  --class-size $(CLASS) --jobs $(JOBS)
	$(NPMEM) diagnoses --measure samples/independent --summary --json bench-results/diagnosis.json
	$(NPMEM) diagnoses --measure samples/blind --summary --json bench-results/diagnosis.json
	$(NPMEM) diagnoses 01-strides --cost --json bench-results/diagnosis.json
	$(NPMEM) bench-page

# each explorer in a real JupyterLab (headless Chromium): median and max milliseconds from
# a dropdown's change event to the new picture in the page, over every option, twice
.PHONY: bench-explorers
bench-explorers: venv chromium
	$(NPMEM) bench-explorers --json bench-results/explorers.json

clean:
	rm -rf gradebook.db grades.csv exchange submitted feedback .demo-homes \
	  tests/artifacts bench-results .pytest_cache reports .npmem-grading
	find autograded -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
