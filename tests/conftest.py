"""Shared fixtures: a throw-away copy of the course directory, graded by real nbgrader."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from npmem.dev.samples import fill, mutants, solutions
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS, ROOT
from npmem.grading.gradebook import cell_scores

ARTIFACTS = ROOT / "tests" / "artifacts"


def make_course(tmp: Path) -> Path:
    """A fresh course directory with this repo's config, sources and releases."""
    course = tmp / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copytree(ROOT / "release", course / "release")
    return course


def mutant_rounds(assignment: str) -> list[dict[str, str]]:
    """Round k answers every cell that has a k-th wrong answer with it, the rest correctly.

    Exercises are independent, so one submission tests one mutant of every exercise,
    and the correct cells in it show that one wrong answer never costs another's points.
    """
    wrong = mutants(assignment)
    depth = max((len(v) for v in wrong.values()), default=0)
    rounds = []
    for k in range(depth):
        rounds.append({gid: sorted(names)[k] for gid, names in wrong.items() if len(names) > k})
    return rounds


def submit(course: Path, student: str, assignment: str, nb: nbformat.NotebookNode) -> None:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{ASSIGNMENTS[assignment]}.ipynb")
    (folder / "timestamp.txt").write_text("2026-01-01 12:00:00.000000 UTC")


class Graded:
    """Every kind of submission for one assignment, autograded once by nbgrader."""

    def __init__(self, tmp: Path, assignment: str):
        self.assignment = assignment
        self.notebook = ASSIGNMENTS[assignment]
        self.course = make_course(tmp)
        nbg.run("generate_assignment", assignment, "--force", cwd=self.course)
        release = nbformat.read(
            self.course / "release" / assignment / f"{self.notebook}.ipynb", as_version=4
        )
        sols = solutions(assignment, ROOT)
        wrong = mutants(assignment)
        self.rounds = mutant_rounds(assignment)
        self.students = {"reference": {}, "blank": {}}
        submit(self.course, "reference", assignment, fill(release, sols))
        submit(self.course, "blank", assignment, release)
        for k, chosen in enumerate(self.rounds):
            sid = f"mutants{k}"
            self.students[sid] = chosen
            answers = {**sols, **{gid: wrong[gid][name] for gid, name in chosen.items()}}
            submit(self.course, sid, assignment, fill(release, answers))
        self.proc = nbg.run("autograde", assignment, "--force", cwd=self.course, check=False)

    def scores(self, student: str) -> dict[str, float] | None:
        return cell_scores(self.course, self.assignment, self.notebook, student)

    def autograded(self, student: str) -> nbformat.NotebookNode:
        path = self.course / "autograded" / student / self.assignment / f"{self.notebook}.ipynb"
        return nbformat.read(path, as_version=4)


_graded: dict[str, Graded] = {}


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """graded(assignment) -> Graded, computed once per test session."""

    def get(assignment: str) -> Graded:
        if assignment not in _graded:
            _graded[assignment] = Graded(tmp_path_factory.mktemp(assignment), assignment)
        return _graded[assignment]

    return get
