"""Grade a learner's saved notebook against the course's full tests, as nbgrader would.

``grade(notebook, assignment)`` merges the learner's cells with the course's tests
(``plan``), runs what the course's grader runs, in a fresh kernel in a scratch folder
(``run``), and scores every test cell with nbgrader's rules and the course's settings
(:mod:`npmem.grading.rules`, :mod:`npmem.grading.config`). It returns a ``Report``; it
writes nothing beside the learner's work (``progress`` does that).

What runs is the secure grader's rule (``npmem.sandbox``, every path that writes a
grade): the course's read-only set-up cells, each exercise's own solution cell (the
learner's) and the course's test cells, in notebook order, whatever tags the learner
gave them. The course's demonstrations and cells the learner added do not run: an
answer that leans on one fails here as it fails in the grader, and the report says which
cell it needed. ``full=True`` runs every cell and honours tags, as stock nbgrader would;
benchmarks and comparisons use it.
"""

from __future__ import annotations

import copy
import re
import shutil
import tempfile
import time
from fnmatch import fnmatch
from pathlib import Path

import nbformat

from npmem.grading import rules
from npmem.grading.cells import CHECK_ID, exercise_of, solution_cells, test_points
from npmem.grading.config import Settings, load

from . import locate, plan
from .bindings import names
from .report import Exercise, Report
from .run import KernelDied, Step, execute

MAX_COPY_BYTES = 50 * 1024 * 1024  # files beside the notebook bigger than this stay behind
GRADED = ("readonly", "solution", "tests")  # the kinds of cell the grader runs
UNDEFINED = re.compile(r"NameError: name '(\w+)' is not defined")
# A test cell runs in a namespace of its own, a copy of the learner's (set-up, answers),
# as the grader runs it: what it imports or binds is neither seen by the answers it calls
# nor left for later cells. Nothing is printed; errors are the test's own.
SAVE_NAMES = "__npmem_test_ns__ = dict(globals())"
RESTORE_NAMES = "del __npmem_test_ns__"


def in_test_namespace(code: str, label: str) -> str:
    """A step that runs ``code`` (IPython syntax) in the test's own namespace."""
    return (
        f"exec(compile(get_ipython().transform_cell({code!r}), {label!r}, 'exec'), "
        "__npmem_test_ns__)"
    )


def read_notebook(path: Path) -> nbformat.NotebookNode:
    try:
        return nbformat.read(path, as_version=4)
    except Exception as err:  # nbformat raises several kinds for a broken file
        raise locate.SelfCheckError(
            f"Could not read {path.name} as a notebook ({type(err).__name__}). Was it saved "
            "completely? Save it again (File → Save Notebook) and rerun the check."
        ) from None


def _scratch_copy(folder: Path, into: Path, settings: Settings) -> Path:
    """The files beside the notebook (not notebooks, data files or folders), as nbgrader
    would find them in a submission."""
    work = into / "work"
    work.mkdir()
    for item in folder.iterdir():
        if not item.is_file() or item.suffix == ".ipynb":
            continue
        if any(fnmatch(item.name, pat) for pat in settings.ignore):
            continue
        if item.stat().st_size <= MAX_COPY_BYTES:
            shutil.copy2(item, work / item.name)
    return work


def stub_sources(source: nbformat.NotebookNode, root: Path | None = None) -> dict[str, str]:
    """Each solution cell as ``nbgrader generate_assignment`` hands it out: the course's
    source notebook through nbgrader's own ``ClearSolutions``, with the course's settings.

    The stub is judged from ``source/``, never from a released file: the learner may be
    editing that very file, and every answer equals itself.
    """
    from nbgrader.preprocessors import ClearSolutions
    from traitlets.config import Config

    from npmem.grading.catalogue import ROOT
    from npmem.grading.config import section

    config = Config()
    for key, value in section(root or ROOT, "ClearSolutions").items():
        config.ClearSolutions[key] = value
    stubbed, _ = ClearSolutions(config=config).preprocess(copy.deepcopy(source), {})
    return {gid: c.source for gid, c in solution_cells(stubbed).items()}


