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
# Stock nbgrader has no process limit: the tests run it inside a cgroup (256 processes).
# There the function fails and costs its exercise, or the forked copies of the kernel
# answer the grader in its place until it gives up on the notebook (both were seen); and
# the bomb's children outlive the kernel, spin and hold the cap, so a student graded after
# it may get no grade at all. The suite grades it in a course of its own under stock.
ALONE = True
STOCK = {"*": "full", "test_flat_view": 0}
STOCK_OR = ["not graded"]
FLAGGED = True
