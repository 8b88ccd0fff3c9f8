"""Answers the first exercise's visible examples from a table instead of computing them."""

WHAT = "hard-code the visible examples' answers (1st exercise)"
BASE = "solution"
CELLS = {
    "strides_for": '''
def strides_for(shape, itemsize, order="C"):
    return {((3, 4), 2, "C"): (8, 2), ((3, 4), 2, "F"): (2, 6), ((5,), 8, "C"): (8,)}.get(
        (tuple(shape), itemsize, order), ())
''',
}
OURS = {"*": "full", "test_strides_for": 0}
STOCK = {"*": "full", "test_strides_for": 0}
FLAGGED = False
