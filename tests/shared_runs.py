"""Long runs that several test files read, made once per test run and shared by the
pytest-xdist workers: the demo's course (``python -m npmem.dev.demo``) and stock serial
nbgrader's grading of the shared graded courses' submissions.

Import a fixture into a test module by name (``from shared_runs import demo  # noqa:
F401``). As ``Graded.shared`` in conftest.py does, the first worker to ask for a run makes
it under a lock in the folder the workers share (the base temporary folder's parent) and
records what it printed; the others wait for it and read the record. Tests only read
these courses: one that needs to write works on a copy of its own.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS
from npmem.grading.gradebook import cell_scores

from helpers import make_course


def shared_folder(tmp_path_factory, worker_id: str) -> Path:
    """The folder every worker of this test run sees (as conftest's ``graded``)."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


def once(folder: Path, make: Callable[[Path], subprocess.CompletedProcess]) -> dict:
    """``make(folder)``, run by the first worker that asks; every worker gets its record
    (the command's return code, stdout and stderr)."""
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / "record.json"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if record.exists():
            return json.loads(record.read_text())
        for left in folder.iterdir():  # what a worker that failed left behind
            if left.name != "lock":
                shutil.rmtree(left) if left.is_dir() else left.unlink()
        proc = make(folder)
        data = {"returncode": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr}
        record.write_text(json.dumps(data))
        return data


def _completed(argv: list[str], data: dict) -> subprocess.CompletedProcess:
    return subprocess.CompletedProcess(argv, **data)


# ---- the demo -----------------------------------------------------------------------


@dataclass
class DemoRun:
    """``python -m npmem.dev.demo --root COURSE`` on a fresh course, as ``make demo``."""

    course: Path
    proc: subprocess.CompletedProcess

    def failure(self) -> str:
        return self.proc.stdout[-4000:] + self.proc.stderr[-4000:]


def _run_demo(folder: Path) -> subprocess.CompletedProcess:
    course = make_course(folder)
    return subprocess.run(
        [sys.executable, "-m", "npmem.dev.demo", "--root", str(course)],
        capture_output=True,
        text=True,
        timeout=3000,
    )


_demo: list[DemoRun] = []


@pytest.fixture(scope="session")
def demo(tmp_path_factory, worker_id) -> DemoRun:
    """The demo's course, after the demo ran once in this test run (read it, never write
    it: tests/test_demo.py and tests/test_instructor.py both read it)."""
    if not _demo:
        folder = shared_folder(tmp_path_factory, worker_id) / "demo"
        data = once(folder, _run_demo)
        _demo.append(DemoRun(folder / "course", _completed(["npmem.dev.demo"], data)))
    return _demo[0]


# ---- stock serial nbgrader on the shared graded courses -----------------------------


@dataclass
class StockRun:
    """A copy of the shared graded course of one assignment (its config, sources, cells in
    the gradebook and submissions: the reference, the blank release and the first round of
    wrong answers), graded again by stock nbgrader: ``nbgrader autograde`` in a kernel,
    one submission after another, with the sandbox off (``NPMEM_SANDBOX=off``)."""

    assignment: str
    course: Path
    students: list[str]
    proc: subprocess.CompletedProcess

    def scores(self, student: str) -> dict[str, float] | None:
        return cell_scores(self.course, self.assignment, ASSIGNMENTS[self.assignment], student)


def submitted(course: Path, assignment: str) -> list[str]:
    return sorted(p.parent.name for p in (course / "submitted").glob(f"*/{assignment}"))


def copy_course(course: Path, to: Path, leave: set[str]) -> Path:
    """A copy of ``course`` without its top-level folders named in ``leave``."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        return leave & set(names) if Path(folder) == course else set()

    shutil.copytree(course, to, ignore=ignore)
    return to


def _grade_stock(g) -> Callable[[Path], subprocess.CompletedProcess]:
    def make(folder: Path) -> subprocess.CompletedProcess:
        # what the parallel autograde made (graded notebooks, verdicts) stays behind
        leave = {"autograded", "verification", "feedback", "reports", ".npmem-grading"}
        course = copy_course(g.course, folder / "course", leave)
        # the gradebook keeps the assignment's cells and forgets the parallel autograde's
        # scores: every score read afterwards is stock nbgrader's
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
            for sid in submitted(course, g.assignment):
                try:
                    gb.remove_submission(g.assignment, sid)
                except MissingEntry:  # the parallel autograde did not grade it
                    pass
        return nbg.run(
            "autograde",
            g.assignment,
            "--force",
            cwd=course,
            env={"NPMEM_SANDBOX": "off"},
            check=False,
        )

    return make


_stock: dict[str, StockRun] = {}


@pytest.fixture(scope="session")
def stock_graded(graded, tmp_path_factory, worker_id):
    """stock_graded(assignment) -> StockRun: ``graded(assignment)``'s submissions graded by
    stock serial nbgrader, once per test run (tests/test_instructor.py compares the
    course's parallel autograde with it, tests/test_sandbox_verify.py the verifier)."""
    shared = shared_folder(tmp_path_factory, worker_id)

    def get(assignment: str) -> StockRun:
        if assignment not in _stock:
            g = graded(assignment)
            folder = shared / f"stock-{assignment}"
            data = once(folder, _grade_stock(g))
            argv = ["nbgrader", "autograde", assignment, "--force"]
            course = folder / "course"
            students = submitted(course, assignment)
            _stock[assignment] = StockRun(assignment, course, students, _completed(argv, data))
        return _stock[assignment]

    return get
