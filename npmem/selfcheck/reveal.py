"""Worked solutions, shown once the learner has checked a real attempt (or insists)."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path

from . import locate, progress
from .report import Notice


@dataclass
class Solution:
    assignment: str
    exercise: str
    code: str

    def __str__(self) -> str:
        return f"Worked solution of {self.exercise} ({self.assignment}):\n\n{self.code}\n"

    def _repr_markdown_(self) -> str:
        return (
            f"**Worked solution of `{self.exercise}`** ({html.escape(self.assignment)})\n\n"
            f"```python\n{self.code}\n```\n\n"
            "Compare it with yours line by line. Then close this output, write the function "
            "again from memory in your own cell, and check again."
        )


def find_exercise(name: str) -> str:
    """The assignment whose notebook has the solution cell ``name``."""
    import nbformat

    from npmem.grading.cells import grade_id

    found = []
    for aid in locate.assignments():
        nb = nbformat.read(locate.source_notebook(aid), as_version=4)
        if any(grade_id(c) == name for c in nb.cells):
            found.append(aid)
    if not found:
        raise locate.SelfCheckError(
            f"There is no exercise called {name!r}: use the function's name, as in "
            'solution("strides_for").'
        )
    if len(found) > 1:
        raise locate.SelfCheckError(
            f"{name!r} is an exercise of {', '.join(found)}: say which, as in "
            f'solution("{name}", assignment="{found[0]}").'
        )
    return found[0]


def reference_code(assignment: str, name: str) -> str:
    import nbformat

    from npmem.grading.cells import solution_cells, strip_markers

    nb = nbformat.read(locate.source_notebook(assignment), as_version=4)
    cells = solution_cells(nb)
    if name not in cells:
        raise locate.SelfCheckError(f"{assignment} has no exercise called {name!r}.")
    return strip_markers(cells[name].source).strip("\n")


def _workdir(assignment: str, path) -> Path:
    try:
        return locate.workdir_of(locate.learner_notebook(assignment, path))
    except locate.SelfCheckError:
        return Path.cwd().parent


def solution(
    name: str,
    *,
    confirm: bool = False,
    assignment: str | None = None,
    path: str | os.PathLike | None = None,
):
    """The worked solution of exercise ``name``, once a check has recorded an attempt at it.

    ``confirm=True`` shows it without an attempt: try first, it is worth it.
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        return Notice("Worked solutions are not shown while nbgrader runs the notebook.", "info")
    try:
        assignment = locate.known_assignment(assignment) if assignment else find_exercise(name)
        code = reference_code(assignment, name)
    except locate.SelfCheckError as err:
        return Notice(str(err))
    workdir = _workdir(assignment, path)
    seen = progress.exercise(workdir, assignment, name)
    if not (seen.get("attempted") or confirm):
        return Notice(
            f"No checked attempt at {name} yet. Write your attempt in its cell, save "
            f"(Ctrl+S), run the Check my work cell at the end of the notebook, then ask "
            f'again. To see it now anyway: solution("{name}", confirm=True).'
        )
    if workdir.is_dir():
        progress.mark_revealed(workdir, assignment, name)
    return Solution(assignment, name, code)
