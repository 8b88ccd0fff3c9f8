"""Prints 100 MB in the first exercise's cell (the answers are correct)."""

WHAT = "print 100 MB (correct answers)"
BASE = "solution"
PREPEND = {"strides_for": 'print("x" * 10**8)\n'}
OURS = {"*": "full"}
STOCK = {"*": "full"}
FLAGGED = False
OBSERVE = "output"
