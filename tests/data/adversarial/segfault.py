"""Crashes the kernel with a segmentation fault when the 4th exercise's function is called."""

WHAT = "segfault (`ctypes.string_at(0)`) inside the 4th exercise's function"
BASE = "solution"
CELLS = {
    "contiguity": '''
def contiguity(shape, strides, itemsize):
    import ctypes
    return ctypes.string_at(0)
''',
}
OURS = {"*": "full", "test_contiguity": 0}
STOCK = "not graded"
FLAGGED = True
