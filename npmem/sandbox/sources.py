"""Which code the verifier runs: the instructor's cells from the gradebook, the student's
solution cells from the submission, and nothing else (a :class:`~npmem.grading.answers.Plan`).

The instructor's side comes from the gradebook (the locked setup cells and the full test
cells, hidden tests included, as ``nbgrader generate_assignment`` saved them), in the order
of the source notebook. The student's side is, for each solution id, the cell nbgrader
itself would keep: the last cell carrying that id, whatever type or flags the student gave
it. Everything else the student added, removed or changed is ignored.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry

from npmem.grading.answers import ExercisePlan, Plan
from npmem.grading.cells import is_setup
from npmem.grading.cells import meta as cell_meta
from npmem.grading.cells import source as cell_source

_COURSE = object()


def plan(db_url: str, root: Path, assignment: str, notebook: str, ignore=_COURSE) -> Plan:
    """The instructor's cells of ``notebook``, from the gradebook, in source order, and the
    stderr pattern that does not count (``ignore``: nbgrader's ``IgnorePattern.pattern``,
    by default the course's)."""
    order = _order(root, assignment, notebook)
    setup, exercises, solutions, pending = [], [], [], []
    with Gradebook(db_url) as gb:
        for gid, kind in order:
            if kind == "solution":
                solutions.append(gid)
                pending.append(gid)
                continue
            try:
                cell = gb.find_source_cell(gid, notebook, assignment)
            except MissingEntry:
                continue
            if cell.cell_type != "code":
                continue
            if kind == "test":
                grade = gb.find_grade_cell(gid, notebook, assignment)
                exercises.append(
                    ExercisePlan(
                        gid,
                        cell.source,
                        float(grade.max_score),
                        list(pending),
                        [s for s in solutions if s not in pending],
                    )
                )
                pending = []
            elif kind == "setup":
                setup.append((gid, cell.source))
    if ignore is _COURSE:  # the course's IgnorePattern, as nbgrader loads its config
        from npmem.grading.config import nbgrader_settings

        ignore = nbgrader_settings(root).ignore_pattern
    return Plan(setup, exercises, solutions, ignore)


def _order(root: Path, assignment: str, notebook: str) -> list[tuple[str, str]]:
    """(grade id, "setup" | "solution" | "test") in notebook order.

    The source notebook gives the order; the release notebook (what students received)
    is used when the source is not at hand.
    """
    for folder in ("source", "release"):
        path = root / folder / assignment / f"{notebook}.ipynb"
        if path.exists():
            nb = nbformat.read(path, as_version=4)
            break
    else:
        raise FileNotFoundError(f"no source or release notebook for {assignment}/{notebook}")
    order = []
    for cell in nb["cells"]:
        meta = cell_meta(cell)
        gid = meta.get("grade_id")
        if not gid or cell.get("cell_type") != "code":
            continue
        if meta.get("solution") and not meta.get("grade"):
            order.append((gid, "solution"))
        elif meta.get("grade") and not meta.get("solution"):
            order.append((gid, "test"))
        elif is_setup(cell):
            order.append((gid, "setup"))
    return order


def read_notebook(path: Path) -> dict | None:
    """The notebook as nbgrader reads it, or None when it cannot be read at all.

    nbgrader (through nbconvert) reads every notebook with ``nbformat.read(...,
    as_version=4)``: an older format (3, cells inside worksheets, code in ``input``) is
    converted to format 4 first, so the verifier does the same and sees the same cells.
    """
    try:
        nb = nbformat.read(Path(path), as_version=4)
    except Exception:  # unreadable, not JSON, not a notebook of any known format
        return None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return None
    return nb


def student_solutions(nb: dict, solution_ids: list[str]) -> dict[str, str]:
    """Solution id -> the student's code, chosen as nbgrader's DeduplicateIds would.

    nbgrader keeps the last of several cells with one id (among cells flagged grade,
    solution or locked), and restores the cell's type and flags from the gradebook; so
    this takes the last such cell's source, or else the last cell with the id at all.
    """
    found: dict[str, str] = {}
    flagged: dict[str, str] = {}
    for cell in nb.get("cells", []):
        if not isinstance(cell, dict):
            continue
        meta = cell_meta(cell)
        gid = meta.get("grade_id")
        if gid not in solution_ids:
            continue
        found[gid] = cell_source(cell)
        if meta.get("grade") or meta.get("solution") or meta.get("locked"):
            flagged[gid] = cell_source(cell)
    return {gid: flagged.get(gid, found[gid]) for gid in solution_ids if gid in found}
