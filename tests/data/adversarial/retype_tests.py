"""Turns every test cell into a markdown cell, so that it never runs."""

WHAT = "retype every test cell as markdown"
BASE = "blank"


def tamper(nb):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.cell_type = "markdown"
            cell.pop("outputs", None)
            cell.pop("execution_count", None)


OURS = {"*": 0}
STOCK = {"*": 0}
FLAGGED = True