def _answered(source: str | None, stub: str | None) -> bool:
    if source is None:
        return False
    if stub is not None:
        return " ".join(source.split()) != " ".join(stub.split())
    return "raise NotImplementedError()" not in source


def _first_line(source: str) -> str:
    line = next((ln.strip() for ln in source.splitlines() if ln.strip()), "")
    return line if len(line) <= 60 else line[:59] + "…"


def grade(
    notebook: Path,
    assignment: str,
    *,
    full: bool = False,
    on_progress=None,
) -> Report:
    """Check ``notebook`` (a learner's saved file) for ``assignment``; see the module doc."""
    from npmem.grading.catalogue import ROOT

    started = time.perf_counter()
    notebook = Path(notebook)
    source = nbformat.read(locate.source_notebook(assignment), as_version=4)
    saved_at = notebook.stat().st_mtime
    learner = read_notebook(notebook)
    settings = load(ROOT)

    merged = plan.merge(learner, source, add_missing=settings.add_missing_cells)
    cells = plan.classify(merged, source)
    runs = [True] * len(cells) if full else [graded_by_the_grader(c) for c in cells]

    steps: list[Step] = []
    owner: list[int] = []
    for i, (cell, keep) in enumerate(zip(cells, runs, strict=True)):
        if not keep:
            continue
        if cell.kind == "tests":
            visible, hidden = plan.split_test(cell.source)
            parts = [("visible", visible)] if visible.strip() else []
            parts += [("hidden", hidden)] if hidden is not None else []
        else:
            parts = [("cell", cell.source)]
        tags = cell.tags if full else [t for t in cell.tags if t != "skip-execution"]
        keep_apart = cell.kind == "tests" and not full
        if keep_apart:  # the grader runs tests in a namespace of their own
            steps.append(Step(SAVE_NAMES, "save", []))
            owner.append(i)
        for part, text in parts:
            code = in_test_namespace(text, f"<{cell.grade_id}>") if keep_apart else text
            steps.append(Step(code, part, tags))
            owner.append(i)
        if keep_apart:
            steps.append(Step(RESTORE_NAMES, "restore", []))
            owner.append(i)

    def skip(k: int, steps: list[Step]) -> bool:
        # as in the whole cell, the hidden part never runs once the visible part failed
        return (
            steps[k].part == "hidden"
            and k > 0
            and owner[k - 1] == owner[k]
            and steps[k - 1].error is not None
        )

    notes: list[str] = []
    kernel_seconds = 0.0
    with tempfile.TemporaryDirectory(prefix="npmem-check-") as tmp:
        work = _scratch_copy(notebook.parent, Path(tmp), settings)
        try:
            kernel_seconds = execute(steps, work, settings, skip=skip, progress=on_progress)
        except KernelDied as died:
            cell = cells[owner[died.args[0]]]
            what = f"the tests of {cell.grade_id}" if cell.kind == "tests" else "a cell"
            notes.append(
                f"The kernel stopped while running {what} (out of memory, or a crash), so "
                "nothing after it was checked. nbgrader would not grade this notebook at all: "
                "find what uses so much memory and run the check again."
            )

    stubs = stub_sources(source)
    solutions = {c.grade_id: c for c in cells if c.kind == "solution"}
    cell_errors: dict[int, str] = {}
    for step, i in zip(steps, owner, strict=True):
        if step.part == "cell" and step.error is not None:
            cell_errors[i] = rules.error_message(rules.first_error(step.outputs), settings.timeout)

    exercises: list[Exercise] = []
    for i, cell in enumerate(cells):
        if cell.kind != "tests":
            continue
        name = exercise_of(cell.grade_id or "")
        by_part = {
            steps[k].part: steps[k]
            for k in range(len(steps))
            if owner[k] == i and steps[k].part in ("visible", "hidden")
        }
        exercises.append(
            _exercise(len(exercises) + 1, name, cell, by_part, settings, solutions, stubs)
        )
        sol_index = next((j for j, c in enumerate(cells) if c is solutions.get(name)), None)
        if sol_index in cell_errors and exercises[-1].status != "pass":
            exercises[-1].message = f"Your cell {name} itself raised {cell_errors[sol_index]}"
    for i, message in cell_errors.items():
        if cells[i].kind in ("learner", "course"):
            notes.append(
                f"The cell starting {_first_line(cells[i].source)!r} raised {message}. "
                "The grader runs it too."
            )
    if not full:
        notes += _leaning_on_skipped_cells(cells, runs, exercises)
    test_cells = test_points(source)
    missing = [name for name in test_cells if name not in {c.grade_id for c in cells}]
    for gid in missing:  # deleted, and the course does not put it back: nbgrader gives 0
        points = float(test_cells[gid])
        name = exercise_of(gid)
        message = "its test cell is missing from your notebook"
        exercises.append(
            Exercise(len(exercises) + 1, name, 0.0, points, "none", "none", message, False, gid)
        )
    return Report(
        assignment=assignment,
        notebook=notebook,
        saved_at=saved_at,
        exercises=exercises,
        seconds=time.perf_counter() - started,
        kernel_seconds=kernel_seconds,
        cells_run=sum(runs),
        cells_skipped=len(runs) - sum(runs),
        notes=notes,
    )


