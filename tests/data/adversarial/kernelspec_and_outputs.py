"""Names another kernel and pre-fills every test cell with a clean, successful output."""

import nbformat

WHAT = "another kernelspec, and test cells pre-filled with clean outputs"
BASE = "blank"


def tamper(nb):
    nb.metadata["kernelspec"] = {"name": "bash", "display_name": "Bash", "language": "bash"}
    for n, cell in enumerate(nb.cells):
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.execution_count = n
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="all passed\n")]


OURS = {"*": 0}
STOCK = {"*": 0}
FLAGGED = True
