"""Run an assignment's exercises against candidate solutions in one warm grading engine.

``Assignment(aid)`` reads the instructor notebook ``source/NN-topic/*.ipynb`` (with the
course's own readers, ``npmem.dev.samples`` and ``npmem.selfcheck.plan``): its
set-up cells (the read-only cells before the last test cell) and, per exercise, the
reference solution (the whole solution cell, BEGIN/END SOLUTION lines removed) and
the full test cell, visible and hidden tests.

``Session`` keeps one grading engine (``npmem.grading.answers``, the one every grader
of the course runs answers in) as a plain ``python -I`` process with its address space
capped, with the set-up cells run once. ``Session.try_solution`` sends one job: the
earlier exercises' reference solutions and the candidate solution cell, then the test
cell, in a fresh fork of the set-up state (so the reference is back for the next
candidate), scored by nbgrader's rules with the course's ``IgnorePattern``. A candidate
is *killed* when the test cell raises, writes to stderr, ends in a partial score below
full, runs out of time (``timeout`` seconds for solution plus tests) or crashes its
process; an engine that dies is restarted for the rest.
"""

from __future__ import annotations

import ast
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from npmem.dev.samples import solution_cells, strip_markers
from npmem.grading.answers import Checker, ExercisePlan, Outcome, Plan, SetupFailed, local
from npmem.grading.catalogue import ROOT, source_notebook
from npmem.grading.cells import test_id
from npmem.grading.config import load
from npmem.selfcheck.plan import classify

TIMEOUT = 10.0  # seconds per candidate: its solution cell and its test cell
MEMORY = 4 * 2**30  # bytes of address space for the engine's process


@dataclass
class ExerciseCells:
    assignment: str
    grade_id: str
    solution: str  # the reference solution cell, without the BEGIN/END SOLUTION lines
    tests: str  # the whole test cell, hidden tests included
    points: float

    @property
    def names(self) -> list[str]:
        """Top-level names the solution cell binds (forgotten before a candidate runs)."""
        return defined_names(self.solution)

    @property
    def function(self) -> ast.FunctionDef | None:
        """The solution's function of the exercise's name, else its first function."""
        defs = [n for n in ast.parse(self.solution).body if isinstance(n, ast.FunctionDef)]
        named = [d for d in defs if d.name == self.grade_id]
        return (named or defs)[0] if defs else None


def defined_names(source: str) -> list[str]:
    names: list[str] = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                names += [n.id for n in ast.walk(t) if isinstance(n, ast.Name)]
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names += [(a.asname or a.name).split(".")[0] for a in node.names]
    return list(dict.fromkeys(names))


class Assignment:
    def __init__(self, aid: str, root: Path = ROOT):
        self.id = aid
        self.ignore_pattern = load(root).ignore_pattern  # nbgrader's IgnorePattern
        nb = nbformat.read(source_notebook(aid, root), as_version=4)
        cells = classify(nb.cells, nb)
        last_test = max((i for i, c in enumerate(cells) if c.kind == "tests"), default=-1)
        self.setup = [c.source for c in cells[:last_test] if c.kind == "readonly"]
        tests = {c.grade_id: c for c in cells if c.kind == "tests"}
        self.exercises: list[ExerciseCells] = []
        for gid, cell in solution_cells(nb).items():
            test = tests.get(test_id(gid))
            if test is None:
                continue
            assert test.points is not None  # classify gives every test cell its points
            self.exercises.append(
                ExerciseCells(aid, gid, strip_markers(cell.source), test.source, test.points)
            )

    def exercise(self, gid: str) -> ExerciseCells:
        for ex in self.exercises:
            if ex.grade_id == gid:
                return ex
        raise KeyError(f"{self.id}: no exercise {gid!r}")


@dataclass
class Verdict:
    killed: bool
    status: str  # pass, error, stderr, partial, timeout, crash or tampered
    detail: str
    seconds: float


def verdict(outcome: Outcome) -> Verdict:
    """The engine's verdict on a test cell, as the mutation pass names it."""
    status = outcome.status
    if status == "pass":
        status = "pass" if outcome.score >= outcome.points else "partial"
    elif status == "fail":
        status = "stderr" if outcome.ename == "StderrOutput" else "error"
    else:
        status = {"crashed": "crash", "missing": "error"}.get(status, status)
    return Verdict(status != "pass", status, outcome.detail, outcome.seconds)


class Session:
    """An assignment's set-up cells run once in a grading engine, restarted when it dies."""

    def __init__(
        self,
        assignment: Assignment,
        timeout: float = TIMEOUT,
        memory: int = MEMORY,
        *,
        diagnose: bool = False,
    ):
        self.assignment, self.timeout, self.memory = assignment, timeout, memory
        self._tmp = tempfile.TemporaryDirectory(prefix="npmem-mutation-")
        setup = [(f"setup-{i}", code) for i, code in enumerate(assignment.setup)]
        pattern = getattr(assignment, "ignore_pattern", None)
        self.checker = Checker(
            Plan(setup, [], [], pattern),
            local(Path(self._tmp.name), memory),
            timeout,
            diagnose=diagnose,
        )
        self.setup_error = ""
        try:
            self.checker.start()
        except SetupFailed as err:
            self.setup_error = str(err)

    @property
    def restarts(self) -> int:
        """How many times the engine died and was started again."""
        return self.checker.restarts

    def try_solution(self, ex: ExerciseCells, source: str) -> Verdict:
        """Run ``source`` as the solution cell of ``ex``, then its test cell.

        Every job starts from the set-up state: the reference is back after a candidate.
        """
        return verdict(self.outcome(ex, source))

    def outcome(self, ex: ExerciseCells, source: str) -> Outcome:
        """The engine's outcome of ``source`` as the solution cell of ``ex`` (with its
        signature, when the session diagnoses)."""
        start = time.perf_counter()
        exercises = list(getattr(self.assignment, "exercises", []))
        ids = [e.grade_id for e in exercises]
        earlier = exercises[: ids.index(ex.grade_id)] if ex.grade_id in ids else []
        answers = {e.grade_id: e.solution for e in earlier} | {ex.grade_id: source}
        job = ExercisePlan(
            test_id(ex.grade_id),
            ex.tests,
            ex.points,
            [ex.grade_id],
            [e.grade_id for e in earlier],
        )
        try:
            return self.checker.exercise(job, answers)
        except SetupFailed as err:  # the engine died, and its set-up failed on restart
            took = time.perf_counter() - start
            return Outcome(job.test_id, ex.points, "crashed", 0.0, str(err), seconds=took)

    def close(self) -> None:
        self.checker.close()
        self._tmp.cleanup()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
