"""Shared fixtures: a throw-away copy of the course directory, graded by real nbgrader."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from npmem.dev.samples import fill, mutants, solutions
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS, ROOT
from npmem.grading.gradebook import cell_scores

from helpers import make_course, mutant_rounds, submit  # noqa: F401 (tests import them too)

ARTIFACTS = ROOT / "tests" / "artifacts"


class Graded:
    """The reference, the blank release and the first round of wrong answers for one
    assignment, autograded once by nbgrader's own
    Autograde, through the course's parallel autograde on two workers (``make autograde``:
    scores identical to a serial ``nbgrader autograde``, tests/test_instructor.py), so that
    a test worker waiting for it does not leave a core idle."""

    def __init__(self, tmp: Path, assignment: str):
        self.assignment = assignment
        self.notebook = ASSIGNMENTS[assignment]
        self.course = make_course(tmp)
        self._grade()

    @classmethod
    def shared(cls, folder: Path, assignment: str) -> Graded:
        """The course graded in ``folder``, by this process or by another test worker.

        pytest-xdist workers share the base temporary folder's parent; the first worker
        to ask for an assignment grades it under a lock, the others read what it recorded.
        """
        folder.mkdir(parents=True, exist_ok=True)
        record = folder / "graded.json"
        with open(folder / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if record.exists():
                return cls._load(folder, assignment, json.loads(record.read_text()))
            shutil.rmtree(folder / "course", ignore_errors=True)  # a worker that failed
            g = cls(folder, assignment)
            proc = {"returncode": g.proc.returncode, "stdout": g.proc.stdout}
            proc["stderr"] = g.proc.stderr
            record.write_text(json.dumps({"rounds": g.rounds, "proc": proc}))
            return g

    @classmethod
    def _load(cls, folder: Path, assignment: str, data: dict) -> Graded:
        g = cls.__new__(cls)
        g.assignment, g.notebook = assignment, ASSIGNMENTS[assignment]
        g.course = folder / "course"
        g.rounds = data["rounds"]
        g.students = {"reference": {}, "blank": {}}
        g.students |= {f"mutants{k}": chosen for k, chosen in enumerate(g.rounds)}
        g.proc = subprocess.CompletedProcess(["nbgrader", "autograde"], **data["proc"])
        return g

    def _grade(self) -> None:
        assignment = self.assignment
        nbg.run("generate_assignment", assignment, "--force", cwd=self.course)
        release = nbformat.read(
            self.course / "release" / assignment / f"{self.notebook}.ipynb", as_version=4
        )
        sols = solutions(assignment, ROOT)
        wrong = mutants(assignment)
        # the first round of wrong answers (one per exercise, beside correct answers):
        # real nbgrader shows a wrong answer costs its own exercise's points and only
        # those; every other hand-written wrong answer is judged by the same engine
        # in-process (tests/test_grading.py), whose verdicts equal nbgrader's
        # (tests/test_mutation.py, on this round)
        self.rounds = mutant_rounds(assignment)[:1]
        self.students = {"reference": {}, "blank": {}}
        submit(self.course, "reference", assignment, fill(release, sols))
        submit(self.course, "blank", assignment, release)
        for k, chosen in enumerate(self.rounds):
            sid = f"mutants{k}"
            self.students[sid] = chosen
            answers = {**sols, **{gid: wrong[gid][name] for gid, name in chosen.items()}}
            submit(self.course, sid, assignment, fill(release, answers))
        argv = [sys.executable, "-m", "npmem.instructor", "autograde", assignment]
        argv += [f"--root={self.course}", "--jobs=2", "--force"]
        path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
        self.proc = subprocess.run(
            argv, cwd=self.course, env={**os.environ, "PATH": path}, capture_output=True, text=True
        )

    def scores(self, student: str) -> dict[str, float] | None:
        return cell_scores(self.course, self.assignment, self.notebook, student)

    def autograded(self, student: str) -> nbformat.NotebookNode:
        path = self.course / "autograded" / student / self.assignment / f"{self.notebook}.ipynb"
        return nbformat.read(path, as_version=4)


_graded: dict[str, Graded] = {}


@pytest.fixture(scope="session")
def graded(tmp_path_factory, worker_id):
    """graded(assignment) -> Graded, computed once per test run, shared by the workers."""
    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent

    def get(assignment: str) -> Graded:
        if assignment not in _graded:
            _graded[assignment] = Graded.shared(shared / f"graded-{assignment}", assignment)
        return _graded[assignment]

    return get


@pytest.fixture(autouse=True)
def _quick_tests_run_no_nbgrader(request, monkeypatch):
    """Under ``make test-quick`` (``-m "not slow ..."``) a test that runs an nbgrader
    command or nbgrader's autograde fails at once: it must be marked ``slow``."""
    if "not slow" not in (request.config.getoption("-m") or "") or request.node.get_closest_marker(
        "slow"
    ):
        return

    def refuse(*args, **kwargs):
        raise RuntimeError(f"{request.node.nodeid} runs nbgrader: mark it slow")

    from nbgrader.apps.api import NbGraderAPI

    monkeypatch.setattr(nbg, "run", refuse)
    monkeypatch.setattr(NbGraderAPI, "autograde", refuse)
    monkeypatch.setattr(NbGraderAPI, "generate_assignment", refuse)


# The files that take longest (their own tests and fixtures, in a fresh clone's `make
# test`; see the --durations table), first. Under `--dist loadfile --no-loadscope-reorder`
# (make test) pytest-xdist hands files to workers in collection order as workers free up
# (by default it reorders them by their number of tests, which put the one-test demo
# last), so starting the longest ones first keeps one long file from running alone at
# the end.
# (test_instructor.py reads the demo's course: it runs later, not beside the demo, so
# that its worker does not wait for it.)
LONGEST_FIRST = (
    "test_demo.py",
    "test_adversarial.py",
    "test_binder_env.py",
    "test_no_helper_solves.py",
    "test_build.py",
    "test_cluster.py",
    "test_formgrader_walk.py",
    "test_learner_path.py",
)


def pytest_collection_modifyitems(session, config, items):
    rank = {name: k for k, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(Path(str(item.fspath)).name, len(rank)))
