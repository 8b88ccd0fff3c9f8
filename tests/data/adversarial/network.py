"""Sends data to a server on the grading machine (the answers are correct)."""

WHAT = "connect to a TCP server on the grading machine and send data (correct answers)"
BASE = "solution"
PREPEND = {
    "strides_for": '''
import socket
try:
    with socket.create_connection(("127.0.0.1", __PORT__), timeout=3) as _s:
        _s.sendall(b"answers and secrets")
except OSError as _err:
    print("no network:", _err)
''',
}
OURS = {"*": "full"}
STOCK = {"*": "full"}
FLAGGED = True
