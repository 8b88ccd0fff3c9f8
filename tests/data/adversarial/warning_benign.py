"""Correct answers whose first function emits a RuntimeWarning: nothing to punish."""

WHAT = "correct answers that emit a `RuntimeWarning` (benign)"
BASE = "solution"
PREPEND = {"strides_for": "import warnings\n"}
APPEND = {"strides_for": '''
_strides_for = strides_for

def strides_for(shape, itemsize, order="C"):
    warnings.warn("just so you know", RuntimeWarning)
    return _strides_for(shape, itemsize, order)
'''}
OURS = {"*": "full"}
STOCK = {"*": "full"}
FLAGGED = False
