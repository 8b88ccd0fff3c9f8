"""What many tests need: a throw-away course directory, submissions, mutant rounds.

Fixtures stay in ``conftest.py``; plain functions live here and are imported by name.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from npmem.dev.samples import mutants
from npmem.grading.catalogue import ASSIGNMENTS, ROOT


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
