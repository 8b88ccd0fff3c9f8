# Mistake: before resetting the peak, updates only the innermost running call, not all of them.
def peak_bytes(func, *args, **kwargs):
    open_peaks = peak_bytes.__dict__.setdefault("open_peaks", [])
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        start, peak_so_far = tracemalloc.get_traced_memory()
        if open_peaks:
            open_peaks[-1] = max(open_peaks[-1], peak_so_far)
        open_peaks.append(start)
        tracemalloc.reset_peak()
        try:
            result = func(*args, **kwargs)
        finally:
            highest = max(open_peaks.pop(), tracemalloc.get_traced_memory()[1])
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, highest - start
