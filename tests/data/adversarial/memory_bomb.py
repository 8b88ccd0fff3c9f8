"""Allocates 800 MB arrays until memory runs out, inside the 5th exercise's function."""

WHAT = "allocate (and touch) 800 MB arrays without end, in the 5th exercise's function"
BASE = "solution"
CELLS = {
    "diagonal_view": '''
def diagonal_view(a):
    blocks = []
    while True:
        blocks.append(np.ones(10**8))
''',
}
OURS = {"*": "full", "test_diagonal_view": 0}
# stock nbgrader has no memory limit: the tests run it inside a 3 GiB cgroup, where the
# kernel is usually killed (the notebook is not graded); when the machine's free memory
# makes np.ones raise MemoryError first, the kernel survives and only that cell fails
STOCK = "not graded"
STOCK_OR = [{"*": "full", "test_diagonal_view": 0}]
FLAGGED = False
