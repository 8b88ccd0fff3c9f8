"""Raises the points of one test cell and renames the id of another."""

WHAT = "change a test's points to 100 and rename another test's id"
BASE = "blank"


def tamper(nb):
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    tests[0].metadata.nbgrader["points"] = 100
    tests[1].metadata.nbgrader["grade_id"] = "test_free_points"
    tests[1].source = "pass"


OURS = {"*": 0}
# nbgrader 0.9.6 (with `add_missing_cells`) stops on this notebook with a traceback in
# OverwriteCells and records no grade for the student.
STOCK = "not graded"
FLAGGED = True
