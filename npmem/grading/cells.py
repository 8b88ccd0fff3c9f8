"""nbgrader cell metadata: which cells are solutions and tests, their ids and points."""

from __future__ import annotations

import nbformat


def solution_cells(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    """Solution cells by grade id, in notebook order."""
    return {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }


def test_points(nb: nbformat.NotebookNode) -> dict[str, int]:
    """Points of each autograder test cell, by grade id."""
    return {
        c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }


test_points.__test__ = False  # a helper: pytest must not collect it where imported


def strip_markers(code: str) -> str:
    """The instructor's solution without nbgrader's BEGIN/END SOLUTION lines."""
    keep = [
        ln
        for ln in code.splitlines()
        if ln.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")
    ]
    return "\n".join(keep)
