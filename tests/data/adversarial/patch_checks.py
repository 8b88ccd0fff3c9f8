"""Replaces the course's check functions with ones that never fail."""

WHAT = "replace `npmem.checks` functions with no-ops"
BASE = "junk"
CELLS = {
    "strides_for": '''
import npmem.checks as _c
for _name in ("check_equal", "check_array", "check_view", "check_raises", "check_at_most"):
    setattr(_c, _name, lambda *args, **kwargs: None)

def strides_for(*args, **kwargs):
    return None
''',
}
OURS = {"*": 0}
# The tests of diagonal_view and windows also read the result's own flags, which no fake
# check answers: under stock nbgrader those two fail on the junk answers.
STOCK = {"*": "full", "test_diagonal_view": 0, "test_windows": 0}
FLAGGED = True
