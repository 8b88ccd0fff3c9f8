"""Writes 1 GiB next to the notebook in the second exercise's cell (the answers are correct)."""

WHAT = "write a 1 GiB file next to the notebook (correct answers)"
BASE = "solution"
PREPEND = {
    "byte_offset": '''
try:
    with open("flood.bin", "wb") as _f:
        for _ in range(1024):
            _f.write(b"x" * 2**20)
except OSError as _err:
    print("stopped:", _err)
''',
}
OURS = {"*": "full"}
STOCK = {"*": "full"}
# on a slow or busy disk stock nbgrader's cell outlives the test's 10 s cell timeout before
# the whole GiB is written: that cell then scores 0
STOCK_OR = [{"*": "full", "test_byte_offset": 0}]
FLAGGED = False
