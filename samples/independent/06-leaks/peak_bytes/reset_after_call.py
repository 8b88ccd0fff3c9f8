# Mistake: I thought "leave tracing as you found it" means resetting the peak again when I finish, so the next measurement starts clean.
# Wrong on: peak_bytes(lambda: peak_bytes(lambda: float(np.ones(1_000_000).sum())))  -> gives an outer peak of 269 bytes, correct is 8_001_176 (the inner call's array was alive during the outer call)
import tracemalloc


def peak_bytes(func, *args, **kwargs):
    stack = peak_bytes.__dict__.setdefault("open_peaks", [])
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    try:
        current, peak_so_far = tracemalloc.get_traced_memory()
        for i in range(len(stack)):
            stack[i] = max(stack[i], peak_so_far)
        tracemalloc.reset_peak()
        stack.append(current)
        try:
            result = func(*args, **kwargs)
        finally:
            mine = stack.pop()
        peak = max(mine, tracemalloc.get_traced_memory()[1]) - current
        tracemalloc.reset_peak()       # tidy up for whoever measures next
    finally:
        if started:
            tracemalloc.stop()
    return result, peak
