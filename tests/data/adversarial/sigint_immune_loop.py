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
# Stock: nbclient interrupts the cell after the timeout, nothing answers, and it raises
# CellTimeoutError ("Timeout waiting for IOPub output"): nbgrader records no grade.
STOCK = "not graded"
FLAGGED = True
