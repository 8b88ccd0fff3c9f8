"""Ignores SIGINT, then loops forever in the 6th exercise's cell: interrupts do nothing."""

WHAT = "ignore SIGINT, then loop forever in the 6th exercise's cell"
BASE = "solution"
CELLS = {
    "windows": '''
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass
''',
}
OURS = {"*": "full", "test_windows": 0}
STOCK = {"*": "full", "test_windows": 0, "test_flat_view": 0}
FLAGGED = True
