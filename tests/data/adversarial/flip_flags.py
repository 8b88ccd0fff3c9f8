"""Marks every test cell as an answer cell ("solution": true) and empties it."""

WHAT = "flag every test cell as an answer cell and empty it"
BASE = "blank"


def tamper(nb):
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            meta["solution"] = True
            meta["locked"] = False
            cell.source = "pass"


OURS = {"*": 0}
# nbgrader 0.9.6 (with `add_missing_cells`) stops on this notebook with a traceback in
# OverwriteCells and records no grade for the student.
STOCK = "not graded"
FLAGGED = True
