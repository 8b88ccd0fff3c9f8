# Mistake: believes only the immediately enclosing call needs to hear about the peak before a reset, so raises only the innermost open entry; a grandparent call loses peaks reached inside the middle call before its inner call.
# Wrong on: outer = lambda: peak_bytes(middle)[1] where middle allocates and frees np.ones(500_000) then calls peak_bytes(np.ones, 10); peak_bytes(outer)[1] -> gives well under 4_000_000, correct is at least 4_000_000
import tracemalloc


def peak_bytes(func, *args, **kwargs):
    stack = peak_bytes.__dict__.setdefault("open_peaks", [])
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    current, peak_so_far = tracemalloc.get_traced_memory()
    if stack:
        stack[-1] = max(stack[-1], peak_so_far)
    tracemalloc.reset_peak()
    stack.append(current)
    start = current
    try:
        result = func(*args, **kwargs)
    finally:
        entry = stack.pop()
        peak = max(entry, tracemalloc.get_traced_memory()[1])
        if started:
            tracemalloc.stop()
    return result, peak - start
