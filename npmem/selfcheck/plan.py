"""What to run: the learner's notebook with the course's tests put back, as nbgrader would.

``nbgrader autograde`` cleans a submission before running it (``DeduplicateIds`` and
``OverwriteCells``): a cell id used twice counts only in its last copy, every locked
cell (the set-up and every test cell) gets the instructor's source back, hidden tests
included, and with ``add_missing_cells`` a deleted test cell returns after the cell
that preceded it. ``merge`` does the same from the course's source notebook, so
editing or deleting a test cell gains a learner nothing here either.

Each test cell is then split at ``### BEGIN HIDDEN TESTS`` into its visible and its
hidden part, run one after the other in the same kernel (exactly the statements of the
whole cell, in order), so the report can say which part failed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import nbformat

from npmem.grading.cells import Kind
from npmem.grading.cells import kind as cell_kind
from npmem.grading.cells import meta as cell_meta

BEGIN_HIDDEN = "BEGIN HIDDEN TESTS"  # nbgrader's ClearHiddenTests.begin_test_delimeter


@dataclass
class Cell:
    """One code cell of the notebook to grade."""

    source: str
    kind: str  # "solution", "tests", "readonly", "course" (untouched demo) or "learner"
    grade_id: str | None = None
    points: float | None = None
    tags: list[str] = field(default_factory=list)


def _is_gradebook_cell(meta: dict) -> bool:
    """The cells nbgrader records in the gradebook and restores (its ``source_cells``)."""
    return bool(meta.get("grade") or meta.get("solution") or meta.get("locked") or meta.get("task"))


def _dedupe(cells: list) -> None:
    """nbgrader's DeduplicateIds: of cells sharing a grade id, only the last keeps it."""
    seen: set[str] = set()
    for cell in reversed(cells):
        meta = cell_meta(cell)
        if not _is_gradebook_cell(meta) or "grade_id" not in meta:
            continue
        if meta["grade_id"] in seen:
            cell.metadata["nbgrader"] = {}
        else:
            seen.add(meta["grade_id"])


def _as_type(cell, cell_type: str):
    if cell.cell_type == cell_type:
        return cell
    new = (
        nbformat.v4.new_code_cell(cell.source)
        if cell_type == "code"
        else nbformat.v4.new_markdown_cell(cell.source)
    )
    new.metadata = cell.metadata
    return new


def merge(learner: nbformat.NotebookNode, source: nbformat.NotebookNode, *, add_missing: bool):
    """The learner's cells with the course's locked cells restored; returns notebook cells."""
    reference = {
        cell_meta(c)["grade_id"]: c for c in source.cells if _is_gradebook_cell(cell_meta(c))
    }
    cells = [copy.deepcopy(c) for c in learner.cells]
    _dedupe(cells)
    merged = []
    for cell in cells:
        meta = cell_meta(cell)
        gid = meta.get("grade_id")
        if gid is None:
            merged.append(cell)
            continue
        ref = reference.get(gid)
        if ref is None:  # an id the course does not know: nbgrader drops it, the cell stays
            cell.metadata["nbgrader"] = {k: v for k, v in meta.items() if k != "grade_id"}
            merged.append(cell)
            continue
        cell = _as_type(cell, ref.cell_type)
        cell.metadata["nbgrader"] = copy.deepcopy(cell_meta(ref))
        if cell_meta(ref).get("locked"):
            cell.source = ref.source
        merged.append(cell)
    if add_missing:
        _add_missing(merged, source)
    return merged


def _add_missing(cells: list, source: nbformat.NotebookNode) -> None:
    """OverwriteCells.add_missing_grade_cells: a deleted test cell returns after its neighbour."""
    order = [cell_meta(c)["grade_id"] for c in source.cells if _is_gradebook_cell(cell_meta(c))]
    by_id = {cell_meta(c)["grade_id"]: c for c in source.cells if _is_gradebook_cell(cell_meta(c))}
    for k, gid in enumerate(order):
        if not cell_meta(by_id[gid]).get("grade"):
            continue
        present = {cell_meta(c).get("grade_id"): i for i, c in enumerate(cells)}
        if gid in present:
            continue
        at = 0
        for previous in reversed(order[:k]):
            if previous in present:
                at = present[previous] + 1
                break
        cells.insert(at, copy.deepcopy(by_id[gid]))


def classify(merged: list, source: nbformat.NotebookNode) -> list[Cell]:
    """The code cells to consider running, each with what it is."""
    demos = {
        c.source
        for c in source.cells
        if c.cell_type == "code" and not _is_gradebook_cell(cell_meta(c))
    }
    out = []
    for cell in merged:
        if cell.cell_type != "code":
            continue
        meta = cell_meta(cell)
        tags = list(cell.get("metadata", {}).get("tags", []))
        nb_kind = cell_kind(cell) if meta.get("grade_id") else Kind.PLAIN
        if nb_kind is Kind.TEST:
            kind, points = "tests", float(meta.get("points", 0))
        elif nb_kind is Kind.SOLUTION:
            kind, points = "solution", None
        elif nb_kind is Kind.READONLY:
            kind, points = "readonly", None
        else:  # no autograded role (manually graded cells too): the grader skips them
            kind, points = ("course" if cell.source in demos else "learner"), None
        gid = meta.get("grade_id") if kind in ("tests", "solution", "readonly") else None
        out.append(Cell(cell.source, kind, gid, points, tags))
    return out


def split_test(source: str) -> tuple[str, str | None]:
    """(visible part, hidden part or None) of a test cell, at its BEGIN HIDDEN TESTS line."""
    lines = source.splitlines()
    for i, line in enumerate(lines):
        if BEGIN_HIDDEN in line:
            return "\n".join(lines[:i]).rstrip(), "\n".join(lines[i:])
    return source, None
