"""Ships a fake `npmem` package next to the notebook: the kernel imports it first."""

WHAT = "a fake `npmem/checks.py` handed in next to the notebook"
BASE = "junk"
FILES = {
    "npmem/__init__.py": "",
    "npmem/checks.py": '''
def _ok(*args, **kwargs):
    return None

check_equal = check_array = check_view = check_raises = check_at_most = _ok
check_close = check_at_least = check_freed = _ok
''',
}
OURS = {"*": 0}
# The tests of diagonal_view and windows also read the result's own flags, which no fake
# check answers: under stock nbgrader those two fail on the junk answers.
STOCK = {"*": "full", "test_diagonal_view": 0, "test_windows": 0}
FLAGGED = True
