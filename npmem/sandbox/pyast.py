"""``ast.parse`` that may be called from several threads at once.

The verifier checks submissions in threads, and CPython 3.11's parser keeps its recursion
depth in state shared between threads: two parses at the same moment can fail with
``SystemError: AST constructor recursion depth mismatch`` (python/cpython#106905). One
lock around the parse costs microseconds.
"""

from __future__ import annotations

import ast
import threading

_LOCK = threading.Lock()


def parse(source: str, *args, **kwargs) -> ast.AST:
    with _LOCK:
        return ast.parse(source, *args, **kwargs)
