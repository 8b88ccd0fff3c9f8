"""Forks without end, inside the 7th exercise's function."""

WHAT = "fork bomb (`while True: os.fork()`) in the 7th exercise's function"
BASE = "solution"
CELLS = {
    "flat_view": '''
def flat_view(x):
    import os
    while True:
        os.fork()
''',
}
OURS = {"*": "full", "test_flat_view": 0}
# stock nbgrader has no process limit: the tests run it inside a cgroup (256 processes)
STOCK = "not graded"
FLAGGED = True
