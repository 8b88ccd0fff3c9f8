"""Read scores back out of nbgrader's gradebook."""

from __future__ import annotations

import functools
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from npmem.grading.cells import exercise_of


def db_url(root: Path) -> str:
    """The gradebook of the course at ``root``, as ``nbgrader`` run from there finds it.

    nbgrader reads ``nbgrader_config.py`` from every Jupyter config directory
    (``/etc/jupyter``, ``~/.jupyter``, ``JUPYTER_CONFIG_PATH``...) and then from the
    course directory; ``CourseDirectory.db_url`` set in any of them is the gradebook
    (by default ``gradebook.db`` in the course).
    """
    import os

    env = tuple(
        os.environ.get(k)
        for k in ("NPMEM_DB_URL", "JUPYTER_CONFIG_PATH", "JUPYTER_CONFIG_DIR", "HOME")
    )
    return _db_url(str(Path(root).resolve()), env)


@functools.lru_cache(maxsize=64)
def _db_url(root: str, env: tuple) -> str:
    from nbgrader.apps.baseapp import NbGrader

    from npmem.grading.config import chdir

    with chdir(Path(root)):
        app = NbGrader()
        app.initialize([f"--CourseDirectory.root={root}", "--log-level=ERROR"])
        return str(app.coursedir.db_url)


def cell_scores(
    root: Path, assignment: str, notebook: str, student: str
) -> dict[str, float] | None:
    """Score of every autograded test cell for one student, or None if not graded."""
    with Gradebook(db_url(root)) as gb:
        try:
            nb = gb.find_submission_notebook(notebook, assignment, student)
        except MissingEntry:
            return None
        scores = {g.name: float(g.score) for g in nb.grades if g.max_score}
        if not scores or any(g.auto_score is None and g.manual_score is None for g in nb.grades):
            return None
        return scores


def max_scores(root: Path, assignment: str, notebook: str) -> dict[str, float]:
    with Gradebook(db_url(root)) as gb:
        nb = gb.find_notebook(notebook, assignment)
        return {c.name: float(c.max_score) for c in nb.grade_cells if c.max_score}


def table(root: Path, assignment: str, notebook: str, students: list[str]) -> str:
    """A plain-text score table: one row per student, one column per exercise."""
    maxima = max_scores(root, assignment, notebook)
    names = list(maxima)
    short = [exercise_of(n) for n in names]
    width = max(len("student"), *(len(s) for s in students))
    head = f"{'student':<{width}} " + " ".join(f"{s:>13}" for s in short) + "      total"
    lines = [
        f"{assignment}  (points per exercise: "
        + ", ".join(f"{s} {maxima[n]:g}" for s, n in zip(short, names, strict=True))
        + ")",
        head,
        "-" * len(head),
    ]
    for student in students:
        scores = cell_scores(root, assignment, notebook, student)
        if scores is None:
            lines.append(f"{student:<{width}} " + "not graded".rjust(len(head) - width - 1))
            continue
        total = sum(scores.values())
        cells = " ".join(f"{scores.get(n, 0):>13g}" for n in names)
        lines.append(f"{student:<{width}} {cells} {total:>5g}/{sum(maxima.values()):g}")
    return "\n".join(lines)
