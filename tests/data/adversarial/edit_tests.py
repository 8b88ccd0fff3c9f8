"""Replaces the code of every test cell with `pass`."""

WHAT = "edit every test cell to `pass`"
BASE = "blank"


def tamper(nb):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.source = "pass"


OURS = {"*": 0}
STOCK = {"*": 0}
FLAGGED = True
