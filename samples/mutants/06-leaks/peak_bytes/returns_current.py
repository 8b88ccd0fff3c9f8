# Mistake: reports the memory still allocated after the call instead of the peak during it.
def peak_bytes(func, *args, **kwargs):
    open_peaks = peak_bytes.__dict__.setdefault("open_peaks", [])
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        start, peak_so_far = tracemalloc.get_traced_memory()
        for i in range(len(open_peaks)):
            open_peaks[i] = max(open_peaks[i], peak_so_far)
        open_peaks.append(start)
        tracemalloc.reset_peak()
        try:
            result = func(*args, **kwargs)
        finally:
            open_peaks.pop()
            highest = tracemalloc.get_traced_memory()[0]
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, highest - start