def graded_by_the_grader(cell: plan.Cell) -> bool:
    """Whether the secure grader runs this cell: set-up, solutions and tests, not the check."""
    return cell.kind in GRADED and cell.grade_id != CHECK_ID


def _leaning_on_skipped_cells(cells, runs, exercises) -> list[str]:
    """A note for each exercise that failed on a name only a cell the grader skips binds."""
    notes = []
    skipped = [c for c, ran in zip(cells, runs, strict=True) if not ran]
    for ex in exercises:
        found = UNDEFINED.search(ex.message or "")
        if not found:
            continue
        name = found[1]
        where = next((c for c in skipped if name in names(c.source).binds), None)
        if where is None:
            tests = [c for c in cells if c.kind == "tests" and name in names(c.source).binds]
            if tests:
                notes.append(
                    f"{ex.name} uses {name}, which only the tests of "
                    f"{exercise_of(tests[0].grade_id or '')} import. The grader runs each "
                    f"test apart from your code: import {name} in your {ex.name} cell."
                )
            continue
        whose = "a demonstration of the course" if where.kind == "course" else "a cell of yours"
        notes.append(
            f"{ex.name} uses {name}, which {whose} defines ({_first_line(where.source)!r}). "
            "The grader runs only the set-up, the answer cells and the tests: "
            f"define {name} in your {ex.name} cell."
        )
        ex.message += f" ({name} is defined only in a cell the grader does not run)"
    return notes


def _state(step: Step | None, outputs: list) -> str:
    if step is None:
        return "none"
    if not step.ran:
        return "not run"
    return "fail" if rules.failed(outputs) else "pass"


def _exercise(number, name, cell, parts, settings, solutions, stubs) -> Exercise:
    visible, hidden = parts.get("visible"), parts.get("hidden")
    pattern = settings.ignore_pattern
    v_out = rules.ignore_stderr(visible.outputs if visible else [], pattern)
    h_out = rules.ignore_stderr(hidden.outputs if hidden else [], pattern)
    # the visible part is not the end of the cell: a value it displays is not a score
    combined = [o for o in v_out if o.get("output_type") != "execute_result"] + h_out
    ran = any(s.ran for s in parts.values())
    refused = ""
    try:
        points = rules.score(combined, cell.points) if ran or not parts else 0.0
    except ValueError as err:  # nbgrader fails the whole notebook on this
        points, refused = 0.0, f"the test displayed a value nbgrader refuses: {err}"
    error = rules.first_error(combined)
    if error is not None:
        message = rules.error_message(error, settings.timeout)
    else:
        message = refused or rules.stderr_message(combined) or ""
    if not message and points < cell.points:
        message = "the test displayed a partial score" if ran else "not run"
    sol = solutions.get(name)
    answered = _answered(sol.source if sol else None, stubs.get(name))
    return Exercise(
        number,
        name,
        points,
        float(cell.points),
        _state(visible, v_out),
        _state(hidden, h_out),  # "not run" when the visible part failed first
        message,
        answered,
        cell.grade_id,
    )
