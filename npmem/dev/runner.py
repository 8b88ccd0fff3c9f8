"""Run an assignment's exercises against candidate solutions in one warm process.

``Assignment(aid)`` reads the instructor notebook ``source/NN-topic/*.ipynb`` (with the
course's own readers, ``npmem.dev.samples`` and ``npmem.selfcheck.plan``): its
set-up cells (the read-only cells before the last test cell) and, per exercise, the
reference solution (the whole solution cell, BEGIN/END SOLUTION lines removed) and
the full test cell, visible and hidden tests.

``Session`` keeps one ``npmem.dev.worker`` process (IPython's InteractiveShell, so
``get_ipython()`` and magics work as in a kernel) with the set-up cells run once.
``Session.try_solution`` runs a candidate solution cell then the test cell, as
nbgrader would score it, and puts the reference back. A candidate is *killed* when
the test cell raises, writes to stderr, ends in a partial score below full, runs out
of time (``timeout`` seconds for solution plus tests) or crashes the process (which
is then restarted for the rest).
"""

from __future__ import annotations

import ast
import json
import os
import selectors
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from npmem.dev.samples import solution_cells, strip_markers
from npmem.grading.catalogue import ROOT, source_notebook
from npmem.grading.cells import test_id
from npmem.selfcheck.plan import classify

TIMEOUT = 10.0  # seconds per candidate: its solution cell and its test cell
MEMORY = 4 * 2**30  # bytes of address space for the worker process
GRACE = 15.0  # extra seconds before a silent worker is killed


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
    status: str  # pass, error, stderr, partial, timeout, crash, or solution-error
    detail: str
    seconds: float


class WorkerDied(RuntimeError):
    pass


class Worker:
    """One ``npmem.dev.worker`` process, spoken to over pipes."""

    def __init__(self, memory: int = MEMORY, cwd: Path | None = None):
        self._tmp = tempfile.TemporaryDirectory(prefix="npmem-mutation-")
        self.log = Path(self._tmp.name) / "worker.log"
        env = {**os.environ, "NBGRADER_EXECUTION": "autograde", "PYTHONUNBUFFERED": "1"}
        env.pop("MPLBACKEND", None)
        env["MPLBACKEND"] = "Agg"
        work = cwd or Path(self._tmp.name) / "cwd"
        work.mkdir(exist_ok=True)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "npmem.dev.worker", str(memory)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                cwd=work,
                env=env,
                text=True,
            )
        assert self.proc.stdout is not None  # a PIPE
        self._sel = selectors.DefaultSelector()
        self._sel.register(self.proc.stdout, selectors.EVENT_READ)

    def request(self, msg: dict, wait: float) -> dict:
        assert self.proc.stdin is not None and self.proc.stdout is not None  # PIPEs
        try:
            self.proc.stdin.write(json.dumps(msg) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as err:
            raise WorkerDied(f"worker gone: {err}") from err
        if not self._sel.select(wait):
            self.kill()
            raise WorkerDied(f"no reply in {wait:.0f} s")
        line = self.proc.stdout.readline()
        if not line:
            code = self.proc.wait()
            raise WorkerDied(f"worker exited with status {code}")
        return json.loads(line)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None  # a PIPE
            try:
                self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
                self.proc.stdin.flush()
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.kill()
        self._sel.close()
        self._tmp.cleanup()


class Session:
    """A worker with an assignment's set-up cells run, restarted when it dies."""

    def __init__(self, assignment: Assignment, timeout: float = TIMEOUT, memory: int = MEMORY):
        self.assignment, self.timeout, self.memory = assignment, timeout, memory
        self.restarts = 0
        self.worker: Worker | None = None
        self.setup_error = ""
        self._start()

    def _start(self) -> None:
        if self.worker is not None:
            self.worker.close()
        self.worker = Worker(self.memory)
        cells = [{"source": s, "points": None} for s in self.assignment.setup]
        wait = 60.0 + len(cells) * self.timeout
        reply = self.worker.request(
            {"cmd": "run", "cells": cells, "timeout": wait, "snapshot": True}, wait + GRACE
        )
        bad = [o for o in reply["cells"] if o["status"] != "pass"]
        self.setup_error = bad[0]["detail"] if bad else ""

    def _run(self, cells: list[dict], forget: list[str], after: list[dict] | None = None) -> dict:
        msg = {"cmd": "run", "cells": cells, "forget": forget, "timeout": self.timeout}
        if after:
            msg["after"] = after
        wait = self.timeout * (2 if after else 1) + GRACE
        assert self.worker is not None  # started by __init__
        return self.worker.request(msg, wait)

    def try_solution(self, ex: ExerciseCells, source: str, restore: bool = True) -> Verdict:
        """Run ``source`` as the solution cell of ``ex``, then its test cell."""
        start = time.perf_counter()
        cells: list[dict] = [
            {"source": source, "points": None},
            {"source": ex.tests, "points": ex.points},
        ]
        after = [{"source": ex.solution, "points": None}] if restore else None
        try:
            reply = self._run(cells, ex.names, after)
        except WorkerDied as err:
            self.restarts += 1
            self._start()
            self.restore(ex)
            return Verdict(True, "crash", str(err), time.perf_counter() - start)
        outcomes, took = reply["cells"], reply["seconds"]
        if len(outcomes) < 2:  # the solution cell timed out
            o = outcomes[-1]
            return Verdict(True, o["status"], "in the solution cell: " + o["detail"], took)
        verdict = outcomes[1]
        return Verdict(verdict["status"] != "pass", verdict["status"], verdict["detail"], took)

    def restore(self, ex: ExerciseCells) -> None:
        """The reference solution back in place (its names bound as the notebook has them)."""
        try:
            self._run([{"source": ex.solution, "points": None}], ex.names)
        except WorkerDied:
            self.restarts += 1
            self._start()

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
