"""Grade a learner's saved notebook against the course's full tests, as the grader would.

``grade(notebook, assignment)`` merges the learner's cells with the course's tests
(``plan``) and runs them in the grading engine every grader of the course shares
(:mod:`npmem.grading.answers`), as a plain process of this Python in a scratch copy of
the learner's folder: the course's read-only set-up cells once, then per exercise a fresh
copy of that state runs the learner's solution cells and the course's test cell (hidden
tests included), scored by nbgrader's rules with the course's settings. It maps the
verdicts to a ``Report``; it writes nothing beside the learner's work (``progress``
does that).

What runs is the course grader's rule (``npmem.sandbox``, every path that writes a
grade): the set-up, each exercise's solution cells and its test, whatever tags the
learner gave them. The course's demonstrations and cells the learner added do not run:
an answer that leans on one fails here as it fails in the grader, and the report says
which cell it needed. ``full=True`` runs every cell in a fresh kernel and honours tags,
as stock nbgrader would (``run``); benchmarks and comparisons use it.
"""

from __future__ import annotations

import copy
import re
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from fnmatch import fnmatch
from pathlib import Path

import nbformat

from npmem.grading import answers, diagnosis, rules
from npmem.grading.cells import CHECK_ID, exercise_of, solution_cells, test_points
from npmem.grading.config import Settings, load

from . import locate, plan
from .bindings import names
from .report import Exercise, Report

MAX_COPY_BYTES = 50 * 1024 * 1024  # files beside the notebook bigger than this stay behind
GRADED = ("readonly", "solution", "tests")  # the kinds of cell the grader runs
UNDEFINED = re.compile(r"NameError: name '(\w+)' is not defined")
MEMORY = 4 * 2**30  # bytes of address space for the engine's process
TIMEOUT = 120.0  # seconds per exercise when the course sets no cell timeout


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

    if not full and not _any_answer(cells):
        # nothing answered yet (Run All on a fresh notebook): every exercise scores 0, as
        # the blank release does under the grader (tests/test_grading.py), so no engine
        return _unanswered(assignment, notebook, saved_at, source, started, runs)
    # the stubs (nbgrader's ClearSolutions, slow to import) are worked out while the
    # engine starts and runs, which leaves this process waiting
    with ThreadPoolExecutor(1) as pool:
        stubbing = pool.submit(stub_sources, source)
        with tempfile.TemporaryDirectory(prefix="npmem-check-") as tmp:
            work = _scratch_copy(notebook.parent, Path(tmp), settings)
            if full:
                from .run import every_cell

                ran = every_cell(cells, work, settings, on_progress)
            else:
                ran = in_engine(cells, work, settings, on_progress, assignment)
        results, cell_errors, startup, notes = ran
        stubs = stubbing.result()
    solutions = {c.grade_id: c for c in cells if c.kind == "solution"}
    exercises: list[Exercise] = []
    for _, ex in sorted(results.items()):
        ex.number, ex.name = len(exercises) + 1, exercise_of(ex.test_id)
        sol = solutions.get(ex.name)
        ex.answered = _answered(sol.source if sol else None, stubs.get(ex.name))
        sol_index = next((j for j, c in enumerate(cells) if c is sol), None)
        if sol_index in cell_errors and ex.status != "pass":
            ex.message = f"Your cell {ex.name} itself raised {cell_errors[sol_index]}"
        exercises.append(ex)
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
    report = _report(assignment, notebook, saved_at, exercises, started, runs)
    report.kernel_seconds, report.notes = startup, notes
    return report


def _report(assignment, notebook, saved_at, exercises, started, runs) -> Report:
    return Report(
        assignment=assignment,
        notebook=notebook,
        saved_at=saved_at,
        exercises=exercises,
        seconds=time.perf_counter() - started,
        cells_run=sum(runs),
        cells_skipped=len(runs) - sum(runs),
    )


STUB = re.compile(r"^\s*(#.*|raise NotImplementedError\(\)|def .*:|)\s*$")


def _untouched(source: str) -> bool:
    """Whether an answer cell is still nbgrader's stub: a signature, comments and
    ``raise NotImplementedError()``, nothing else."""
    return all(STUB.match(line) for line in source.splitlines())


def _any_answer(cells: list[plan.Cell]) -> bool:
    return any(c.kind == "solution" and not _untouched(c.source) for c in cells)


def _unanswered(assignment, notebook, saved_at, source, started, runs) -> Report:
    """The report of a notebook with no answer yet: every exercise not attempted."""
    # what the grader would say of each: its visible tests fail on the stub, the hidden
    # ones never run
    message = rules.error_message({"ename": "NotImplementedError", "evalue": ""})
    exercises = [
        Exercise(n, exercise_of(gid), 0.0, float(points), "fail", "not run", message, False, gid)
        for n, (gid, points) in enumerate(test_points(source).items(), start=1)
    ]
    return _report(assignment, notebook, saved_at, exercises, started, [False] * len(runs))


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


