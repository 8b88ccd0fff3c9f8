# Mistake: pops its entry off the list of open peaks only when func returns normally, so an inner call that raises leaves its entry behind for the caller to pop.
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
        result = func(*args, **kwargs)
        highest = max(open_peaks.pop(), tracemalloc.get_traced_memory()[1])
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, highest - start
