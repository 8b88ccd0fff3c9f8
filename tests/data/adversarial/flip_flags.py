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
STOCK = {"*": 0}
FLAGGED = True
