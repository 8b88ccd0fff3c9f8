"""Read scores back out of nbgrader's gradebook, and copy its cells (no scores) for workers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from npmem.grading.cells import exercise_of


def db_url(root: Path) -> str:
    """The gradebook of the course at ``root``, as ``nbgrader`` run from there finds it
    (``CourseDirectory.db_url`` from any Jupyter config directory or the course's own
    config; by default ``gradebook.db`` in the course)."""
    from npmem.grading.config import nbgrader_settings

    return nbgrader_settings(root).db_url


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


# ---- a cells-only copy for graders that must not see scores (local and Dask workers) --

# What a worker's nbgrader reads of an assignment (the assignment, its notebooks and
# their grade, solution, task and source cells). Students, submissions, grades and
# comments stay in the course gradebook.
PRIVATE = ("Student", "SubmittedAssignment", "SubmittedNotebook", "Grade", "Comment")


def _columns(row) -> dict:
    """Every stored column of an nbgrader row (ids included), by attribute name."""
    from sqlalchemy import inspect

    mapper = inspect(type(row))
    keys = {mapper.get_property_by_column(c).key for t in mapper.tables for c in t.columns}
    return {k: getattr(row, k) for k in sorted(keys)}


def _assignment_rows(gb, assignments: list[str]) -> list:
    """The rows of the assignments in ``gb`` (an ``nbgrader.api.Gradebook``), parents first."""
    from nbgrader.api import MissingEntry

    rows: list = []
    courses: dict = {}
    for aid in assignments:
        try:
            a = gb.find_assignment(aid)
        except MissingEntry:
            raise RuntimeError(
                f"{aid}: not in the course gradebook; run `nbgrader generate_assignment {aid}`"
            ) from None
        courses.setdefault(a.course_id, a.course)
        rows.append(a)
        for nb in a.notebooks:
            rows += [nb, *nb.grade_cells, *nb.solution_cells, *nb.task_cells, *nb.source_cells]
    return [c for c in courses.values() if c is not None] + rows


def _dump(db_url: str, assignments: list[str]) -> dict:
    """{(kind, id): columns} of the assignments' rows, to compare two gradebooks."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id="") as gb:  # "": never adds a course row
        return {(type(r).__name__, r.id): _columns(r) for r in _assignment_rows(gb, assignments)}


def _copy(row):
    """A new row of the same kind with the same column values, in no session."""
    from sqlalchemy import inspect

    new = inspect(type(row)).class_manager.new_instance()
    for key, value in _columns(row).items():
        setattr(new, key, value)
    return new


def cells_gradebook(db_url: str, assignments: list[str], target: Path) -> str:
    """A fresh SQLite gradebook at ``target`` holding the assignments' rows of the gradebook
    at ``db_url`` (SQLite or PostgreSQL, read with ``nbgrader.api.Gradebook``): every column
    of the assignment, notebook, grade, solution, task and source cell rows, and the
    courses they belong to. No student, submission, grade or comment. Returns its URL."""
    from nbgrader.api import Base, Gradebook, get_alembic_version
    from sqlalchemy import create_engine, inspect, text

    url = f"sqlite:///{target}"
    with Gradebook(db_url, course_id="") as course:  # "": never adds a course row
        copies = [_copy(row) for row in _assignment_rows(course, assignments)]
        version = None
        if "alembic_version" in inspect(course.engine).get_table_names():
            version = course.db.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if version is None:  # what nbgrader stamps a new gradebook with (runs `alembic`)
        path = os.environ.get("PATH", "")
        os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), path])
        try:
            version = get_alembic_version()
        finally:
            os.environ["PATH"] = path
    # nbgrader's schema, stamped with the course gradebook's revision: nbgrader then opens
    # it as an existing gradebook (a new one costs a run of the `alembic` command)
    engine = create_engine(url, future=True)
    try:
        Base.metadata.create_all(bind=engine)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
            conn.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": version})
    finally:
        engine.dispose()
    with Gradebook(url, course_id="") as gb:
        gb.db.add_all(copies)  # parents first; the flush orders the tables by their keys
        gb.db.commit()
    return url


def check_cells(course_url: str, private_url: str, assignments: list[str]) -> None:
    """The private gradebook holds exactly the course's rows of the assignments, column by
    column, and nothing of any student."""
    from nbgrader import api as nb_api
    from nbgrader.api import Gradebook

    theirs, ours = _dump(course_url, assignments), _dump(private_url, assignments)
    for key in sorted(set(theirs) | set(ours)):
        a, b = theirs.get(key, {}), ours.get(key, {})
        if a != b:
            cols = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            name = a.get("name") or b.get("name") or key[1]
            raise RuntimeError(
                f"the workers' gradebook differs from the course's: {key[0]} {name} "
                f"({', '.join(cols) if a and b else 'missing' if a else 'extra'})"
            )
    with Gradebook(private_url, course_id="") as gb:
        extra = [a.name for a in gb.assignments if a.name not in assignments]
        held = {k: gb.db.query(getattr(nb_api, k)).count() for k in PRIVATE}
    if extra or any(held.values()):
        raise RuntimeError(f"the workers' gradebook holds more: {extra} {held}")
