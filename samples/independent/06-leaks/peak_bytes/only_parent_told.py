# Mistake: I thought an inner call only needs to warn the call directly around it before it resets the peak, so I raise the top entry of the stack only.
# Wrong on: peak_bytes(outer) where outer() calls peak_bytes(middle), middle() allocates and frees np.ones(1_000_000) and then calls peak_bytes(lambda: 0)  -> gives an outer peak of 264 bytes, correct is 8_000_336 (the middle call's array was alive during the outer call)
import tracemalloc


def peak_bytes(func, *args, **kwargs):
    stack = peak_bytes.__dict__.setdefault("open_peaks", [])
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    try:
        current, peak_so_far = tracemalloc.get_traced_memory()
        if stack:
            stack[-1] = max(stack[-1], peak_so_far)
        tracemalloc.reset_peak()
        start = current
        stack.append(start)
        try:
            result = func(*args, **kwargs)
        finally:
            mine = stack.pop()
        peak = max(mine, tracemalloc.get_traced_memory()[1]) - start
    finally:
        if started:
            tracemalloc.stop()
    return result, peak
