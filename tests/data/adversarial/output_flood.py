"""Prints 100 MB in the first exercise's cell (the answers are correct)."""

WHAT = "print 100 MB (correct answers)"
BASE = "solution"
PREPEND = {"strides_for": 'print("x" * 10**8)\n'}
OURS = {"*": "full"}
STOCK = {"*": "full"}
# seen once (2026-12-01, a loaded machine, the suite's 3 GiB guard around stock nbgrader):
# the notebook was not graded at all; the cause was not investigated
STOCK_OR = ["not graded"]
FLAGGED = False
