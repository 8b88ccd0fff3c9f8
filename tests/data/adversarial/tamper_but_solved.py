"""A correct submission whose test cells were edited, deleted or retyped: full marks."""

WHAT = "correct answers, but test cells edited, deleted and retyped"
BASE = "solution"


def tamper(nb):
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    tests[0].source = "pass"
    tests[1].cell_type = "markdown"
    tests[1].pop("outputs", None)
    tests[1].pop("execution_count", None)
    nb.cells.remove(tests[2])


OURS = {"*": "full"}
STOCK = {"*": "full"}
FLAGGED = True
