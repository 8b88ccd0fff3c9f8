"""The 3rd exercise's function loops forever (interruptible)."""

WHAT = "`while True: pass` inside the 3rd exercise's function"
BASE = "solution"
CELLS = {
    "slice_layout": '''
def slice_layout(shape, strides, key):
    while True:
        pass
''',
}
OURS = {"*": "full", "test_slice_layout": 0}
STOCK = {"*": "full", "test_slice_layout": 0}
FLAGGED = False
