"""Exact memory measurements of one call, with ``tracemalloc``.

NumPy reports its data buffers to ``tracemalloc``, so these numbers count arrays
byte for byte and do not move with the allocator or the page cache the way resident
memory does. Test cells grade with them; demonstrations may show RSS beside them.
Memory-mapped pages are not allocations and are not counted.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from typing import Any


def _traced(func: Callable[..., Any], args, kwargs, collect: bool) -> tuple[Any, int, int]:
    """``(result, current, peak)`` of one call, in bytes above where tracing started;
    ``current`` is measured after a full collection when ``collect`` (else it is 0).
    Tracing is left as it was found."""
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = func(*args, **kwargs)
        peak = tracemalloc.get_traced_memory()[1]
        current = start
        if collect:
            gc.collect()
            current = tracemalloc.get_traced_memory()[0]
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, current - start, peak - start


def traced_call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, int, int]:
    """Run ``func`` under tracemalloc; return ``(result, growth, peak)`` in bytes.

    ``growth`` is what is still allocated after the call (and a full collection) above
    what was allocated before it; ``peak`` is the highest point during the call, above
    the same start. The result counts in both, since it is alive when the call returns.
    Tracing is left as it was found.
    """
    return _traced(func, args, kwargs, collect=True)


def peak_memory(func: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, int]:
    """Call ``func`` and return ``(result, peak)``: the most bytes it held at once, above
    what was allocated when it started (the same peak as ``traced_call``'s, without its
    full collection afterwards, so it is cheap enough to call in a loop)."""
    result, _growth, peak = _traced(func, args, kwargs, collect=False)
    return result, peak
