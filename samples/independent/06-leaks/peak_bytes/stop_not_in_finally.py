# Mistake: I thought an exception from func propagates by itself, so stopping tracemalloc after the call is enough and no try/finally is needed.
# Wrong on: peak_bytes(int, "not a number") (raises ValueError), then tracemalloc.is_tracing()  -> gives True (tracing left on), correct is False (the meter stops what it started even when func raises)
import tracemalloc


def peak_bytes(func, *args, **kwargs):
    stack = peak_bytes.__dict__.setdefault("open_peaks", [])
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
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
    if started:
        tracemalloc.stop()
    return result, peak
