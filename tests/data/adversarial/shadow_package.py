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
# Stock nbgrader, since the hidden tests of 01-strides are seeded per cell and refuse
# named calls (2026-12-01): the shadow module no longer wins any exercise.
STOCK = {"*": 0}
FLAGGED = True
