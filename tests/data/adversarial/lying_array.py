"""Returns an ndarray subclass whose comparisons, shape, dtype and flags always agree."""

WHAT = "return an `ndarray` subclass that lies to every comparison"
BASE = "blank"
_LIAR = '''
import numpy as np

class _Anything:
    kind = "f"
    writeable = False
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False

class _Liar(np.ndarray):
    shape = property(lambda self: _Anything())
    dtype = property(lambda self: _Anything())
    flags = property(lambda self: _Anything())
    def __array_function__(self, func, types, args, kwargs):
        return True

def _liar():
    return np.zeros(1).view(_Liar)
'''
CELLS = {
    "diagonal_view": _LIAR + '''
def diagonal_view(a):
    return _liar()
''',
    "windows": _LIAR + '''
def windows(x, width):
    if not 1 <= width <= len(x):
        raise ValueError("width")
    return _liar()
''',
    "flat_view": _LIAR + '''
def flat_view(x):
    if not x.flags.c_contiguous:
        raise ValueError("not contiguous")
    return _liar()
''',
}
OURS = {"*": 0}
# Stock nbgrader since the 01-strides tests of 2026-12-01 (diagonal_view asks for a
# writeable view, flat_view is tested on non-contiguous arrays): windows alone is won.
STOCK = {"*": 0, "test_windows": "full"}
FLAGGED = True
