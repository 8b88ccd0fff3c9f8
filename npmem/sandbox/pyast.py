"""``ast.parse`` that may be called from several threads at once.

The verifier checks submissions in threads, and CPython 3.11's conversion of a parse tree
to ``ast`` objects keeps its recursion depth in state shared by every thread of the
interpreter (python/cpython#106905). When anything else touches that state meanwhile (two
parses, or a parse in a library: the ``traceback`` module parses source to place its
carets), the parse fails with ``SystemError: AST constructor recursion depth mismatch``
although the source is fine. Our parses run one at a time under a lock, and a parse that
fails that way is simply repeated: parsing is pure.
"""

from __future__ import annotations

import ast
import threading

_LOCK = threading.Lock()
ATTEMPTS = 20


def parse(source: str, *args, **kwargs) -> ast.AST:
    for attempt in range(ATTEMPTS):
        with _LOCK:
            try:
                return ast.parse(source, *args, **kwargs)
            except SystemError as err:
                if "recursion depth mismatch" not in str(err) or attempt == ATTEMPTS - 1:
                    raise
    raise AssertionError("unreachable")
