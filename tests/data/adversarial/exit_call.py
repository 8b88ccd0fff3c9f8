"""Calls exit() in the 3rd exercise's cell, which shuts the IPython kernel down."""

WHAT = "`exit()` in the 3rd exercise's cell"
BASE = "solution"
CELLS = {"slice_layout": "exit()\n"}
OURS = {"*": "full", "test_slice_layout": 0}
STOCK = "not graded"
FLAGGED = True
