"""nbgrader cell metadata: what kind a cell is, its id and points, and which test checks
which exercise.

Cells are read as nbformat gives them (format 4) or as plain dicts (a notebook read as
JSON): ``meta`` and ``source`` accept both. The kinds follow nbgrader's own predicates
(``nbgrader.utils.is_grade``, ``is_solution``, ``is_locked``, ``is_task``);
``tests/test_grading_core.py`` checks ``kind`` against them on every cell of the course.
The course's pairing rule: the test cell ``test_<id>`` checks the solution cell ``<id>``.
"""

from __future__ import annotations

import enum

import nbformat

TEST_PREFIX = "test_"
# the closing "Check my work" cell: read-only like the set-up, but no set-up (it runs the
# learner's check); graders leave it out
CHECK_ID = "check_my_work"


class Kind(enum.Enum):
    """The cell kinds nbgrader knows, as its create-assignment toolbar names them."""

    SOLUTION = "autograded answer"  # solution, no points
    TEST = "autograder tests"  # grade with points, not a solution
    MANUAL = "manually graded answer"  # solution and grade
    READONLY = "read-only"  # locked, neither grade nor solution
    TASK = "manually graded task"
    PLAIN = "-"  # no nbgrader metadata, or none of the flags


def meta(cell) -> dict:
    """The cell's nbgrader metadata (empty when it has none, or when a hand-in's JSON
    holds something else than a mapping there)."""
    md = cell.get("metadata") if isinstance(cell, dict) else None
    found = md.get("nbgrader") if isinstance(md, dict) else None
    return found if isinstance(found, dict) else {}


def source(cell) -> str:
    """The cell's source as one string (format-4 JSON may hold it as a list of lines)."""
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def grade_id(cell) -> str | None:
    return meta(cell).get("grade_id")


def kind(cell) -> Kind:
    m = meta(cell)
    if m.get("task"):
        return Kind.TASK
    if m.get("solution"):
        return Kind.MANUAL if m.get("grade") else Kind.SOLUTION
    if m.get("grade"):
        return Kind.TEST
    if m.get("locked"):
        return Kind.READONLY
    return Kind.PLAIN


def is_setup(cell) -> bool:
    """A read-only code cell every exercise runs after: the course's set-up."""
    return (
        kind(cell) is Kind.READONLY
        and cell.get("cell_type") == "code"
        and grade_id(cell) not in (None, CHECK_ID)
    )


def test_id(exercise: str) -> str:
    """The id of the test cell that checks the solution cell ``exercise``."""
    return TEST_PREFIX + exercise


test_id.__test__ = False  # type: ignore[attr-defined]  # a helper, not a pytest test


def exercise_of(test: str) -> str:
    """The solution cell id a test cell id checks: ``test_strides_for`` -> ``strides_for``."""
    return test.removeprefix(TEST_PREFIX)


def solution_cells(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    """Solution cells by grade id, in notebook order."""
    return {meta(c)["grade_id"]: c for c in nb.cells if meta(c).get("solution")}


def test_points(nb: nbformat.NotebookNode) -> dict[str, int]:
    """Points of each autograder test cell, by grade id."""
    return {meta(c)["grade_id"]: meta(c)["points"] for c in nb.cells if meta(c).get("grade")}


test_points.__test__ = False  # type: ignore[attr-defined]  # a helper, not a pytest test


def strip_markers(code: str) -> str:
    """The instructor's solution without nbgrader's BEGIN/END SOLUTION lines."""
    keep = [
        ln
        for ln in code.splitlines()
        if ln.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")
    ]
    return "\n".join(keep)
