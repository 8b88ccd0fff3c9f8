"""Adds a `pass` copy of every test cell, with the same id, after the original."""

import copy

WHAT = "duplicate every test cell with a `pass` copy (same id)"
BASE = "blank"


def tamper(nb):
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        if cell.metadata.get("nbgrader", {}).get("grade"):
            twin = copy.deepcopy(cell)
            twin.source = "pass"
            twin.id = cell.id + "-copy"  # a new cell id; the nbgrader id stays the same
            cells.append(twin)
    nb.cells = cells


OURS = {"*": 0}
# nbgrader 0.9.6 (with `add_missing_cells`) stops on this notebook with a traceback in
# OverwriteCells and records no grade for the student.
STOCK = "not graded"
FLAGGED = True
