"""Deletes every test cell."""

WHAT = "delete every test cell"
BASE = "blank"


def tamper(nb):
    nb.cells = [c for c in nb.cells if not c.metadata.get("nbgrader", {}).get("grade")]


OURS = {"*": 0}
STOCK = {"*": 0}
FLAGGED = True
