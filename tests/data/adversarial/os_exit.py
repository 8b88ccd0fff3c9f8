"""Kills the kernel with os._exit in the second exercise's cell."""

WHAT = "`os._exit(1)` in the 2nd exercise's cell"
BASE = "solution"
CELLS = {"byte_offset": "import os\nos._exit(1)\n"}
OURS = {"*": "full", "test_byte_offset": 0}
STOCK = "not graded"
FLAGGED = True
