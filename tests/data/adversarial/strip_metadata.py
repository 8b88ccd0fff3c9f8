"""Removes the nbgrader metadata of every test cell and empties it."""

WHAT = "strip the test cells' nbgrader metadata and empty them"
BASE = "blank"


def tamper(nb):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            del cell.metadata["nbgrader"]
            cell.source = "pass"


OURS = {"*": 0}
STOCK = {"*": 0}
FLAGGED = True
