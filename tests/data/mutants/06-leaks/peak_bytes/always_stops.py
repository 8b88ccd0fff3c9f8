# Mistake: always stops tracemalloc at the end, even when the caller was already tracing.
def peak_bytes(func, *args, **kwargs):
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = func(*args, **kwargs)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, peak - start