def in_engine(
    cells: list[plan.Cell],
    cwd: Path,
    settings: Settings,
    progress=None,
    assignment: str | None = None,
):
    """Grade ``cells`` as the course's grader does, in the grading engine (see the module
    doc). Returns ({test cell index: Exercise}, {solution cell index: the error it
    raised}, the engine's start-up seconds, notes). With ``assignment``, a failing answer
    whose behaviour matches a known mistake of it gets that mistake named
    (:mod:`npmem.grading.diagnosis`)."""
    setup, exercises, solutions, pending = [], [], [], []
    code: dict[str, str] = {}
    index: dict[str, int] = {}  # grade id -> cell index
    for i, cell in enumerate(cells):
        gid = cell.grade_id
        if not graded_by_the_grader(cell) or gid is None:
            continue
        index[gid] = i
        if cell.kind == "readonly":
            setup.append((gid, cell.source))
        elif cell.kind == "solution":
            solutions.append(gid)
            pending.append(gid)
            code[gid] = cell.source
        elif cell.kind == "tests":
            earlier = [s for s in solutions if s not in pending]
            points = float(cell.points or 0)
            exercises.append(answers.ExercisePlan(gid, cell.source, points, pending, earlier))
            pending = []
    the_plan = answers.Plan(setup, exercises, solutions, settings.ignore_pattern)
    launch = answers.local(cwd, MEMORY)
    try:
        timeout = float(settings.timeout or TIMEOUT)
        diagnose = assignment is not None
        with answers.Checker(the_plan, launch, timeout, diagnose=diagnose) as checker:
            outcomes = checker.check(code, progress)
            startup = checker.startup_seconds
    except answers.SetupFailed as err:
        raise locate.SelfCheckError(
            f"The course's set-up cells could not run ({rules.clean(str(err))}). Is the "
            "course installed completely? Run make lab (or pip install -e .) and check again."
        ) from None
    results: dict[int, Exercise] = {}
    cell_errors: dict[int, str] = {}
    notes: list[str] = []
    for ex, outcome in zip(exercises, outcomes, strict=True):
        i = index[ex.test_id]
        results[i] = _from_outcome(cells[i], outcome, settings)
        if assignment is not None and outcome.signature:
            found = diagnosis.diagnose(assignment, exercise_of(ex.test_id), outcome.signature)
            if found is not None:
                results[i].diagnosis = diagnosis.sentence(found)
        if outcome.solution_error:
            ename, _, evalue = outcome.solution_error.partition(": ")
            error = {"ename": ename, "evalue": evalue}
            for sid in ex.solution_ids:
                cell_errors[index[sid]] = rules.error_message(error, settings.timeout)
        if outcome.status == "crashed":
            notes.append(
                f"Checking {exercise_of(ex.test_id)} stopped the process running it "
                f"({outcome.detail}: out of memory, or a crash). The course's grader gives "
                "that exercise 0 and grades the others; stock nbgrader would not grade the "
                "notebook at all."
            )
    return results, cell_errors, startup, notes


def _from_outcome(cell: plan.Cell, outcome: answers.Outcome, settings: Settings) -> Exercise:
    """The report's line for one test cell, from the engine's verdict on it."""
    visible, hidden = plan.split_test(cell.source)
    has_visible, has_hidden = bool(visible.strip()), hidden is not None
    hidden_from = len(visible.splitlines()) + 1 if has_hidden else None  # its first line
    max_points = float(cell.points or 0)
    status, message = outcome.status, ""
    failed = "pass" if status in ("pass", "error") else "fail"
    if status == "pass":
        if outcome.score < max_points:
            message = "the test displayed a partial score"
    elif status == "error":  # a value above the points, which nbgrader refuses
        message = f"the test displayed a value nbgrader refuses: {outcome.detail}"
    elif status == "fail" and outcome.ename == "StderrOutput":
        message = outcome.evalue
    elif status == "fail":
        error = {"ename": outcome.ename, "evalue": outcome.evalue}
        message = rules.error_message(error, settings.timeout)
    elif status == "timeout":
        message = rules.error_message({"ename": "CellTimeoutError"}, settings.timeout)
    elif status == "crashed":
        message = f"the process running the test stopped ({outcome.detail})"
    elif status == "tampered":
        message = f"the answer changed what the tests rely on: {outcome.detail}"
    else:  # missing
        message = "there is no cell for this exercise in your notebook"
    # which part failed: the hidden part when the failing line is in it (or, for output
    # on stderr, which the whole cell is judged by, when there is one)
    in_hidden = has_hidden and (
        (outcome.line is not None and hidden_from is not None and outcome.line >= hidden_from)
        or (status == "fail" and outcome.ename == "StderrOutput")
    )
    if failed == "pass":
        states = ("pass", "pass")
    elif in_hidden:
        states = ("pass", "fail")
    elif status == "missing":
        states = ("not run", "not run")
    else:
        states = ("fail", "not run")
    return Exercise(
        0,
        "",
        outcome.score,
        max_points,
        states[0] if has_visible else "none",
        states[1] if has_hidden else "none",
        message,
        True,
        cell.grade_id or "",
    )
